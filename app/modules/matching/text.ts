// How the matcher reads text before it looks for concepts: one spelling (traditional characters and
// full-width letters read as simplified and half-width, on wishes and offers alike), the sentences
// that ask for something, homophone slips of the vocabulary's own words (电平车 → 电瓶车, 付导 →
// 辅导), and what an offer says it does not do. Pure: used when building queries, when indexing and
// when deciding whether an offer is shown.
import * as OpenCC from "opencc-js";
import { pinyin } from "pinyin-pro";
import { boundedMemo } from "~/lib/bounded-memo";

/** Bumped when the reading of text changes, so documents read the old way are indexed again. */
export const TEXT_READING = 32;

let toSimplified: ((text: string) => string) | null = null;

/** Traditional → simplified (OpenCC's tables), full-width letters and digits → half-width, lower case, runs of spaces → one. */
export function normaliseText(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: "t", to: "cn" });
  // Full-width letters and digits only: Chinese punctuation (，？！) stays as it is.
  const halfWidth = text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
  return toSimplified(halfWidth)
    // Dictated by voice, punctuation comes out as words (…存退休金的逗号我不会用手机银行).
    .replace(/逗号/g, "，")
    .replace(/句号/g, "。")
    .replace(/[ \t]+/g, " ")
    .toLowerCase();
}

/** Sentences (and clauses ending in ; or a line break), without their end marks, empty ones dropped. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/[。！？!?；;\n]+|(?<=\p{Script=Han}) +(?=\p{Script=Han})/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Words with which residents ask for something: the sentence holding one is the request. */
const REQUEST =
  /(?<![不没回思])想(?!不|起|当年|着)|需要|能不能|能否|可不可以|可以帮|帮忙|帮帮|帮我|帮着|求|麻烦|希望|盼|请|有没有|谁能|谁会|哪位|找人|找个|来个|(?<![不没])给.{0,4}(弄|修|看|换|装)|急需|怎么办|咋办|咋整|找谁|(有人|有个人|来个人|能来人)[^，,。；;]{0,14}就好了|指望|哪有|哪儿有|哪里有|上哪|去哪|哪里能|哪儿能|怎么弄|咋弄|怎么处理|(嘛|什么|啥)时候(能)?(来|过来|再来)|怎么报|还能报|^(我|俺)?听(说|人说|人家说|别人说|(楼下|楼上|邻居|老邻居|街坊|朋友|老姐妹|群里|网上)[^，,说]{0,2}说)[^，,]{0,10}(有(?!人|点|些|一点)|也能|能不能)[^，,]{1,14}([，,](介|这|那)?是真的吗)?$|(?<![没所])(还)?有(地方|人|谁|单位|机构|志愿者|师傅|老师|医生|大夫)[^，,。；;]{0,12}(?<![什怎那这多])[吗么](?=$|[？?！!。，,呀啊呢])|(?<![没所])有(修|卖|教|治|收)[^，,。；;]{1,10}的[吗么](?=$|[？?！!。，,呀啊呢])|^(介个|这个|那个|要|得|办)*(嘛|什么|啥|哪些)手续|(怎么|咋|如何)签约|如何(申请|办理)/;

/** Applied for elsewhere or already (施工资金另行申请): said of something, not asked. */
const NOT_ASKED = /另行申请|另外申请|已经?申请/g;

export const isRequestSentence = (sentence: string): boolean => REQUEST.test(sentence.replace(NOT_ASKED, ""));

/**
 * The sentences of a wish's description that ask for something. Empty when none does (then the
 * whole story is read evenly) or when every sentence does (nothing to tell apart).
 */
export function requestSentences(description: string): string[] {
  return askingUnits(sentencesOf(description), 0);
}

const SHORT_STORY = 3;
/** A question this short names nothing itself (嘛时候来？ 该怎么办呢？): it asks about the sentence before. */
const BARE_QUESTION = 6;

/**
 * What a story asks: its asking sentences; in a story told in one sentence (我是岷江里的，老伴住院了，
 * …，想找人每礼拜帮着去超市买买菜、带点药), the clauses that ask. Empty when nothing, or everything, asks.
 */
export function askingOfStory(description: string): string[] {
  const sentences = sentencesOf(description);
  if (sentences.length !== 1) return askingUnits(sentences, BARE_QUESTION);
  // A clause that asks often names what it asks for in the clause before (不会写起诉状，谁能帮着写一份).
  // Told in two or three clauses, a story has no background to leave out (我想问问能不能告他，听说有免费的律师).
  const clauses = sentences[0]!.split(/[，,；;]+/).filter((c) => c.trim());
  const asking = clauses.length > SHORT_STORY ? askingUnits(clauses, Infinity) : [];
  return asking.length ? [asking.join("，")] : [];
}

/**
 * The units (sentences, clauses) that ask, each with the one before when it is no longer than
 * `leaning`; empty when none asks, or every one does (nothing to tell apart).
 */
function askingUnits(units: string[], leaning: number): string[] {
  const leans = (i: number) => i + 1 < units.length && units[i + 1]!.length <= leaning && isRequestSentence(units[i + 1]!);
  const asking = units.filter((unit, i) => isRequestSentence(unit) || leans(i));
  return asking.length === units.length ? [] : asking;
}

/**
 * The clauses of a short text (a title) that ask, joined; null when none does or every one does
 * (摔了胯骨下不了楼，想有人送饭 → 想有人送饭).
 */
export function askingClauses(text: string): string | null {
  const clauses = shortClauses(text);
  const asking = clauses.filter(isRequestSentence);
  return asking.length && asking.length < clauses.length ? asking.join("，") : null;
}

/** The clauses of a text that ask, joined (all of them when every one does; "" when none does). */
export const requestClauses = (text: string): string => shortClauses(text).filter(isRequestSentence).join("，");

