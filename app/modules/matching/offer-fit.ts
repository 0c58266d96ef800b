// Whether an offer fits a wish as far as what the offer says of itself: paused or full, only talks,
// not at home, only its own people or place, "不接…" refusals of what the wish asks. Each reading is a
// named rule (RULED_OUT, PARTLY_FITS) over a FitCase, the pair read lazily once. The wish-side readings
// only the rules use live here too; text.ts reads the text itself (one spelling, the asking sentences,
// what an offer does and refuses). Pure.
import type { NeedKind } from "#db/schema/enums";
import { boundedMemo } from "~/lib/bounded-memo";
import {
  appliancesIn,
  askingPart,
  AT_HOME_CLAUSE,
  cardKinds,
  clausesOf,
  credentialsAfter,
  gradeNumber,
  LAMP,
  LARGE_APPLIANCES,
  normaliseText,
  type OfferReading,
  ONE_CASE,
  OTHER_KINDS,
  sentencesOf,
  WEEKEND,
  WISH_OLD,
  wishAudience,
} from "./text";

/** The vocabulary's concept of meals for older people, and an offer's refusal to bring them (不送餐). */
const MEALS = "助餐";
const NO_MEALS_BROUGHT = /^[也都均暂]*不送(餐|饭)$/;
/** A wound told (褥疮, 刀口), not a medicine to change (是不是该换药了). */
const WOUND = /伤口|刀口|[褥压]疮|[褥压]仓|拆线|(?<!两)口子|破了/;
/** The main asks of a wish for a doctor or nurse at home (not 助浴 with a sore to mind). */
const DOCTORS_VISIT = new Set(["上门换药", "上门医疗"]);
/** An offer that dresses wounds, or nurses at home (where dressing is the work). */
const DRESSES_WOUNDS = /换药|伤口|[褥压]疮|拆线|上门护理|居家护理|家庭病床|护士上门|医疗护理|护理服务|造口/;
/** A lawsuit to be written or fought for the wish (写个起诉状, 帮着把官司打了, 代理出庭). */
const LITIGATION = /写[^，。；]{0,2}(起诉状|诉状|起诉书)|帮[^，。；]{0,6}打[^，。；]{0,2}官司|官司打|代理(诉讼|官司|出庭)|出庭/;
/** An offer that drafts or represents (代写文书, 代理诉讼, 法律援助), not only advises. */
const REPRESENTS = /代写|代理|诉讼|援助|文书|起诉|出庭|官司/;
/** A doctor asked to come to the home (有没有大夫能上家里来给看看, 出诊). */
const DOCTOR_TO_HOME = /(医生|大夫|护士)[^，。；]{0,8}(上门|来家|到家|上家|家里来|家来)|上门(看病|诊疗|出诊)|出诊/;
/** An offer with a doctor or nurse in it; a pharmacy's delivery (送药上门, 需提供医院处方) has none. */
const HAS_DOCTOR = /医(?!保|药|院的?(处方|开))|大夫|诊|护|卫生服务|卫生院|卫生室|换药|输液|打针|随访|慢病|体检|康复|理疗|针灸/;
/** The wish would pay for it itself (自己掏钱就行, 自费也可以). */
const PAYS_ITSELF = /自费|自己(掏|出|花)钱|自掏腰包|(掏|出|花)钱(也|都)?(行|可以|没事|没问题|愿意)/;
/** A wish for a prescribed medicine (医院开的处方药), not one that says it is not (非处方药). */
const PRESCRIBED = /(?<!非)处方药|医院开的药|(医院|医生|大夫)开的(降压|降糖|降脂)?药/;
/** A wish that cannot wait (暖气片漏水了！急; 谁能今天就来; 门锁坏了进不去家，今天能来人修不). */
// Reporting a lost card (挂失) cannot wait for a booking a week ahead, whether or not the wish says it is in a hurry;
// one reported already (已经打电话挂失了，想补办) can.
const URGENT = /(?<!不着?)(?<!应)急(?![救诊性躁])|(?<!已经?[^，。；]{0,4})挂失(?![了过])|今天就|(今晚|今天晚上|今儿晚上|今儿个晚上)(就|得|必须|能不能|能)|连夜|马上|赶紧|立刻|立马|现在就|等不了|今天能|今儿个?能|明天(就|能|得|必须)|明儿(就|能|得)|进不(去|了)(家|门|屋)/;
/** "不是太急", "不太急", "不算急": said to say it can wait. */
const NOT_PRESSED = /不[是太很算那么怎用必着]{0,3}急/g;

/** Every school day asked for (每天放学接着). */
const EVERY_SCHOOL_DAY = /每天[^，。；]{0,6}(放学|下学|课后)|(放学|下学)[^，。；]{0,6}每天/;
/** Ordinary school days asked for (平时放学以后有没有…), not set against the weekend (平时有奶奶接，就是周末…). */
const PLAIN_SCHOOL_DAYS = /平时的?(放学|下学)(以后|后|之后)|平时的?课后|(放学|下学|课后)[^。！？]*(平时|每天)都(需要|要|得)/;
const asksPlainSchoolDays = (text: string) => sentencesOf(text).some((sentence) => PLAIN_SCHOOL_DAYS.test(sentence) && !WEEKEND.test(sentence));
/** A wish for help on school days (每天下午三点半放学), not in the holidays. */
const SCHOOL_DAYS = /放学|下学|课后|每天下午|四点半课堂/;
/** Monday to Friday asked for (周一到周五都要, 周一至周五均可), not the days someone works (我俩周一到周五都上班). */
const SCHOOL_WEEK = /(周|星期|礼拜)一(到|至|—|-|~)(周|星期|礼拜)?五/;
const WORKING_DAYS = /上班|工作|忙|没空|没时间|不在家|出差/;
const asksSchoolWeek = (text: string) => clausesOf(text).some((clause) => SCHOOL_WEEK.test(clause) && !WORKING_DAYS.test(clause));
const HOLIDAYS = /寒假|暑假|暑期|寒暑假|假期|放假/;
/** Term has begun (开学后, 开学了), not the days before it (开学前). */
const TERM_BEGUN = /开学(了|后|以后|之后)/;

const PUPIL = /孩子|学生|上学|学校|儿子|闺女|女儿|孙子|孙女|外孙|作业/;
/** The one school year a wish names: 五年级 (5), 初二 (8), 高一 (10). */
function wishGrade(raw: string): number | null {
  // The limit it was told (学校的四点半课堂说只收到三年级) is not the pupil's year.
  const text = raw.replace(GRADE_LIMIT_TOLD, "，");
  const found = new Set<number>();
  for (const [, digit] of text.matchAll(/([一二三四五六1-6])年级/g)) found.add(gradeNumber(digit!));
  // 初一 is also a day of the month and 高一点 "a bit higher": only of a pupil.
  if (PUPIL.test(text))
    for (const [, school, digit] of text.matchAll(/(初|高)([一二三])(?!点|些|倍|层|截)/g)) found.add(gradeNumber(digit!) + (school === "初" ? 6 : 9));
  return found.size === 1 ? [...found][0]! : null;
}

const GRADE_LIMIT_TOLD = /(只|仅)(收|招|接收|要|限)?到?[一二三四五六1-6](至|到|-|—)?[一二三四五六1-6]?年级/g;

/** "我没残疾证", "也不是低保", "没办老年证": what follows names a certificate the wish does not have. */
const LACKS = /(没有?|无|不是|不属于|没办|未办)(办)?/g;

/** A wish that says it is not short of money (我们家也不差钱). */
const NOT_POOR = /不差钱|不缺钱|不差这点钱|(?<!以前|原来|过去|本来)(家里|经济)条件(还)?(行|可以|不错|挺好)/;

/** The certificates a wish says it does not have, and means it says it is not short of. */
const credentialsLacking = (text: string): string[] => [...credentialsAfter(text, LACKS), ...(NOT_POOR.test(text) ? ["hardship"] : [])];

/** An injury that heals (脚踝骨折打了石膏; 术后)… */
const INJURY = /骨折|石膏|扭伤|摔伤|术后|做完手术|刚出院/;
/** …in a while (俩月不能着地, 医生说得养仨月, 就是临时用). */
const FOR_A_WHILE = /临时|暂时|短期|一阵|(?<![0-9一二三四五六七八九十])[俩仨两三四几半]个?月(?!份)/;
/** A wish that says it holds one (我有残疾证). */
const HOLDS_CERTIFICATE = /(?<![没无])有残疾人?证|持证残疾人|持有?残疾人?证/;
/** A wish that tells such an injury: no one holds a disability certificate for it, unless it says so. */
const passingInjury = (text: string) => INJURY.test(text) && FOR_A_WHILE.test(text) && !HOLDS_CERTIFICATE.test(text);

