import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import zhCN from "~/locales/zh-CN.json";
import en from "~/locales/en.json";
import { categories, orgTypes } from "~/modules/categories/categories";
import { detectLocale } from "~/lib/locale.server";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe("locales", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
  });

  it("name every category", () => {
    for (const c of categories) {
      expect((zhCN.category as Record<string, string>)[c.key]).toBe(c.zh);
      expect((en.category as Record<string, string>)[c.key]).toBeTruthy();
    }
  });

  it("the app's copy of the category keys matches shared/domain/categories.json", () => {
    const shared = path.resolve("../shared/domain/categories.json");
    if (!fs.existsSync(shared)) return; // outside this workplace there is no shared/ folder to compare with
    const original = JSON.parse(fs.readFileSync(shared, "utf8")) as { categories: { key: string }[]; org_types: { key: string }[] };
    expect(categories.map((c) => c.key)).toEqual(original.categories.map((c) => c.key));
    expect(orgTypes.map((t) => t.key)).toEqual(original.org_types.map((t) => t.key));
  });
});

describe("detectLocale", () => {
  const request = (headers: Record<string, string>) => new Request("http://x/", { headers });
  it("defaults to Chinese", () => expect(detectLocale(request({}))).toBe("zh-CN"));
  it("follows the language switch's cookie first", () =>
    expect(detectLocale(request({ Cookie: "a=1; lng=en", "Accept-Language": "zh-CN" }))).toBe("en"));
  it("stays Chinese for a browser set to English until English is chosen", () =>
    expect(detectLocale(request({ "Accept-Language": "en-GB,en;q=0.9" }))).toBe("zh-CN"));
  it("ignores unknown cookie values", () => expect(detectLocale(request({ Cookie: "lng=fr" }))).toBe("zh-CN"));
});