/** Clauses split at every punctuation mark and space, the enumeration comma too. */
const shortClauses = (text: string) =>
  text
    .split(/[，,、：:；;。！？!?\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);

// ---- Homophone slips --------------------------------------------------------------------------

const readingsCache = new Map<string, Set<string>>();

/**
 * A character's readings without tones (every reading of a polyphone), itself for non-Han characters.
 * Its usual reading is also heard with zh, ch, sh as z, c, s (marked ~, so it meets only another
 * character's usual reading): Tianjin speech (and many a pinyin input) makes no difference between
 * them (跳匝 for 跳闸). Only the usual ones: 说 read shui (游说) would make 一说 a slip for 一岁, and
 * 谁 (shui) one for 尿 (sui) in 谁管.
 */
function readings(char: string): Set<string> {
  let known = readingsCache.get(char);
  if (!known) {
    known = /\p{Script=Han}/u.test(char)
      ? new Set(pinyin(char, { toneType: "none", multiple: true, type: "array" }).map((r) => r.replace(/v/g, "ü")).flatMap((r, i) => (i === 0 ? [r, `~${r.replace(/^([zcs])h/, "$1")}`] : [r])))
      : new Set([char]);
    readingsCache.set(char, known);
  }
  return known;
}

interface IndexedWord {
  word: string;
  chars: string[];
  readings: Set<string>[];
}

export interface HomophoneIndex {
  /** The words by each toneless reading of their first character, so a text is scanned in one pass. */
  byFirst: Map<string, IndexedWord[]>;
}

const isHan = (char: string) => /\p{Script=Han}/u.test(char);

/** Indexes words of 2–4 Han characters for homophoneSlips (each character by each of its readings). */
export function homophoneIndex(words: Iterable<string>): HomophoneIndex {
  const byFirst = new Map<string, IndexedWord[]>();
  for (const word of new Set(words)) {
    const chars = [...word];
    if (chars.length < 2 || chars.length > 4 || !chars.every(isHan)) continue;
    const entry = { word, chars, readings: chars.map(readings) };
    for (const reading of entry.readings[0]!) byFirst.set(reading, [...(byFirst.get(reading) ?? []), entry]);
  }
  return { byFirst };
}

/**
 * Grammatical particles, question words and the copula: written where they belong, never a slip for a
 * word's character (没声了 is not 声乐; 到底谁管 is not 水管; 最好是能连手机的 is not 失能).
 */
const PARTICLES = new Set([..."了的着地得吗呢吧啊呀嘛哦谁啥咋是"]);

const sharesReading = (a: Set<string>, b: Set<string>) => {
  for (const r of a) if (b.has(r)) return true;
  return false;
};

/**
 * Words of the index that the text seems to mean but spells with a homophone: a run of characters
 * that reads like the word (toneless pinyin, any reading of each character), is not the word, shares
 * at least one character with it (so two unrelated words that happen to sound alike do not count),
 * and differs in one character (two for words of four). 电平车 → 电瓶车, 付导 → 辅导.
 * With `boundaries` (the character offsets where the text's words start and end, from a
 * segmenter), a run must start and end on them: in 希望银行 the run 望银 sounds like 网银 but cuts
 * through 希望 and 银行, two words the resident spelled right.
 */
export function homophoneSlips(
  text: string,
  index: HomophoneIndex,
  boundaries?: ReadonlySet<number>,
): { written: string; meant: string }[] {
  const chars = [...text];
  const found = new Map<string, string>();
  for (let i = 0; i < chars.length - 1; i++) {
    if (!isHan(chars[i]!) || (boundaries && !boundaries.has(i))) continue;
    // 里 after a word is "in" (群里发发, 家里): no slip starts there (心里 for 心理 starts at 心).
    if (chars[i] === "里" && i > 0 && isHan(chars[i - 1]!)) continue;
    const seen = new Set<IndexedWord>();
    for (const reading of readings(chars[i]!))
      for (const entry of index.byFirst.get(reading) ?? []) {
        if (seen.has(entry)) continue;
        seen.add(entry);
        const length = entry.chars.length;
        if (i + length > chars.length) continue;
        if (boundaries && !boundaries.has(i + length)) continue;
        let same = 0;
        let alike = true;
        for (let k = 0; k < length && alike; k++) {
          const char = chars[i + k]!;
          if (char === entry.chars[k]) same += 1;
          else alike = isHan(char) && !PARTICLES.has(char) && sharesReading(readings(char), entry.readings[k]!);
        }
        if (!alike || same === length || same < 1 || length - same > Math.max(1, length - 2)) continue;
        if (text.includes(entry.word)) continue;
        found.set(chars.slice(i, i + length).join(""), entry.word);
      }
  }
  return [...found.entries()].map(([written, meant]) => ({ written, meant }));
}

// ---- What an offer says about itself ----------------------------------------------------------

/** Paused, stopped, closed for now: the offer is not taking anything. */
const PAUSED =
  /暂停(接单|服务|运营|营业|报名|预约|开放|受理|接待|办理|招募|开展|上门)|暂停(至|到)|(?<=^|[，。；;！!]|起|目前|现在|现|近期|暂时)暂停(新增|新|接收新|招收新)(的)?(订餐|用餐|送餐|助餐)?(报名|招生|学员|预约|会员|用户|成员|服务对象|个案|对象|学生|申请|用餐老人|老人|居民|家庭)(?![\u4e00-\u9fa5])|(?<=^|[，。；;！!]|起|目前|现在|暂时)暂停新增(?=$|[，。；;！!])|(项目|服务|业务|活动|门店|站点|本站|该站)(已|现已|目前)?暂停|(目前|现在|现|近期|本月|本季度|今年|冬季|暂时)(已)?暂停|暂时停止|暂时关闭|停止(预约|接单|服务|运营|营业|报名|受理)|暂不(接单|接受|受理|开放|预约|报名|服务)|(?<=^|[，。；;！!]|目前|现在|近期|暂时|本月|服务|项目|业务|活动)暂不(提供|开展)(服务|$|[，。；、！,;])|已停(办|运|止)|停办|已结课|恢复时间另行通知|停运|歇业|停业/g;
/** "Closed on holidays", "paused in a storm": a condition before the pause means it is not paused now. */
const CONDITIONAL = /遇|如|若|节假日|假期|春节|雨|雪|天气|期间|届时|时$/;

function saysPaused(text: string): boolean {
  for (const match of text.matchAll(PAUSED)) {
    const before = text.slice(Math.max(0, match.index - 8), match.index);
    if (!CONDITIONAL.test(before.slice(-6)) && !ELSEWHERE_BEFORE.test(before)) return true;
  }
  return false;
}
/** Those from elsewhere (平山道社区以外暂不受理, 外小区暂不接单): a limit of place, not a pause. */
const ELSEWHERE_BEFORE = /(以外|之外|外(社区|小区|街道)|(外|非本(社区|小区|街道)|其他(社区|小区|街道)的?)(居民|住户)?)的?$/;
/** Its capacity is spent: nothing more can be taken on now. */
const FULL =
  /名额已满|预约已满|报名已满|已经满员|已满员|已约满|约满了|额满(?!为止|即止|截止|即停|了?(就|请|需|可)?排队)|满额(?!为止|即止|截止|即停|了?(就|请|需|可)?排队)|报满(?!为止|即止|截止|即停|了?(就|请|需|可)?排队)|已排满|排满了|(名额|额度)(已)?用完|暂无名额|没有名额了|名额已约完|人数已满|已招满|招满了|(本月|这个月|当月|本学期|本期|本周).{0,6}(已满|排满|满了|没有名额)/;

/** Full, but part of it goes on ("送餐名额已满，堂食不受影响") or there is a waiting list (可登记候补). */
/**
 * A class that opens once its places are taken (报满开班, 额满后即开班, 凑够15人报满了就开课): no places taken
 * now. Not one already full and running (本期已报满开课, 已额满开课中).
 */
const OPENS_WHEN_FULL = /(?<!已|已经)(报满|额满|满额)了?(后|即|就|再|才|立即)*开(班|课)/g;
const FULL_BUT_OPEN = /不受影响|照常(开放|供应|营业|进行)|正常(开放|供应|营业)|候补/;

/** A clause in which the offer says what it does not do, or only links to others for (链接助餐、就医等资源). */
const EXCLUDES =
  /^(但|并|也)?不是(?!很|太|特别)[\u4e00-\u9fa5]{2,6}$|^不(清洗|洗|贴膜|外借|借|拆|搬|打扫|清理|清运|检测|安装|理发|剪|陪床|陪护|陪夜)[\u4e00-\u9fa5]{0,2}$|^非(?!常|遗|营利|本|物质|法|凡|处方)[\u4e00-\u9fa5]{2}|不接(?!立即|电话|听|通)|不提供|不做|不含|不包括|不负责|不承接|不受理|^不(入户|进户)(维修|服务|检查|安装)?$|(也|并|均|都)不发放|^(需要时|必要时|有需要的?|有需要时)?(帮忙|协助|帮助)?链接[^，。；]{1,12}资源$|不处理(?!完)|不上门|不办理|不代|不外送|不配送|不送(餐|饭)|无法提供|不在.{0,8}范围|不在[^，。；]{0,4}?(现场|网点|社区|店内|店里|这里|此)(办理|受理)|不属于.{0,10}范围|(无|没有|不具备).{0,4}(资质|执照)|(不能|无法|不可)(上门|入户|代|办理|提供)|除外|恕不|谢绝|不面向|不修|不维修|不修理|^[也都均亦]*不(疏)?通(?=下水|管道|马桶|地漏)|(?<![\u4e00-\u9fa5])不动(?!产|的|了|弹)|[也都均]不动(?!产|的|了|弹)|不碰|(不涉及|不予|不承担)(?![^，。；]{0,6}(费|收费|收取|钱|隐私|个人信息))|不帮(?!你|您|倒忙|的)|不参与|不收养(?!老)|不收(?!养|取|[^，。；]{0,6}(费|钱|押金|红包|礼))|不抓|不治|不拔|不补牙|不配|不装|不管(?!是|什么|多|刮|天|晴|大事)|不办(?!公)|(?<![打拧推拉掰撬睁])不开(?!心|放时|门时|机)|不回收|不染|不烫|不看(?!望)|不租|不售|不卖|不辅导|不托管|不教|不出具|不接送|不换(?!季|乘|气)|不等于(维修|修理)|请(联系|找|拨打|到|去).{0,6}(售后|厂家|厂商)|(修|做|办|管|接)不了|(也|都)不会(弄|修)|请(到|去|前往).{0,8}(办理|咨询)|请(直接)?(到|去|前往|找|联系).{0,12}(中心|医院|门诊|网点|店|派出所|残联|机构|窗口|营业厅|仲裁委|仲裁院|法院|劳动监察|供热站|热力)/;
/** Those it serves, not a part of what it does (暂停新增结对对象, but not 暂停新增送餐户). */
// A family doctor's new sign-ups (暂停新增签约，已签约居民随访照常) are its newcomers too.
const NO_NEWCOMERS = /新增(结对|服务|帮扶|探访)?(对象|服务对象|学员|会员|用户)|新增签约/;
/** A part of the offer it has stopped taking on ("本月起暂停新增送餐户"), while the rest goes on. */
const PART_PAUSED = /暂停|暂不(接|收|新增|受理|提供|开放)|停止(接|收|新增|受理|提供)|不再(接|收|新增|受理|提供)/;
/** The offer works with groups (talks, classes, campaigns), not with one household's problem. */
const GROUP_ONLY =
  /不(接|接受|接收|受理|承接)(个人|个案|单户|散户|私人|家庭|个体)(?!庭院|院落|小院|院子|自家|((家中|家里|家内|家庭)的?)?(装修|装潢|垃圾|杂物|旧家具)|阳台|绿植|种植|自种|树|花园)|不(接|接受|接收|受理|承接|做|提供)?个人个案|不(做|提供)(个案|个体|一对一(?!.{0,4}(补课|补习|家教))|入户)|不单独|(只|仅)(做|开展|提供|接)?.{0,4}(讲座|宣讲|宣传|培训|课堂|集体|团体|讲课|团课|演练)|(以|按)(社区|单位|楼栋|学校|班级)为单位|(只|仅)(面向|对)(单位|学校|机构|集体|团体|社区组织)|集中(授课|宣讲|讲座)|社区(需)?提前(约|预约|联系)场地/;
/**
 * Signed up by the community as a whole: group work when the offer is for many at once (讲座由社区统一预约);
 * a household service (空调清洗…由社区统一报名) is only asked through the community.
 */
const COMMUNITY_SIGNS_UP = /(?<!(可|可以|也|或)由?)(?<!的由)社区统一(组织|报名|预约|申请)/;
const GROUP_WORK = /讲座|宣讲|宣传|讲解|讲堂|知识|培训|课堂|讲课|上课|开课|课程|开班|演练|比赛|集中/;
const groupOnlyIn = (text: string, positive: string) => GROUP_ONLY.test(text) || (COMMUNITY_SIGNS_UP.test(text) && GROUP_WORK.test(positive));
/**
 * It sees people one by one, or comes to the home to do it (学生志愿者一对一教老人…只培训; 由社区统一报名，
 * 我们带移动终端上门办理; 客户经理帮着核实…每季度集中宣讲一次): its "只培训" or "社区统一报名" says how, not that it
 * works with groups only.
 */
const ONE_BY_ONE = /每户|每家|帮着(核实|核对|查|办|操作)|(?<!(如何|怎么|怎样|咋))协助[^，。；]{0,4}(报警|止付|挂失)|(?<!(不|无|无法|不能|没有|不做|不提供))一对一|(?<!(不|无|无法|不能|没有|不做|不提供))(上门|入户)(办理|服务|指导|教|讲解)|(?<=(可|可以|还可|也可|并可))(上门|入户)(劝阻|提醒|走访|探访)/;
/**
 * Not for residents at all (不面向居民小区, 不面向社区居民开放); not 不对个人, which takes a community's group, nor
 * 不面向居民收费 or 不面向居民个人报名.
 */
const NOT_FOR_RESIDENTS = /不面向居民小区|不面向(社区)?居民(开放)?(?=$|[，。；、])/;
/** Closed to residents as a clause of its own (不对社会居民开放), not at some times (工作日不对居民开放). */
const CLOSED_TO_RESIDENTS = /(?<=^|[，。；])不(对|向)(社会|社区|普通)?居民开放(?=$|[，。；])/;
/** …and open to some of them (仅对60岁以上老人开放, 晚上7点后对社区居民免费开放). */
const OPEN_TO_SOME = /(?<!不)(对|向)[^，。；]{1,12}开放/;
/** People turned away for their state (卧床老人不接助浴): the state, and what follows the refusal. */
const TURNED_AWAY_FOR_STATE = /^([\u4e00-\u9fa5]{2,4}?)的?(?:老人|孩子|儿童|患者|病人)(?:一律|均|暂|也)?(?:不接|不收|不做|不提供|谢绝)(?:收|受|待)?([\u4e00-\u9fa5]*)$/;
/** …not who they are or where from (非建档儿童, 其他居民, 外校孩子): read elsewhere. */
const NOT_A_STATE = /^(非|外|其他|其余|其它|别的|本|个人|社区|名单|志愿)/;
/** Outsiders turned away (不接收外校孩子, 非本单位职工不接待). */
const OUTSIDERS = /外(校|单位)|非本(校|单位)/;
/** A clause saying people are signed up by the community (由社区统一报名单, 由网格员转介，不接受个人直接报名). */
const THROUGH_COMMUNITY = /(社区|网格员|居委会)[^，。；]{0,6}(报名|申请|申报|上报|报街道|摸排|转介|推荐)|不接受?个人(直接)?(报名|申请|来电)|转介/;
/** Only for the organisation's own people (its pupils, staff, its home's residents: 仅限入住会员): not for the neighbourhood. */
const INTERNAL =
  /(仅限|只限|只对|只面向|仅面向|仅对|只收|仅收|只接收|仅接收)本(校|单位|院|公司|厂|园|机构|所)(?!.{0,2}(在管|管理|物业))|不接收外(校|单位)|内部(职工|员工|学生|人员)(专用)?$|(仅限|只限|只对|仅对|只面向|仅面向)[^，。；]{0,8}入住会员/;
/** Who an offer may be limited to (仅限本中心签约居民): a limit on who asks, not on where the help happens. */
const WHO = "居民|患者|病人|学生|职工|员工|会员|老人|业主|住户|家庭|人员|签约|儿童|家属|客户";
/** Does not come to the home (nor deliver there): 不上门, 不外送, 只在店内 (but not 仅限本中心签约居民). */
const NO_HOME_VISITS = new RegExp(
  "不(出诊)?(上门|入户|到家|送上门)(服务)?$|^不(上门|入户)(检查|维修|安装|办理)$|^不(上门|入户|到家|送上门)(服务)?、|^不出诊$|不(提供)?(外送|外卖|送餐|配送|送货|打包)(?!处方|药品|大件)|不(提供|开展)(上门|入户|到家)(服务|诊疗)?$" +
    `|(只|仅)(在|限)(?!.{0,12}(${WHO})).{0,8}(店|站|所|中心|门诊|活动室|现场|网点|营业厅|窗口|柜台)(?!.{0,2}(买|购|取))|(只|仅)(提供)?(到店|到站|到院|堂食|门诊)` +
    // In person only (只接待当面咨询; 须本人携带身份证到场): nobody comes, nor does a phone call do.
    "|(只|仅)(接待|接受|提供|限)?当面|(须|需|需要|必须)本人.{0,8}到(场|现场|网点|窗口)" +
    // Held at a place (每月10号在海滨街道文化广场): people come to it.
    "|^(每[月周天][^，。；]{0,6})?在[^，。；]{2,14}(广场|公园|空地|门口|大院|活动室|活动中心)[^，。；]{0,8}$" +
    // A class held in its hall (每周二上午在营业厅开班).
    "|^(每[月周天][^，。；]{0,8})?在[^，。；]{0,14}(营业厅|网点|服务站|服务中心|实践站|工作站|教室)(开班|开课|上课|授课)[^，。；]{0,8}$",
);

/** No one to deliver (目前没有送餐人手), eat there only (只能到中心吃或自带饭盒打走). */
const NO_DELIVERIES = /没有?送餐|暂?无送餐|无法送餐|不能送餐|(只能|只可以?)到[^，。；]{0,6}(吃|用餐|就餐)/;

/**
 * What an offer says it brings to the home (可预约上门办理社保卡激活): its "不提供上门" is then of
 * another part (银行卡挂失、补卡需本人到网点办理，不提供上门).
 */
const COMES_HOME =
  /(可|可以|能|预约|提供|免费|负责)(预约|约)?(上门|入户)(?!.{0,2}(请|需|须))|(志愿者|师傅|队员|社工|医生|大夫|护士|工作人员)(可|会|定期)?(上门|入户)|(我们|安排人?|派人|登记|报名|抽空|会|就)(后)?(上门|入户)|(上门|入户)去?(办理|服务|维修|随访|巡诊|护理|采血|送药|送餐|评估|指导|理发|剃头|剪|检测|检查|查看)|约(好)?时间(后)?(上门|入户)|送(药|货|餐|菜|饭)(上门|到家)|探访|走访|看望|^(上门|入户)(服务)?(仅|只)(限|对|面向)(?![^，。；]{0,10}(街道|镇|社区|小区|辖区|范围))/;

/**
 * "本社区行动不便的老人可送餐上门", "其他社区的老人欢迎来食堂就餐，暂不送餐", "上门只限西于庄街道", "送餐只送本社区":
 * home visits for its own place only.
 */
/** A limit of place put on its deliveries or home visits alone: 可送餐（限本社区）. */
const DELIVERIES_LIMITED_SOURCE = String.raw`(送餐|上门|入户|配送|送货)[^，。；]{0,4}[（(](仅|只)?限本(社区|小区)[^）)]{0,4}[）)]`;
const DELIVERIES_LIMITED = new RegExp(DELIVERIES_LIMITED_SOURCE, "g");
const HOME_VISITS_OWN_PLACE = new RegExp(
  `${DELIVERIES_LIMITED_SOURCE}|` +
    /本(社区|小区)[^，。；]{0,12}(可|可以|提供|负责)(预约)?(送餐上门|上门|入户|送到家)|本(社区|小区)[^，。；]{0,16}(送餐|配送|送饭)(到户|到家|上门)|(可以|可|能)?送(到|至)本(社区|小区)|(上门|入户|送餐|送货|配送)(服务)?(范围)?(只|仅)?限[^，。；]{0,10}(街道|镇|社区|小区|辖区)|(上门|送餐|送货|配送)(服务)?(只|仅)(送|到|上门到?)本(社区|小区|街道|镇)|(?<=^|[，。；])(只|仅)(送|配送)(到)?(?![^，。；]{0,10}(街道|镇))[^，。；]{2,10}(社区|小区)(范围)?内?(?=$|[，。；])|(其他|其余|其它|外|非本)(社区|小区)[^。；]{0,16}(暂?不|恕不|不能)(送|上门|入户|配送|外送)/.source,
);

function noHomeVisits(own: string): boolean {
  const clauses = clausesOf(own);
  // 行动不便的可预约上门 comes home: its 不 is of 不便.
  return (
    clauses.some((c) => NO_HOME_VISITS.test(c)) &&
    !clauses.some((c) => COMES_HOME.test(c) && !NO_HOME_VISITS.test(c) && !/不(?!便|方便|好|利索)/.test(c))
  );
}

/** For a programme's households only: those who would pay themselves are not taken (自费也不接). */
const NO_SELF_PAY = /自费(的|者|家庭|居民|用户)?(也|均|一律)?(不接|不受理|不服务|不做|不予受理|不提供)|不(接|受理|接受|承接)自费/;
/** Medicines sold without a prescription only (限非处方药; 处方药…不配送). */
const OVER_THE_COUNTER_ONLY = /(限|仅限|只限|仅|只)(售|送|配送|卖)?非处方药|处方药[^，,。；;]{0,14}不(配送|送|代购|代买|外送)/;
/** Takes no urgent jobs (急修不接), or only booked a week or days ahead: not for a wish that cannot wait. */
const NOT_URGENT = /每期\d{1,2}[次节]课|每期[一二三四五六七八九十]{1,2}[次节]课|急修不接|不接急|(需|须|需要)提前(一周|一个星期|一星期|[二两三四五六七]天|几天)(以上)?.{0,8}?(预约|登记|报名)/;
/** Runs only in the school holidays (仅寒假、暑假开班; 学期中不开班). */
const HOLIDAYS_ONLY =
  /(仅|只)(在)?(寒假|暑假|寒暑假|假期)|学期(中|内|期间)(不|暂停|停)|开学(后)?(即)?(停|暂停|结束)|(平时|平常|上学期间|上课期间)[^，。；]{0,2}(不开|不开班|停课|暂停|不接)/;
/** In term time on weekends only (学期中只在周六上午线下辅导): no help for every school day. */
const TERM_WEEKENDS_ONLY = /学期(中|内|期间)[^，。；]{0,2}(只|仅)(在)?(每)?(周六|周日|周末|双休日|星期六|星期天|礼拜六|礼拜天)/;
/**
 * Runs on weekends only, as its text tells (每周六上午在民园西里社区活动室): it names a weekend day and no
 * other (周一, 工作日, 每天, 平时), and not as a day it also works (周末照常, 含周末, 节假日不休).
 */
const WEEKDAY_TOLD = /(周|星期|礼拜)[一二三四五](?!次)|工作日|每天|每日|天天|平时|平日|全年|放学|课后/;
const WEEKEND_TOO = /(周末|双休日?|周六日?|节假日)(也|照常|不休|无休|正常)|(含|包括)(周末|双休|节假日)/;
/** A weekend it is closed (周末休息, 双休日及节假日不开放, 礼拜六礼拜天歇着): no day it runs. */
const WEEKEND_CLOSED =
  /(周末|双休日?|周六日?|周日|星期六|星期天|星期日|礼拜六|礼拜天|礼拜日|节假日|寒暑假|[及和、])+[^，。；]{0,4}?(休息|不开放|停课|不接|不托|歇|休|闭馆|停|不上课|不开)/g;
const weekendsOnly = (text: string) => {
  const open = text.replace(WEEKEND_CLOSED, "，");
  return WEEKEND.test(open) && !WEEKDAY_TOLD.test(open) && !WEEKEND_TOO.test(open);
};
export const WEEKEND = /周末|周六|周日|礼拜六|礼拜天|礼拜日|星期六|星期天|星期日|双休/;
/** Closed in the school holidays (寒暑假停课, 暑假暂停, 寒暑假停。). */
const TERM_ONLY = /(寒暑假|寒假|暑假|暑期|寒暑期)(期间)?(均|都|一律)?(停课|暂停|停|不开|休息|停止|不上课|放假|停班)/;
const GRADE_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
export const gradeNumber = (digit: string) => GRADE_NUMBER[digit] ?? Number(digit);
/** "只收一至三年级的孩子", "面向1-6年级": the school years an offer takes. */
const GRADE_RANGE = /([一二三四五六1-6])(?:至|到|-|~|—|－)([一二三四五六1-6])年级/;
/**
 * "面向小学生开展作业辅导", "仅限小学生", "只接小学生": primary school, all six years (not 中小学生); so too an offer
 * that turns junior pupils away (初中不收, 初中及以上不接).
 */
const PRIMARY_ONLY =
  /(面向|针对|招收|只收|仅收|只接|仅接|只限|仅限|服务|为)[^，。；]{0,6}(?<!中)小学生|初中(生)?(及以上|以上)?(的)?(不收|不接|不招|恕不接待)|不(收|接|招)初中/;
/** Junior pupils listed with the primary ones (面向本镇小学生、初中生). */
const JUNIOR_TOO = /小学生[、和及与](初中生|中学生)/;
function gradeRange(normal: string): [number, number] | null {
  const match = GRADE_RANGE.exec(normal);
  if (match) return [gradeNumber(match[1]!), gradeNumber(match[2]!)];
  // 面向本镇小学生、初中生: junior school too.
  if (PRIMARY_ONLY.test(normal)) return JUNIOR_TOO.test(normal) ? [1, 9] : [1, 6];
  return null;
}
/** Certificates an offer may be limited to, and a wish may say it lacks: the kind each names. */
const CREDENTIALS: [string, RegExp][] = [
  // 持证残疾人: a disabled person holding the certificate.
  ["disability", /残疾人?证|^证残疾人/],
  ["subsistence", /低保/],
  ["extreme_poverty", /特困/],
  ["senior_card", /老年证|老年卡/],
  ["residence_permit", /居住证/],
  // Means-tested help (法律援助 for those with 经济困难证明).
  ["hardship", /经济困难|困难证明/],
];
/**
 * "仅面向持有残疾人证的居民", "须持低保证", "持残疾人证的居民可申领": what follows names the
 * certificate asked for (持证心理咨询师 names none of CREDENTIALS).
 */
const REQUIRES = /(仅|只)(面向|限|对|为|接受|服务)?持有?|(须|需|需要|必须|凭)(持有?|出示|提供)?|持有?/g;
export function credentialsAfter(text: string, lead: RegExp, { alternativesOpen = false } = {}): string[] {
  const kinds = new Set<string>();
  for (const match of text.matchAll(lead)) {
    const start = match.index + match[0].length;
    const after = text.slice(start, start + 8);
    const clause = text.slice(start).split(/[，,。；;！？]/)[0]!;
    // "持残疾证居民及经评估的失能老人可借用": one way in of two, not a condition (but "没有残疾证或低保"
    // lacks both). Read in who it names, before what they may do (持残疾证人员可申请适配或短期借用).
    const who = clause.split(MAY)[0]!;
    // "持残疾证免押金": a certificate that costs less, not one without which nothing is done.
    const perk = PERK.test(who);
    for (const [kind, pattern] of CREDENTIALS)
      if (pattern.test(after) && after.search(pattern) <= 3 && !(alternativesOpen && (EITHER.test(who) || perk))) kinds.add(kind);
  }
  return [...kinds];
}

/** Only those it named before (仅限上述对象). */
const THOSE_LISTED_ONLY = /(仅|只)限(上述|以上|前述|上列)(对象|人群|人员|家庭|老人|居民)/;
/** Another way in beside the certificate (或, 及经评估的…). */
const EITHER = /或|及/;
/** Where who may ask ends and what they may do starts (持证残疾人可申请…). */
const MAY = /可以?|能|均可|申请|申领|借用|享受|提供/;
/** What a certificate brings besides (免押金, 优先, 减半). */
/** Put first or charged less (低保家庭优先): a perk, though those it names are the only ones served free (低保家庭免费). */
const PUT_FIRST = /优先|减免|减半|优惠|打折|折扣|半价/;
const PERK = new RegExp(`免(押金|费|收)?|${PUT_FIRST.source}`);
/** A door open to those without it (无证的术后、高龄老人可短期借用): the certificate is one way in, not the only one. */
const OPEN_WITHOUT = /(?:无|没有|未持有?|不持有?|非持)([\u4e00-\u9fa5]{0,4}证)的?[^，。；]{0,12}(?<![不只才])(?:也|亦|均)?(?:可以?|能)(?:短期|临时)?(?:借用|借|申请|申领|享受|使用|参加|租用|租借)/g;
function openWithout(own: string, kind: string): boolean {
  const pattern = CREDENTIALS.find(([k]) => k === kind)![1];
  // A bare 证 (无证的) is of whichever certificate was asked for.
  return [...own.matchAll(OPEN_WITHOUT)].some(([, named]) => named === "证" || pattern.test(named!));
}
/** "无残疾证的不在受理范围": those without it are turned away, so the certificate is asked for. */
const WITHOUT_IT = /(?:^|[，,])(?:无|没有|未持有?|不持有?|非持)(?=残疾人?证|低保|特困|老年证|居住证)/g;

/** Everyone else turned away (其他居民暂不接单, 其他家庭暂不受理): those it names are the only ones it takes. */
/** Everyone else, named as people (其他居民, 其余家庭). */
const OTHERS = "(其他|其余|其它)(居民|住户|人员|家庭|群体)";
const OTHERS_TURNED_AWAY = new RegExp(`${OTHERS}[^，。；]{0,4}(暂不|不|恕不|不予)(受理|接单|接|服务|办理)`);
const othersTurnedAway = (normal: string) => sentencesOf(normal).filter((sentence) => OTHERS_TURNED_AWAY.test(sentence));

/** Help for those of small means only (需携带经济困难证明; 经济困难居民可申请免费法律援助). */
const MEANS_TESTED = /(需|须)[^，。；]{0,8}(经济)?困难证明|符合经济困难(标准|条件)/;
/** A certificate that must be shown (须持本人残疾人证到…登记; 需持残疾证办理), not one that opens more (持残疾证的可申请配发). */
const MUST_HOLD = /(?<![无不免])(须|需|需要|必须)(持有?|出示|提供|凭)|(仅|只)(面向|限|对|为|接受|服务)持有?/g;
const MUST_HOLD_CLAUSE = new RegExp(MUST_HOLD.source);
/** A refusal of repairs as such, not of one thing (不修电脑手机 refuses those only). */
const NO_REPAIRS =
  /^(只.{1,3})?不(做|提供|负责|承接|接|管)?(维修|修理|修[\u4e00-\u9fa5]?)$|^只.{1,3}不修|^.{0,4}不等于(维修|修理)$|^(只|仅)?教.{0,4}不(教|管|负责|做)?(修|维修|修理)$/;
export interface OfferReading {
  /** The offer says it is paused or stopped. */
  paused: boolean;
  /** The offer says its places are taken (this month, this term): not shown until it takes requests again. */
  full: boolean;
  /** …but part of it goes on, or it keeps a waiting list: shown, lower. */
  fullButOpen: boolean;
  /** Works with groups only: lectures, classes, campaigns, not a household's own problem. */
  groupOnly: boolean;
  /**
   * …only because people are signed up through the community (由社区统一报名, 由网格员转介，不接受个人直接报名):
   * each household is still served on its own, once community staff ask for it.
   */
  throughCommunity?: boolean;
  /** Serves only its own people (仅限本校). */
  internal: boolean;
  /** Does not come to the home (不上门, 只在店里, 不外送). */
  noHomeVisits: boolean;
  /** The parts it says need a visit while the rest comes to the home (补卡需本人到网点办理，不提供上门). */
  inPersonParts: string[];
  /** Has no one to deliver (目前没有送餐人手, 暂时不能送餐): meals are eaten there or fetched. */
  noDeliveries: boolean;
  /** Comes to the home only in its own community (本社区…可送餐上门；其他社区…暂不送餐). */
  homeVisitsOwnPlaceOnly: boolean;
  /** …where that place is its street (上门服务限本街道辖区): the other communities of the street are in it. */
  homeVisitsOwnStreet: boolean;
  /** Runs in the school holidays only: not for a wish about school days. */
  holidaysOnly: boolean;
  /** Closed in the school holidays (寒暑假停课): not for a wish for the holidays. */
  termOnly: boolean;
  /** The school years it takes (一至三年级), when it says. */
  grades: [number, number] | null;
  /** The certificates it is limited to (仅面向持有残疾人证的居民): not for a wish that says it has none. */
  requires: string[];
  /**
   * Sentences whose help must be asked with a certificate (轮椅免费借用，须持本人残疾人证到…登记), its kind, and
   * whether the sentence says nothing else (需持残疾证办理): then it holds for all the offer does.
   */
  mustHold: { kind: string; sentence: string; alone: boolean }[];
  /** Takes no one new at all (本月起暂停新增结对对象): see NO_NEWCOMERS. */
  takesNoNewcomers: boolean;
  /** In term time only on weekends (学期中只在周六上午): see TERM_WEEKENDS_ONLY. */
  termWeekendsOnly: boolean;
  /** It names only weekend days as when it runs (每周六上午在…活动室): see WEEKENDS_ONLY. */
  weekendsOnly: boolean;
  /** Says it repairs nothing at all (只清洗，不做维修; 只教不修): see NO_REPAIRS. */
  noRepairs: boolean;
  /** The clauses naming what it does not do. */
  excludes: string[];
  /** Takes no one signing up alone (不接受个人报名): a community or an employer brings a group. */
  noIndividuals: boolean;
  /** Refuses private grounds (不进私家院落, 私人庭院和居民自种树木不在服务范围内). */
  noPrivateGrounds: boolean;
  /** Refuses large appliances (大家电不修): see LARGE_APPLIANCES. */
  noLargeAppliances: boolean;
  /**
   * Things it sends elsewhere (楼道等公共部位请找物业), or sends elsewhere when broken (`ofRepairs`: 燃气灶、热水器坏了请联系厂家售后,
   * 手机故障维修请到品牌售后网点): see referredThings.
   */
  referredThings: { thing: string; ofRepairs: boolean }[];
  /** The clauses naming a part it has stopped taking on for now (暂停新增送餐户). */
  pausedParts: string[];
  /** The communities it says it is limited to (仅限丰年里社区), and whether only its home visits are. */
  onlyFor: { communities: string[]; atHome: boolean };
  /** The text without those clauses: what the offer does. */
  positive: string;
  /** The kinds of card it names (社保卡: "social"; 工资卡, 存折: "bank"); see cardKinds. */
  cards: CardKind[];
  /** Serves only children and young people, or only older people (儿童青少年心理咨询，不接待成年人): see AUDIENCE. */
  audience: Audience | null;
  /** It takes only those it names (服务对象：…老人家庭，其他居民暂不接单). */
  othersTurnedAway: boolean;
  /** Not for residents at all (只面向单位，不面向居民小区): only for companies and shops. */
  notForResidents: boolean;
  /** Those it turns away for their state, and what it refuses them (卧床老人不接助浴: 卧床, 助浴); never a fee waived. */
  turnedAwayForState: { state: string; refused: string }[];
  /** For the estate's owners only (限本小区业主, 租户请联系房东): not for a tenant. */
  ownersOnly: boolean;
  /** Takes no urgent jobs, or only booked days ahead (需提前一周预约，急修不接). */
  notUrgent: boolean;
  /** Works only for those a programme pays for (名单外家庭不接单，自费也不接): not for one who would pay. */
  noSelfPay: boolean;
  /** It brings only medicines sold without a prescription (限非处方药). */
  overTheCounterOnly: boolean;
  /** Serves only its own estate or community, or its own street: never a fallback for a need beyond. */
  ownPlaceOnly: "community" | "street" | null;
  /** The one estate whose owners or residents it names (秋怡家园业主, 谊城公寓住户报修): not another community's. */
  estate: string | null;
  /** Serves the estates it manages only, named or not (业主报修, 在管小区): not a building with no property company. */
  managedEstatesOnly: boolean;
  /** The only appliances it repairs, when it lists them (只修电视冰箱洗衣机). */
  onlyAppliances: string[];
  /**
   * The vocabulary's concepts its "does not do" clauses evoke, less those its own text evokes too
   * (不代购药品 in a grocery run's offer: medicines); filled by the matcher, which knows the vocabulary.
   */
  refusedConcepts?: string[];
  /** The concepts the rest of its text evokes (filled with refusedConcepts). */
  ownConcepts?: string[];
  /** The category of each of those concepts, own and refused. */
  conceptCategories?: Record<string, string>;
  /** Only for the staff of an organisation it names (仅限港务局在职及退休职工家属). */
  staffOnly: boolean;
  /** Whose staff, as the offer names them (仅限油田职工及家属: 油田), or null. */
  staffOf: string | null;
  /**
   * Only for what it put in itself (只维修我公司安装的器材): the brands it names for them (器材上有"津体"标牌),
   * or null when it looks after anyone's.
   */
  ownInstallsOnly: { brands: string[] } | null;
  /** What it says are the only cases it takes (仅受理劳动争议类: 劳动争议), or null. */
  onlyCases: string | null;
  /** The concepts those cases evoke (filled by the matcher): a wish asking none of them is not its business. */
  onlyConcepts?: string[];
}

/** Clauses: split on every Chinese or ASCII punctuation mark but the enumeration comma (不做A、B). */
export const clausesOf = (text: string) =>
  text
    .split(/[，,。！？!?；;：:\n（）()]+/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * "仅限丰年里社区", "送餐上门仅限翠阜新村社区（试点）", "送餐覆盖新中村、四号路两个社区": the
 * communities it (or its part) is limited to.
 */
const ONLY_FOR = /(?:仅限|只限|仅对|只对|仅面向|只面向|仅服务|只服务|仅供|覆盖)([\u4e00-\u9fa5、和及]{2,30}?(?:社区|小区))/g;
/** "服务范围：龙潭路社区" says the same, before the colon that splits clauses. */
const SERVICE_RANGE = /服务(范围|区域)([：:为是]|仅?限)?(?=[\u4e00-\u9fa5]{2,30}?(社区|小区)(?![\u4e00-\u9fa5]))/g;

/** "仅限本物业服务的新中村社区居民": the estate it names, served by the company itself. */
const SERVED_BY_US = /^(本|我)(物业|公司|司|项目|项目部)(服务|管理|在管)的/;

/** "本项目（胜利路社区）住户报修": its own estate, named in brackets, is whom it serves. */
const OWN_NAMED = /本(?:项目|项目部|物业|小区|公司)[（(]([\u4e00-\u9fa5]{2,12}?(?:社区|小区))[）)](?=的?(?:住户|业主|居民))/g;

function onlyFor(normal: string): { communities: string[]; atHome: boolean } {
  const communities: string[] = [];
  let atHome = false;
  for (const clause of clausesOf(normal.replace(SERVICE_RANGE, "仅限").replace(OWN_NAMED, "仅限$1")))
    for (const [, name] of clause.matchAll(ONLY_FOR)) {
      // "仅限本社区" is the offer's own place, which the search already keeps to.
      // "覆盖鼓楼街道全部社区", "覆盖周边社区": no names.
      if (!name || /^(本|该|所在|辖区)|街道|全部|所有|各|周边|附近/.test(name.replace(SERVED_BY_US, ""))) continue;
      // "仅限市政道路及无物业老旧小区": kinds of place, not the names of communities.
      if (name.split(/[、和及]/).every((part) => NOT_AN_ESTATE.test(part) || /^(无物业|市政)/.test(part))) continue;
      // "仅限福顺里、朝阳里两个社区": each name of the list.
      communities.push(
        ...name
          .replace(SERVED_BY_US, "")
          .replace(/(两|三|四|五|几|这)个(社区|小区)$/, "")
          .split(/[、和及]/)
          .filter((part) => part.length >= 2),
      );
      if (AT_HOME_CLAUSE.test(clause.slice(0, clause.indexOf(name)))) atHome = true;
    }
  return { communities, atHome };
}

/** What it says of places it does not serve ("其他社区暂不受理"): not a pause, nor a "does not do". */
const OTHER_PLACES = /^(其他|其余|其它|外|非本|别的)(社区|小区|街道|片区|楼栋|单位)/;
/** …and of people it does not serve ("其他居民暂不接单" after the households it is for): that clause alone. */
const OTHER_PEOPLE = new RegExp(`^(${OTHERS}|非本(居民|住户|人员|家庭|群体))`);

/**
 * The clauses of an offer's text, leaving out what it says of places it does not serve, to the end
 * of that sentence ("其他社区居民欢迎来堂食，恕不送餐").
 */
const offerClauses = (normal: string) =>
  sentencesOf(normal).flatMap((sentence) => {
    const clauses = sentence
      .replace(REFUSAL_HEADER, "$1$2")
      .split(/[，,：:]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const elsewhere = clauses.findIndex((c) => OTHER_PLACES.test(c));
    return (elsewhere < 0 ? clauses : clauses.slice(0, elsewhere)).filter((c) => !OTHER_PEOPLE.test(c));
  });

/** "不修：自来水管、暖气管" heads a list of what it does not do: one clause with its list, not a bare "不修". */
const REFUSAL_HEADER = /(^|[，,])([^，,：:]{0,3}不[^，,：:]{1,3})[：:]/g;

/** A clause that only says "not this" of what came before it ("…请到门诊就诊，本项目不受理"). */
const BARE_EXCLUSION =
  /^(本项目|本服务|该项目|该服务|此项|以上|上述|均|一律|概|暂|(我们|咱们|我司)[也都均]?|[\u4e00-\u9fa5]{1,6}?(所|站|中心|公司|我们|我司|本店|物业|医院))?(不受理|不在.{0,6}范围内?|恕不(受理|接待)|概不(受理|负责)|不予受理|不接待|不提供|不负责(维修|处理|解决)?|不管|不碰|不接|不做)$/;

/** A referral that names nothing of its own (请找厂家, 请联系售后). */
const BARE_REFERRAL = /^请(直接)?(联系|找)(厂家|厂商|售后|物业|燃气公司|供热公司|热力公司)$/;
/** Where the things just refused should go instead (这类请找律师, 此类问题请联系物业). */
const REFUSED_SENT_ON = /^(这类|此类|这些|这种|以上|上述)[^，。；]{0,6}(请|需|可|应)(直接)?(联系|找|拨打|到|去|咨询)/;

/** "银行卡挂失、补卡需本人到网点办理，不提供上门": the part said to need a visit is what is not done at home. */
const IN_PERSON_PART = /(需|须|请|必须|要).{0,8}到.{0,6}(网点|窗口|柜台|店|现场|中心|营业厅|服务站)/;
const NOT_AT_HOME = /^不(提供)?(上门|入户)(服务|办理)?$/;

function inPersonParts(normal: string): string[] {
  const clauses = offerClauses(normal);
  return clauses.filter((clause, i) => IN_PERSON_PART.test(clause) && NOT_AT_HOME.test(clauses[i + 1] ?? ""));
}

/**
 * The clauses of an offer, sorted into what it does and what it says it does not do. A bracket
 * belongs to its clause ("户内维修（纱窗、水管）不在服务范围": the list is excluded with it), and a
 * bare "本项目不受理" excludes the clause before it.
 */
function sortClauses(normal: string): { excludes: string[]; kept: string[]; referrals: string[] } {
  const excludes: string[] = [];
  const kept: string[] = [];
  const referrals: string[] = [];
  // Whether the clause just read was a refusal: a bare one after it (…请到门诊就诊，本项目不受理) belongs with it.
  let afterRefusal = false;
  // …or a referral (燃气灶、热水器等燃气设备请联系燃气公司，我们不碰).
  let afterReferral = false;
  for (const clause of offerClauses(normal)) {
    const outside = clause.replace(/[（(][^）)]*[）)]?/g, "").trim();
    if (BARE_EXCLUSION.test(outside) && afterReferral) {
      referrals.push(`${referrals.pop()}，${outside}`);
      continue;
    }
    afterReferral = false;
    // Sent elsewhere with nothing named (…燃气灶打不着火属灶具维修，请找厂家): of the clause before, a refusal
    // (燃气灶一律不碰，请找燃气公司) or what it said it does.
    if (BARE_REFERRAL.test(outside) && (afterRefusal || kept.length)) {
      if (afterRefusal) excludes.push(`${excludes.pop()}，${outside}`);
      else referrals.push(`${kept.pop()}，${outside}`);
      afterReferral = !afterRefusal;
      continue;
    }
    if (BARE_EXCLUSION.test(outside) && (afterRefusal || kept.length)) {
      excludes.push(`${afterRefusal ? excludes.pop() : kept.pop()}，${clause}`);
      afterRefusal = true;
      continue;
    }
    // Where those just refused should go (不涉及财产继承等法律案件，这类请找律师或法律援助): not what it does, and
    // no refusal of its own (想请社区调解，不想找律师 asks nothing it refuses).
    if (afterRefusal && REFUSED_SENT_ON.test(outside)) continue;
    afterRefusal = EXCLUDES.test(outside);
    if (afterRefusal) {
      excludes.push(clause);
      continue;
    }
    // Sent elsewhere (楼道等公共部位请找物业): neither what it does nor a refusal of everything the clause says.
    if (SENT_ELSEWHERE.test(outside) && !HOW_TO_ASK.test(outside)) {
      referrals.push(outside);
      afterReferral = true;
      continue;
    }
    if (outside) kept.push(outside);
    for (const [, inside] of clause.matchAll(/[（(]([^）)]*)[）)]?/g))
      for (const part of clausesOf(inside ?? "")) (EXCLUDES.test(part) ? excludes : kept).push(part);
  }
  return { excludes, kept, referrals };
}
/** Individuals turned away (需社区、单位组织，20人以上成班，不接受个人报名). */
const NO_INDIVIDUALS = /不(接受|接|收|受理)个人(报名|申请)|个人不(能|可以?|接受)报名/;
/** Private grounds: a household's own yard and what it planted (私家院落, 私人庭院, 个人种的树, 居民自种树木). */
const PRIVATE_GROUNDS = /(私家|私人|个人|自家|居民自)[^，。；]{0,3}(院|树|花|菜)/;
/** How to ask the offer itself (报修请联系物业客服, 有需要请找社区登记), not a referral. */
const HOW_TO_ASK = /报修|预约|报名|登记|咨询|有需要|需要的/;
/** Sent to come in person (个人挂失、补卡请本人到柜台): read as a referral of the things named before. */
const IN_PERSON = /请本人(持[^，。；]{0,6})?(到|去)/;
/** A clause that sends something to others (请联系燃气公司, 请找物业, 归燃气公司管, 请本人到柜台). */
const SENT_ELSEWHERE = new RegExp(
  "请(直接)?(联系|找|拨打|到|去|送)[^，。；]{0,6}(售后|厂家|厂商|维修点|维修店|维修部|公司|物业)" +
    `|${IN_PERSON.source}[^，。；]{0,6}(柜台|网点|窗口|营业厅)` +
    "|^[^，。；]{2,12}归[^，。；]{0,6}(公司|物业)(管|负责)?$",
);

/**
 * Says it serves only its own estate or community (非本小区业主不在服务范围, 仅限本社区居民, 在管小区),
 * or its own street (送餐覆盖鼓楼街道全部社区): nothing for a need beyond, even nearby, unless it
 * opens itself to the neighbours too.
 */
const OWNERS_ONLY = /(仅限|只限|(?<![不无])限|仅服务|只服务|仅面向|只面向)(本小区|本楼|本院|小区)?(产权)?业主|租户.{0,6}(联系|找)房东|不(接|服务|受理|面向)租户/;
const OWN_COMMUNITY_ONLY =
  /(仅限|只限|(?<![不无])限|仅服务|只服务|只面向|仅面向|仅对|只对|仅接收|只接收|仅接|只接|仅收|只收)本(小区|社区|项目|楼|院)|非本(小区|社区|项目|楼|院)|本(小区|社区|项目)(业主|住户)(?!优先)|在管(小区|项目|楼)|管理区域内|(外|其他|其它|其余)(社区|小区)(居民|住户|老人)?(暂|均|一律)?(不|恕不)(受理|接|服务)|本物业(服务|管理)的?([\u4e00-\u9fa5]{0,8}?(小区|社区)|项目|范围|楼门|楼栋|楼)|(?<=^|[，。；])(一律|均)?不对外(开放|营业|接待|服务)?(?=$|[，。；])/;
const OWN_STREET_ONLY =
  /覆盖.{0,8}街道|(仅限|只限)本街道|本街道(辖区)?(建档|签约|在册|常住)?(居民|户籍)(?!优先)|(仅|只)(限|服务|面向)本?辖区(?!内?的?(医院|卫生院|门诊|诊所|药店|超市|银行|网点)(?=$|[，。；）)]))|(仅|只)(接收|收|招收|招)[^，。；]{0,10}本街道(?![及和与或]?(周边|相邻|附近|邻近))|(只|仅)(服务|面向)[^，。；]{1,8}(街道|镇)辖区(?!.{0,4}(及|和|与|周边|附近|邻近))|(?<![不无])限.{1,6}(街|街道|镇)辖区|范围.{0,12}(街道|镇)(?!.{0,4}(及|和|与|周边|附近|邻近))|(其他|其它|外|周边)(街道|镇).{0,3}不|(街道|镇)范围内|(仅限|只限|(?<![不无])限)[^，。；]{1,8}(街道|镇)(建档|签约|在册)?(居民|户籍|住户|常住|家庭|老人|儿童|子女|学生)|须为[^，。；]{1,8}(街|街道|镇)(户籍|居民|常住)|非本(街|街道|镇)(户籍|居民|住户|常住)/;