/** A wish asking for something to be mended, in its asking part or title (修脚 is foot care). */
const ASKS_REPAIR = /修(?!脚|眉|剪)/;
/** Something broken, or a repair asked for. */
const BROKEN = new RegExp(
  `${ASKS_REPAIR.source}|` +
    /坏|故障|毛病|失灵|不好使|不好用|不灵|不转|不亮|不响|不工作|没反应|打不着|点不着|不能用|用不了|没法用|不走了|不行了|[骑推跑走]不动|没劲|漏|堵|裂|碎|断了|松了|掉了|扎了|爆胎|没气|鼓包|没电|不充电|充不了|[充进]不[进上]|不进电|换.{0,2}电瓶|不制冷|不制热|不出(热)?水|跳闸|黑屏|没信号|开不|打不开|关不/.source,
);
/** A clause that refuses repairs of what it names (不修电动车, 不负责电动车维修, 不提供维修服务). */
/** A part of a listed refusal that refuses by itself (不加氟, 也不换配件). */
const REFUSAL_PART = /^[也都均亦一律暂恕]*(不|无|非)/;
const REFUSES_REPAIR = /^不(负责|提供|做|接|承接)?.{0,4}(维修|修理)|^不修/;

/**
 * A wish that says it is of a community or estate (我是胜利花园5号楼的业主, 我住胜利花园), whatever community it
 * is filed under; not one that only names it (听说弘顺园有个老年餐厅，我们这边的能去吗).
 */
const namesPlace = (text: string, place: string) => {
  const bare = place.replace(/(社区|小区)$/, "");
  if (bare.length < 2 || !/^\p{Script=Han}+$/u.test(bare)) return false;
  return new RegExp(`(我|我们|咱|家)(是|住|住在|在)${bare}|${bare}[^，。；？！]{0,6}的?(业主|住户)`).test(text);
};
/** One community's name written two ways (丰年里社区, 丰年里). */
const sameCommunity = (a: string, b: string) => {
  const bare = (name: string) => name.replace(/(社区|小区)$/, "");
  return bare(a) === bare(b) || bare(a).includes(bare(b)) || bare(b).includes(bare(a));
};

/** A wish about its own yard or what it planted itself (自家小院里有棵香椿树, 院里自己种的). */
const OWN_GROUNDS = /(自家|我家|自己家|俺家)的?(小)?院|自己种的|自家种的/;

/** Kinds of thing a wish names by another word (灶具 are the 燃气灶 and its 灶眼). */
const THINGS_BY_HEAD: Record<string, string[]> = { 灶具: ["灶"] };

/**
 * The wish is about this thing: it names it in its point, or says it is broken where it names it
 * (家里燃气灶左边那个灶眼打不着火了: `brokenClauses`, the wish's clauses that tell something broken). A
 * longer name counts by three characters of it (燃气灶具: 燃气灶).
 */
function aboutThing({ thing, ofRepairs }: { thing: string; ofRepairs: boolean }, point: string, brokenClauses: string[], positive: string): boolean {
  const parts = thing.length >= 4 ? [...thing].slice(0, -2).map((_, i) => thing.slice(i, i + 3)) : (THINGS_BY_HEAD[thing] ?? [thing]);
  // Sent elsewhere when broken: a wish that tells it broken in the same clause (a phone class's 手机故障维修请到售后
  // to 手机黑屏了, not to 想学用手机…脑子不好使), though the offer names the thing among what it does (教用手机).
  const toldBroken = (part: string) => brokenClauses.some((clause) => clause.includes(part));
  if (ofRepairs) return parts.some(toldBroken);
  // Not what it does itself; named in the point (楼道灯不亮了), or told broken.
  const named = parts.filter((part) => !positive.includes(part));
  return named.some((part) => point.includes(part) || toldBroken(part));
}

/** A child named in any way, of any age a children's service takes. */
const CHILD = /孩子|小孩|儿子|女儿|闺女|孙子|孙女|外孙|娃|宝宝|小朋友|少年|学生|儿童|幼儿|婴儿|宝贝/;

/** A wish that asks for a talk, a class or a campaign for many, not help with one household's problem. */
const ASKS_FOR_GROUP =
  /讲座|宣讲|宣传|培训|讲课|课堂|(?<![上下加值])(的|那种|这种|学习|培训|兴趣|老年|手机|电脑)班|讲一讲|讲讲|普及|科普|演练|活动|进社区|给大家|居民们|老人们|大伙|全楼|楼里|全小区|整个小区|组织|体验课|兴趣课|公益课|上课|兴趣班|训练营|夏令营|冬令营|报名|申报|立项|拟开展|计划开展/;
/** A wish from someone who cannot leave home: help must come to them. */
const HOUSEBOUND =
  /不下楼|下不了楼|下不去楼|下不来楼|下不了床|出不了门|出不去门|卧床|(?<!脑)瘫|不能下楼|走不了路|起不来床|躺(在)?床上|推不动他|推不动她|去不了|下不了地|(?<!远[^，。；]{0,3})(走不到|走不动|走不过去)/;
/** What a wish would only prefer (最好能送到家, 能送到家更好), to the end of its clause. */
const PREFERRED = /最好(能|是|可以)?[^，。；]*|[^，。；]*更好/g;
/** A wish that would like someone to come (or something brought) to the home. */
const WANTS_AT_HOME = /上门|(?<!(回|才能|才))到家|家里来|来家|上家|入户|送饭|送餐|送上门|送到家|送家|送上楼|送上来|送上去|端上来|拿上来|送来|送过来|送到楼下/;

/** An offer's "not inside the home" (户内维修不在服务范围): it looks after the shared parts. */
const INDOOR =
  /(户内|室内|屋内|入户)的?(维修|报修|维护|部分|设施|问题|服务|项目)?(（[^）]*）|\([^)]*\))?(不|除外|恕|请)|(户内|室内|屋内|家中|家里)的?(线路|电线|管道|水管|灯具|插座)[^，。；]{0,10}不(在|属于)[^，。；]{0,6}范围|不(入户|进户)|不(负责|做|管|包括|含|接)(户内|室内|屋内)(?![^，。；]{0,4}(改移|移位|挪))|不(负责|做|管|接)(居民)?(个人)?(家里|家中)的?(维修|报修|活)/;
/** A wish about something inside the home… */
const WISH_INDOORS = /卧室|客厅|厨房|卫生间|厕所|屋里|屋内|室内|家里的|阳台|洗手盆|马桶|暖气片|户内|(?<![住农贫保散商])户里/;
/** …and not about the building's shared parts. */
const WISH_SHARED_PARTS = /主管道|立管|楼道|单元门|楼门|公共|楼顶|屋顶|屋面|房顶|顶层|外墙|地下室|电梯|小区|楼梯|楼前|楼后|广场|健身器材/;

const sharedPartsOnly = (text: string) => WISH_SHARED_PARTS.test(text) && !WISH_INDOORS.test(text);
/** A wish from someone who rents their home. */
const TENANT = /租房|租的房|租住|租户|租着|房东/;

/** A wish that asks to be seen on its own ("想找个律师一对一给讲讲", "问问自家的事"), whatever talk it mentions. */
const ASKS_ONE_TO_ONE = /一对一|单独|面对面|当面|(来|到|上)家里?来?给(她|他|我|俺|老人|老爷子|老太太)|给(她|他|我|俺)一个人|一个人(能|可以)?(去)?报名|个人(能|可以)报名|自家的事|我家的事|个人的事/;

/**
 * A community's need or project, posted by its staff for its residents (独居老人家庭安装烟感, 楼前树木
 * 修剪), not on behalf of one of them (代独居王大爷报：燃气灶打不着火).
 */
/** A wish from a company or shop (我们公司, 商户), not from residents. */
const OF_A_BUSINESS = /(我们|我司|本)(公司|单位|门店|店|厂)|商户|企业/;
const forMany = (kind: string | undefined, text: string) => (kind === "need" || kind === "project") && !ON_BEHALF_OF_ONE.test(text);
// 老人家中 is "in the older people's homes" (独居老人家中未安装烟感), not one 老人家.
const ON_BEHALF_OF_ONE = /(代|替|帮).{0,12}(报|发|反映|申请|登记|问|说)|(大爷|大妈|大娘|奶奶|爷爷|阿姨|叔叔|老太太|老爷子|老两口|老人家(?![庭属中里]))(?!们)/;

