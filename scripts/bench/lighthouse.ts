// `npm run bench:lighthouse`: Lighthouse (12.2.3, its Node API) with Debian's chromium against the
// demo, as a first-time visitor on a phone (Lighthouse's default mobile preset: a mid-range phone on
// slow 4G, simulated). Starts its own services in .data/bench-lighthouse (LINLI_BENCH_DATA_DIR), a
// fresh demo database, search indexes, and the production build as `npm start` runs it, exactly as
// `npm run bench` does. Pages: home, the wish wall, a wish page, login and activities.
// Progress on stderr; the last line on stdout is one JSON object: the four category scores (0–100)
// per page, the first-visit metrics behind performance, and the JavaScript it transferred.
// Exits 1 when a page could not be audited.
//
// Options: --runs N (runs per page, the median performance run is kept; 1), --chrome PATH
// (CHROME_PATH, else /usr/bin/chromium).
import fs from "node:fs";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import { firstValue, log, onCleanup, option, prepareAppWithData, printResult, routeConsoleToStderr, runBenchmark } from "./harness";

routeConsoleToStderr();
const RUNS = Math.max(1, option("runs", 1));
const chromeAt = process.argv.indexOf("--chrome");
const CHROME = (chromeAt >= 0 ? process.argv[chromeAt + 1] : undefined) ?? process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

interface Audit {
  numericValue?: number;
  details?: { items?: { resourceType?: string; transferSize?: number }[] };
}
interface LighthouseResult {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, Audit>;
  runtimeError?: { message: string };
}

const ms = (audit: Audit | undefined) => (audit?.numericValue === undefined ? null : Math.round(audit.numericValue));

type PageSummary = Record<(typeof CATEGORIES)[number], number | null> & {
  fcp_ms: number | null;
  lcp_ms: number | null;
  tbt_ms: number | null;
  cls: number | null;
  speed_index_ms: number | null;
  script_transfer_bytes: number | null;
  total_transfer_bytes: number | null;
};

function summarise(lhr: LighthouseResult): PageSummary {
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]),
  );
  const items = lhr.audits["resource-summary"]?.details?.items ?? [];
  const bytes = (type: string) => items.find((i) => i.resourceType === type)?.transferSize ?? null;
  return {
    ...(scores as Record<(typeof CATEGORIES)[number], number | null>),
    fcp_ms: ms(lhr.audits["first-contentful-paint"]),
    lcp_ms: ms(lhr.audits["largest-contentful-paint"]),
    tbt_ms: ms(lhr.audits["total-blocking-time"]),
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
    speed_index_ms: ms(lhr.audits["speed-index"]),
    script_transfer_bytes: bytes("script"),
    total_transfer_bytes: bytes("total"),
  };
}

await runBenchmark(async () => {
  if (!fs.existsSync(CHROME)) throw new Error(`no chromium at ${CHROME} (--chrome PATH or CHROME_PATH)`);
  const started = Date.now();
  const { app, databaseUrl } = await prepareAppWithData("bench-lighthouse", { offers: 0, needs: 0 });
  const wishId = await firstValue(
    databaseUrl,
    "select id from needs where status = 'published' and kind = 'micro_wish' order by created_at limit 1",
  );
  const pages: Record<string, string> = {
    home: "/",
    wish_wall: "/wishes",
    wish: `/wishes/${wishId}`,
    login: "/login",
    activities: "/activities",
  };

  const chrome = await launch({
    chromePath: CHROME,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  onCleanup("chromium", async () => void chrome.kill());
  const results: Record<string, PageSummary & { runs: number }> = {};
  let failures = 0;
  for (const [name, pagePath] of Object.entries(pages)) {
    const url = `${app.base}${pagePath}`;
    const runs: PageSummary[] = [];
    for (let run = 0; run < RUNS; run++) {
      log(`${name}: lighthouse ${url} (run ${run + 1} of ${RUNS})…`);
      // A trace that could not be recorded (NO_NAVSTART and the like, on a busy machine) is tried again, twice at most.
      let lhr: LighthouseResult | undefined;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const answer = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
        lhr = answer?.lhr as unknown as LighthouseResult | undefined;
        if (lhr && !lhr.runtimeError) break;
        log(`${name}: lighthouse failed (attempt ${attempt}): ${lhr?.runtimeError?.message ?? "no result"}`);
      }
      if (!lhr || lhr.runtimeError) {
        failures++;
        continue;
      }
      runs.push(summarise(lhr));
    }
    if (!runs.length) continue;
    // The median run by performance score.
    runs.sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0));
    const median = runs[Math.floor((runs.length - 1) / 2)]!;
    results[name] = { ...median, runs: runs.length };
    log(`${name}: ${JSON.stringify(results[name])}`);
  }
  const performances = Object.values(results).map((r) => r.performance ?? 0);
  printResult({
    lighthouse: "12.2.3",
    preset: "mobile",
    pages: results,
    min_performance: performances.length ? Math.min(...performances) : null,
    failures,
    total_seconds: Math.round((Date.now() - started) / 1000),
  });
  return failures > 0 || Object.keys(results).length < Object.keys(pages).length ? 1 : 0;
});