// Not a clause of the meals themselves too (助餐送餐限本社区60岁以上老人).
const DELIVERY_LIMIT = /(?<!(助餐|就餐|用餐|堂食)、?)(送餐|配送|送货|送药|外送)(上门|到家|到户)?(服务)?(范围)?((只|仅)(限|送|到|覆盖)|限)/;
const OPEN_TO_NEIGHBOURS =
  /周边(社区|小区)?(居民|住户)?(也)?(可|能|欢迎)|周边(街道|社区|小区)[^，。；]{0,6}(?<![不未])(也)?(可|能|欢迎)(?!转介|联系|咨询|到|去|找|拨打|向)|附近(社区|小区)?(居民)?(也)?(可|能|欢迎)|(外|其他|其它)(社区|小区)的?(老人|居民|住户)?(也(可|能)|欢迎)/;

function ownPlaceOnly(text: string): OfferReading["ownPlaceOnly"] {
  // A limit on its deliveries only (行动不便的可送餐（限本社区）) is read as such (HOME_VISITS_OWN_PLACE).
  // So is a clause about deliveries (送餐范围仅限中山门街道辖区; 堂食不限社区，送餐仅限本社区).
  const normal = clausesOf(text.replace(DELIVERIES_LIMITED, ""))
    .filter((clause) => !DELIVERY_LIMIT.test(clause))
    .join("，");
  if (OPEN_TO_NEIGHBOURS.test(normal)) return null;
  if (OWN_COMMUNITY_ONLY.test(normal)) return "community";
  return OWN_STREET_ONLY.test(normal) ? "street" : null;
}

