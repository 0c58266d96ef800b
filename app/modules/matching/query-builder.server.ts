// Turns a wish (or an offer) into a short weighted query: the concepts its wording evokes, the
// domain words it uses, and its most telling keywords — never the raw text (Meilisearch reads only
// the first 10 terms of a query, and a resident's story is mostly not about the help asked for).
import { Jieba, TfIdf } from "@node-rs/jieba";
import { dict, idf } from "@node-rs/jieba/dict.js";
import type { NeedKind } from "#db/schema/enums";
import { categoryKeys, type CategoryKey } from "~/modules/categories/categories";
import { concepts, conditionCues, kinOf, stopWords, synonymGroups, type Concept } from "./vocabulary";
import {
  APPLIANCES,
  askingClauses,
  askingOfStory,
  homophoneIndex,
  homophoneSlips,
  normaliseText,
  ONE_CASE,
  requestClauses,
  type HomophoneIndex,
  readOffer,
  type OfferReading,
  whatItDoes,
  wishAudience,
} from "./text";

export const MAX_QUERY_TERMS = 10;

export interface QueryTerm {
  term: string;
  weight: number;
  source: "concept" | "keyword";
  category: CategoryKey | null;
  /** Evoked by the title or by the sentence that asks: what the wish is mainly about. */
  primary: boolean;
  /** The subject's own words that brought the term in (a cue as written, a keyword, a misspelling). */
  quotes: string[];
  /** A concept the sentence that asks names too, not only the title (…想找人给换个屏). */
  askedOutright?: boolean;
}

export interface MatchQuery {
  terms: QueryTerm[];
  /** The words of the sentences that ask (segmented, stop words left out): what the help is for. */
  askingWords: string[];
  category: CategoryKey | null;
  categorySource: "given" | "inferred" | null;
  /** The title and the sentences that ask, as written: where the words of what is asked for are said. */
  pointText?: string;
}

export interface MatchSubject {
  title: string;
  description: string;
  category: string | null;
  tags?: string[];
  /** A need's kind: a community's need or project speaks for many residents, a micro-wish for one household. */
  kind?: NeedKind;
}

const WEIGHT = {
  conceptInTitle: 2,
  conceptInTitleContext: 1.5,
  conceptInRequest: 1.8,
  conceptInText: 1.5,
  conceptInBackground: 1.1,
  keyword: 1,
  keywordInTitle: 1.4,
} as const;

/** Every word the vocabulary knows, for Meilisearch's dictionary and jieba's segmentation. */
export function vocabularyWords(): string[] {
  const words = new Set<string>();
  for (const concept of concepts) for (const term of concept.terms) words.add(term);
  for (const group of synonymGroups) for (const word of group) words.add(word);
  return [...words].filter((w) => w.length > 1).sort();
}

/** The weight of a concept brought in as the kin of the main ask, against the main ask's. */
const KIN_FACTOR = 0.8;

/** The weight of a concept evoked only by how the person is (see conditionCues). */
const CONDITION_FACTOR = 0.6;

let segmenter: { jieba: Jieba; tfIdf: TfIdf } | null = null;

function keywordExtractor() {
  if (segmenter) return segmenter;
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(
    Buffer.from(
      vocabularyWords()
        .map((w) => `${w} 20000 n`)
        .join("\n"),
    ),
  );
  const tfIdf = TfIdf.withDict(idf);
  segmenter = { jieba, tfIdf };
  return segmenter;
}

function cueHits(concept: Concept, text: string): number {
  return concept.cues.filter((cue) => (typeof cue === "string" ? text.includes(cue) : cue.every((part) => text.includes(part)))).length;
}

/**
 * Concepts evoked only by words that are part of a longer word evoking another concept (辅导 of
 * 心理辅导, 手机 of 手机维修): that other concept read twice, not a second thing named. The longer
 * words are those of `longer` (a wish's concepts, whose terms are cues too), by concept key.
 */
function subsumedConcepts(list: Concept[], text: string, longer: Concept[] = list): Set<Concept> {
  const wordsOf = (of: Concept[]) => {
    const found = new Map<string, string[]>();
    for (const concept of of) {
      const words = cueWords(concept, text);
      if (words.length) found.set(conceptKey(concept), words);
    }
    return found;
  };
  const found = wordsOf(list);
  const longerFound = longer === list ? found : wordsOf(longer);
  const subsumed = new Set<Concept>();
  for (const concept of list) {
    const key = conceptKey(concept);
    const words = found.get(key);
    if (
      words?.every((word) =>
        [...longerFound].some(([other, otherWords]) => other !== key && otherWords.some((w) => w.length > word.length && w.includes(word))),
      )
    )
      subsumed.add(concept);
  }
  return subsumed;
}

