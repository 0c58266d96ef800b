// The wish wall's search in the matcher's vocabulary (pure parts): what a few typed words name,
// the concepts a wish evokes, and how concept hits are marked.
import { describe, expect, it } from "vitest";
import { buildQuery, conceptKeysOf, searchIntent } from "~/modules/matching/query-builder.server";
import { publicKeywords } from "~/modules/needs/needs.server";
import { markWords } from "~/modules/search/wish-search.server";

const keys = (q: string) => searchIntent(q).concepts.map((c) => c.key);

describe("searchIntent", () => {
  it("names the concept a cue or a synonym stands for, as the matcher reads a wish", () => {
    expect(keys("理发")).toEqual(["义务理发"]);
    expect(keys("剪头发")).toEqual(["义务理发"]);
    expect(keys("修洗衣机")).toContain("家电维修");
    expect(keys("换灯泡")).toContain("水电维修");
    expect(keys("修灯")).toContain("水电维修");
    // The same concept the matcher finds in a wish worded that way.
    expect(buildQuery({ title: "想找人修灯", description: "", category: null }).terms[0]!.term).toBe("水电维修");
  });

  it("reaches concepts a word is only part of, with less weight", () => {
    const intent = searchIntent("看病");
    expect(intent.concepts).toEqual(
      expect.arrayContaining([
        { key: "陪诊", weight: 1 }, // 看病没人陪
        { key: "义诊", weight: 1 }, // 免费看病, a synonym of 义诊
      ]),
    );
    expect(searchIntent("理发").concepts[0]!.weight).toBe(1.5);
  });

  it("keeps the searcher's own words, whole first", () => {
    expect(searchIntent("修洗衣机").words).toEqual(["修洗衣机", "洗衣机"]);
    expect(searchIntent("灯 坏").words.slice(0, 3)).toEqual(["灯 坏", "灯", "坏"]);
  });

  it("names nothing for words the vocabulary does not know", () => {
    expect(searchIntent("蝈蝈笼").concepts).toEqual([]);
  });
});

describe("conceptKeysOf", () => {
  it("reads a wish's concepts with the matcher's cues", () => {
    expect(conceptKeysOf("厨房灯坏了，想请人帮忙换。厨房的灯管不亮了")).toEqual(["水电维修"]);
    expect(conceptKeysOf("想理个发。头发长了很久没理")).toEqual(["义务理发"]);
    expect(conceptKeysOf("过年回老家猫没人喂")).toEqual(["宠物照看"]);
    expect(conceptKeysOf("想找人一起爬山")).toEqual([]);
  });
});

describe("markWords", () => {
  it("marks the longest words found, and nothing else", () => {
    expect(markWords("楼道灯不亮，灯坏了", ["灯坏", "灯不亮", "灯"])).toEqual([
      { text: "楼道", hit: false },
      { text: "灯不亮", hit: true },
      { text: "，", hit: false },
      { text: "灯坏", hit: true },
      { text: "了", hit: false },
    ]);
    expect(markWords("没有", ["灯"])).toEqual([{ text: "没有", hit: false }]);
    expect(markWords("", ["灯"])).toEqual([]);
  });
});

describe("publicKeywords", () => {
  it("drops phone numbers and e-mail addresses from a keyword search", () => {
    expect(publicKeywords("13912345678")).toEqual([]);
    expect(publicKeywords("理发 a.b@example.com")).toEqual(["理发"]);
    expect(publicKeywords("  灯   坏 ")).toEqual(["灯", "坏"]);
  });
});