/** The only cases it takes, named by kind (仅受理劳动争议类; 只受理邻里、家庭纠纷调解), not by place or people (只受理本项目在管小区). */
const ONLY_CASES = /(?:仅|只)受理(?!本)([^，。；：:]{2,14})/;

/** Who the team is (退休电工、家电师傅组成; 队员多为退休电工): not what it does. */
const WHO_WE_ARE = /组成|(队员|成员|志愿者|师傅)(多为|均为|都是|主要是|大多是|大都是)|由.{1,16}担任/;
/** An offer's own clauses less those that say who its people are: what it does. */
export const whatItDoes = (positive: string): string =>
  positive
    .split("，")
    .filter((clause) => !WHO_WE_ARE.test(clause))
    .join("，");

/** A refusal that sends the thing elsewhere (请联系燃气公司, 请找物业, 归燃气公司) or will not touch it (我们不碰). */
const REFERRAL = new RegExp(`请(直接)?(联系|找|拨打|到|去|送)|${IN_PERSON.source}|归[^，。；]{0,6}(公司|物业)|不碰`);
/** Where the things named end: what is wrong with them, or where they are sent. */
const THINGS_END = /坏了|故障|维修|修理|出了?(问题|毛病)|打不着|不着火|属于?|等|请|归|我们|，/;

