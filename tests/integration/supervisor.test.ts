// The embedded-service supervisor: Meilisearch is restarted when it dies, instances with different
// data folders do not collide, PostgreSQL can be halted and resumed for fault drills, and stop()
// leaves nothing running.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServices, type Supervisor } from "../../scripts/services/supervisor";

const dirs: string[] = [];
const running: Supervisor[] = [];

function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-supervisor-"));
  dirs.push(dir);
  return dir;
}

async function healthy(url: string) {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Meilisearch only: the database is the test suite's own, so no second PostgreSQL starts here.
const meiliOnly = () => ({ DATABASE_URL: process.env.DATABASE_URL, MEILI_BIN: process.env.MEILI_BIN });

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("service supervisor", () => {
  it("restarts Meilisearch when it dies", async () => {
    const supervisor = await startServices({ dataDir: tempDataDir(), env: meiliOnly(), log: () => {} });
    running.push(supervisor);
    const { meiliUrl } = supervisor.endpoints;
    const firstPid = supervisor.meiliPid()!;
    expect(await healthy(meiliUrl)).toBe(true);
    let restarted = false;
    supervisor.onMeiliRestart(() => (restarted = true));

    process.kill(firstPid, "SIGKILL");
    const deadline = Date.now() + 30_000;
    while (!(restarted && (await healthy(meiliUrl))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(restarted).toBe(true);
    expect(await healthy(meiliUrl)).toBe(true);
    expect(supervisor.meiliPid()).not.toBe(firstPid);
  });

  it("runs Meilisearch in production mode with its key in the environment, not in the process list", async () => {
    const supervisor = await startServices({ dataDir: tempDataDir(), env: meiliOnly(), log: () => {} });
    running.push(supervisor);
    const { meiliUrl, meiliMasterKey } = supervisor.endpoints;
    const pid = supervisor.meiliPid()!;
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    expect(commandLine).toContain("--http-addr");
    expect(commandLine).not.toContain(meiliMasterKey);
    expect(commandLine).not.toContain("development");
    const environment = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    expect(environment).toContain("MEILI_ENV=production");
    expect(environment).toContain(`MEILI_MASTER_KEY=${meiliMasterKey}`);
    // Production mode: nothing without the key, and the key works.
    expect((await fetch(`${meiliUrl}/indexes`)).status).toBe(401);
    expect((await fetch(`${meiliUrl}/indexes`, { headers: { Authorization: `Bearer ${meiliMasterKey}` } })).status).toBe(200);
  });

  it("gives instances with different data folders different ports, and stops cleanly", async () => {
    const a = await startServices({ dataDir: tempDataDir(), env: meiliOnly(), log: () => {} });
    const b = await startServices({ dataDir: tempDataDir(), env: meiliOnly(), log: () => {} });
    expect(a.endpoints.meiliUrl).not.toBe(b.endpoints.meiliUrl);
    expect(a.endpoints.meiliMasterKey).not.toBe(b.endpoints.meiliMasterKey);
    const pids = [a.meiliPid()!, b.meiliPid()!];
    await Promise.all([a.stop(), b.stop()]);
    expect(pids.map(alive)).toEqual([false, false]);
    expect(await healthy(a.endpoints.meiliUrl)).toBe(false);
  });

  it("halts PostgreSQL at once and starts it again on the same port, keeping committed rows (fault drills)", async () => {
    const supervisor = await startServices({ dataDir: tempDataDir(), env: { MEILI_URL: "http://search.example:7700" }, log: () => {} });
    running.push(supervisor);
    const { default: postgres } = await import("postgres");
    const sql = postgres(supervisor.endpoints.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await sql`create table drill (n int)`;
      await sql`insert into drill values (1)`;
      expect(await supervisor.haltPostgres()).toBe(true);
      await expect(sql`select 1`).rejects.toThrow();
      await supervisor.resumePostgres();
      expect(await sql`select n from drill`).toEqual([{ n: 1 }]);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it("starts nothing when external servers are configured", async () => {
    const supervisor = await startServices({
      dataDir: tempDataDir(),
      env: { DATABASE_URL: "postgres://x:y@db.example:5432/linli", MEILI_URL: "http://search.example:7700/", MEILI_MASTER_KEY: "k" },
      log: () => {},
    });
    expect(supervisor.endpoints).toEqual({
      databaseUrl: "postgres://x:y@db.example:5432/linli",
      meiliUrl: "http://search.example:7700",
      meiliMasterKey: "k",
    });
    expect(supervisor.meiliPid()).toBeUndefined();
    expect(await supervisor.haltPostgres()).toBe(false);
    await supervisor.stop();
  });
});