/** The words of the cues found in the text (each part of a cue of several). */
function cueWords(concept: Concept, text: string): string[] {
  const found = concept.cues.filter((cue) => (typeof cue === "string" ? text.includes(cue) : cue.every((part) => text.includes(part))));
  return [...new Set(found.flat())];
}

/** Who posts on whose behalf (网格员代发：…, 代居民申请): how the wish came, not what it asks. */
const POSTED_FOR =
  /(网格员|社工|社区工作人员|楼长)代(办|发|报|填|为|录)?[:：]?|代发|代为(申请|发布|反映|登记|求助)?|代(居民|老人|住户)(申请|求助|反映|咨询)?|代报|代填/g;
/**
 * What the resident says they do not need (不需要补课, 不用上门, 无需陪同): not asked, so neither
 * searched for nor held against an offer that does not do it either. Up to the clause's end.
 */
const NOT_WANTED = /(不需要|不用|无需|不必|用不着)[^，,。！？!?；;、\s]{0,8}/g;
/** How the resident will pay (费用我微信转, 费用我这边转账): not help with WeChat nor a scam's transfer. */
const PAYING = /(微信|支付宝)上?(转账?|付款?|支付|打钱|打款|红包|给您?转)|(费用|钱)[^，,。；;]{0,4}转账/g;
/** What the help would spare them (省得以后孩子们闹矛盾): not what is asked. Up to the clause's end. */
const AVOIDED = /(省得|免得|以免|省的)[^，,。！？!?；;\s]{0,12}/g;
/** How to reach the one who posts (微信同号, 有事联系我): not help with WeChat or the phone. */
const CONTACT = /(微信|电话|手机)同号|加我的?微信|有事(可以|请|就)?(联系|找)我/g;
/** A stove or lighter that will not light (打不着火, 点不着火): no fire. */
const WILL_NOT_LIGHT = /([打点])不着火/g;
/** A measure word between a verb and its thing (换个屏, 装个扶手): the thing is named as 换屏 would. */
const MEASURE = /([换修装配补借租安贴])个(?=\p{Script=Han})/gu;
/** Who posted it, what is not wanted and how it will be paid are asides, not the ask. */
const withoutAsides = (text: string) =>
  // Read normalised: 微信轉 from relatives abroad is 微信转.
  normaliseText(text).replace(POSTED_FOR, "，").replace(NOT_WANTED, "，").replace(PAYING, "，").replace(AVOIDED, "，").replace(CONTACT, "，").replace(WILL_NOT_LIGHT, "$1不着").replace(MEASURE, "$1");

const CONDITIONS = new RegExp([...conditionCues].join("|"), "g");

/** The text without the words that say how the person is (卧床, 坐轮椅). */
const withoutConditions = (text: string) => text.replace(CONDITIONS, "，");

let slipIndex: HomophoneIndex | null = null;

/** The vocabulary's words that a homophone slip may stand for (cues and terms). */
function vocabularySlipWords(): Set<string> {
  const words = new Set<string>();
  for (const concept of concepts) {
    for (const term of concept.terms) words.add(term);
    // A cue; and the thing a cue of several is said of, when the concept's own terms name it (电脑 of
    // [电脑, 开不] and 电脑维修: 电恼开不了机 means it). Not what is said of it (没气 of [带, 没气] is as often
    // the gas gone), nor a word of the story (我爸, 不给, 楼下: 我把, 不急, 漏下 are written as meant).
    for (const cue of concept.cues)
      if (typeof cue === "string") words.add(cue);
      else if (concept.terms.some((term) => term.includes(cue[0]!))) words.add(cue[0]!);
  }
  for (const group of synonymGroups) for (const word of group) words.add(word);
  return words;
}

function vocabularySlipIndex(): HomophoneIndex {
  slipIndex ??= homophoneIndex(vocabularySlipWords());
  return slipIndex;
}

/** The character offsets where the text's words (as jieba cuts them) start and end. */
function wordBoundaries(text: string): Set<number> {
  const boundaries = new Set([0]);
  let offset = 0;
  for (const word of keywordExtractor().jieba.cut(text, false)) boundaries.add((offset += [...word].length));
  return boundaries;
}