/** Posted by community staff for a resident (网格员代发, 代张大爷报, 社区想转介): the community asking. */
const BY_COMMUNITY_STAFF = /网格员|楼门长|居委会|社区工作人员|代发|代.{0,8}(报|申请|登记)|辖区|转介|(独居|困难|低保|特困|高龄)登记(社区|街道)(有|里有)/;

/** A wish to learn something (想学学怎么挂号): a class teaches it as well as anyone would. */
const WANTS_TO_LEARN = /想学|学学|学一学|学一下|学会/;

/** Whether a (normalised) wish asks for group work: a talk, a class, a campaign, and not for itself alone. */
const wantsGroupWork = (text: string) =>
  // Read where it asks: a talk in its story (在那个健康讲座上买了保健品; 上回社区请律师来讲课) is not asked for.
  (ASKS_FOR_GROUP.test(withoutRefusals(askingNow(text) || text)) || (WANTS_TO_LEARN.test(askingPart(text)) && !WANTS_AT_HOME.test(askingPart(text)))) &&
  // 当面 of a talk to a group (给她们这帮老人讲讲，找个明白人当面说) is in person, not one to one.
  (!ASKS_ONE_TO_ONE.test(askingPart(text)) || GROUP_ADDRESSED.test(askingPart(text)));
/** Many people named as those to be told (给这帮老人讲讲, 给大伙说说); not 不好给大伙说, nor 给大家添麻烦. */
const GROUP_ADDRESSED =
  /(?<!(不好|不想|不愿|不便|别|不能))给[^，。；]{0,4}((这帮|这些|那帮|那些|一帮|一群)(老人|老太太|老头|老姐妹|老伙计|居民|人)|老人们|大家|大伙)[^，。；]{0,2}(讲|说|上课|宣传|普及)/;

/**
 * What a wish says it does not want ("不是那种一大帮人听的讲座") is not what it asks for, nor what it
 * says does not work for it (去听讲座也听不清).
 */
const REFUSAL = /不是|不要|不想|不爱|不喜欢|别|而非|用不着|听不清|听不见|听不懂/;
const withoutRefusals = (text: string) =>
  text
    .split(/[，,。！？!?；;\n]+/)
    .filter((clause) => !REFUSAL.test(clause))
    .join("，");

/** Where a refusal's refused part starts (志愿者|不提供医疗护理). */
const NEGATION = /不|无|非|没有|恕|谢绝/;

/** Whether a refusal and a wish's asking words share a phrase of three characters, or `length` (the negation aside). */
function sharesPhrase(refusal: string, asking: string, length = 3, doneToo = ""): boolean {
  // Only what is refused: "志愿者不提供医疗护理" refuses nursing, not the volunteers it names first.
  const negation = refusal.search(NEGATION);
  const refused = refusal.includes("除外")
    ? refusal.slice(0, refusal.indexOf("除外"))
    : NOT_DONE_HERE.test(refusal)
      ? refusedPart(refusal)
      : refusal.slice(Math.max(0, negation));
  const chars = [...refused];
  for (let i = 0; i + length <= chars.length; i++) {
    const phrase = chars.slice(i, i + length).join("");
    if (/^\p{Script=Han}+$/u.test(phrase) && !/不|无|非|服务|范围|提供/.test(phrase) && asking.includes(phrase) && !doneToo.includes(phrase))
      return true;
  }
  return false;
}

/** Told of as past (上回社区请律师来讲课我去了): what happened then, not what is asked now. */
const PAST = /上回|上次|以前|之前|去年|前些|那回|那次|当时/;
const askingNow = (text: string) =>
  askingPart(text)
    .split("。")
    .filter((sentence) => !PAST.test(sentence))
    // What it has heard of (听说社区有银行的人来讲课，能不能帮我挂失) is not what it asks for.
    .map((sentence) => sentence.split("，").filter((clause) => !HEARSAY.test(clause)).join("，"))
    .join("。");
const HEARSAY = /^(我|俺)?(听说|听人说|听人家说|听别人说|听.{1,4}说|看到.{0,6}说|看见.{0,6}说|问了?.{0,6}说)/;
/** The text without what it has only heard of (看到群里说大学生假期托管的事). */
const withoutHearsay = (text: string) => clausesOf(text).filter((clause) => !HEARSAY.test(clause)).join("，");

/** A wish's text read once for all its candidates (offerFit runs per wish–offer pair). */
const wishNormalised = boundedMemo(64, (text: string) => text, normaliseText);

/** A wish as offerFit reads it. */
export interface FitWish {
  text: string;
  /** The wish's title, where its point is (the text when not given). */
  title?: string;
  /** A community's need or project speaks for many residents: work done for groups fits it. */
  kind?: NeedKind;
  asked: string[];
  askedConcepts?: string[];
  community?: string | null;
  /** The offer does not serve the wish's area: another community of its street, or another street nearby. */
  outsideArea?: "street" | "nearby";
}
/** Who makes the offer ("仅限本校" fits a pupil of the school the wish names), and the days it works (1 = Monday). */
export interface FitOffer {
  organisationName?: string | null;
  weekdays?: number[];
}

/**
 * One wish–offer pair as the fit rules read it. What several rules ask of the wish (the sentences that
 * ask, its point, whether it asks for group work, which refusals name what it asks) is read once, and
 * only when a rule asks for it: most pairs are settled by the first rules.
 */
class FitCase {
  constructor(
    readonly reading: OfferReading,
    readonly wish: FitWish,
    readonly offer: FitOffer,
  ) {}

