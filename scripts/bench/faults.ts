// `npm run bench:faults`: what the app does when its services fail under load. Starts its own
// services in .data/bench-faults (LINLI_BENCH_DATA_DIR) with full durability, a fresh demo database
// with a few generated rows (--offers N, 2,000), the search indexes, and the app (production build,
// as a child process); then keeps up a steady load of residents posting micro-wishes (each with its
// own title; every 201's id is recorded) and anonymous page views, and:
//   1. kills Meilisearch (SIGKILL): pages must stay 200 and posts 201, /healthz say search down;
//      the supervisor restarts it; time until /healthz says search ok again; then, load paused,
//      time until the outbox relay has drained (outboxLag 0);
//   2. stops PostgreSQL at once (SIGQUIT to the postmaster, as a crash would) for --outage seconds
//      (10) under load: pages must answer the friendly 503 page, the API 503, the app stay up;
//      starts it again: time until the app serves again by itself (postgres.js reconnects);
//   3. checks that every post answered 201 is in the `needs` table.
// Progress on stderr; the last line on stdout is one JSON object. Exits 1 when a post answered 201
// is missing, the app died, or a phase could not run.
//
// Options: --offers N (2,000), --posters N (6 parallel posting loops), --viewers N (4 page loops),
// --steady N (seconds of normal load between phases, 5), --outage N (10).
import http from "node:http";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { withDatabase } from "../services/supervisor";
import { sleep } from "../lib/processes";
import {
  communityIdOf,
  log,
  login,
  option,
  prepareAppWithData,
  printResult,
  request,
  routeConsoleToStderr,
  runBenchmark,
  BENCH_DATABASE,
  type AppProcess,
} from "./harness";

routeConsoleToStderr();
const OFFERS = option("offers", 2_000);
const POSTERS = option("posters", 6);
const VIEWERS = option("viewers", 4);
const STEADY_S = option("steady", 5);
const OUTAGE_S = option("outage", 10);
const PAGES = ["/", "/wishes", "/showcase", "/organisations", "/activities"];
const FRIENDLY_503 = "服务暂时不可用";

interface PhaseCounts {
  posts: Record<string, number>;
  pages: Record<string, number>;
  friendlyPages503: number;
  api503Unavailable: number;
  slowestMs: number;
}

const newCounts = (): PhaseCounts => ({ posts: {}, pages: {}, friendlyPages503: 0, api503Unavailable: 0, slowestMs: 0 });
const bump = (table: Record<string, number>, key: string | number) => (table[key] = (table[key] ?? 0) + 1);

/** Posting and page-viewing loops that run until stopped, counting answers per phase. */
class Load {
  private running = false;
  private loops: Promise<void>[] = [];
  private agent = new http.Agent({ keepAlive: true, maxSockets: POSTERS + VIEWERS });
  phase = "start";
  readonly phases = new Map<string, PhaseCounts>();
  readonly createdIds: string[] = [];
  private seq = 0;
  private readonly runId = Date.now().toString(36);

  constructor(
    private readonly base: string,
    private readonly residentCookie: string,
    private readonly communityId: string,
  ) {}

  private counts(): PhaseCounts {
    let counts = this.phases.get(this.phase);
    if (!counts) this.phases.set(this.phase, (counts = newCounts()));
    return counts;
  }

  private async postLoop() {
    while (this.running) {
      const phase = this.counts();
      const title = `故障演练心愿 ${this.runId}-${++this.seq}`;
      try {
        const answer = await request(this.agent, `${this.base}/api/needs`, {
          method: "POST",
          headers: { Cookie: this.residentCookie, Origin: this.base, "Content-Type": "application/json" },
          body: JSON.stringify({ kind: "micro_wish", title, description: "故障演练：楼道灯不亮了。", communityId: this.communityId }),
        });
        bump(phase.posts, answer.status);
        phase.slowestMs = Math.max(phase.slowestMs, answer.ms);
        if (answer.status === 201) this.createdIds.push((JSON.parse(answer.body) as { id: string }).id);
        else if (answer.status === 503 && answer.body.includes('"unavailable"')) phase.api503Unavailable++;
        else if (answer.status >= 500) await sleep(50);
      } catch (error) {
        bump(phase.posts, `socket: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        await sleep(100);
      }
    }
  }

  private async viewLoop(offset: number) {
    for (let i = offset; this.running; i++) {
      const phase = this.counts();
      // A query string of its own per view: every view reaches the database, none comes from the page cache.
      const path = `${PAGES[i % PAGES.length]}?view=${this.runId}-${i}`;
      try {
        const answer = await request(this.agent, `${this.base}${path}`);
        bump(phase.pages, answer.status);
        phase.slowestMs = Math.max(phase.slowestMs, answer.ms);
        if (answer.status === 503 && answer.body.includes(FRIENDLY_503)) phase.friendlyPages503++;
        if (answer.status >= 500) await sleep(50);
      } catch (error) {
        bump(phase.pages, `socket: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        await sleep(100);
      }
    }
  }

  start(phase: string) {
    this.phase = phase;
    if (this.running) return;
    this.running = true;
    this.loops = [
      ...Array.from({ length: POSTERS }, () => this.postLoop()),
      ...Array.from({ length: VIEWERS }, (_, i) => this.viewLoop(i * 7)),
    ];
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  close() {
    this.agent.destroy();
  }
}

interface Health {
  status: number;
  db?: string;
  search?: string;
  outboxLag?: number | null;
}

async function health(base: string): Promise<Health> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, ...((await res.json()) as Omit<Health, "status">) };
  } catch {
    return { status: 0 };
  }
}