/** In a quarrel, what the asker wants the other side to do (让他家把水管修了, 叫楼上赶紧修). */
const OTHER_SIDE_TO_DO = /(让|叫|逼)(他家|她家|他们家|楼上|楼下|人家|对方|邻居)[^，,。；;！!？?]*/g;

/** Tianjin's 介 for 这 (介种情况, 介个): written as meant, never a slip (介种 is not 接种). */
const TIANJIN_WORDS = [..."种个是似么样会些边儿回次"].map((next) => `介${next}`);
/**
 * Words meant as written next to what they are said of, though rare in jieba's dictionary: 车胎没气 is
 * a flat tyre, while 家里没气了 (no gas) may well be 煤气. Or in the phrase they belong to (可一到晚上).
 */
const WRITTEN_AS_MEANT_NEAR: Record<string, RegExp> = {
  没气: /胎|轱辘|车带|气门|打气|瘪/,
  // 可一到晚上就睁着眼: 可 (but) before 一…就, not 可疑.
  可一: /可一(到|下|点|个|次|直|天|回|看|听|想|说)/,
};

/** How often a word must occur in jieba's dictionary to count as an everyday word. */
const COMMON_WORD_FREQUENCY = 100;
let wordsSpelledRight: Set<string> | null = null;

/**
 * Words that, written, are most likely meant as written: everyday words of jieba's dictionary
 * (可以, 心里, 起床) and the vocabulary's own (助餐). Rare entries stay out: the dictionary, learnt
 * from real text, also holds common misspellings (水笼头, 沙窗).
 */
function spelledRight(): Set<string> {
  if (wordsSpelledRight) return wordsSpelledRight;
  wordsSpelledRight = new Set([...vocabularySlipWords(), ...TIANJIN_WORDS]);
  // One pass of a regular expression over the dictionary's lines ("word frequency tag"): a quarter of
  // the time of splitting its 349,000 lines (~75 ms against ~320 ms, once per process).
  for (const [, word, frequency] of Buffer.from(dict)
    .toString("utf8")
    .matchAll(/^(\S{2,4}) (\d+)/gm))
    if (Number(frequency) >= COMMON_WORD_FREQUENCY) wordsSpelledRight.add(word!);
  return wordsSpelledRight;
}

/** The vocabulary words the text spells with a homophone, read on word boundaries, never an everyday word. */
const slipsOf = (text: string) =>
  homophoneSlips(text, vocabularySlipIndex(), wordBoundaries(text)).filter(
    (slip) => !spelledRight().has(slip.written) && !WRITTEN_AS_MEANT_NEAR[slip.written]?.test(text),
  );

/**
 * The text as the matcher reads it: normalised (simplified, half-width), with its homophone slips
 * read as the vocabulary words they stand for, where they were written (想借个论椅 asks for a
 * wheelchair in the sentence that asks); `written` maps each such word back to how the resident
 * wrote it.
 */
export function readText(raw: string): { text: string; written: Map<string, string>; words: string } {
  const text = normaliseText(raw);
  const slips = slipsOf(text);
  const read = slips.reduce((read, slip) => read.split(slip.written).join(slip.meant), text);
  // `text` is read for cues, `words` for keywords (充电器 is no cue, but a word an offer may use).
  return { text: withoutFalseCues(read), written: new Map(slips.map((s) => [s.meant, s.written])), words: read };
}

/**
 * Words that hold a cue they do not mean (充电器 is no 充电 nor 电器; 六楼没电梯 is no power cut; a
 * project's 寻求企业投资建设 is no investment scam; an alarm 能连到手机 asks no help with a phone), and
 * things named to say where (马桶边上、洗澡那块装几个扶手: no toilet nor bath is asked for), and where a
 * notice was seen (看见楼道里贴着家电检修的通知: no stairwell), a child's habit (就知道玩手机: no phone class),
 * and neighbours one does not know (楼上楼下也不熟: no quarrel), blanked so that no cue is read in them.
 */
const FALSE_CUES = /充电器|(?<=就知道|天天|整天|成天|一直|光|老)(玩|刷|抱着|捧着)手机|(楼上楼下|邻居)(?=[也都和]{0,2}(不熟|不认识|不来往|没来往|没人))|没有?电梯|连(到|上|接)?手机|(?<=(多|慢慢|再)教[^。！？!?]{0,6})记性|记性(?=(不好|差|不行)[^。！？!?]{0,3}(多|慢慢|再)教)|(?<=(寻求|引入|吸引|招募)[^，。；]{0,8})投资|[\u4e00-\u9fa5]{2}(?=边上|旁边|那块|[里上](贴着|贴的|贴了)|贴着|张贴)/g;
/** How the thing asked for would best be (最好是能连手机的, 最好是女的). */
const LIKE_THIS = /最好是[^，。；]*的(?=$|[，。；])/g;
/** An e-bike (电动自行车) is no bicycle to mend (自行车). */
const E_BIKE = /(?<=电动)自行(?=车)/g;
const withoutFalseCues = (text: string) => text.replace(FALSE_CUES, (word) => "・".repeat(word.length)).replace(E_BIKE, "・・");