  #text?: string;
  get text() {
    return (this.#text ??= wishNormalised(this.wish.text));
  }
  #title?: string;
  get title() {
    return (this.#title ??= wishNormalised(this.wish.title ?? ""));
  }
  /** Its sentences that ask, and its title's asking part: what it wants, said outright ("" when none asks). */
  #asking?: string;
  get asking() {
    return (this.#asking ??= askingPart(this.text));
  }
  /** Its title and what it asks (all of the text when no sentence asks outright): where what it wants is said. */
  #point?: string;
  get point() {
    return (this.#point ??= `${this.title}。${this.asking || this.text}`);
  }
  /** What it mainly asks for, as the vocabulary names it ("" when no concept is evoked). */
  get mainAsk() {
    return this.wish.askedConcepts?.[0] ?? "";
  }
  #groupWork?: boolean;
  get asksGroupWork() {
    return (this.#groupWork ??= wantsGroupWork(this.text));
  }
  /** It speaks for many (a community's need, a group), not for one household. */
  get forMany() {
    return forMany(this.wish.kind, this.text);
  }
  /** What it asks, without what it has only heard of (看到群里说大学生假期托管的事). */
  #askingToldNotHeard?: string;
  get askingToldNotHeard() {
    return (this.#askingToldNotHeard ??= withoutHearsay(this.asking || this.text));
  }
  /** All it tells, without hearsay. */
  #told?: string;
  get told() {
    return (this.#told ??= withoutHearsay(this.text));
  }
  /** It asks for the school holidays (孙子放暑假了，想报个托管班), not holidays it only tells of. */
  get forHolidays() {
    return HOLIDAYS.test(this.title) || HOLIDAYS.test(this.askingToldNotHeard);
  }
  /** The offer is limited to other communities than the wish's (仅限…小区), and the wish does not name one of them. */
  #elsewhere?: boolean;
  get elsewhere() {
    return (this.#elsewhere ??= (() => {
      const { onlyFor } = this.reading;
      const community = this.wish.community;
      return (
        !!community &&
        onlyFor.communities.length > 0 &&
        !onlyFor.communities.some((c) => sameCommunity(c, community)) &&
        // …unless the wish names it (我是胜利花园5号楼的业主 to 仅限在管的胜利花园小区业主).
        !onlyFor.communities.some((c) => namesPlace(this.text, c))
      );
    })());
  }
  /** The offer comes to no home for this wish: it says so, or comes only to homes elsewhere or of its own place. */
  get noHomeVisits() {
    const { reading, wish } = this;
    const beyondItsPlace = !!wish.outsideArea && !(reading.homeVisitsOwnStreet && wish.outsideArea === "street");
    return reading.noHomeVisits || this.elsewhere || (beyondItsPlace && reading.homeVisitsOwnPlaceOnly);
  }
  /**
   * Someone who cannot go out, or who asks in so many words for someone to come. What it would only
   * prefer (最好能送到家, 能送到家更好) it does not need.
   */
  #needsItAtHome?: boolean;
  get needsItAtHome() {
    return (this.#needsItAtHome ??= HOUSEBOUND.test(this.text) || WANTS_AT_HOME.test(this.asking.replace(PREFERRED, "，")));
  }
  /**
   * The concepts the wish asks that the offer refuses. Refused only inside homes (户内维修（屋里的水管电线家电）不在服务范围)
   * to a wish about the shared parts (单元门闭门器坏了、楼道灯不亮): the refusal is of where, not of what.
   */
  #refusedAsked?: string[];
  get refusedAsked() {
    return (this.#refusedAsked ??= (() => {
      const { reading, wish } = this;
      const refusesIndoorsOnly = reading.excludes.every((clause) => INDOOR.test(clause)) && sharedPartsOnly(this.text);
      return refusesIndoorsOnly ? [] : (wish.askedConcepts ?? []).filter((key) => reading.refusedConcepts?.includes(key));
    })());
  }
  /** The wish's words of two characters or more that the offer does not say among what it does. */
  #askedNotDone?: string[];
  get askedNotDone() {
    return (this.#askedNotDone ??= this.wish.asked.filter((word) => word.length >= 2 && !this.reading.positive.includes(word)));
  }
  /** Its "does not do" clauses, less what they do not refuse of this wish. */
  #refusals?: string[];
  get refusals() {
    return (this.#refusals ??= (() => {
      const { reading } = this;
      // A refusal of repairs (只做充电设施，不修电动车) names nothing of a wish with nothing broken (电动车充电);
      // what the same clause refuses besides (不做维修、不加氟) still counts.
      const nothingBroken = !BROKEN.test(this.text) && !BROKEN.test(this.title);
      return (
        nothingBroken
          ? reading.excludes.flatMap((clause) =>
              REFUSES_REPAIR.test(clause) ? clause.split("、").filter((part) => REFUSAL_PART.test(part) && !REFUSES_REPAIR.test(part)) : [clause],
            )
          : reading.excludes
      )
        // 不负责接送孩子放学 refuses the trip, not the time after school.
        .map((clause) => (PICK_UP_REFUSAL.test(clause) ? clause.replace(SCHOOL_TIMES, "") : clause))
        // One person's case refused (不接个案咨询，个案请到区公共法律服务中心) refuses nothing a group asks (普法宣讲).
        .filter((clause) => !(ONE_CASE.test(clause) && (this.asksGroupWork || this.forMany)));
    })());
  }
  /** Refusals only inside homes (不接居民个人家里的维修) are dropped for a wish about shared or public parts. */
  #refusalsHere?: string[];
  get refusalsHere() {
    return (this.#refusalsHere ??= sharedPartsOnly(this.text) ? this.refusals.filter((clause) => !INDOOR.test(clause)) : this.refusals);
  }
  /** A blocked drain in its point: drains refused name no leak (水池底下的管子接头滋水) otherwise. */
  #blockedDrain?: boolean;
  get blockedDrain() {
    return (this.#blockedDrain ??= BLOCKED_DRAIN.test(this.point));
  }
  /** The refusals that name, in the wish's own words, what it asks and the offer does not say it does. */
  #naming?: string[];
  get naming() {
    return (this.#naming ??= (() => {
      // "其他银行业务请到网点" refuses what the offer does not do: not the wish's main ask when the offer does it
      // (社保卡上门服务 to 社宝卡过期要换…去银行人家说得本人到场).
      const doesMainAsk = !!this.mainAsk && !!this.reading.ownConcepts?.includes(this.mainAsk);
      // Drains refused (不做下水管道疏通) name no leak: 水管 of 下水管道 is the drain's.
      return this.refusalsHere
        .map((clause) => (this.blockedDrain ? clause : clause.split(/[、，]/).filter((part) => !DRAINS.test(part)).join("、")))
        .filter(
          (clause) => clause && !(doesMainAsk && OTHER_KINDS.test(clause)) && this.askedNotDone.some((word) => refusedPart(clause).includes(word)),
        );
    })());
  }
  #scamTold?: boolean;
  get scamTold() {
    return (this.#scamTold ??= SCAM.test(this.text));
  }
}

/** A reading of what an offer says of itself, stated once with its guard: whether it holds for one pair. */
interface FitRule {
  /** A short name, for tracing which rules decide (see fitTrace). */
  name: string;
  holds: (pair: FitCase) => boolean;
}

/**
 * What rules an offer out for a wish, in the order they are asked (cheap and common first). Each says
 * what the offer tells of itself and what of the wish makes it not fit.
 */
const RULED_OUT: readonly FitRule[] = [
  {
    // A fallback that says it serves only its own place (非本小区业主不在服务范围, 覆盖本街道).
    name: "own-place-only",
    holds: ({ wish, reading }) =>
      (!!wish.outsideArea && reading.ownPlaceOnly === "community") || (wish.outsideArea === "nearby" && reading.ownPlaceOnly === "street"),
  },
  {
    // Paused, or its places this month are taken: not shown until it takes requests again. Nor while it takes no
    // one new at all (本月起暂停新增结对对象，已结对老人照常服务): every wish would be new.
    name: "not-taking-requests",
    holds: ({ reading }) => reading.paused || (reading.full && !reading.fullButOpen) || reading.takesNoNewcomers,
  },
  {
    // Only for its own people (仅限本校在读学生), unless the wish is of them (孩子在哈密道小学上三年级).
    name: "own-people-only",
    holds: ({ reading, text, offer }) => reading.internal && !namesOrganisation(text, offer.organisationName),
  },
  {
    // Group work only, to a household's own wish that asks none (a talk, a class), unless community staff ask
    // for an offer that works through them.
    name: "group-work-only",
    holds: (pair) =>
      pair.reading.groupOnly &&
      !(pair.forMany && !ASKS_ONE_TO_ONE.test(pair.text)) &&
      !pair.asksGroupWork &&
      !(pair.reading.throughCommunity && BY_COMMUNITY_STAFF.test(pair.text)),
  },
  {
    // No one alone (不接受个人报名) to one resident asking for themselves (我就一个人，哪儿能报名学？).
    name: "no-individuals",
    holds: (pair) => pair.reading.noIndividuals && !pair.forMany && !BY_COMMUNITY_STAFF.test(pair.text),
  },
  {
    // For companies and shops only (不面向居民小区) to residents or their community.
    name: "not-for-residents",
    holds: ({ reading, text }) => reading.notForResidents && !OF_A_BUSINESS.test(text),
  },
  {
    // Turned away for a state the wish tells in its point (卧床老人不接助浴 to 卧床老人想洗个澡), and not denies (不是失能老人),
    // when what it refuses them is the wish's main ask.
    name: "turned-away-for-state",
    holds: ({ reading, mainAsk, point, text }) =>
      !!mainAsk &&
      reading.turnedAwayForState.some(
        ({ state, refused }) => refused.includes(mainAsk) && point.includes(state) && !new RegExp(`(不是|没有|并非|不)${state}`).test(text),
      ),
  },
  {
    // Something to be put in (小区里装几个充电桩) that the offer names only among the hazards it checks (检查电动自行车
    // 入户充电等隐患): it inspects that thing, it puts none in.
    name: "checks-not-installs",
    holds: ({ reading, wish, point }) => {
      if (!WANTS_PUT_IN.test(point)) return false;
      const naming = reading.positive.split("，").filter((clause) => wish.asked.some((word) => word.length >= 2 && clause.includes(word)));
      // A clause that only checks, where nothing in the offer puts anything in or mends it (检查楼道电动车充电、堆物).
      const onlyChecks = (clause: string) => CHECKS.test(clause) && !PUTS_IN_OR_MENDS.test(reading.positive);
      return (
        naming.length > 0 &&
        naming.every((clause) => HAZARDS_CHECKED.test(clause) || onlyChecks(clause)) &&
        !MENDS_WHAT_IT_FINDS.test(reading.positive)
      );
    },
  },
  {
    // Public grounds only (不进私家院落，不修个人种的树) to a wish about its own yard (自家小院里有棵香椿树).
    name: "public-grounds-only",
    holds: ({ reading, text }) => reading.noPrivateGrounds && OWN_GROUNDS.test(text),
  },
  {
    // Holidays only to a wish about school days (每天下午三点半放学，没人接). Holidays named only in the story
    // (一问说是暑假才有) are not what it asks for, nor those it has only heard of (看到群里说大学生假期托管的事，
    // 可我们家现在就需要). Nor to one whose title is about term time (开学后孩子放学没人看), whatever holidays its story tells.
    name: "holidays-only",
    holds: ({ reading, text, title, askingToldNotHeard }) =>
      reading.holidaysOnly &&
      ((SCHOOL_DAYS.test(text) && !HOLIDAYS.test(askingToldNotHeard)) ||
        ((SCHOOL_DAYS.test(title) || TERM_BEGUN.test(title)) && !HOLIDAYS.test(title))),
  },
  {
    // After school in term time, to a wish for the holidays (孙子放暑假了，想报个托管班), unless it says it runs then
    // too; closed in the holidays (寒暑假停课) to a wish for them (暑假期间白天无人看护).
    name: "term-time-only",
    holds: ({ reading, text, forHolidays }) =>
      forHolidays &&
      ((!SCHOOL_DAYS.test(text) && SCHOOL_DAYS.test(reading.positive) && !HOLIDAYS.test(reading.positive)) || reading.termOnly),
  },
  {
    // Other school years than the one the wish names (只收一至三年级 to 五年级).
    name: "other-grades",
    holds: ({ reading, text }) => {
      if (!reading.grades) return false;
      const grade = wishGrade(text);
      return grade !== null && (grade < reading.grades[0] || grade > reading.grades[1]);
    },
  },
  {
    // For holders of a certificate (仅面向持有残疾人证的居民) to a wish that says it has none (我没残疾证).
    name: "certificate-lacking",
    holds: ({ reading, text }) => reading.requires.length > 0 && credentialsLacking(text).some((kind) => reading.requires.includes(kind)),
  },
  {
    // Nor for one who tells an injury that heals (脚踝骨折…俩月不能着地，想借个轮椅), when what it asks must be asked
    // with a disability certificate: the sentence that says so names it, or says nothing else (需持残疾证办理).
    name: "certificate-for-lasting-state",
    holds: ({ reading, text, wish }) =>
      reading.mustHold.length > 0 &&
      passingInjury(text) &&
      reading.mustHold.some(
        ({ kind, sentence, alone }) => kind === "disability" && (alone || wish.asked.some((word) => word.length >= 2 && sentence.includes(word))),
      ),
  },
  {
    // Takes only some kinds of case (仅受理劳动争议类) to a wish asking none of them (房子过户的事想问问律师).
    name: "only-some-cases",
    holds: ({ reading, wish }) =>
      !!reading.onlyConcepts?.length && !!wish.askedConcepts?.length && !wish.askedConcepts.some((key) => reading.onlyConcepts!.includes(key)),
  },
  {
    // Limited to other communities than the wish's, and not only for its visits to homes (送餐上门仅限…).
    name: "other-communities",
    holds: ({ reading, elsewhere }) => elsewhere && !reading.onlyFor.atHome,
  },
  {
    // Someone who needs it at home gets no help at all from an offer that comes to no home, nor with the part it
    // does only in person when named in the wish's own words (挂失补卡). What it would only prefer fits in part (below).
    name: "not-at-home",
    holds: (pair) => pair.needsItAtHome && (pair.noHomeVisits || pair.reading.inPersonParts.some((part) => sharesPhrase(part, pair.text))),
  },
  {
    // About one kind of card, to a wish about another (社保卡换领 to 工资卡丢了): not what is asked. Read from the
    // wish's point, its title: in a story a card may be only a detail (骗子说你的银行卡被冒用).
    name: "another-card",
    holds: ({ reading, wish }) => {
      if (!reading.cards.length) return false;
      const wishCards = cardKinds(wishNormalised(wish.title ?? wish.text).replace(/不是.{0,4}卡/g, ""));
      return wishCards.length > 0 && !wishCards.some((kind) => reading.cards.includes(kind));
    },
  },
  {
    // Only for children to a wish about an older person, or the other way round (a grieving widower and a youth
    // counselling service that does not see adults).
    name: "another-audience",
    holds: ({ reading, text, point }) => {
      if (!reading.audience) return false;
      const about = wishAudience(text);
      if (about && about !== reading.audience) return true;
      // Only for children, to a wish with no child in it at all (戴了十来年的假牙松了 to 儿童口腔义诊).
      // Read in its point: a grown son who brings the groceries (儿子每礼拜给送菜) is no child to serve.
      if (!about && reading.audience === "young" && !CHILD.test(point)) return true;
      // Only for older people, everyone else turned away, to a wish with no older person in it (我是租房的，三十出头).
      return reading.othersTurnedAway && reading.audience === "old" && !WISH_OLD.test(text);
    },
  },
  {
    // Repairs only some appliances (只修电视冰箱洗衣机) to a wish about another (空调想洗洗).
    name: "other-appliances",
    holds: ({ reading, point }) => {
      if (!reading.onlyAppliances.length) return false;
      const wishAppliances = wishAppliancesIn(point);
      return wishAppliances.length > 0 && !wishAppliances.some((a) => reading.onlyAppliances.includes(a));
    },
  },
  {
    // Large appliances refused (大家电不修) to a wish about one (冰箱不制冷了), unless the offer names it as its own.
    // Not to a wiring fault (一开热水器就跳闸): the wiring may be at fault.
    name: "large-appliances",
    holds: ({ reading, point }) => {
      if (!reading.noLargeAppliances || WIRING_FAULT.test(point)) return false;
      const named = appliancesIn(point);
      return named.length > 0 && named.every((a) => LARGE_APPLIANCES.includes(a) && !reading.positive.includes(a));
    },
  },
  {
    // Repairs nothing (家电深度清洗，不做维修) to a wish asking for a repair (空调不制冷，找人修修).
    name: "no-repairs",
    holds: ({ reading, asking, title }) => reading.noRepairs && (ASKS_REPAIR.test(asking) || ASKS_REPAIR.test(title)),
  },
  {
    // No deliveries to someone who cannot leave home at all; to one who asks for them, a part (they may be fetched).
    name: "no-deliveries",
    holds: ({ reading, text }) => reading.noDeliveries && HOUSEBOUND.test(text),
  },
  {
    // Meals neither made nor brought (探访空巢老人…不送餐) to a wish for meals brought (镇上有没有给老人送饭的).
    name: "no-meals-brought",
    holds: ({ reading, mainAsk, needsItAtHome }) =>
      mainAsk === MEALS &&
      needsItAtHome &&
      reading.excludes.some((clause) => NO_MEALS_BROUGHT.test(clause)) &&
      !reading.ownConcepts?.includes(MEALS),
  },
  {
    // It refuses the kind of help the wish mainly asks for (不代购药品 to "开了药给送家来"), and does no other thing
    // the wish asks (线路检修，不修家用电器 to 一用电饭锅就跳闸，谁能给看看线路: then it does part of it). When it
    // refuses the main ask, only another part of the same kind of help counts: a phone class does no part of a
    // phone repair (不负责手机维修 to 手机屏幕摔碎了…微信也点不开), though it teaches WeChat. A wish that asks for a
    // mend or tells a thing broken in its point (手机屏幕摔碎了…营业厅能给修吗) mainly asks the repair, whatever else
    // it names. A word the offer also says it does ("共有部位维修…户内维修不在范围") rules nothing out.
    name: "refuses-the-ask",
    holds: ({ reading, wish, mainAsk, refusedAsked, asking, title }) => {
      if (!refusedAsked.length) return false;
      const asksMend = ASKS_REPAIR.test(asking) || BROKEN.test(title);
      const refusesMainAsk =
        (!!mainAsk && refusedAsked.includes(mainAsk)) ||
        (asksMend && refusedAsked.some((key) => reading.conceptCategories?.[key] === "repair"));
      const refusedKinds = new Set(refusedAsked.map((key) => reading.conceptCategories?.[key]));
      const doesAnotherAsked = wish.askedConcepts?.some(
        (key) =>
          !refusedAsked.includes(key) &&
          reading.ownConcepts?.includes(key) &&
          (!refusesMainAsk || refusedKinds.has(reading.conceptCategories?.[key])),
      );
      return !doesAnotherAsked;
    },
  },
  {
    // The part it has stopped taking on for now is what the wish asks for (暂停新增送餐户 to 订送餐), or names the
    // kind of help it asks (暂停新增助餐人员 to 想给我老母亲报个老年饭桌); deliveries stopped for newcomers to someone who
    // cannot come for it (腿打着石膏，下不了楼).
    name: "paused-part",
    holds: ({ reading, wish, needsItAtHome }) =>
      reading.pausedParts.some(
        (clause) =>
          wish.asked.some((word) => word.length >= 2 && clause.includes(word)) ||
          (!AT_HOME_CLAUSE.test(clause) && (wish.askedConcepts ?? []).some((key) => clause.includes(key))),
      ) ||
      (needsItAtHome && reading.pausedParts.some((clause) => AT_HOME_CLAUSE.test(clause))),
  },
  {
    // "Does not bring it home" to someone who cannot go out for it: no help at all.
    name: "not-brought-home",
    holds: ({ naming, text }) => naming.some((clause) => AT_HOME_CLAUSE.test(clause)) && HOUSEBOUND.test(text),
  },
  {
    // It says it does not do what the wish asks for ("户内维修（纱窗…）不在服务范围" to a torn fly screen).
    name: "refuses-what-is-asked",
    holds: ({ naming, askedNotDone }) => {
      const what = askedNotDone.filter((word) => !AT_HOME_CLAUSE.test(word));
      return naming.some((clause) => what.some((word) => clause.includes(word)));
    },
  },
  {
    // It refuses the very thing asked, in the wish's own words (不配做假牙 to 有没有大夫能上门给做假牙的), even where it
    // names the same thing among what it does (检查假牙佩戴情况). Or in its title, by a longer phrase (翠屏小区内部路灯损坏
    // to 小区内部路灯由物业负责，不在受理范围): three characters of a title are often where (卫生间水龙头滴水 to
    // 不接卫生间防水工程), not what. Not, for a wish for group work, by a thing it names among what it does too
    // (消防演练、灭火器使用培训…不配发灭火器 to 计划组织…灭火器使用培训): it refuses something else done with it (but
    // 不上门更换灭火器 to 上门给换个灭火器).
    name: "refuses-in-its-words",
    holds: (pair) => {
      const { asking, title } = pair;
      const doneToo = pair.asksGroupWork ? pair.reading.positive : "";
      return pair.refusalsHere.some(
        (clause) => (asking && sharesPhrase(clause, asking, 3, doneToo)) || (title && sharesPhrase(clause, title, 4)),
      );
    },
  },
  {
    // Drains refused (管道疏通、燃气不做; 水管、下水的活不接) to a blocked one (下水堵了…谁能来给通一通), whatever words
    // each uses, unless the offer clears drains too.
    name: "drains-refused",
    holds: ({ blockedDrain, refusals, reading }) =>
      blockedDrain && refusals.some((clause) => DRAINS.test(clause)) && !DRAINS.test(reading.positive),
  },
  {
    // Wiring refused (涉电（开关插座、线路）一律不接) to a wiring fault (开关冒火星子, 一开就跳闸), unless it does
    // wiring too, or repairs appliances and the wish blames one (一开微波炉就跳闸: the oven may be at fault).
    name: "wiring-refused",
    holds: ({ point, refusals, reading }) => {
      if (!WIRING_FAULT.test(point) || !refusals.some((clause) => WIRING.test(clause)) || WIRING.test(reading.positive)) return false;
      const mayBeAppliance = appliancesIn(point).length > 0 && (reading.positive.includes("家电") || appliancesIn(reading.positive).length > 0);
      return !mayBeAppliance;
    },
  },
  {
    // A thing it sends elsewhere (燃气灶、热水器坏了请联系厂家售后, 楼道等公共部位请找物业) to a wish about it.
    name: "sent-elsewhere",
    holds: ({ reading, point, text }) => {
      if (!reading.referredThings.length) return false;
      const brokenClauses = clausesOf(`${point}。${text}`).filter((clause) => BROKEN.test(clause));
      return reading.referredThings.some((referred) => aboutThing(referred, point, brokenClauses, reading.positive));
    },
  },
  {
    // "户内维修不在服务范围" (shared parts only) to a leak in someone's bedroom.
    name: "shared-parts-only",
    holds: ({ reading, text }) =>
      reading.excludes.some((clause) => INDOOR.test(clause)) && WISH_INDOORS.test(text) && !WISH_SHARED_PARTS.test(text),
  },
  {
    // Staff only (仅限港务局在职及退休职工家属) to a wish that says it is not of them (我们不是港务局的职工), nor to a
    // wish that says nothing of working there (我是做小买卖的，想找个律师问问).
    name: "staff-only",
    holds: ({ reading, text, offer }) =>
      reading.staffOnly &&
      (NOT_STAFF.test(text) ||
        (!OF_STAFF.test(text) && !namesOrganisation(text, offer.organisationName) && !ofStaff(text, reading.staffOf))),
  },
  {
    // Only what it put in itself (只维修我公司安装的器材) to a wish that says who put it in, and not the offer
    // (器材当年是区体育局配发的); a wish that names its brand or the company (立柱上有"津体"标牌) is of its own.
    name: "own-installs-only",
    holds: ({ reading, text, offer }) => {
      if (!reading.ownInstallsOnly || !SOURCE_TOLD.test(text)) return false;
      const company = offer.organisationName ? coreName(normaliseText(offer.organisationName).replace(ADMIN_PREFIX, "")) : "";
      const names = [...reading.ownInstallsOnly.brands, ...(company.length >= 2 ? [company] : [])];
      return !names.some((name) => text.includes(name));
    },
  },
  {
    // Owners only (限本小区业主, 租户请联系房东) to a tenant (我们是租房住的).
    name: "owners-only",
    holds: ({ reading, text }) => reading.ownersOnly && TENANT.test(text),
  },
  {
    // A property company serves the estates it manages: not a building with none (老旧小区没物业), nor, when it
    // names the estate whose owners it serves (秋怡家园业主), a wish in another community.
    name: "other-estate",
    holds: ({ reading, wish, text }) =>
      (!!reading.estate && !!wish.community && !sameCommunity(reading.estate, wish.community) && !namesPlace(text, reading.estate)) ||
      (reading.managedEstatesOnly && NO_PROPERTY_MANAGER.test(text)),
  },
  {
    // A lost card is stopped and replaced by its own bank (农商银行的卡丢了 to another bank's class); a talk or a
    // campaign (反诈宣讲进社区, 金融知识课堂) stops and replaces no card.
    name: "lost-card-elsewhere",
    holds: (pair) => {
      const { reading, text } = pair;
      if (!LOST_CARD.test(text)) return false;
      if (TALKS.test(reading.positive) && !HANDLES_CARDS.test(reading.positive) && !pair.asksGroupWork) return true;
      const wishBanks = banksOf(text);
      const offerBanks = banksOf(normaliseText(pair.offer.organisationName ?? ""));
      return wishBanks.length > 0 && offerBanks.length > 0 && !offerBanks.some((bank) => wishBanks.includes(bank));
    },
  },
  {
    // A scam told (转到安全账户, 投了钱说返利) is not a card's business: card services that say nothing of fraud
    // (社保卡激活、补换卡、密码重置) do not fit it, unless the wish asks for card work (帮我把卡冻结); the scammer's own
    // threat (说我医保卡异常要冻结) is no such ask, nor is the scammer's account to freeze (银行能不能把那个账户给冻上).
    name: "card-service-to-scam",
    holds: ({ scamTold, text, asking, reading }) =>
      scamTold &&
      !LOST_CARD.test(text) &&
      !CARD_WORK.test((asking || text).replace(THEIR_ACCOUNT, "")) &&
      CARD_SERVICES.test(reading.positive) &&
      !FRAUD.test(reading.positive),
  },
  {
    // The other way round: a lost card, no scam told (工资卡找不着了，想先挂失), to an offer about fraud that does no
    // card's business (可疑电话一对一核实，协助报警止付): not what is asked.
    name: "fraud-check-to-lost-card",
    holds: ({ scamTold, text, reading }) =>
      !scamTold && LOST_CARD.test(text) && FRAUD.test(reading.positive) && !REPLACES_CARDS.test(reading.positive),
  },
  {
    // Money already lost to a scam, asked back (钱还能追回来吗): warnings and talks (顺带反诈提醒, 反诈宣讲) do not get
    // it back; only an offer that takes one case (个案咨询, 律师, 报警止付) may help.
    name: "money-back",
    holds: ({ scamTold, point, reading }) => scamTold && WANTS_MONEY_BACK.test(point) && !HELPS_A_VICTIM.test(reading.positive),
  },
  {
    // A doctor's visit that names what it does, and no dressing (上门测血压血糖、评估用药), to a wound to dress
    // (褥疮要换药, 刀口拆线): the one procedure asked is not among them.
    name: "no-dressing",
    holds: ({ mainAsk, wish, text, reading }) =>
      DOCTORS_VISIT.has(mainAsk) && wish.askedConcepts!.includes("上门换药") && WOUND.test(text) && !DRESSES_WOUNDS.test(reading.positive),
  },
  {
    // For a programme's households only (名单外家庭不接单，自费也不接) to a wish that would pay itself (自己掏钱就行).
    name: "programme-only",
    holds: ({ reading, text }) => reading.noSelfPay && PAYS_ITSELF.test(text),
  },
  {
    // Over-the-counter medicines only (限非处方药，处方药不配送) to a wish for a prescribed one (医院开的处方药).
    name: "over-the-counter-only",
    holds: ({ reading, text }) => reading.overTheCounterOnly && PRESCRIBED.test(text),
  },
  {
    // Booked a week ahead, no urgent jobs (急修不接) to a wish that cannot wait (暖气片漏水了！急). Read in what it
    // asks, or in all of it when no sentence asks outright (钥匙拧不动了，今天能来人修不).
    name: "not-urgent",
    holds: ({ reading, point }) => reading.notUrgent && URGENT.test(point.replace(NOT_PRESSED, "，")),
  },
];

/** What makes an offer fit only in part: each that holds multiplies its score by PARTLY. */
const PARTLY_FITS: readonly FitRule[] = [
  {
    // Full, but part of it goes on or it keeps a waiting list.
    name: "full-but-open",
    holds: ({ reading }) => reading.full,
  },
  {
    // Weekends only (每周六上午) to a wish for the school week (周一到周五都要); or in term time on weekends only
    // (学期中只在周六上午) to a wish for every school day (每天放学接着).
    name: "weekends-to-school-week",
    // Not to a wish whose title asks for the weekend (周末想给孩子找个数学辅导), whatever days its story tells.
    holds: ({ offer, reading, told, title }) =>
      !WEEKEND.test(title) &&
      (((offer.weekdays?.length ? offer.weekdays.every((day) => day >= 6) : reading.weekendsOnly) &&
        (asksSchoolWeek(told) || EVERY_SCHOOL_DAY.test(told) || asksPlainSchoolDays(told))) ||
        (reading.termWeekendsOnly && (asksSchoolWeek(told) || EVERY_SCHOOL_DAY.test(told)))),
  },
  {
    // No deliveries to one who asks for them: they may be fetched.
    name: "no-deliveries-asked",
    holds: ({ reading, needsItAtHome }) => reading.noDeliveries && needsItAtHome,
  },
  {
    // No home visits while the wish would like one.
    name: "no-home-visits-wished",
    holds: ({ noHomeVisits, text }) => noHomeVisits && WANTS_AT_HOME.test(text),
  },
  {
    // A lawsuit asked for (帮我写个起诉状，把官司打了), of an offer that only advises (律师驻点咨询). Not one it does
    // not want (也不想打官司), nor whether to sue (要不要打官司): advice is what that asks.
    name: "advice-to-lawsuit",
    holds: ({ asking, text, reading }) => LITIGATION.test(withoutRefusals(asking || text)) && !REPRESENTS.test(reading.positive),
  },
  {
    // A doctor asked to the home (有没有大夫能上家里来给看看), also in the title (想请医生上门量量血压血糖), of an
    // offer with no doctor (a pharmacy's 送药上门): it can bring medicine, take a blood pressure.
    name: "no-doctor-to-home",
    holds: ({ point, reading }) => DOCTOR_TO_HOME.test(point) && !HAS_DOCTOR.test(reading.positive),
  },
  {
    // It refuses a part of what the wish asks, and does the rest.
    name: "refuses-part",
    holds: ({ naming, refusedAsked }) => naming.length > 0 || refusedAsked.length > 0,
  },
];

/**
 * How far what an offer says of itself fits a wish, as a factor of its score: 0 when one of RULED_OUT
 * holds (paused; its places taken; only for its own people; group work only while the wish is a
 * household's own; no home visits for someone who cannot leave home; one of its "does not do" clauses
 * names what the wish mainly asks for — `asked`: those words with their synonyms…), else PARTLY for
 * each of PARTLY_FITS that holds (full but part of it goes on; no home visits while the wish would like
 * one…), else 1.
 */
export function offerFit(reading: OfferReading, wish: FitWish, offer: FitOffer = {}): number {
  const pair = new FitCase(reading, wish, offer);
  if (RULED_OUT.some((rule) => rule.holds(pair))) return 0;
  let factor = 1;
  for (const rule of PARTLY_FITS) if (rule.holds(pair)) factor *= PARTLY;
  return factor;
}

/** The names of every fit rule: those that rule an offer out, then those that make it fit in part. */
export const FIT_RULES = { ruledOut: RULED_OUT.map((rule) => rule.name), partly: PARTLY_FITS.map((rule) => rule.name) };

/** Every rule that holds for a pair, by name, not stopping at the first (for audits of the rules; offerFit decides). */
export function fitTrace(reading: OfferReading, wish: FitWish, offer: FitOffer = {}): { ruledOutBy: string[]; partlyBy: string[] } {
  const pair = new FitCase(reading, wish, offer);
  const holding = (rules: readonly FitRule[]) => rules.filter((rule) => rule.holds(pair)).map((rule) => rule.name);
  return { ruledOutBy: holding(RULED_OUT), partlyBy: holding(PARTLY_FITS) };
}

/** Its city and district, before an organisation's own name (天津市和平区哈密道小学). */
const ADMIN_PREFIX = /^(天津市?)?([\u4e00-\u9fa5]{2,3}(?<![社小园])[区县])?/;

/**
 * The wish is of the organisation's own people: it names it, by its own name without city and
 * district (four characters or more), as where someone studies or works (孩子在哈密道小学上三年级,
 * 我是…公司的职工), not as a place it is not of (不是咱街道的中山门小学; 泗水道小学有托管，外校的能报吗).
 */
function namesOrganisation(text: string, name: string | null | undefined): boolean {
  if (!name) return false;
  const plain = normaliseText(name).replace(ADMIN_PREFIX, "");
  if (plain.length < 4) return false;
  // Schools go by their number (芦台第一小学 is 芦台一小, 大港第三小学 三小).
  const short = plain.replace(NUMBERED_SCHOOL, "$1$2");
  const names = short === plain ? [plain] : [plain, short];
  return (
    (names.some((own) => memberOf(own).test(text) || worksAtPartOf(text, own)) || retiredFrom(text, plain)) && !/外校|不收外|外单位/.test(text)
  );
}

/** An organisation's name without its legal form (津沽机械 of 津沽机械有限公司退休人员服务站), as its people say it. */
const LEGAL_FORM = /有限责任公司|股份有限公司|有限公司|集团|总公司|分公司|公司|总厂|工厂|厂/;
/** Its people by that name and a 厂 or 公司 of their own (我是津沽机械厂退休的, 津沽机械的老职工). */
function retiredFrom(text: string, plain: string): boolean {
  const core = coreName(plain);
  return core.length >= 4 && core !== plain && worksAt(text, core);
}
/** An organisation's name without its legal form (津沽机械 of 津沽机械有限公司). */
const coreName = (plain: string) => plain.split(LEGAL_FORM)[0] ?? "";
/** Said to work or have worked there (油田退休的, 津沽机械的老职工), not denied (不是油田的, 没人在油田工作过). */
function worksAt(text: string, core: string): boolean {
  const at = text.indexOf(core);
  return (
    at >= 0 &&
    /^.{0,4}(退休|职工|员工|上班|工作|家属(?!楼|院|区))/.test(text.slice(at + core.length)) &&
    !/(不是|没人在|没有人在|没在|并非|不在)[^，。；]{0,3}$/.test(text.slice(Math.max(0, at - 6), at))
  );
}
const NUMBERED_SCHOOL = /第([一二三四五六七八九十]{1,3})(小|中)学$/;

/** Someone studies or works at the organisation of this plain name: built once per organisation. */
const memberOf = boundedMemo(
  1_000,
  (plain: string) => plain,
  (plain: string) => {
    const own = plain.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(
      // 在六纬路小学， (of a pupil: 儿子刚上一年级，在六纬路小学，三点半就放学).
      `(?<!不)(在|是)${own}(上学|上|读|念|就读|工作|上班)|(?<!不)在${own}(?=[，,。；;]|$)|${own}(的)?([一二三四五六初高]|\\d)年级|(?<!不)是${own}的?(学生|职工|员工|家属)`,
    );
  },
);

/**
 * The wish says where someone works or studies by a shorter name that is part of the organisation's
 * (我在供电公司上班 of 国网天津红桥供电公司工会, 在镇中心小学上二年级 of 邦均镇中心小学): three characters
 * or more, so 在公司上班 names none.
 */
function worksAtPartOf(text: string, own: string): boolean {
  for (const [, place] of text.matchAll(/(?<!不是?)在([\u4e00-\u9fa5]{2,10}?)(上学|上班|工作|读书|就读|[上读][一二三四五六初高]年级)/g))
    // Three characters or more, or a school by its number (在三小上二年级 of 大港三小).
    if (own.includes(place!) && (place!.length >= 3 || (/^[一二三四五六七八九十]+[小中]$/.test(place!) && own.endsWith(place!)))) return true;
  return false;
}

/** Where a thing came from, as a wish tells it (区体育局配发的, 开发商装的, 企业捐赠的). */
const SOURCE_TOLD = /配发|配建|下发|发放的|捐赠|捐的|捐建|赠送的|(局|委|政府|街道|开发商|物业|公司|厂)(统一)?(安装|装|建)的/;
/** A wish of staff (我爱人是港务局退休职工, 听同事说厂里有): it may be of the organisation's own people. */
const OF_STAFF = /(?<!双)(职工|员工)|同事|工友|厂里|(我|我们|俺|俺们|咱)(单位|厂|公司)/;
/** A wish of the staff an offer names (仅限油田职工 to 我俩都是油田退休的), not one that denies it (都不是油田退休的). */
const ofStaff = (text: string, staffOf: string | null) => !!staffOf && worksAt(text, staffOf);
/** A wish that says it is not of an organisation's staff (我们不是港务局的职工, 非本单位职工). */
// Or that tells the limit it was turned away by (说只收他们园区职工家的孩子): their staff, not the wish's.
const NOT_STAFF =
  /(我|我们|俺|俺们|咱|咱们|我家|我们家)(都|也)?(不是|并非)[\u4e00-\u9fa5]{0,8}?的?(职工|员工)(?!本人|家属)|(只|仅)(收|招|接|要|对|限)(他们|人家)[\u4e00-\u9fa5]{0,8}?的?(职工|员工)/;
/** A building with no property company (老旧小区没物业, 一直没有物业, 弃管楼). */
const NO_PROPERTY_MANAGER = /没有?物业|无物业|弃管/;
/** A card lost or to be stopped (卡丢了, 卡找不着了, 挂失, 先把卡冻上); not the fraudster's "账户冻结". */
// A card the cash machine kept (取款机吞卡, 卡就没吐出来) is lost to its owner too: the issuing bank gets it back.
const LOST_CARD = /卡.{0,4}(丢|找不着|找不到|没了|被偷)|挂失|补卡|卡冻上|吞卡|卡.{0,3}被?吞|卡.{0,8}没(吐|退)出来/;
/** A scam told, tried or feared. */
const SCAM =
  /诈骗|被骗|骗子|骗局|骗了|安全账户|返利|[年月]返[\d一二三四五六七八九十两几]|投钱|转进去.{0,3}[\d一二三四五六七八九十两几]+[万千块]|忽悠|怪电话|保健品|养老项目|(理财|投资)群|拉进.{0,6}群|配合调查|(?<!听(说|人说|别人说)[^。！？]{0,30})(真的假的|是真是假)|(电话|短信|来电)[^。！？]{0,30}(真的假的|是真是假)|冒充|问我.{0,4}(卡号|密码|验证码)/;
/** Something asked to be put in or built (装几个充电桩, 建个车棚, 增设座椅). */
const WANTS_PUT_IN = /装(?!修)|增设|建(个|一个|几个)|修建/;
/** What it finds, it mends on the spot (发现问题现场更换). */
const MENDS_WHAT_IT_FINDS = /(发现|查出)[^，。；]{0,8}(现场|当场|及时|免费)?(更换|维修|处理|整改)|(现场|当场)(更换|维修|处理)/;
/** A clause of hazards checked (检查燃气软管、电动自行车入户充电等隐患, 排查用电隐患). */
const HAZARDS_CHECKED = /(检查|排查|巡查|查看)[^，。；]{0,20}隐患/;
/** A clause that checks (检查楼道电动车充电); and what puts things in or mends them (改造, 协助…安装). */
const CHECKS = /检查|排查|巡查/;
const PUTS_IN_OR_MENDS = /安装|装|改造|更换|换|维修|修|施工|建设|建/;
/**
 * Money lost asked back (钱能追回来吗, 钱还能要回来不, 让银行把钱拦下来); not a scammer's 退款 pitch, nor calls blocked
 * (把这种电话拦住), goods brought home (拿回来一堆保健品), a grandson coming back (要回来), or money given up (钱追回来是没指望了).
 */
const NOT_GIVEN_UP = "(?![^，。；]{0,4}(没指望|没戏|没希望|不指望|不可能))";
const WANTS_MONEY_BACK = new RegExp(
  `(钱|款)[^。！？]{0,8}(追|要|讨)(得)?回${NOT_GIVEN_UP}|(追|要|讨)回[^，。；]{0,2}(钱|款)|追回${NOT_GIVEN_UP}|挽回损失|钱[^，。；]{0,4}(截|拦)(住|下)`,
);
/** What helps one victim: a case taken, a lawyer, the police, a stop on the account. */
const HELPS_A_VICTIM = /个案|一对一|律师|法律|维权|报案|报警|立案|止付|冻结|拦截|援助|调解|反诈中心|(涉诈|反诈)咨询/;
/** Fraud as an offer speaks of it. */
const FRAUD = /诈|防骗|骗局/;
/** Does a lost card's business: reports it lost, replaces or unblocks it. */
const REPLACES_CARDS = /挂失|补卡|补办|换卡|补换|补发|解挂|冻结/;
/** Work on a card asked for in so many words. */
const CARD_WORK = /补卡|换卡|补办|激活|密码|(把|给|先).{0,6}(冻结|冻上|停)|止付|换.{0,2}新卡?|认证|年审|查.{0,4}(账|余额|到账)/;
/** The other side's account (把那个账户给冻上, 对方的卡): not the wish's own card. */
const THEIR_ACCOUNT = /(把|将)?(那个|对方的?|骗子的?|他的|他们的)(账户|账号|卡)(给)?[^，。；]{0,4}(冻结|冻上|停)/g;
/** Services on cards and pension accounts. */
const CARD_SERVICES = /社保卡|补卡|换卡|挂失|密码重置|资格认证|养老金卡/;
/** Talks, campaigns and classes. */
const TALKS = /宣传|宣讲|讲座|知识|课堂|防范|培训|开班|开课|上课|教老人/;
/** Work on someone's own card or account. */
const HANDLES_CARDS = /挂失|补卡|补办|换卡|补换|补发|开卡|制卡|解挂|冻结|止付|业务|上门服务|办理|激活|密码/;
/** Banks by their short and long names (工行, 工商银行). */
const BANKS: [string, RegExp][] = [
  ["icbc", /工行|工商银行/],
  ["ccb", /建行|建设银行/],
  ["abc", /农行|农业银行/],
  ["boc", /(?<!集)中行|中国银行/],
  ["bocom", /交行|交通银行/],
  ["rcb", /农商|农村商业银行/],
  ["psbc", /邮储|邮政储蓄|邮政银行/],
  ["cmb", /招行|招商银行/],
  ["tjb", /天津银行/],
  ["cbhb", /渤海银行/],
];
const banksOf = (text: string) => BANKS.filter(([, pattern]) => pattern.test(text)).map(([bank]) => bank);

/** What a wish is about: its devices, or else a lamp (卧室吸顶灯一闪一闪的). */
const wishAppliancesIn = (text: string) => {
  const named = appliancesIn(text);
  return named.length || !LAMP.test(text) ? named : ["灯"];
};
/**
 * What a "not here" clause refuses (不在现场办理开户、挂失): what follows, not where (现场宣讲 is
 * asked); or, when nothing follows (小区内部路灯由物业负责，不在受理范围), what comes before.
 */
const NOT_DONE_HERE = /不在.{0,4}?(办理|受理)/;
function refusedPart(clause: string): string {
  const match = NOT_DONE_HERE.exec(clause);
  if (!match) return clause;
  const after = clause.slice(match.index + match[0].length);
  return /^(范围|之列)?内?$/.test(after) ? clause.slice(0, match.index) : after;
}

/** A blocked drain, as residents tell it; drains, as offers name them. */
const BLOCKED_DRAIN = /堵(了|住|死|得)|不下水|水下不去|下不去水|下水不通|往上返|返水|通一通|疏通/;
const DRAINS = /疏通|下水|通堵/;
/** A fault in the wiring, as residents tell it; wiring, as offers name it. */
const WIRING_FAULT = /火星|火花|跳闸|短路|漏电|电线|线路|插座|电路|过电|冒烟|煳味|糊味/;
const WIRING = /涉电|电路|线路|电线|开关|插座|用电/;

/** A refusal to take children to and from school (不负责接送孩子放学). */
const PICK_UP_REFUSAL = /不(负责|提供|管)?(放学)?(接送|接孩子)/;
const SCHOOL_TIMES = /放学|上学|下学|课后/g;

/** The factor of an offer that fits only in part (see offerFit). */
export const PARTLY = 0.6;