/** Polls until `done` says so; returns the seconds it took, or null on timeout. */
async function waitUntil(what: string, done: () => Promise<boolean>, timeoutS: number): Promise<number | null> {
  const t0 = performance.now();
  while ((performance.now() - t0) / 1000 < timeoutS) {
    if (await done()) return Math.round((performance.now() - t0) / 100) / 10;
    await sleep(200);
  }
  log(`${what}: not within ${timeoutS} s`);
  return null;
}

function summarise(counts: PhaseCounts | undefined) {
  return counts
    ? `posts ${JSON.stringify(counts.posts)}, pages ${JSON.stringify(counts.pages)}, slowest ${Math.round(counts.slowestMs)} ms`
    : "no requests";
}

await runBenchmark(async () => {
  const { app, services, databaseUrl } = await prepareAppWithData("bench-faults", { offers: OFFERS, needs: OFFERS, fastDurability: false });
  const { supervisor } = services;
  const resident = await login(app.base, "jumin@demo.linli.local");
  const admin = await login(app.base, "admin@demo.linli.local");
  const communityId = await communityIdOf(databaseUrl, "沙柳北路社区");
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [someNeed] = await sql<{ id: string }[]>`select id from needs where status = 'published' order by id limit 1`;
  await sql.end();
  const load = new Load(app.base, resident, communityId);
  const checks: Record<string, boolean> = {};
  const result: Record<string, unknown> = {};
  const appDied = async (app: AppProcess) => {
    if (app.alive()) return false;
    log(`the app died (${await app.exited})`);
    return true;
  };

  try {
    // ------------------------------------------------------------ steady
    log(`steady load: ${POSTERS} posting loops, ${VIEWERS} page loops, ${STEADY_S} s`);
    load.start("steady");
    await sleep(STEADY_S * 1000);
    log(`steady: ${summarise(load.phases.get("steady"))}`);

    // ------------------------------------------------------------ search down
    const meiliPid = supervisor.meiliPid();
    if (!meiliPid) {
      log("meilisearch is not a child of this run (external or reused): its phase is skipped");
      checks.search_phase_ran = false;
    } else {
      checks.search_phase_ran = true;
      let restarted = false;
      supervisor.onMeiliRestart(() => {
        restarted = true;
        log("meilisearch restarted by the supervisor");
      });
      load.start("search_down");
      log(`killing meilisearch (pid ${meiliPid}, SIGKILL)`);
      process.kill(meiliPid, "SIGKILL");
      const killedAt = performance.now();
      // Asked at once, before the supervisor's restart (half a second later): the matching API must say unavailable.
      const matches = await fetch(`${app.base}/api/needs/${someNeed!.id}/matches`, { headers: { Cookie: admin } }).catch(() => null);
      const matchesBody = matches ? ((await matches.json().catch(() => ({}))) as { error?: { code?: string } }) : {};
      checks.matches_503_while_search_down = matches?.status === 503 && matchesBody.error?.code === "unavailable";
      log(`matches while search is down: ${matches?.status ?? "no answer"} ${JSON.stringify(matchesBody).slice(0, 200)}`);
      let sawDown = false;
      const searchBack = await waitUntil(
        "search back",
        async () => {
          const h = await health(app.base);
          if (h.search === "down") sawDown = true;
          return restarted && h.search === "ok";
        },
        120,
      );
      result.search_recovered_s = searchBack === null ? null : Math.round((performance.now() - killedAt) / 100) / 10;
      const down = load.phases.get("search_down");
      log(`search down → back in ${result.search_recovered_s} s: ${summarise(down)}`);
      checks.healthz_said_search_down = sawDown;
      checks.pages_200_while_search_down = !!down && Object.keys(down.pages).every((s) => s === "200");
      checks.posts_201_while_search_down = !!down && Object.keys(down.posts).every((s) => s === "201");

      // The relay catches up once search is back: pause the load so the lag can reach 0.
      await load.stop();
      let lag: number | null | undefined = null;
      const drained = await waitUntil(
        "outbox drained",
        async () => {
          lag = (await health(app.base)).outboxLag;
          return lag === 0;
        },
        90,
      );
      result.outbox_drained_after_search_s = drained;
      if (drained === null) log(`the outbox did not drain after search came back (outboxLag ${lag}): is the relay running?`);
      else log(`outbox drained ${drained} s after the load paused`);
    }
    if (await appDied(app)) throw new Error("the app died");

    // ------------------------------------------------------------ database down
    load.start("before_db_outage");
    await sleep(STEADY_S * 1000);
    log(`before the outage: ${summarise(load.phases.get("before_db_outage"))}`);
    load.start("db_outage");
    const halted = await supervisor.haltPostgres();
    checks.db_phase_ran = halted;
    if (!halted) log("postgresql is not a child of this run (external or reused): its phase is skipped");
    else {
      log(`postgresql halted (immediate shutdown); ${OUTAGE_S} s under load…`);
      const t0 = performance.now();
      let sawHealth503 = false;
      while (performance.now() - t0 < OUTAGE_S * 1000) {
        if ((await health(app.base)).status === 503) sawHealth503 = true;
        await sleep(500);
      }
      load.phase = "db_recovery";
      const outage = load.phases.get("db_outage");
      log(`outage: ${summarise(outage)}`);
      const resumeStarted = performance.now();
      await supervisor.resumePostgres();
      const resumedAt = performance.now();
      result.pg_restart_s = Math.round((resumedAt - resumeStarted) / 100) / 10;
      const postsBefore = load.createdIds.length;
      const recovered = await waitUntil(
        "app serving again",
        async () => (await health(app.base)).status === 200 && load.createdIds.length > postsBefore,
        120,
      );
      result.db_recovered_s = recovered === null ? null : Math.round((performance.now() - resumedAt) / 100) / 10;
      log(`postgresql back in ${result.pg_restart_s} s; the app served again ${result.db_recovered_s} s later`);
      // During the outage only 503s are expected (and posts in flight at the crash may fail); anything else is an error.
      const unexpected = (table: Record<string, number>) =>
        Object.entries(table)
          .filter(([status]) => status !== "503" && status !== "201" && status !== "200")
          .reduce((n, [, count]) => n + count, 0);
      result.errors_during_db_outage = outage ? unexpected(outage.posts) + unexpected(outage.pages) : null;
      checks.healthz_503_while_db_down = sawHealth503;
      checks.pages_friendly_503_while_db_down = !!outage && outage.friendlyPages503 > 0 && !outage.pages["500"];
      checks.api_503_while_db_down = !!outage && outage.api503Unavailable > 0 && !outage.posts["500"];
    }
    if (await appDied(app)) throw new Error("the app died");

    load.start("after_recovery");
    await sleep(STEADY_S * 1000);
    const after = load.phases.get("after_recovery");
    log(`after recovery: ${summarise(after)}`);
    checks.serving_after_recovery =
      !!after && Object.keys(after.pages).every((s) => s === "200") && Object.keys(after.posts).every((s) => s === "201");
  } finally {
    await load.stop();
    load.close();
  }

  // ------------------------------------------------------------ nothing lost
  let finalLag: number | null | undefined = null;
  await waitUntil(
    "final outbox drain",
    async () => {
      finalLag = (await health(app.base)).outboxLag;
      return finalLag === 0;
    },
    90,
  );
  const ids = load.createdIds;
  const check = postgres(withDatabase(services.databaseUrl, BENCH_DATABASE), { max: 1, onnotice: () => {} });
  let found = 0;
  try {
    for (let i = 0; i < ids.length; i += 5000) {
      const [row] = await check<{ n: number }[]>`select count(*)::int as n from needs where id = any(${ids.slice(i, i + 5000)}::uuid[])`;
      found += row!.n;
    }
  } finally {
    await check.end();
  }
  const died = !app.alive();
  const summary = {
    posts_201: ids.length,
    lost_posts: ids.length - found,
    errors_during_db_outage: result.errors_during_db_outage ?? null,
    search_recovered_s: result.search_recovered_s ?? null,
    db_recovered_s: result.db_recovered_s ?? null,
    outbox_lag_final: finalLag,
    pg_restart_s: result.pg_restart_s ?? null,
    outbox_drained_after_search_s: result.outbox_drained_after_search_s ?? null,
    app_alive: !died,
    checks,
    phases: Object.fromEntries(load.phases),
  };
  log(`${ids.length} posts answered 201; ${found} found in the needs table; checks ${JSON.stringify(checks)}`);
  printResult(summary);
  return summary.lost_posts > 0 || died || !checks.db_phase_ran || !checks.search_phase_ran ? 1 : 0;
});