/** The single-word cues of a concept found in the text (the vocabulary's words, not phrases of several). */
function matchedWords(concept: Concept, text: string): string[] {
  return concept.cues.filter(
    (cue): cue is string => typeof cue === "string" && cue.length >= 2 && !concept.terms.includes(cue) && text.includes(cue),
  );
}

function isCategory(value: string | null): value is CategoryKey {
  return value !== null && (categoryKeys as string[]).includes(value);
}

/** The concepts with their terms of at least `minLength` characters as cues too, built once per length. */
const withTermsAsCues = new Map<number, Concept[]>();
function conceptsWithTerms(minLength: number): Concept[] {
  let list = withTermsAsCues.get(minLength);
  if (!list) {
    list = concepts.map((c) => ({ ...c, cues: [...new Set([...c.cues, ...c.terms.filter((t) => t.length >= minLength)])] }));
    withTermsAsCues.set(minLength, list);
  }
  return list;
}
/**
 * The concepts as a wish is read: a resident who names the service itself (申请送餐, 想要课后托管)
 * asks for it, so a concept's terms are cues too. Offers are read with the cues alone (conceptKeysOf):
 * there a term is often a word of the offer's jargon (代购 in a grocery run's offer).
 */
const wishConcepts = (): Concept[] => conceptsWithTerms(2);
/** How a refusal names a service: by its terms of three characters or more too (不做手机维修, not 代购). */
const refusalConcepts = (): Concept[] => conceptsWithTerms(3);

let mediationConcept: Concept | null = null;
/** The concept of settling quarrels between neighbours or in a family, as a wish is read (its terms are cues too). */
const mediation = (): Concept => (mediationConcept ??= wishConcepts().find((concept) => concept.terms[0] === "矛盾调解")!);

