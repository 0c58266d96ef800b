// What pages say (issue 13): every error key the code can raise has words in both languages, untranslated
// English never reaches a page, chart months carry their year, the next star is spelled out, and page
// titles follow the language (error pages included).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fieldErrorText } from "~/components/form-field";
import { AppError } from "~/lib/errors";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { createI18n } from "~/lib/i18n";
import { pageMeta, rootMeta, translatorFor } from "~/lib/meta";
import zhCN from "~/locales/zh-CN.json";
import en from "~/locales/en.json";
import { nextStar } from "~/modules/ledger/stars";
import { lastTwelveMonths, monthLabel } from "~/modules/places/months";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every error code the code can hand to a page: field error values and message keys of AppErrors, schema messages. */
function errorCodesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles(path.resolve("app"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const call of text.matchAll(/new AppError\(([\s\S]*?)\);/g)) {
      const args = call[1]!;
      // { field: "code" } objects, and the fourth argument (the message key).
      for (const m of args.matchAll(/\{\s*(?:\[[^\]]+\]|"[^"]+"|[\w.]+)\s*:\s*"([^"]+)"\s*\}/g)) codes.set(m[1]!, file);
      const key = /undefined,\s*"([a-z_]+)"\s*$/.exec(args.trim());
      if (key) codes.set(key[1]!, file);
    }
    if (file.endsWith(".schema.ts") || file.endsWith("exports.server.ts"))
      for (const m of text.matchAll(/(?:error|message):\s*"([a-z_]+)"|\.(?:min|max|int)\([^,)]*,\s*"([a-z_]+)"\)/g))
        codes.set(m[1] ?? m[2]!, file);
  }
  return codes;
}

describe("error messages", () => {
  const zh = createI18n("zh-CN");
  const english = createI18n("en");

  it("every error code the code can raise has words in Chinese and in English", () => {
    const codes = errorCodesInSource();
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes.keys()]).toContain("longer_than_activity");
    expect([...codes.keys()]).toContain("hours_overlap");
    for (const [code, file] of codes) {
      expect(zh.exists(`fieldErrors.${code}`) || zh.exists(`domainErrors.${code}`), `${code} (${file})`).toBe(true);
      expect(english.exists(`fieldErrors.${code}`) || english.exists(`domainErrors.${code}`), `${code} (${file})`).toBe(true);
    }
  });

  it("database rules broken by a request carry keys a page can translate", () => {
    for (const code of ["23505", "23P01", "23514", "LL001", "LL002", "LL003"]) {
      const error = domainErrorFromDatabase({ code, constraint_name: "x" })!;
      const shown = error.fields ? Object.values(error.fields)[0]! : error.messageKey!;
      expect(shown, code).toMatch(/^[a-z_]+$/);
      expect(fieldErrorText(zh, shown), code).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(domainErrorFromDatabase({ code: "LL002" })!.fields).toEqual({ checkOut: "longer_than_activity" });
  });

  it("a code without words falls back to a general message in the page's language, never raw English", () => {
    expect(fieldErrorText(zh, "longer_than_activity")).toBe(zhCN.domainErrors.longer_than_activity);
    expect(fieldErrorText(english, "longer_than_activity")).toBe(en.domainErrors.longer_than_activity);
    expect(fieldErrorText(zh, "required")).toBe(zhCN.fieldErrors.required);
    expect(fieldErrorText(zh, "Invalid input: expected string, received undefined")).toBe(zhCN.fieldErrors.validation_failed);
    expect(fieldErrorText(english, "something nobody translated")).toBe(en.fieldErrors.validation_failed);
    expect(fieldErrorText(zh, undefined)).toBeUndefined();
  });

  it("an AppError keeps its English message for the API and its key for pages", () => {
    const error = new AppError("conflict", "overlaps hours already approved for this volunteer", undefined, "hours_overlap");
    expect(error.message).toMatch(/overlaps/);
    expect(error.messageKey).toBe("hours_overlap");
    expect(error.status).toBe(409);
  });
});

describe("chart months", () => {
  it("are the twelve months up to this one in Tianjin, oldest first, across a new year", () => {
    expect(lastTwelveMonths(new Date("2026-01-15T00:00:00Z"))).toEqual([
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
    ]);
    // 16:30 UTC on 31 December is already 1 January in Tianjin.
    const months = lastTwelveMonths(new Date("2026-12-31T16:30:00Z"));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2026-02");
    expect(months[11]).toBe("2027-01");
  });

  it("are named with their year in both languages", () => {
    expect(monthLabel("2026-01", "zh-CN")).toEqual({ label: "1月", sublabel: "2026", full: "2026年1月" });
    expect(monthLabel("2025-12", "en")).toEqual({ label: "Dec", sublabel: "2025", full: "Dec 2025" });
  });
});