/**
 * The things a referral names, before what is wrong with them or where they go: 燃气灶、热水器 of
 * 燃气灶、热水器等燃气设备请联系燃气公司，我们不碰; 煤气管道、燃气灶具 of 煤气管道和燃气灶具归燃气公司.
 */
function referredThings(clause: string): { thing: string; ofRepairs: boolean }[] {
  if (!REFERRAL.test(clause) || OTHER_KINDS.test(clause)) return [];
  const head = clause.split(THINGS_END)[0] ?? "";
  const ofRepairs = REPAIR_WORDS.test(clause);
  return head
    .split(/[、和及与跟/]/)
    .map((thing) => thing.replace(/^(如|像|比如|凡|凡是|涉及|有关|个人)/, ""))
    .filter((thing) => thing.length >= 2 && thing.length <= 6 && /^\p{Script=Han}+$/u.test(thing))
    .map((thing) => ({ thing, ofRepairs }));
}
const REPAIR_WORDS = /坏了|故障|维修|修理|出了?(问题|毛病)/;
/**
 * "只修不清洗", "只教不修" opening a clause: what it does, then what it refuses, as two clauses. Not after a
 * thing named (大件家电只看不修), which the refusal is of.
 */
const ONLY_THIS_NOT_THAT = /(?<=^|[，。；：、])(只|仅)([\u4e00-\u9fa5]{1,2})不(?=[\u4e00-\u9fa5]{1,3}(?![\u4e00-\u9fa5]))/g;