/** Builds the weighted query of a wish or an offer; pure apart from the segmenter's dictionaries. */
export function buildQuery(subject: MatchSubject): MatchQuery {
  const titleRead = readText(withoutAsides(subject.title.trim()));
  const bodyRead = readText(withoutAsides([subject.description, ...(subject.tags ?? [])].join("。")));
  const title = titleRead.text;
  const body = bodyRead.text;
  // In a long story, the sentences that ask say what the help is for; the rest is background.
  // Found once, in the words as written (masking 充电器 changes no sentence); cues are read in its masked copy.
  const askingAsRead = askingOfStory(bodyRead.words).join("。");
  const askingAll = withoutFalseCues(askingAsRead);
  // What the thing asked for would best be like (烟雾报警器，最好是能连手机的) qualifies the ask: its concepts are
  // not asked for, unless nothing else of the asking names one. (A second ask, 有人能常来陪他说说话就更好了,
  // is still asked: the labelled sets take an offer for it as a part of help.)
  const askingFirm = askingAll.replace(LIKE_THIS, "，");
  // Read only when there is such a part: every concept's cues are tried for it.
  const asking = askingFirm !== askingAll && wishConcepts().some((concept) => cueHits(concept, askingFirm) > 0) ? askingFirm : askingAll;
  const written = new Map([...bodyRead.written, ...titleRead.written]);
  const quote = (word: string) => written.get(word) ?? word;
  const byTerm = new Map<string, QueryTerm>();
  const conceptKeys = new Set<string>();
  const covered = new Set<string>();
  const add = (term: QueryTerm) => {
    const known = byTerm.get(term.term);
    if (!known) byTerm.set(term.term, term);
    else {
      known.weight = Math.max(known.weight, term.weight);
      known.primary ||= term.primary;
      known.category ??= term.category;
      known.quotes = [...new Set([...known.quotes, ...term.quotes])];
    }
  };

  // A title that says what happened and then asks (摔了胯骨下不了楼，想有人送饭): its asking part is
  // the point, the rest is context, when the asking part names something the vocabulary knows.
  const titleAsking = askingClauses(title);
  const titleAsks = !!titleAsking && wishConcepts().some((concept) => cueHits(concept, titleAsking) > 0);
  const votes = new Map<CategoryKey, number>();
  const mainVotes = new Map<CategoryKey, number>();
  const readTwice = subsumedConcepts(wishConcepts(), `${title}。${body}`);
  // How strongly each concept is evoked, and whether it is asked for (in the title or an asking sentence).
  const evoked = wishConcepts().flatMap((concept) => {
    if (readTwice.has(concept) || (concept.context && !concept.context.test(`${title}。${body}`))) return [];
    const inTitle = cueHits(concept, title);
    const inBody = cueHits(concept, body);
    if (!inTitle && !inBody) return [];
    const inRequest = asking ? cueHits(concept, asking) : 0;
    const titleContextOnly = titleAsks && inTitle > 0 && !cueHits(concept, titleAsking!) && !inRequest;
    const base = titleContextOnly
      ? WEIGHT.conceptInTitleContext
      : inTitle
        ? WEIGHT.conceptInTitle
        : inRequest
          ? WEIGHT.conceptInRequest
          : asking
            ? WEIGHT.conceptInBackground
            : WEIGHT.conceptInText;
    // Evoked only by how the person is (卧床, 独居, 坐轮椅: also when a cue is part of such words),
    // not by anything asked: context, not the point.
    const onlyCondition = !cueHits(concept, withoutConditions(`${title}。${body}`));
    const weight = (base + 0.25 * Math.min(3, inTitle + inBody - 1)) * (onlyCondition ? CONDITION_FACTOR : 1);
    const primary = (inTitle > 0 || inRequest > 0) && !onlyCondition && !titleContextOnly;
    // What the other side is to do (让他家把水管修了) is not asked of a partner.
    const inOwnRequest = asking ? cueHits(concept, asking.replace(OTHER_SIDE_TO_DO, "，")) : 0;
    return [{ concept, inRequest, inOwnRequest, onlyCondition, weight, primary, words: cueWords(concept, `${title}。${body}`) }];
  });
  // Asked to settle a quarrel (就想有个明白人给评评理), a wish asks nothing of what the quarrel is about
  // (楼上漏水 of 楼上漏水跟邻居闹僵了): that is a repair only when the asking says so too. The quarrel
  // told in its own words, not read from a slip (人家说活太小 and 说户里的 are read as 说和).
  const quarrel = evoked.find((e) => e.concept === mediation() && e.primary && e.inRequest > 0 && e.words.some((w) => quote(w) === w));
  const askedOutright = new Set<string>();
  for (const { concept, inOwnRequest, onlyCondition, weight, primary: asked, words } of evoked) {
    const aboutTheQuarrel = !!quarrel && concept.category !== "legal" && !inOwnRequest;
    const primary = asked && !aboutTheQuarrel;
    if (primary && inOwnRequest > 0) askedOutright.add(concept.terms[0]!);
    const quotes = words.map(quote);
    add({ term: concept.terms[0]!, weight, source: "concept", category: concept.category, primary, quotes });
    conceptKeys.add(concept.terms[0]!);
    // The resident's own domain words (插座, 轮椅 …) are searched too: offers often use them as they are.
    for (const cue of matchedWords(concept, `${title}。${body}`).slice(0, 2))
      add({
        term: cue,
        weight: weight * (primary ? 0.6 : 0.4),
        source: "concept",
        category: concept.category,
        // An offer using the resident's own word for the main point meets the main point.
        primary,
        quotes: [quote(cue)],
      });
    // How the person is says nothing about which kind of help is asked for.
    if (!onlyCondition) votes.set(concept.category, (votes.get(concept.category) ?? 0) + weight);
    if (primary) mainVotes.set(concept.category, (mainVotes.get(concept.category) ?? 0) + weight);
    for (const cue of concept.cues) for (const part of typeof cue === "string" ? [cue] : cue) covered.add(part);
    for (const term of concept.terms) covered.add(term);
  }

  // What a wish mainly asks for brings in its kin (a counsellor for 想找人跟我妈聊聊), a little weaker:
  // an offer of the kin meets the main point, though in another category. A kind of help for older
  // people only for an older person (孩子中考压力大，想找个心理老师: no elderly visitor).
  const mainAsk = [...byTerm.values()].filter((t) => conceptKeys.has(t.term)).sort((a, b) => b.weight - a.weight)[0];
  const aboutOld = wishAudience(`${title}。${body}`) === "old";
  if (mainAsk?.primary)
    for (const key of kinOf(mainAsk.term)) {
      if (categoryOfKey(key) === "elderly_care" && !aboutOld) continue;
      add({ term: key, weight: mainAsk.weight * KIN_FACTOR, source: "concept", category: categoryOfKey(key), primary: true, quotes: mainAsk.quotes });
      conceptKeys.add(key);
    }

  const { jieba, tfIdf } = keywordExtractor();
  const keywords = tfIdf.extractKeywords(jieba, `${titleRead.words}。${titleRead.words}。${askingAsRead}。${bodyRead.words}`, 12);
  const strongest = Math.max(...keywords.map((k) => k.weight), 1e-9);
  for (const { keyword, weight } of keywords) {
    if (keyword.length < 2 || stopWords.has(keyword) || /^[\d.]+$/.test(keyword) || covered.has(keyword)) continue;
    add({
      term: keyword,
      weight: (titleRead.words.includes(keyword) ? WEIGHT.keywordInTitle : WEIGHT.keyword) * (0.5 + 0.5 * (weight / strongest)),
      source: "keyword",
      category: null,
      primary: false,
      quotes: [quote(keyword)],
    });
  }

  // Every kind of help the vocabulary recognises is searched, however faintly it is evoked (独居 in a
  // story's background): a concept is evidence, where a story's other words (馒头, 咸菜) are mostly not.
  for (const term of askedOutright) byTerm.get(term)!.askedOutright = true;
  const byWeight = [...byTerm.values()].sort((a, b) => b.weight - a.weight);
  const kept = new Set(byWeight.filter((t) => conceptKeys.has(t.term)).slice(0, MAX_QUERY_TERMS));
  for (const term of byWeight) if (kept.size < MAX_QUERY_TERMS) kept.add(term);
  const terms = byWeight.filter((t) => kept.has(t));
  // The asking clauses' own words: the rest of an asking sentence may tell of other things (外边修车铺都改修电动车了).
  const askingText = requestClauses(askingAsRead);
  const askingWords = askingText
    ? [...new Set(jieba.cut(askingText, false))].filter((w) => w.length >= 2 && !stopWords.has(w) && !/^[\d.]+$/.test(w))
    : [];
  // The whole story when no sentence, or every one, asks (nothing to tell apart).
  const writtenBody = normaliseText(subject.description);
  const writtenAsking = askingOfStory(writtenBody);
  const pointText = [normaliseText(subject.title), ...(writtenAsking.length ? writtenAsking : [writtenBody])].join("。");
  if (isCategory(subject.category)) return { terms, askingWords, category: subject.category, categorySource: "given", pointText };
  // What the wish mainly asks for decides its kind of help; a story's background (着火, 凑合) does not
  // outvote it. Without a main concept, every concept votes.
  const ranked = [...(mainVotes.size ? mainVotes : votes).entries()].sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((sum, [, v]) => sum + v, 0);
  const [best] = ranked;
  const inferred = best && best[1] / total >= 0.5 ? best[0] : null;
  return { terms, askingWords, category: inferred, categorySource: inferred ? "inferred" : null, pointText };
}

