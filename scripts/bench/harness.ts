// What the app benchmarks share: their own embedded services and database, the app as a child
// process (the production build, as `npm start` runs it), demo logins, load through autocannon,
// percentiles, and a clean shutdown of everything they started, on errors and Ctrl-C too.
// Progress goes to stderr; stdout is left for the one JSON line each benchmark prints last.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { freePort, startServices, type Supervisor } from "../services/supervisor";
import { isAlive, sleep } from "../lib/processes";
import { dropIndexes, recreateDatabase } from "../lib/scratch";
import { prepareDatabase } from "../boot";
import { DEMO_PASSWORD } from "../../db/seed";
import { generateBenchData, projectRoot, reindexSearch } from "./generate";

export const BENCH_DATABASE = "linli_bench";
export const BENCH_INDEX_PREFIX = "bench_";

const started = performance.now();
export function log(message: string) {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

/** The project's scripts log with console.log; here stdout carries only the result. */
export function routeConsoleToStderr() {
  console.log = (...args: unknown[]) => console.error(...args);
}

export function printResult(result: unknown) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]?.replace(/_/g, ""));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

export const flag = (name: string) => process.argv.includes(`--${name}`);

/** A text option (`--name value`), or null when not given. */
export function textOption(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return null;
  const value = process.argv[at + 1];
  if (!value || value.startsWith("--")) throw new Error(`--${name} needs a value`);
  return value;
}

// ------------------------------------------------------------ cleanup

type Cleanup = { name: string; run: () => Promise<void>; lastResort?: () => void };
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | null = null;

