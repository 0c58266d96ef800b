// `npm run bench [-- --quick]`: the app under load, page by page. Starts its own services in
// .data/bench-app (LINLI_BENCH_DATA_DIR), a fresh demo database with N generated offers and N needs
// (100,000 each; 2,000 with --quick), rebuilds the search indexes, runs the production build as
// `npm start` does, then drives each target for a fixed time at 32 connections with autocannon:
// home `/`, the wish wall `/wishes`, `/showcase`, a resident posting micro-wishes (`POST /api/needs`,
// each with its own title), and the matching API for both engines (with a closed loop of its own
// that waits for the last answers, which autocannon would drop when its time is up). Two references
// in the same run: the app's trivial route `/about` (static markup, through the same Express + Remix
// stack and page cache as every public page) and a bare Node `http` server in its own process
// answering the very same bytes. Signed in: `/about` and `/wishes` as a resident, `/streets/:id` as
// the street admin, `/org` as the bank's admin under load, and every signed-in page of the demo one
// request at a time (`single_request_p95_ms`, per page). Progress on stderr; the last line on stdout is one JSON object.
// Exits 1 when any request failed or a figure is missing.
//
// Options: --quick (2,000 rows, 5 s per target), --offers N, --needs N, --seconds N (20 per
// target), --connections N (32), --sample N (needs whose matches are asked for, 500), --single N
// (requests per signed-in page one at a time, 60; 20 with --quick).
import os from "node:os";
import {
  communityIdOf,
  firstValue,
  flag,
  log,
  login,
  measureClosedLoop,
  measureLoad,
  measureSequential,
  option,
  prepareAppWithData,
  printResult,
  routeConsoleToStderr,
  runBenchmark,
  samplePublishedNeeds,
  startNodeHttpReference,
  type LoadResult,
  type LoadTarget,
} from "./harness";

routeConsoleToStderr();
// The app's worker processes, as scripts/start.ts counts them (it inherits this environment).
const WEB_CONCURRENCY = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10) || os.availableParallelism());
const QUICK = flag("quick");
const OFFERS = option("offers", QUICK ? 2_000 : 100_000);
const NEEDS = option("needs", OFFERS);
const SECONDS = option("seconds", QUICK ? 5 : 20);
const CONNECTIONS = option("connections", 32);
const SAMPLE = option("sample", QUICK ? 100 : 500);
const SINGLE_REQUESTS = option("single", QUICK ? 20 : 60);

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? Math.round((a / b) * 10000) / 10000 : null);