/**
 * What the subject mainly asks for, in words an offer's "does not do" clause would use: the main
 * terms (those of the title or the asking sentence, else the strongest), what the resident wrote for
 * them, and their synonyms.
 */
export function askedWords(query: MatchQuery): string[] {
  const main = query.terms.some((t) => t.primary) ? query.terms.filter((t) => t.primary) : query.terms.slice(0, 2);
  // The resident's own words only (not every word of the concepts they evoke), and their synonyms;
  // those said in the title or the asking sentences, where there are such (燃气灶 in 燃气灶后面那根管子裂了
  // is where the pipe is, not what is asked for).
  const quotes = main.flatMap((t) => t.quotes);
  const said = query.pointText ? quotes.filter((word) => query.pointText!.includes(word)) : quotes;
  const words = new Set([...(said.length ? said : quotes), ...query.askingWords]);
  for (const group of synonymGroups) if (group.some((w) => words.has(w))) for (const w of group) words.add(w);
  return [...words].filter((w) => w.length >= 2 && !stopWords.has(w));
}

/** A concept's key: its first term, the word the matcher searches offers for. */
export const conceptKey = (concept: Concept): string => concept.terms[0]!;

let conceptKeys: Set<string> | null = null;

/**
 * The concepts a subject mainly asks for (those of its title or asking sentence), by key. A concept
 * brought in only by words a stronger one was brought in by is the same ask read twice (手机 of
 * 手机屏幕摔碎了 evokes phone lessons as well as phone repair): not another thing asked for.
 */