/** Registers something to stop at the end, newest first; lastResort runs synchronously if the process exits without it. */
export function onCleanup(name: string, run: () => Promise<void>, lastResort?: () => void) {
  const entry = { name, run, lastResort };
  cleanups.push(entry);
  return () => {
    const at = cleanups.indexOf(entry);
    if (at >= 0) cleanups.splice(at, 1);
  };
}

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const entry = cleanups.pop()!;
      try {
        await entry.run();
      } catch (error) {
        log(`stopping ${entry.name} failed: ${String(error)}`);
        try {
          entry.lastResort?.();
        } catch {
          // Already gone.
        }
      }
    }
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping everything…`);
    void cleanUp().finally(() => process.exit(130));
  });
}
process.once("exit", () => {
  for (const entry of cleanups.reverse()) {
    try {
      entry.lastResort?.();
    } catch {
      // Already gone.
    }
  }
});

/** Runs a benchmark's body, then stops whatever it started; exit code 1 on an error. */
export async function runBenchmark(body: () => Promise<number>): Promise<never> {
  let code = 1;
  try {
    code = await body();
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    await cleanUp();
  }
  process.exit(code);
}

// ------------------------------------------------------------ services and database

export interface BenchServices {
  supervisor: Supervisor;
  dataDir: string;
  /** The server's default database; the benchmarks work in their own (freshDemoDatabase). */
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
}

/**
 * Starts PostgreSQL and Meilisearch in the benchmark's own data folder (LINLI_BENCH_DATA_DIR, else
 * .data/<name>), or uses DATABASE_URL / MEILI_URL's servers. Stopped by cleanUp().
 */
export async function startBenchServices(name: string, { fastDurability = true } = {}): Promise<BenchServices> {
  const dataDir = path.resolve(process.env.LINLI_BENCH_DATA_DIR ?? path.join(projectRoot, ".data", name));
  log(`services in ${dataDir}`);
  const supervisor = await startServices({
    dataDir,
    fastDurability,
    log: (m) => log(m),
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      MEILI_URL: process.env.MEILI_URL,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
      MEILI_BIN: process.env.MEILI_BIN,
    },
  });
  onCleanup(
    "services",
    () => supervisor.stop(),
    () => {
      // The process is exiting without having stopped them: do not leave servers behind.
      const meili = supervisor.meiliPid();
      if (meili) process.kill(meili, "SIGKILL");
      const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : 0;
      if (pid && isAlive(pid)) process.kill(pid, "SIGQUIT");
    },
  );
  return { supervisor, dataDir, ...supervisor.endpoints };
}

/** A fresh database holding the demo seed (dropped first if a previous run left it). */
export async function freshDemoDatabase(serverUrl: string, name = BENCH_DATABASE): Promise<string> {
  const url = await recreateDatabase(serverUrl, name);
  await prepareDatabase(url, { seed: true });
  return url;
}

// ------------------------------------------------------------ the app

export interface AppProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<string>;
  alive(): boolean;
  stop(): Promise<void>;
}

export interface AppEnvironment {
  dataDir: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  indexPrefix?: string;
  env?: Record<string, string>;
  /** Options for the app's node, e.g. ["--cpu-prof", "--cpu-prof-dir=…"] (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

/** The environment the app runs with: the same one the search reindex gets. */
export function appEnv(app: AppEnvironment): Record<string, string> {
  return {
    DATABASE_URL: app.databaseUrl,
    MEILI_URL: app.meiliUrl,
    MEILI_MASTER_KEY: app.meiliMasterKey,
    LINLI_INDEX_PREFIX: app.indexPrefix ?? BENCH_INDEX_PREFIX,
    LINLI_DATA_DIR: app.dataDir,
    NODE_ENV: "production",
    ...app.env,
  };
}

/** Runs `scripts/start.ts` (the production build, as `npm start` does) on the given services, on a free port. */
export async function startApp(app: AppEnvironment): Promise<AppProcess> {
  // start.ts builds first when the sources changed: its output (and the build's) comes through the pipes below.
  const port = await freePort();
  const child = spawn(process.execPath, [...(app.nodeArgs ?? []), "--import", "tsx", path.join(projectRoot, "scripts", "start.ts")], {
    cwd: projectRoot,
    env: { ...process.env, ...appEnv(app), PORT: String(port), HOST: "127.0.0.1", LINLI_SEED: "none" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    let pending = "";
    stream.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim() && !/^\s{2}\S+@|^\s*$|demo logins|password/i.test(line)) log(`app: ${line.trim()}`);
    });
  }
  let exitInfo: string | null = null;
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      resolve(exitInfo);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exitInfo !== null) return;
    child.kill("SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!done) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  const forget = onCleanup("app", stop, () => {
    if (exitInfo === null) child.kill("SIGKILL");
  });
  void exited.then(forget);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exitInfo !== null) throw new Error(`the app exited while starting (${exitInfo})`);
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error("the app did not become healthy within 180 s");
    await sleep(250);
  }
  log(`app ready on ${base} (pid ${child.pid})`);
  return { base, port, child, exited, alive: () => exitInfo === null, stop };
}

/** Signs in through the API and returns the session cookie. */
export async function login(base: string, loginName: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ login: loginName, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("linli_session="));
  if (!cookie) throw new Error(`login ${loginName}: no session cookie`);
  return cookie;
}

/** A deterministic sample of published needs, spread over every community (round-robin). */
export function samplePublishedNeeds(databaseUrl: string, count: number): Promise<{ id: string; communityId: string }[]> {
  return withOneConnection(
    databaseUrl,
    (sql) => sql<{ id: string; communityId: string }[]>`
      select id, community_id as "communityId" from (
        select id, community_id, row_number() over (partition by community_id order by md5(id::text)) as turn
        from needs where status = 'published') t
      order by turn, community_id limit ${count}`,
  );
}

/** The first column of the first row a query answers (for ids the benchmarks need: a street, a published wish…). */
export function firstValue(databaseUrl: string, query: string): Promise<string> {
  return withOneConnection(databaseUrl, async (sql) => {
    const [row] = await sql.unsafe<Record<string, string>[]>(query);
    if (!row) throw new Error(`no row for: ${query}`);
    return String(Object.values(row)[0]);
  });
}

export function communityIdOf(databaseUrl: string, name: string): Promise<string> {
  return withOneConnection(databaseUrl, async (sql) => {
    const [row] = await sql<{ id: string }[]>`select id from communities where name = ${name}`;
    if (!row) throw new Error(`no community ${name}`);
    return row.id;
  });
}

/**
 * Services, a fresh demo database with `offers` + `needs` generated rows, search indexes rebuilt from
 * it, and the app started on it: what every app benchmark stands on.
 */
export async function prepareAppWithData(
  name: string,
  {
    offers,
    needs,
    fastDurability = true,
    setAsideSuggestionBacklog = false,
    nodeArgs,
  }: {
    offers: number;
    needs: number;
    fastDurability?: boolean;
    /**
     * The bulk load queues every open need's suggestions (~87,000 at 100,000 needs). The leader's relay
     * takes many minutes to catch up, competing with what is measured. Set aside, the figures are those
     * of a system at rest; `queueSuggestionCatchUp` brings a catch-up back on purpose, to measure it apart.
     */
    setAsideSuggestionBacklog?: boolean;
    /** Options for the app's node (see AppEnvironment.nodeArgs). */
    nodeArgs?: string[];
  },
) {
  const services = await startBenchServices(name, { fastDurability });
  log(`fresh database ${BENCH_DATABASE} with the demo seed…`);
  const databaseUrl = await freshDemoDatabase(services.databaseUrl);
  log(`generating ${offers.toLocaleString("en")} offers and ${needs.toLocaleString("en")} needs…`);
  const generated = await generateBenchData(databaseUrl, { offers, needs, log });
  log(`generated in ${generated.seconds} s (needs by status ${JSON.stringify(generated.byNeedStatus)})`);
  const environment: AppEnvironment = { ...services, databaseUrl, nodeArgs };
  await dropIndexes(services.meiliUrl, services.meiliMasterKey, BENCH_INDEX_PREFIX);
  log("rebuilding the search indexes (npm run search:reindex)…");
  const reindexSeconds = await reindexSearch(appEnv(environment), log);
  log(`search indexes rebuilt in ${reindexSeconds.toFixed(1)} s`);
  // The swap leaves the old indexes to delete; measuring while Meilisearch still does so measures that too.
  const settleSeconds = await meiliSettled(services.meiliUrl, services.meiliMasterKey);
  log(`search engine idle ${settleSeconds.toFixed(1)} s after the rebuild`);
  let suggestionBacklogSetAside = 0;
  if (setAsideSuggestionBacklog) {
    suggestionBacklogSetAside = await withOneConnection(databaseUrl, async (sql) => (await sql`delete from suggestion_queue`).count);
    // Mostly the generated offers: the relay would turn them into every open need and organisation.
    log(`${suggestionBacklogSetAside.toLocaleString("en")} queued suggestion entries from the bulk load set aside`);
  }
  const app = await startApp(environment);
  return { services, databaseUrl, environment, app, generated, reindexSeconds, suggestionBacklogSetAside };
}

/** One short-lived connection for the harness's own reads and writes, closed whatever happens. */
async function withOneConnection<T>(databaseUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** Queues every open need's suggestions, as a bulk load does; returns how many are queued. */
export function queueSuggestionCatchUp(databaseUrl: string): Promise<number> {
  return withOneConnection(databaseUrl, async (sql) => {
    await sql`
      insert into suggestion_queue (subject_type, subject_id)
      select 'need', id from needs where status in ('pending_review', 'published')
      on conflict do nothing`;
    return suggestionQueueLength(sql);
  });
}

/** Entries still queued. */
export function suggestionBacklog(databaseUrl: string): Promise<number> {
  return withOneConnection(databaseUrl, suggestionQueueLength);
}

async function suggestionQueueLength(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from suggestion_queue`;
  return row?.n ?? 0;
}