/** Help linked to, in a list of what it does (陪聊、链接助学资源、心理疏导): a clause of its own. */
const LINKED_IN_A_LIST = /、(?=(帮忙|协助|帮助)?链接)|(?<=链接[^，。；、]{1,12}资源)、/g;

export function readOffer(text: string): OfferReading {
  const normal = normaliseText(text).replace(ONLY_THIS_NOT_THAT, "$1$2，不").replace(LINKED_IN_A_LIST, "，");
  const { excludes, kept, referrals } = sortClauses(normal);
  const own = offerClauses(normal).join("，");
  const positive = kept.join("，");
  const ownersOnly = OWNERS_ONLY.test(normal);
  const ownPlace = ownPlaceOnly(normal);
  // A property company that takes others too (辖区居民均可报修，非在管小区收取材料费) is held to no estate.
  const takesOthers = OTHERS_TOO.test(positive) || OPEN_TO_NEIGHBOURS.test(normal);
  const estate = takesOthers ? null : namedEstate(positive);
  const groupish = groupOnlyIn(normal, positive);
  const full = FULL.test(normal.replace(OPENS_WHEN_FULL, ""));
  const homeVisitLimit = HOME_VISITS_OWN_PLACE.exec(normal)?.[0];
  const turnedAway = othersTurnedAway(normal);
  return {
    paused: saysPaused(own),
    full,
    fullButOpen: full && FULL_BUT_OPEN.test(normal),
    groupOnly: groupish && !ONE_BY_ONE.test(positive),
    throughCommunity:
      groupish &&
      !groupOnlyIn(
        clausesOf(normal)
          .filter((c) => !THROUGH_COMMUNITY.test(c))
          .join("，"),
        positive,
      ),
    internal: clausesOf(own).some((c) => INTERNAL.test(c)),
    noHomeVisits: noHomeVisits(own),
    noDeliveries: NO_DELIVERIES.test(own),
    inPersonParts: inPersonParts(normal),
    homeVisitsOwnPlaceOnly: homeVisitLimit !== undefined,
    homeVisitsOwnStreet: /街|镇/.test(homeVisitLimit ?? ""),
    // Each part of a list (不做维修、不加氟), and a bare refusal joined to the clause before it (只做新辅具适配发放，不负责维修).
    noRepairs: excludes.some((c) => c.split(/[、，]/).some((part) => NO_REPAIRS.test(part))),
    requires: [
      ...new Set([
        ...credentialsAfter(own, REQUIRES, { alternativesOpen: true }).filter((kind) => !openWithout(own, kind)),
        ...credentialsAfter(excludes.join("，"), WITHOUT_IT),
        ...(MEANS_TESTED.test(own) ? ["hardship"] : []),
        // "仅限经民政评估的特困、低保家庭，其他家庭暂不受理": the certificates it named.
        // Not those it only puts first or charges less (低保家庭优先, 凭低保证减半).
        ...turnedAway.flatMap((sentence) => {
          const named = clausesOf(sentence)
            .filter((clause) => !PUT_FIRST.test(clause))
            .join("，");
          return CREDENTIALS.filter(([, pattern]) => pattern.test(named)).map(([kind]) => kind);
        }),
        // "为低保、特困老人提供…，仅限上述对象": the certificates it listed.
        ...(THOSE_LISTED_ONLY.test(normal) ? CREDENTIALS.filter(([, pattern]) => pattern.test(normal)).map(([kind]) => kind) : []),
      ]),
    ],
    mustHold: sentencesOf(normal).flatMap((sentence) =>
      credentialsAfter(sentence, MUST_HOLD).map((kind) => ({ kind, sentence, alone: clausesOf(sentence).every((clause) => MUST_HOLD_CLAUSE.test(clause)) })),
    ),
    takesNoNewcomers: offerClauses(normal).some((clause) => PART_PAUSED.test(clause) && NO_NEWCOMERS.test(clause)),
    holidaysOnly: HOLIDAYS_ONLY.test(normal),
    termOnly: TERM_ONLY.test(normal),
    termWeekendsOnly: TERM_WEEKENDS_ONLY.test(normal),
    weekendsOnly: weekendsOnly(normal),
    grades: gradeRange(normal),
    // Who may come is read as such (不接收外校学生: internal), not as a kind of help refused.
    excludes: excludes.filter((clause) => !OUTSIDERS.test(clause)),
    referredThings: [...excludes, ...referrals].flatMap(referredThings),
    noIndividuals: NO_INDIVIDUALS.test(normal),
    noPrivateGrounds: excludes.some((clause) => PRIVATE_GROUNDS.test(clause)),
    // As refusals are read (excludes below, less who may come).
    noLargeAppliances:
      excludes.some((clause) => LARGE_APPLIANCES_WORD.test(clause) && !OUTSIDERS.test(clause)) ||
      // Small appliances named, and no large one (小家电（电饭锅、电水壶、台灯）简单维修).
      (SMALL_APPLIANCES.test(positive) && !ANY_APPLIANCES.test(positive) && !LARGE_APPLIANCES.some((a) => positive.includes(a))),
    pausedParts: offerClauses(normal).filter((clause) => PART_PAUSED.test(clause)),
    onlyFor: onlyFor(normal),
    positive,
    // The cards it handles, not those it sends elsewhere (仅限社保卡业务，储蓄卡、信用卡业务请到网点柜台办理).
    cards: cardKinds(positive),
    ownPlaceOnly: ownPlace,
    ownersOnly,
    estate,
    // A property company's own place (仅限本物业管理的楼门), not any offer kept to its community or street (a canteen,
    // a bank's home visits): only those serve no building without a property manager.
    managedEstatesOnly: !takesOthers && (!!estate || ownersOnly || (ownPlace !== null && PROPERTY_WORDS.test(normal)) || OWNERS.test(positive)),
    onlyAppliances: onlyAppliancesIn(ONLY_SOME.exec(positive)?.[2] ?? ""),
    ...staffLimit(normal),
    ownInstallsOnly: OWN_INSTALLS_ONLY.test(normal) ? { brands: [...normal.matchAll(BRAND)].map((m) => m[1]!) } : null,
    onlyCases: ONLY_CASES.exec(normal)?.[1] ?? null,
    notUrgent: NOT_URGENT.test(normal),
    noSelfPay: NO_SELF_PAY.test(normal),
    overTheCounterOnly: OVER_THE_COUNTER_ONLY.test(normal),
    audience: audienceOf(normal),
    othersTurnedAway: turnedAway.length > 0,
    notForResidents: NOT_FOR_RESIDENTS.test(normal) || (CLOSED_TO_RESIDENTS.test(normal) && !OPEN_TO_SOME.test(normal)),
    turnedAwayForState: clausesOf(normal).flatMap((clause) => {
      const match = TURNED_AWAY_FOR_STATE.exec(clause);
      // A fee waived (低保老人不收助浴费) turns no one away; nor does a limit naming nothing (幼儿园孩子不收: read as grades).
      return match && !NOT_A_STATE.test(match[1]!) && match[2] && !/费|钱/.test(match[2]) ? [{ state: match[1]!, refused: match[2] }] : [];
    }),
  };
}