export function askedConcepts(query: MatchQuery): string[] {
  conceptKeys ??= new Set(concepts.map(conceptKey));
  // Of concepts evoked as strongly, one the asking sentence names comes first (手机屏摔碎了…想找人给换个屏:
  // the repair, not the phone lessons its 微信 evokes too).
  const main = query.terms
    .filter((t) => t.primary && t.source === "concept" && conceptKeys!.has(t.term))
    .sort((a, b) => b.weight - a.weight || Number(!!b.askedOutright) - Number(!!a.askedOutright));
  const within = (term: QueryTerm, other: QueryTerm) => term.quotes.every((word) => other.quotes.includes(word));
  return main
    .filter(
      (term, i) =>
        !main.slice(0, i).some((stronger) => within(term, stronger)) &&
        // …nor by fewer of the words another as strong was (手机 of 手机、摔、屏幕、碎).
        !main.some((other) => other.quotes.length > term.quotes.length && other.weight >= term.weight && within(term, other)),
    )
    .map((t) => t.term);
}

let categoryByKey: Map<string, CategoryKey> | null = null;

function categoryOfKey(key: string): CategoryKey {
  categoryByKey ??= new Map(concepts.map((concept) => [conceptKey(concept), concept.category as CategoryKey]));
  return categoryByKey.get(key)!;
}

/** Things a refusal of mending may list without a break (不修电脑手机): appliances, vehicles. */
const MENDED_THINGS = new RegExp([...APPLIANCES, "电动车", "自行车", "家电"].join("|"), "g");
const MENDED_RUN = new RegExp(`(?<=修)(?:${MENDED_THINGS.source}){2,}`, "g");
/** Things listed before one 维修 (手机、电脑维修). */
const MENDED_LIST = new RegExp(`(?:(?:${MENDED_THINGS.source})、)+(${MENDED_THINGS.source})(维修|修理)`, "g");
/** 不修电脑手机 refuses to 修电脑 and to 修手机: each thing with its own 修, as the vocabulary names the repair. */
const eachMendNamed = (clause: string) =>
  clause
    .replace(MENDED_RUN, (run) => run.match(MENDED_THINGS)!.join("、修"))
    // 不提供手机、电脑维修 refuses 手机维修 and 电脑维修.
    .replace(MENDED_LIST, (list, _thing, repair: string) => list.slice(0, -repair.length).split("、").join(`${repair}、`) + repair);

/** An offer as the matcher reads it: what it says of itself (readOffer), and the concepts it refuses. */
export function readOfferWithVocabulary(text: string): OfferReading {
  const read = readOffer(text);
  // The kinds of case it only takes, when the vocabulary knows them (仅受理劳动争议类: 欠薪维权).
  const onlyConcepts = read.onlyCases ? conceptKeysOf(read.onlyCases) : [];
  const reading = onlyConcepts.length ? { ...read, onlyConcepts } : read;
  if (!reading.excludes.length) return reading;
  // What it does, not who does it: 退休电工组成 is no offer of an electrician (只修家电…不动墙里的电线).
  const own = new Set(conceptKeysOf(whatItDoes(reading.positive)));
  // A refusal often names the service by its own name (不做手机维修): the concepts' longer terms count
  // there (not 代购 of 不代购药品, which a grocery run's own 代购 does).
  // Not by a refusal of one person's case (不接个案咨询): that says it works with groups (groupOnly), not that
  // it refuses the kind of help a group asks (普法宣讲).
  const refused = new Set(
    reading.excludes.filter((clause) => !ONE_CASE.test(clause)).flatMap((clause) => conceptKeysOf(eachMendNamed(clause), refusalConcepts())),
  );
  const conceptCategories: Record<string, string> = {};
  for (const key of [...own, ...refused]) conceptCategories[key] = categoryOfKey(key);
  return {
    ...reading,
    ownConcepts: [...own],
    refusedConcepts: [...refused].filter((key) => !own.has(key)),
    conceptCategories,
  };
}

/**
 * The concepts a text evokes, by the matcher's own rule (a cue found in the text). The wish wall
 * indexes them with each public wish, so a search finds the wishes the matcher reads the same way.
 */
export function conceptKeysOf(raw: string, list: Concept[] = concepts): string[] {
  const { text } = readText(withoutAsides(raw));
  const keys = new Set<string>();
  for (const concept of list) if (cueHits(concept, text)) keys.add(conceptKey(concept));
  return [...keys].sort();
}