await runBenchmark(async () => {
  const started = Date.now();
  const { app, databaseUrl } = await prepareAppWithData("bench-app", { offers: OFFERS, needs: NEEDS });
  const admin = await login(app.base, "admin@demo.linli.local");
  const resident = await login(app.base, "jumin@demo.linli.local");
  const residentCommunity = await communityIdOf(databaseUrl, "沙柳北路社区");
  const sample = await samplePublishedNeeds(databaseUrl, SAMPLE);
  const [staff, streetAdmin, bank, volunteer] = (await Promise.all(
    ["shequ@demo.linli.local", "jiedao@demo.linli.local", "yinhang@demo.linli.local", "zhiyuanzhe@demo.linli.local"].map((name) =>
      login(app.base, name),
    ),
  )) as [string, string, string, string];
  const streetId = await firstValue(databaseUrl, "select id from streets where name = '东新街道'");
  const wishId = await firstValue(
    databaseUrl,
    `select id from needs where status = 'published' and kind = 'micro_wish' order by created_at limit 1`,
  );
  const activityId = await firstValue(databaseUrl, "select id from activities order by starts_at desc limit 1");

  // The reference answers exactly what the trivial route answers an anonymous visitor.
  const trivial = await fetch(`${app.base}/about`);
  const trivialBody = Buffer.from(await trivial.arrayBuffer());
  if (trivial.status !== 200) throw new Error(`/about answered ${trivial.status}`);
  const reference = await startNodeHttpReference(trivialBody);
  const pageCache = (await fetch(`${app.base}/about`)).headers.get("x-cache") === "hit";
  log(`trivial route: ${trivialBody.length} bytes; page cache ${pageCache ? "on" : "off"}; WEB_CONCURRENCY ${WEB_CONCURRENCY}`);

  let matchTurn = 0;
  let posted = 0;
  const runId = Date.now().toString(36);
  const targets: (Omit<LoadTarget, "seconds"> & { key: string })[] = [
    { key: "node_http", name: "bare node http", url: `${reference.base}/` },
    { key: "trivial_route", name: "trivial route /about", url: `${app.base}/about` },
    { key: "home", name: "home /", url: `${app.base}/` },
    { key: "wish_wall", name: "wish wall /wishes", url: `${app.base}/wishes` },
    { key: "showcase", name: "showcase /showcase", url: `${app.base}/showcase` },
    {
      key: "match_meili",
      name: "matches (meili)",
      url: app.base,
      headers: { Cookie: admin },
      next: () => ({ path: `/api/needs/${sample[matchTurn++ % sample.length]!.id}/matches` }),
    },
    {
      key: "match_baseline",
      name: "matches (baseline)",
      url: app.base,
      headers: { Cookie: admin },
      next: () => ({ path: `/api/needs/${sample[matchTurn++ % sample.length]!.id}/matches?engine=baseline` }),
    },
    { key: "signed_in_trivial", name: "signed in /about", url: `${app.base}/about`, headers: { Cookie: resident } },
    { key: "wish_wall_signed_in", name: "signed in /wishes", url: `${app.base}/wishes`, headers: { Cookie: resident } },
    {
      key: "street_dashboard",
      name: "street dashboard /streets/:id",
      url: `${app.base}/streets/${streetId}`,
      headers: { Cookie: streetAdmin },
    },
    { key: "org_dashboard", name: "organisation dashboard /org", url: `${app.base}/org`, headers: { Cookie: bank } },
    // Last: every post invalidates the page cache and feeds the outbox relay.
    {
      key: "posting",
      name: "posting POST /api/needs",
      url: app.base,
      method: "POST",
      headers: { Cookie: resident, Origin: app.base, "Content-Type": "application/json" },
      next: () => ({
        path: "/api/needs",
        body: JSON.stringify({
          kind: "micro_wish",
          title: `基准测试心愿 ${runId}-${++posted}`,
          description: "楼道的灯坏了，想请人帮忙换一下。",
          communityId: residentCommunity,
        }),
      }),
    },
  ];

  const results: Record<string, LoadResult> = {};
  let errors = 0;
  for (const target of targets) {
    try {
      // A few requests first, outside the figures: connection pools, plans, the page cache.
      const warmUrls =
        target.method === "POST" ? [] : Array.from({ length: 10 }, () => new URL(target.next?.().path ?? "", target.url).toString());
      const warm = await measureSequential(warmUrls, target.headers);
      errors += warm.errors;
      log(`${target.name}: ${target.connections ?? CONNECTIONS} connections for ${SECONDS} s…`);
      // The matching API and the dashboards are slow enough that autocannon's cut-off would drop their slowest answers.
      const measure =
        target.key.startsWith("match_") || target.key === "org_dashboard" || target.key === "street_dashboard"
          ? measureClosedLoop
          : measureLoad;
      const result = await measure({ ...target, connections: CONNECTIONS, seconds: SECONDS });
      results[target.key] = result;
      errors += result.errors;
      log(`${target.name}: ${result.rps} requests/s, p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, errors ${result.errors}`);
    } catch (error) {
      errors++;
      log(`${target.name}: failed: ${String(error)}`);
    }
    if (!app.alive()) throw new Error("the app died during the benchmark");
  }
  await reference.stop();

  // Every signed-in page of the demo, one request at a time (after a few to warm it), as its usual visitor.
  const signedInPages: [string, string, string][] = [
    ["/about", "/about", resident],
    ["/wishes", "/wishes", resident],
    ["/wishes/:id", `/wishes/${wishId}`, resident],
    ["/wishes/new", "/wishes/new", resident],
    ["/my/wishes", "/my/wishes", resident],
    ["/account", "/account", resident],
    ["/notifications", "/notifications", resident],
    ["/activities", "/activities", volunteer],
    ["/activities/:id", `/activities/${activityId}`, volunteer],
    ["/my/signups", "/my/signups", volunteer],
    ["/my/hours", "/my/hours", volunteer],
    ["/review", "/review", staff],
    ["/communities/:id", `/communities/${residentCommunity}`, staff],
    ["/residents/new", "/residents/new", staff],
    ["/streets/:id", `/streets/${streetId}`, streetAdmin],
    ["/org", "/org", bank],
    ["/my/claims", "/my/claims", bank],
    ["/admin/users", "/admin/users", admin],
  ];
  const singleRequestP95: Record<string, number> = {};
  for (const [name, pagePath, cookie] of signedInPages) {
    const warm = await measureSequential(
      Array.from({ length: 3 }, () => `${app.base}${pagePath}`),
      { Cookie: cookie },
    );
    const single = await measureSequential(
      Array.from({ length: SINGLE_REQUESTS }, () => `${app.base}${pagePath}`),
      { Cookie: cookie },
    );
    errors += warm.errors + single.errors;
    singleRequestP95[name] = single.p95_ms;
    log(`one at a time ${name}: p50 ${single.p50_ms} ms, p95 ${single.p95_ms} ms${single.errors ? `, errors ${single.errors}` : ""}`);
  }

  const summary = {
    quick: QUICK,
    offers: OFFERS,
    needs: NEEDS,
    seconds_per_target: SECONDS,
    connections: CONNECTIONS,
    page_cache: pageCache,
    web_concurrency: WEB_CONCURRENCY,
    trivial_route_bytes: trivialBody.length,
    match_p95_ms: results.match_meili?.p95_ms ?? null,
    baseline_p95_ms: results.match_baseline?.p95_ms ?? null,
    showcase_rps: results.showcase?.rps ?? null,
    trivial_route_rps: results.trivial_route?.rps ?? null,
    node_http_rps: results.node_http?.rps ?? null,
    home_rps: results.home?.rps ?? null,
    wish_wall_rps: results.wish_wall?.rps ?? null,
    posting_rps: results.posting?.rps ?? null,
    showcase_vs_trivial: ratio(results.showcase?.rps, results.trivial_route?.rps),
    showcase_vs_node_http: ratio(results.showcase?.rps, results.node_http?.rps),
    trivial_vs_node_http: ratio(results.trivial_route?.rps, results.node_http?.rps),
    signed_in_trivial_rps: results.signed_in_trivial?.rps ?? null,
    wish_wall_signed_in_rps: results.wish_wall_signed_in?.rps ?? null,
    street_dashboard_rps: results.street_dashboard?.rps ?? null,
    org_dashboard_rps: results.org_dashboard?.rps ?? null,
    signed_in_trivial_vs_node_http: ratio(results.signed_in_trivial?.rps, results.node_http?.rps),
    wish_wall_signed_in_vs_node_http: ratio(results.wish_wall_signed_in?.rps, results.node_http?.rps),
    street_dashboard_vs_node_http: ratio(results.street_dashboard?.rps, results.node_http?.rps),
    org_dashboard_vs_node_http: ratio(results.org_dashboard?.rps, results.node_http?.rps),
    single_request_p95_ms: singleRequestP95,
    single_request_p95_max_ms: Math.max(0, ...Object.values(singleRequestP95)),
    errors,
    total_seconds: Math.round((Date.now() - started) / 1000),
    targets: results,
  };
  const required = [
    "match_p95_ms",
    "baseline_p95_ms",
    "showcase_rps",
    "trivial_route_rps",
    "node_http_rps",
    "signed_in_trivial_rps",
    "wish_wall_signed_in_rps",
    "street_dashboard_rps",
    "org_dashboard_rps",
  ] as const;
  const missing = required.filter((key) => summary[key] === null);
  if (missing.length) log(`missing figures: ${missing.join(", ")}`);
  printResult(summary);
  return errors > 0 || missing.length ? 1 : 0;
});
