import { describe, expect, it } from "vitest";
import { maskName, redactContactDetails, searchableKeyword } from "~/modules/needs/privacy";

describe("maskName", () => {
  it.each([
    ["刘大爷", "刘**"],
    ["张桂兰", "张**"],
    ["王芳", "王**"],
    ["  李  ", "李**"],
    ["", "**"],
    [null, "**"],
  ])("shows %s as %s", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe("redactContactDetails", () => {
  it.each([
    "有事可以打我电话13912345678。",
    "电话：139 1234 5678",
    "电话 +86 139-1234-5678",
    "座机022-23456789找我",
    "邮箱 liu.daye@example.com",
  ])("hides the contact in %s", (text) => {
    const redacted = redactContactDetails(text);
    expect(redacted).toContain("***");
    expect(redacted).not.toMatch(/\d{7}/);
    expect(redacted).not.toContain("@");
  });

  it("leaves ordinary text, dates and small numbers alone", () => {
    for (const text of [
      "5号楼3门201，每周二下午4点半，2026年放学后",
      "2026-11-23 10:00-12:00，3 个人",
      "价格 100 200 300 元，2026.11.23",
      "10/11/2026 15:00 在 3 号门",
    ])
      expect(redactContactDetails(text)).toBe(text);
  });

  // Written the ways the red team wrote them (issue 14): normalised before detection.
  it.each([
    ["139.2345.6789", "dots"],
    ["１３９２３４５６７８９", "full-width digits"],
    ["１３９－２３４５－６７８９", "full-width digits and dashes"],
    ["139  2345  6789", "double spaces"],
    ["139–2345–6789", "en dashes"],
    ["139—2345—6789", "em dashes"],
    ["1 3 9 2 3 4 5 6 7 8 9", "a space between every digit"],
    ["139\u200b2345\u200b6789", "zero-width spaces"],
    ["(139)2345/6789", "brackets and a slash"],
    ["+86 139 2345 6789", "country code"],
    ["0086-139-2345-6789", "0086"],
    ["022-23456789", "landline with a dash"],
    ["(022)23456789", "landline in brackets"],
    ["（０２２）２３４５６７８９", "full-width landline"],
    ["022 2345 6789", "landline with spaces"],
    ["0315-1234567", "four-digit area code"],
    ["12010119900101123X", "ID card ending in X"],
    ["120101199001011234", "ID card"],
    ["1201 0119 9001 0112 34", "ID card in groups"],
    ["liu.daye@example.com", "e-mail"],
    ["ｌｉｕ＠ｅｘａｍｐｌｅ．ｃｏｍ", "full-width e-mail"],
    ["liu @ example . com", "e-mail with spaces"],
  ])("hides %j (%s), and only it", (contact) => {
    const text = `请联系：${contact}，谢谢`;
    const redacted = redactContactDetails(text);
    expect(redacted).toBe("请联系：***，谢谢");
  });
});

describe("searchableKeyword", () => {
  it("drops the contact details from a search and keeps the words", () => {
    expect(searchableKeyword("灯 13912345678")).toBe("灯");
    expect(searchableKeyword("139.2345.6789")).toBe("");
    expect(searchableKeyword("liu@example.com")).toBe("");
    expect(searchableKeyword("***")).toBe("");
    expect(searchableKeyword("391234")).toBe("391234");
  });
});