export type Audience = "young" | "old";
/**
 * Offers that say whom they serve by age: only children and young people (面向6–16岁儿童青少年,
 * 只做儿童青少年, 不接待成年人), or only older people (面向60岁以上老年人, 不接青少年). Discounts and
 * priorities (老年人八折, 老人优先) limit nothing.
 */
const YOUNG = "儿童|青少年|中小学生|小学生|初中生|中学生|未成年人?|学龄儿童";
const OLD = "老年人|老人|长者|60岁以上|六十岁以上|65岁以上|高龄老人";
const AUDIENCE: Record<Audience, RegExp> = {
  young: new RegExp(
    `不接(待|收|诊)?(成年人|成人|老年人|老人)|(只|仅)(做|接|面向|服务|限|招收|接收)?(${YOUNG})|面向\\d{1,2}[-–—~至到]1\\d岁`,
  ),
  // Turning away one school age (不接小学生, a tutor of middle-school pupils) says nothing of the old.
  old: new RegExp(`不接(待|收|诊)?(儿童|青少年|未成年人?|中小学生|学龄儿童|学生)|(只|仅)(做|接|面向|服务|限|接收)?(${OLD})|面向(60|六十|65)岁以上`),
};

/** An offer whose title names whom it is for (独居老人心理关爱小组, 儿童安全教育). */
const TITLE_AUDIENCE: Record<Audience, RegExp> = {
  young: /儿童|青少年|少儿|中小学生|小学生|未成年/,
  old: /老年|老人|长者|银发|银龄|敬老|助老|适老/,
};

