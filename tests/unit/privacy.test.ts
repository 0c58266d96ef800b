import { describe, expect, it } from "vitest";
import { maskName, redactContactDetails } from "~/modules/needs/privacy";

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
    const text = "5号楼3门201，每周二下午4点半，2026年放学后";
    expect(redactContactDetails(text)).toBe(text);
  });
});