/**
 * What an offer's title (and tags) names, by key: the concepts its words evoke, read as a wish's are,
 * within its own category (时间银行 is no bank, 群众文艺辅导 no homework help), less those it names
 * only by who it serves (卧床老人可上门), those read twice (手机 of 手机维修) and those its description
 * refuses (只修电视冰箱，不修管道). Indexed with the offer, so a wish asking for
 * a concept finds the offers whose title names it in the resident's words (修收音机 for 家电维修)
 * and not only in the concept's own terms. The title only: descriptions mention much they do not
 * offer (顺便看看水电煤气有没有隐患).
 */
export function offerConceptKeys(title: string, tags: string[], description: string, category: string): string[] {
  const { text } = readText(withoutAsides([title, ...tags].join("。")));
  const named = withoutConditions(text);
  // By cues, as any offer text is read (a concept's terms are often an offer's jargon for something
  // else: 辅导 of 文艺辅导, 银行 of 时间银行); a term may still make a cue part of a longer word (手机维修).
  const readTwice = subsumedConcepts(concepts, named, wishConcepts());
  const refused = new Set(readOfferWithVocabulary(description).refusedConcepts ?? []);
  const keys = new Set<string>();
  for (const concept of concepts)
    if (concept.category === category && !readTwice.has(concept) && cueHits(concept, named) && !refused.has(conceptKey(concept)))
      keys.add(conceptKey(concept));
  return [...keys].sort();
}

export interface SearchIntent {
  /** The searcher's own words: the whole query, then its parts and keywords. */
  words: string[];
  /** Concepts the query names, strongest first: 1.5 when it uses a cue or term, 1 when it is part of one. */
  concepts: { key: string; weight: number }[];
}

const MAX_SEARCH_WORDS = 5;

/**
 * What a few words typed into a search box ask for, in the matcher's vocabulary: 剪头发 and 理发
 * name the haircut concept (a cue, and a synonym), 看病 is part of 看病没人陪 and of 免费看病.
 */
export function searchIntent(typed: string): SearchIntent {
  // Read as the matcher reads a wish: simplified, half-width, homophone slips of its words (社宝卡).
  const q = normaliseText(typed).trim();
  const parts = q.split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  const words = new Set<string>(parts.length > 1 ? [q, ...parts] : parts);
  for (const keyword of plainKeywords({ title: q, description: "", category: null }, MAX_SEARCH_WORDS)) words.add(keyword);
  // Everyday and official wording both ways: a synonym group is named by one of its words (or only
  // partly, when a word is part of one of its words: 看病 of 免费看病).
  const named = new Set([...parts, ...slipsOf(q).map((s) => s.meant)]);
  const partly = new Set<string>();
  for (const group of synonymGroups) {
    if (group.some((word) => parts.some((part) => part.includes(word)))) for (const word of group) named.add(word);
    else if (group.some((word) => parts.some((part) => part.length >= 2 && word.includes(part))))
      for (const word of group) partly.add(word);
  }
  const evokes = (concept: Concept, text: string) => cueHits(concept, text) > 0 || concept.terms.some((term) => text.includes(term));
  const partOfOne = (concept: Concept) =>
    parts.some(
      (part) =>
        part.length >= 2 &&
        [...concept.terms, ...concept.cues.filter((cue): cue is string => typeof cue === "string")].some((word) => word.includes(part)),
    );
  const namedText = [...named].join("。");
  const partlyText = [...partly].join("。");
  const weights = new Map<string, number>();
  for (const concept of concepts) {
    const weight = evokes(concept, namedText) ? 1.5 : evokes(concept, partlyText) || partOfOne(concept) ? 1 : 0;
    if (weight) weights.set(conceptKey(concept), Math.max(weights.get(conceptKey(concept)) ?? 0, weight));
  }
  return {
    words: [...words].slice(0, MAX_SEARCH_WORDS),
    concepts: [...weights.entries()]
      .map(([key, weight]) => ({ key, weight }))
      .sort((a, b) => b.weight - a.weight || a.key.localeCompare(b.key)),
  };
}

/** What a simple app would search for: the text's top keywords, no vocabulary, no weights. */
export function plainKeywords(subject: MatchSubject, count = MAX_QUERY_TERMS): string[] {
  const { jieba, tfIdf } = keywordExtractor();
  const text = [subject.title, subject.description, ...(subject.tags ?? [])].join("。");
  return tfIdf
    .extractKeywords(jieba, text, count * 2)
    .map((k) => k.keyword)
    .filter((k) => k.length > 1 && !stopWords.has(k) && !/^[\d.]+$/.test(k))
    .slice(0, count);
}