/** Waits until Meilisearch has no task enqueued or processing (at most 5 minutes); returns the seconds waited. */
async function meiliSettled(meiliUrl: string, masterKey: string): Promise<number> {
  const started = performance.now();
  const headers = { Authorization: `Bearer ${masterKey}` };
  for (let i = 0; i < 3000; i++) {
    const response = await fetch(`${meiliUrl}/tasks?statuses=enqueued,processing&limit=1`, { headers });
    const { total } = (await response.json()) as { total?: number };
    if (!total) break;
    await sleep(100);
  }
  return (performance.now() - started) / 1000;
}

// ------------------------------------------------------------ measuring

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[at]! * 100) / 100;
}

export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
}

/** One request on a keep-alive agent (no fetch overhead in the timing). */
export function request(
  agent: http.Agent,
  url: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      { method, agent, headers: { ...headers, ...(body ? { "Content-Length": Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

export interface SequentialResult {
  requests: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  errors: number;
  statuses: Record<string, number>;
}

/** One request at a time over one keep-alive connection, each URL once. */
export async function measureSequential(urls: string[], headers: Record<string, string> = {}, check?: (a: HttpAnswer) => boolean) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | null = null;
  try {
    for (const url of urls) {
      try {
        const answer = await request(agent, url, { headers });
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        times.push(answer.ms);
        if (answer.status >= 400 || (check && !check(answer))) {
          errors++;
          firstError ??= `${answer.status} ${answer.body.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  } finally {
    agent.destroy();
  }
  if (firstError) log(`first error: ${firstError}`);
  const result: SequentialResult = {
    requests: urls.length,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    p99_ms: percentile(times, 99),
    mean_ms: Math.round((times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)) * 100) / 100,
    errors,
    statuses,
  };
  return result;
}

// autocannon ships no types: the part used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "1xx": number;
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance extends Promise<AutocannonResult> {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export interface LoadTarget {
  name: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** A fresh path (and body) per request, e.g. rotating need ids or unique titles. */
  next?: () => { path: string; body?: string };
  connections?: number;
  seconds: number;
  /** Counted on each answer; used to collect created ids. */
  onBody?: (status: number, body: string) => void;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  statuses: Record<string, number>;
  bytes_per_s: number;
  connections: number;
  seconds: number;
}

/** Drives one target with autocannon for `seconds`; errors = 4xx + 5xx + socket errors + timeouts. */
export async function measureLoad(target: LoadTarget): Promise<LoadResult> {
  const connections = target.connections ?? 32;
  const times: number[] = [];
  const base: AutocannonRequest = { method: target.method ?? "GET", headers: target.headers ?? {} };
  const instance = autocannon({
    url: target.url,
    connections,
    duration: target.seconds,
    timeout: 30,
    requests: [
      target.next
        ? {
            ...base,
            setupRequest: (req: AutocannonRequest) => {
              const { path: p, body } = target.next!();
              return { ...req, path: p, ...(body !== undefined ? { body } : {}) };
            },
          }
        : base,
    ],
  });
  instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  const errors = result["4xx"] + result["5xx"] + result.errors + result.timeouts;
  if (errors)
    log(
      `${target.name}: ${errors} errors ${JSON.stringify(result.statusCodeStats)} socket errors ${result.errors}, timeouts ${result.timeouts}`,
    );
  return {
    requests: times.length,
    rps: Math.round((times.length / Math.max(result.duration, 0.001)) * 10) / 10,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    p99_ms: percentile(times, 99),
    errors,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    bytes_per_s: Math.round(result.throughput.average),
    connections,
    seconds: Math.round(result.duration * 10) / 10,
  };
}

/**
 * For slow targets: `connections` loops on keep-alive connections, each starting requests until
 * `seconds` have passed and letting the last one finish, so the slowest answers are counted too
 * (autocannon drops whatever is in flight when its time is up).
 */
export async function measureClosedLoop(target: LoadTarget & { check?: (answer: HttpAnswer) => boolean }): Promise<LoadResult> {
  const connections = target.connections ?? 32;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  let firstError: string | null = null;
  const t0 = performance.now();
  const deadline = t0 + target.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const next = target.next?.() ?? { path: "" };
      try {
        const answer = await request(agent, new URL(next.path, target.url).toString(), {
          method: target.method,
          headers: target.headers,
          body: next.body,
        });
        times.push(answer.ms);
        bytes += Buffer.byteLength(answer.body);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        target.onBody?.(answer.status, answer.body);
        if (answer.status >= 400 || (target.check && !target.check(answer))) {
          errors++;
          firstError ??= `${answer.status} ${answer.body.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, loop));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (firstError) log(`${target.name}: ${errors} errors ${JSON.stringify(statuses)}; first: ${firstError}`);
  return {
    requests: times.length,
    rps: Math.round((times.length / seconds) * 10) / 10,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    p99_ms: percentile(times, 99),
    errors,
    statuses,
    bytes_per_s: Math.round(bytes / seconds),
    connections,
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** A bare Node http server in its own process answering `body` as HTML: the floor any page is compared to. */
export async function startNodeHttpReference(body: Buffer): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const file = path.join(projectRoot, ".data", `bench-reference-${process.pid}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  const script = `
    const http = require("node:http");
    const body = require("node:fs").readFileSync(process.env.BODY_FILE);
    http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "public, max-age=60" });
      res.end(body);
    }).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));`;
  const child = spawn(process.execPath, ["-e", script], {
    env: { ...process.env, BODY_FILE: file, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    fs.rmSync(file, { force: true });
  };
  const forget = onCleanup("node http reference", stop, () => child.kill("SIGKILL"));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", () => reject(new Error("the node http reference server exited")));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      forget();
      await stop();
    },
  };
}
