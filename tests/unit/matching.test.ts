// The matcher's pure parts: query building from colloquial wishes, ranking, and index settings.
import { describe, expect, it } from "vitest";
import { buildQuery, conceptKeysOf, MAX_QUERY_TERMS, plainKeywords, vocabularyWords } from "~/modules/matching/query-builder.server";
import { areaFit, distanceMetres, FALLBACK_FACTOR, rankCandidates, type TermResult } from "~/modules/matching/ranking";
import { settingsDiff, synonymSettings, indexSettings } from "~/modules/search/search-indexes.server";
import { splitHighlight } from "~/modules/search/wish-search.server";

const place = { streetId: "s1", communityId: "c1", lat: 39.1, lng: 117.2 };

describe("buildQuery", () => {
  it("turns colloquial wording into the words partners use, and infers the category", () => {
    const q = buildQuery({ title: "孩子放学后没人管", description: "下午三点多就放学了，家里没人接也没人看着写作业。", category: null });
    expect(q.terms[0]!.term).toBe("课后看护");
    expect(q.terms[0]!.primary).toBe(true);
    expect(q.category).toBe("child_care");
    expect(q.categorySource).toBe("inferred");
  });

  it("keeps the category the resident chose", () => {
    const q = buildQuery({ title: "卧床老伴想请大夫上门", description: "教教我怎么护理", category: "health" });
    expect(q).toMatchObject({ category: "health", categorySource: "given" });
    expect(q.terms.map((t) => t.term)).toContain("上门医疗");
  });

  it("asks for the kin of what a wish mainly asks for: a counsellor beside a visitor, and back", () => {
    const visit = buildQuery({
      title: "我爸自从我妈走了就不怎么说话",
      description: "我在广州，我爸一个人住。想找人定期去看看他、跟他聊聊。",
      category: null,
    });
    const company = visit.terms.find((t) => t.term === "陪伴聊天")!;
    expect(company.primary).toBe(true);
    expect(visit.terms.find((t) => t.term === "心理咨询")).toMatchObject({ primary: true, category: "mental_health" });
    const grief = buildQuery({ title: "我妈晚上老睡不着", description: "我爸走了以后她就这样，想请社区给找个心理老师。", category: null });
    expect(grief.terms[0]!.term).toBe("心理咨询");
    expect(grief.terms.find((t) => t.term === "陪伴聊天")).toMatchObject({ primary: true, category: "elderly_care" });
    expect(grief.terms.find((t) => t.term === "陪伴聊天")!.weight).toBeCloseTo(grief.terms[0]!.weight * 0.8);
    // A kin asked for in its own right is asked at least as strongly.
    const both = buildQuery({
      title: "王大爷最近不爱说话了",
      description: "老伴去世两年，晚上老睡不着，白天就坐在窗户边发呆。想找人常去陪陪他、开导开导。",
      category: null,
    });
    const [counsellor] = both.terms;
    expect(counsellor!.term).toBe("心理咨询");
    expect(both.terms.find((t) => t.term === "陪伴聊天")!.weight).toBeCloseTo(counsellor!.weight * 0.8);
    // A visit asked beside a stronger ask brings no counsellor in.
    const meals = buildQuery({
      title: "帮独居王大爷申请送餐",
      description: "希望能有助餐点每天给送个午饭，另外要是有志愿者能隔三差五上门看看更好。",
      category: null,
    });
    expect(meals.terms.map((t) => t.term)).toContain("陪伴聊天");
    expect(meals.terms.map((t) => t.term)).not.toContain("心理咨询");
    // Nor does a counsellor asked for a child bring in an elderly visitor; someone to talk to for a
    // child still brings in a counsellor.
    const teen = buildQuery({ title: "孩子中考压力大", description: "最近老失眠，不爱说话，想找个心理老师给疏导疏导。", category: null });
    expect(teen.terms[0]!.term).toBe("心理咨询");
    expect(teen.terms.map((t) => t.term)).not.toContain("陪伴聊天");
    const pupil = buildQuery({ title: "闺女初二了不爱说话", description: "放学回来就把自己关屋里。有没有懂孩子的老师能帮着聊聊？", category: null });
    expect(pupil.terms.find((t) => t.term === "心理咨询")).toMatchObject({ primary: true });
  });

  it("sends at most ten terms, never stop words, whatever the length of the story", () => {
    const long =
      "我想找人帮忙。".repeat(20) +
      "家里冰箱坏了，洗衣机也不转，电视没有图像，空调不制冷，热水器不出热水，灯泡也坏了，水管还漏水，纱窗破了，门锁也坏了。";
    const q = buildQuery({ title: "家里好多东西坏了", description: long, category: null });
    expect(q.terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(q.terms.map((t) => t.term)).not.toContain("帮忙");
    expect(plainKeywords({ title: "家里好多东西坏了", description: long, category: null }).length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  });

  it("reads how the person is (坐轮椅, 中风) as context, not as what the wish asks for", () => {
    const q = buildQuery({ title: "坐轮椅的大爷想理发", description: "大爷中风后坐轮椅，出不了门，想找人上门理个发。", category: null });
    expect(q.terms[0]!.term).toBe("义务理发");
    const wheelchair = q.terms.find((t) => t.term === "轮椅");
    expect(wheelchair?.primary).toBe(false);
    expect(q.category).toBe("daily_life");
    // The same word asked for is the point.
    const asked = buildQuery({ title: "老伴坐轮椅，家里轮椅坏了想借一个", description: "", category: null });
    expect(asked.terms.find((t) => t.term === "轮椅")?.primary).toBe(true);
  });

  it("does not read who posted on whose behalf as part of the wish", () => {
    const q = buildQuery({ title: "网格员代发：独居老人想理发", description: "网格员代为申请。", category: null });
    expect(q.terms.map((t) => t.term)).not.toContain("网格");
    expect(q.terms.map((t) => t.term)).not.toContain("代办");
    expect(q.terms[0]!.term).toBe("义务理发");
    // 代办 is the help asked for when a resident asks for it, not when a grid worker posts for one.
    expect(conceptKeysOf("网格员代办：楼里独居老人想理发")).not.toContain("代办");
    expect(conceptKeysOf("不会填表，想找人代办低保")).toContain("代办");
  });

  it("infers no category when the wording evokes none", () => {
    expect(buildQuery({ title: "想找人一起爬山", description: "周末没事干", category: null }).category).toBeNull();
  });

  it("reads a pet left alone as a kind of help of its own, not as a complaint about dogs", () => {
    const query = buildQuery({ title: "老伴住院了，家里的狗没人遛", description: "想找个人这几天帮忙早晚遛遛狗。", category: null });
    expect(query.terms[0]?.term).toBe("宠物照看");
    expect(query.terms.map((t) => t.term)).not.toContain("宠物粪便");
  });

  it("reads the asking part of a title as the point and the rest as context", () => {
    const query = buildQuery({ title: "摔了胯骨下不了楼，想有人送饭", description: "", category: null });
    const primary = query.terms.filter((t) => t.primary).map((t) => t.term);
    expect(primary).toContain("助餐");
    expect(primary).not.toContain("无障碍改造");
  });
});

describe("rankCandidates", () => {
  const term = (t: string, weight: number, primary = false) => ({
    term: t,
    weight,
    source: "concept" as const,
    category: null,
    primary,
    quotes: [t],
  });
  const doc = (
    id: string,
    extra: Partial<{ category: string; streetId: string; communityId: string | null; lat: number; lng: number }> = {},
  ) => ({
    id,
    category: "child_care",
    streetId: "s1",
    communityId: null,
    lat: 39.1,
    lng: 117.2,
    ...extra,
  });

  it("ranks by weighted matched terms, with area and category as factors, and drops weak candidates", () => {
    const query = {
      terms: [term("课后看护", 2, true), term("作业", 1)],
      category: "child_care" as const,
      categorySource: "inferred" as const,
      askingWords: [],
    };
    const results: TermResult[] = [
      { term: query.terms[0]!, total: 1, hits: [{ doc: doc("best"), rankingScore: 1 }] },
      {
        term: query.terms[1]!,
        total: 3,
        hits: [
          { doc: doc("best"), rankingScore: 0.9 },
          { doc: doc("other-community", { communityId: "c2" }), rankingScore: 0.9 },
          { doc: doc("weak", { category: "culture" }), rankingScore: 0.3 },
        ],
      },
    ];
    const ranked = rankCandidates(query, results, place, 10);
    expect(ranked.map((r) => r.id)).toEqual(["best"]);
    const loose = rankCandidates(query, results, place, 10, { minScore: 0.01 });
    // An offer of another community of the street is at best a side match, below weak ones of the wish's own.
    expect(loose.map((r) => r.id)).toEqual(["best", "weak", "other-community"]);
    expect(loose[0]!.matchedTerms).toEqual(["课后看护", "作业"]);
    expect(loose[2]!.areaFit).toBe("street");
    expect(loose[0]!.score).toBeGreaterThan(loose[1]!.score);
  });

  it("counts an offer of the main ask's kin as of the kind asked for, meeting the main ask", () => {
    const company = { ...term("陪伴聊天", 2.3, true), category: "elderly_care" as const };
    const counsel = { ...term("心理咨询", 1.84, true), category: "mental_health" as const };
    const query = { terms: [company, counsel], askingWords: [], category: "elderly_care" as const, categorySource: "inferred" as const };
    const hits = [doc("counsellor", { category: "mental_health" }), doc("tutor")].map((d) => ({ doc: d, rankingScore: 1 }));
    const ranked = rankCandidates(query, [{ term: counsel, total: 2, hits }], place, 10, { minScore: 0.01 });
    const raw = (id: string) => ranked.find((r) => r.id === id)!.raw;
    // The category factor (inferred, 1.25) and the main ask's (1.25): a counsellor for 想找人陪他聊聊 meets it.
    expect(raw("counsellor")).toBeCloseTo(raw("tutor") * 1.25 * 1.25);
    expect(ranked.find((r) => r.id === "counsellor")!.categoryMatch).toBe(false);
  });

  it("takes the main ask from the concepts asked for, not a stronger one told only as the cause", () => {
    // 楼上漏水…不想打官司，就想有个人出面给说道说道: the leak is told at length, the mediation asked.
    const leak = { ...term("水管漏水", 2.25), category: "repair" as const };
    const mediation = { ...term("矛盾调解", 2.05, true), category: "legal" as const };
    const query = { terms: [leak, mediation], askingWords: [], category: "legal" as const, categorySource: "inferred" as const };
    const hits = [doc("mediator", { category: "legal" }), doc("advisor", { category: "legal" })].map((d) => ({ doc: d, rankingScore: 1 }));
    const results: TermResult[] = [
      { term: mediation, total: 2, hits: hits.slice(0, 1) },
      { term: leak, total: 2, hits: hits.slice(1) },
    ];
    const ranked = rankCandidates(query, results, place, 10, { minScore: 0.01 });
    const raw = (id: string) => ranked.find((r) => r.id === id)!.raw;
    // Both of the category asked; only the one meeting the asked concept gets the main ask's factor,
    // and the other, meeting nothing asked, is a side match (×0.5).
    expect(raw("mediator") / raw("advisor")).toBeCloseTo((2.05 * 1.25) / (2.25 * 0.5));
  });

  it("counts a repair offer that meets an infrastructure need's main ask as of the kind asked (楼道灯)", () => {
    const lights = { ...term("路灯", 2.25, true), category: "infrastructure" as const };
    const query = { terms: [lights], askingWords: [], category: "infrastructure" as const, categorySource: "inferred" as const };
    const hits = [doc("property", { category: "repair" }), doc("class", { category: "culture" })].map((d) => ({ doc: d, rankingScore: 1 }));
    const ranked = rankCandidates(query, [{ term: lights, total: 2, hits }], place, 10, { minScore: 0.01 });
    const raw = (id: string) => ranked.find((r) => r.id === id)!.raw;
    // The category factor (inferred, 1.25), not the main ask's too; and not for an unrelated kind.
    expect(raw("property")).toBeCloseTo(raw("class") * 1.25);
    expect(ranked.find((r) => r.id === "property")!.categoryMatch).toBe(false);
  });

  it("leaves out candidates of other streets beyond the nearby radius", () => {
    const query = { terms: [term("助浴", 2, true)], askingWords: [], category: null, categorySource: null };
    const far = doc("far", { streetId: "s9", lat: 39.2, lng: 117.4 });
    const near = doc("near", { streetId: "s9", lat: 39.105, lng: 117.2 });
    const ranked = rankCandidates(
      query,
      [{ term: query.terms[0]!, total: 2, hits: [far, near].map((d) => ({ doc: d, rankingScore: 1 })) }],
      place,
      10,
      { minScore: 0.01 },
    );
    expect(ranked.map((r) => r.id)).toEqual(["near"]);
    expect(ranked[0]!.areaFit).toBe("nearby");
  });

  it("gives a need the offers serving its area first, and nearby ones only as fallbacks", () => {
    const query = { terms: [term("助浴", 2, true)], askingWords: [], category: null, categorySource: null };
    const docs = [
      doc("own-community", { communityId: "c1" }),
      doc("whole-street"),
      doc("other-community", { communityId: "c2" }),
      doc("next-street", { streetId: "s2", lat: 39.101, lng: 117.2 }),
      doc("far-street", { streetId: "s3", lat: 39.2, lng: 117.4 }),
    ];
    const results = [{ term: query.terms[0]!, total: 5, hits: docs.map((d) => ({ doc: d, rankingScore: 1 })) }];
    const serving = rankCandidates(query, results, place, 10, { minScore: 0.01, reach: "serving" });
    // Equal fallbacks: the nearer first (the other community lies at the same point here).
    expect(serving.map((r) => r.id)).toEqual(["own-community", "whole-street", "other-community", "next-street"]);
    const [own, , , next] = serving;
    expect(next!.raw).toBeCloseTo(own!.raw * FALLBACK_FACTOR);
    // A fallback needs text that fits far better than the threshold asks: at a threshold just above
    // its share, only the offers serving the area are left.
    const strict = rankCandidates(query, results, place, 10, { minScore: own!.raw * FALLBACK_FACTOR + 0.01, reach: "serving" });
    expect(strict.map((r) => r.id)).toEqual(["own-community", "whole-street"]);
    // A volunteer may go to an activity nearby: there the others stay, as side matches, lower still.
    const nearby = rankCandidates(query, results, place, 10, { minScore: 0.01, reach: "nearby" });
    expect(nearby.map((r) => r.id)).toHaveLength(4);
    expect(nearby.find((r) => r.id === "next-street")!.raw).toBeLessThan(next!.raw);
  });

  it("measures distance and area fit", () => {
    expect(distanceMetres({ lat: 39.1, lng: 117.2 }, { lat: 39.11, lng: 117.2 })).toBeGreaterThan(1000);
    expect(distanceMetres({ lat: null, lng: null }, place)).toBeNull();
    expect(areaFit(place, { ...place, communityId: null })).toBe("community");
    expect(areaFit(place, { ...place, communityId: "c2" })).toBe("street");
    expect(areaFit(place, { ...place, streetId: "s2" })).toBe("nearby");
  });
});

describe("index settings", () => {
  it("derive synonyms both ways for everyday words and one way for concepts", () => {
    const synonyms = synonymSettings();
    expect(synonyms["大夫"]).toContain("医生");
    expect(synonyms["医生"]).toContain("大夫");
    expect(synonyms["课后看护"]).toContain("四点半课堂");
    expect(vocabularyWords()).toContain("四点半课堂");
  });

  it("report only the settings that differ, ignoring the order of unordered lists", () => {
    const wanted = indexSettings("offers");
    expect(settingsDiff({ ...wanted, filterableAttributes: [...(wanted.filterableAttributes as string[])].reverse() }, wanted)).toEqual([]);
    expect(settingsDiff({ ...wanted, searchableAttributes: ["description", "title"] }, wanted)).toEqual(["searchableAttributes"]);
    expect(settingsDiff({}, wanted)).toEqual(Object.keys(wanted));
  });
});

describe("search helpers", () => {
  it("split highlighted text into pieces without HTML", () => {
    expect(splitHighlight("家里冰箱\u0001不\u0002\u0001制冷\u0002了<b>")).toEqual([
      { text: "家里冰箱", hit: false },
      { text: "不", hit: true },
      { text: "制冷", hit: true },
      { text: "了<b>", hit: false },
    ]);
  });
});

describe("reasonsText", () => {
  const explanation = {
    matchedWords: ["修水管", "漏水"],
    category: "repair",
    categoryMatch: true,
    categorySource: "given" as const,
    areaFit: "nearby" as const,
    wholeStreet: false,
    distanceMetres: 1530,
    capacityLeft: 3,
    outsideArea: true,
  };

  it("speaks each language, the same phrases asked again included (phrases are kept per translator)", async () => {
    const { reasonsText } = await import("~/modules/matching/matches.server");
    const { createI18n } = await import("~/lib/i18n");
    const zh = createI18n("zh-CN").t;
    const en = createI18n("en").t;
    for (let round = 0; round < 2; round++) {
      expect(reasonsText(zh, explanation)).toEqual([
        "匹配词：修水管、漏水",
        "同属「维修服务」类别",
        "相距约 1.5 公里",
        "超出该服务的范围，可联系商量",
        "本月还可接 3 件",
      ]);
      expect(reasonsText(en, explanation)).toEqual([
        "Matched words: 修水管, 漏水",
        "Same category: Home repair",
        "About 1.5 km away",
        "Beyond the offer's service area: worth asking",
        "3 more this month",
      ]);
    }
    expect(reasonsText(zh, { ...explanation, capacityLeft: 7, distanceMetres: 800 })).toContain("本月还可接 7 件");
    expect(reasonsText(zh, { ...explanation, capacityLeft: 0 })).toContain("本月名额已满");
    expect(reasonsText(en, { ...explanation, areaFit: "community", wholeStreet: true, outsideArea: false })).toContain(
      "Serves the whole street",
    );
  });
});

describe("the documents' reading stamp", () => {
  it("changes with the threshold as with the vocabulary, so stored suggestions are made again", async () => {
    const { readingStamp, DOCUMENT_VOCABULARY } = await import("~/modules/search/search-documents.server");
    const { MIN_SCORE } = await import("~/modules/matching/ranking");
    const { concepts } = await import("~/modules/matching/vocabulary");
    const { TEXT_READING } = await import("~/modules/matching/text");
    const today = { concepts, reading: TEXT_READING, threshold: MIN_SCORE };
    expect(readingStamp(today)).toBe(DOCUMENT_VOCABULARY);
    expect(readingStamp({ ...today, threshold: MIN_SCORE - 0.05 })).not.toBe(DOCUMENT_VOCABULARY);
    expect(readingStamp({ ...today, concepts: concepts.slice(1) })).not.toBe(DOCUMENT_VOCABULARY);
  });
});