function audienceOf(normal: string): Audience | null {
  const young = AUDIENCE.young.test(normal);
  const old = AUDIENCE.old.test(normal);
  if (young !== old) return young ? "young" : "old";
  if (young) return null;
  const title = sentencesOf(normal)[0] ?? "";
  const youngTitle = TITLE_AUDIENCE.young.test(title);
  const oldTitle = TITLE_AUDIENCE.old.test(title);
  return youngTitle === oldTitle ? null : youngTitle ? "young" : "old";
}

/** Whom a wish is about, by age, when it says so plainly; null when it does not, or names both. */
const WISH_YOUNG = /儿童|[一二三四五六]年级|初[一二三]|高[一二三]|小学|初中|高中|上学|厌学|(?<!大)学生|(?<![\d十])[1-9一二三四五六七八九]岁|1[0-7]岁|(?<![一二三四五六七八九])十[一二三四五六七]?岁|青春期/;
// 孩子们都在外地: grown-up children away, so the one writing is old.
export const WISH_OLD = /孩子们?都?(在|去了?)(外地|国外|外省|南方)|孩子们?都?不在身边|子女都?(在外地|不在身边)|老伴|老爷子|老太太|老头|老人|大爷|大妈|奶奶|爷爷|姥姥|姥爷|我爸|我妈|老爸|老妈|婆婆|公公|岳父|岳母|丈母娘|老丈人|父亲|母亲|退休|[6-9]\d岁|[六七八九]十(多|几)?岁?|丧偶|老了|孙子|孙女|外孙|老两口/;

/** A child asked about: 孩子 (not 孩子们, 闺女, 儿子, grown-up children as often as not), a grandchild. */
const YOUNG_ONE = /孩子(?!们)|小孩|孙子|孙女|外孙/;

export function wishAudience(text: string): Audience | null {
  const young = WISH_YOUNG.test(text);
  const old = WISH_OLD.test(text);
  if (young !== old) return young ? "young" : "old";
  if (!young) return null;
  // A grandparent writing about a pupil (我孙子上初二…想找个懂孩子心理的人): whom the asking clauses are about
  // (not 她在外地上学，想跟她视频, a grandmother's own wish).
  const asking = requestClauses(askingPart(text));
  const youngAsked = WISH_YOUNG.test(asking) || YOUNG_ONE.test(asking);
  const oldAsked = WISH_OLD.test(asking);
  return youngAsked === oldAsked ? null : youngAsked ? "young" : "old";
}

export type CardKind = "social" | "bank";
/**
 * Cards by who issues them: a social-security card (社保卡, 医保卡; a bank hands it out, yet it is not
 * the resident's bank card) and bank cards and accounts (工资卡, 储蓄卡, 建行卡, 存折, 定期存款). 卡 alone says neither.
 */
const CARDS: [CardKind, RegExp][] = [
  ["social", /社保卡|医保卡|社保.{0,2}卡|医保.{0,2}卡/],
  // 养老金卡 and 退休金卡 say neither: a pension is paid onto a bank card or onto the social-security card.
  // A deposit (定期到期想转存) is the bank's business, whatever card it is on.
  ["bank", /工资卡|储蓄卡|信用卡|借记卡|银行卡|[建工农中交招邮浦兴光]行.{0,2}卡|存折|定期存款|存定期|定期到期|转存/],
];

export function cardKinds(text: string): CardKind[] {
  return CARDS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}

export const AT_HOME_CLAUSE = /上门|入户|到家|送/;

/** The sentences of a wish that ask, and the asking part of its title: what it wants, said outright. */
// offerFit asks this of the same wish for each of its candidates, up to seven times each, in any order.
export const askingPart = boundedMemo(
  500,
  (text: string) => text,
  (text: string) => {
    const [title = "", ...rest] = sentencesOf(text);
    return [askingClauses(title) ?? (isRequestSentence(title) ? title : ""), ...rest.filter(isRequestSentence)].join("。");
  },
);

/**
 * The owners or residents of one named estate (秋怡家园业主, 芳水园小区业主, 谊城公寓住户), whom a
 * property company serves; not its own estates unnamed (仅限本小区业主, 在管小区业主, 辖区小区业主,
 * 非中山门东里小区住户 names it, though: 非 is not part of the name).
 */
const ESTATE_OWNERS =
  /([^\s\d本限仅只内的管辖司项物业各非为给帮替，。、：:；;（）()]{2,5}?(?:家园|花园|小区|公寓|大厦|园|里|苑))(?:小区|社区)?的?(?:业主|住户)/;
/** Words that make a kind of estate, not one estate's name (老旧小区住户, 周边小区业主). */
const NOT_AN_ESTATE = /^[为给向对在]?(老旧|老|旧|新建|商品房|回迁|周边|附近|所在|各个|所有|全部|其他|其它|其余|相关|部分|多个|整个|同一)/;
function namedEstate(positive: string): string | null {
  // 只服务地华里小区住户 names 地华里; 本物业服务小区业主 names none.
  const estate = ESTATE_OWNERS.exec(positive)?.[1]?.replace(/^(服务|管理|所管)/, "");
  // "鼓楼苑、鼓楼东里两个小区业主" names several (read by onlyFor), not one.
  if (!estate || estate.length < 2 || /^(小区|家园|花园|公寓|大厦)$/.test(estate) || /[两三四五几]个/.test(estate)) return null;
  // 小区里的住户, 楼里的住户: "in the estate", not its name.
  return !NOT_AN_ESTATE.test(estate) && !/(小区|楼|院)里$/.test(estate) ? estate : null;
}
const OWNERS = /业主|(?<!非)在管(楼|小区|项目)/;
/** A service that takes those outside its estates too. */
const OTHERS_TOO = /(业主|住户|居民)优先|居民均可|住户均可|所有居民|非在管.{0,8}(也|可|收取|另收)|非业主.{0,6}(也|可|收取)/;
/** Limited to an organisation's staff and their families (仅限港务局在职及退休职工家属, 只对本厂职工). */
const STAFF_ONLY =
  /(仅限|只限|只对|仅对|仅面向|只面向|仅服务|只服务)([\u4e00-\u9fa5、]{0,10}?)(在职|退休|离退休)?(?<!双)(职工|员工)|(仅限|只限|仅面向|只面向|仅服务|只服务)[^，。；、和及与]{0,16}?(企业|单位|公司|工厂)的?(在职|退休|离退休)?(职工|员工)/;
/** Looking after only what it installed or sold itself (只维修我公司安装的器材, 只负责本公司安装的). */
const OWN_INSTALLS_ONLY =
  /(只|仅)(维修|修|负责|维护|管|接|服务|保修)?(我|本)(公司|司|厂|单位|企业)(捐赠|捐建|安装|承建|生产|销售|出售|售出|建设|施工|提供)+的|(我|本)(公司|司|厂|企业)(捐赠|捐建|安装|销售|售出|生产)+的.{0,60}?(其他|其它)(厂家|来源|品牌|公司)[^。；]{0,10}(不|恕不|谢绝)/s;
/** A brand an offer names in quotes beside a plate or mark (器材上有"津体"标牌). */
const BRAND = /[“"「]([\u4e00-\u9fa5A-Za-z]{2,8})[”"」](?=[^，。；]{0,3}(标牌|铭牌|商标|标志|标识|品牌|牌子|字样))/g;
/** Only for an organisation's staff, and whose (仅限油田在职及退休职工: 油田). */
function staffLimit(normal: string): { staffOnly: boolean; staffOf: string | null } {
  const match = STAFF_ONLY.exec(normal);
  const of = match?.[2]?.replace(/^(本|我)/, "").replace(/(在职|退休|离退休)?(及|和|与)?$/, "") ?? "";
  return { staffOnly: !!match, staffOf: of.length >= 2 ? of : null };
}
/** Words of a property company speaking of its estates. */
const PROPERTY_WORDS = /物业|在管|业主|项目部/;
/** One person's case or one household (不接个案咨询, 不接受个人报名, 不做一对一); not 个人贷款, a kind of loan. */
export const ONE_CASE = /个案|一对一|单独|单户|散户|个人(咨询|报名|申请|求助)/;
/** What an offer does only (只修电视冰箱洗衣机, 仅清洗空调): the things it names, no others. */
const ONLY_SOME = /(只|仅)(?:修|维修|修理|清洗|做|接)([^，。；;！!]{2,30})/;
export const APPLIANCES = ["空调", "电视", "冰箱", "洗衣机", "热水器", "微波炉", "电饭锅", "电饭煲", "油烟机", "燃气灶", "电磁炉", "电水壶", "风扇", "收音机", "电脑", "手机"];
/** A lamp (吸顶灯, 灯具), not a device's indicator light (指示灯). */
export const LAMP = /(?<!指示|信号|红绿)灯(?!笼|谜|会|节)/;
export const appliancesIn = (text: string) => APPLIANCES.filter((a) => text.includes(a));
/** What 大家电 means. */
export const LARGE_APPLIANCES = ["空调", "电视", "冰箱", "洗衣机", "热水器", "油烟机"];
const LARGE_APPLIANCES_WORD = /大家电|大件家电|大型家电/;
const SMALL_APPLIANCES = /小家电/;
/** Appliances of any size (家用电器, 各类家电, 大小家电, 家电维修) or a large one by another name (彩电, 冰柜). */
const ANY_APPLIANCES = /家用电器|(?<!小)家电|大件|大型|彩电|冰柜|电视机|燃气灶|抽油烟机/;
/** What an offer repairs only: its list of devices, lamps among them when named (只修电视、冰箱、灯具). */
const onlyAppliancesIn = (text: string) => {
  const named = appliancesIn(text);
  return named.length && LAMP.test(text) ? [...named, "灯"] : named;
};

/** A clause about other things than those the offer names (其他银行业务请到网点, 不办理其他银行卡业务). */
export const OTHER_KINDS = /^(不(再)?(办理?|做|接|受理|提供|负责|管))?(其他|其它|其余)/;