describe("the next star", () => {
  it("says how many hours are missing for the next star, from zero stars up", () => {
    expect(nextStar(0)).toEqual({ star: 1, hoursToGo: 100, atHours: 100 });
    expect(nextStar(99 * 60 + 30)).toEqual({ star: 1, hoursToGo: 1, atHours: 100 });
    expect(nextStar(100 * 60)).toEqual({ star: 2, hoursToGo: 200, atHours: 300 });
    expect(nextStar(1499 * 60)).toEqual({ star: 5, hoursToGo: 1, atHours: 1500 });
    expect(nextStar(1500 * 60)).toBeNull();
    expect(nextStar(-60)).toEqual({ star: 1, hoursToGo: 100, atHours: 100 });
  });

  it("reads as a sentence in both languages", () => {
    const zh = translatorFor("zh-CN")("starsText.next", { count: 100, star: 1, at: 100 });
    expect(zh).toBe("再有 100 小时时长通过核验，即可达到1星（累计100小时）。");
    expect(translatorFor("en")("starsText.next", { count: 1, star: 2, at: 300 })).toContain("2 stars: 1");
  });
});

describe("page titles", () => {
  const matches = (locale?: string) => [{ id: "root", data: locale ? { locale } : undefined }];
  const notFound = { status: 404, statusText: "Not Found", internal: false, data: "not found" };
  const forbidden = { status: 403, statusText: "Forbidden", internal: false, data: "no" };

  it("follow the language of the page", () => {
    const zh = pageMeta({ matches: matches("zh-CN"), data: undefined, error: null }, (t) => t("titles.myHours"));
    const english = pageMeta({ matches: matches("en"), data: undefined, error: null }, (t) => t("titles.myHours"));
    expect(zh[0]).toEqual({ title: "我的服务时长 | 邻里" });
    expect(english[0]).toEqual({ title: "My service hours | Linli" });
    expect(pageMeta({ matches: matches(), error: null }, (t) => t("titles.wishes"))[0]).toEqual({ title: "微心愿墙 | 邻里" });
  });

  it("carry the page's own name when it has one, and a description", () => {
    const meta = pageMeta({ matches: matches("en"), data: { name: "楼道清整" }, error: null }, (_t, data) => ({
      title: data?.name,
      description: "x",
    }));
    expect(meta).toContainEqual({ title: "楼道清整 | Linli" });
    expect(meta).toContainEqual({ name: "description", content: "x" });
  });

  it("are never empty on error pages: 404 and 403, in both languages", () => {
    expect(rootMeta({ matches: matches("zh-CN"), error: notFound })).toEqual([{ title: `${zhCN.errors.notFoundTitle} | 邻里` }]);
    expect(rootMeta({ matches: matches("en"), error: notFound })).toEqual([{ title: `${en.errors.notFoundTitle} | Linli` }]);
    expect(rootMeta({ matches: matches("zh-CN"), error: forbidden })).toEqual([{ title: `${zhCN.errors.forbiddenTitle} | 邻里` }]);
    expect(rootMeta({ matches: matches("en"), error: new Error("boom") })).toEqual([{ title: `${en.errors.serverTitle} | Linli` }]);
    // A route whose loader failed gets its error's title, not an empty one.
    expect(pageMeta({ matches: matches("en"), data: undefined, error: forbidden }, () => "never")).toEqual([
      { title: `${en.errors.forbiddenTitle} | Linli` },
    ]);
    expect(rootMeta({ matches: matches("zh-CN"), error: null })).toEqual([{ title: "邻里 · 美丽社区合伙人 · 共建共享" }]);
  });

  it("every page route declares a title through pageMeta", () => {
    const routes = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.endsWith(".tsx") && f !== "$.tsx");
    for (const route of routes) {
      const text = fs.readFileSync(path.resolve("app/routes", route), "utf8");
      if (!/export default function/.test(text)) continue;
      expect(text, route).toMatch(/export const meta[^=]*= \(args\) =>\s*pageMeta\(/);
      expect(text, route).not.toMatch(/邻里 Linli/);
    }
  });
});
