// `npm start` from nothing: its own data folder and port, services, migrations, demo data, pages; SIGTERM stops it all.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-start-"));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  it("serves the app with demo data on embedded services, then stops cleanly", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      WEB_CONCURRENCY: "2",
    };
    // Embedded services of its own: none of the test suite's servers.
    for (const key of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "LINLI_INDEX_PREFIX"] as const) delete env[key];
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 180_000;
      let base = "";
      while (!base && Date.now() < deadline && child.exitCode === null) {
        base = output.match(/running at (http:\/\/localhost:\d+)/)?.[1] ?? "";
        if (!base) await new Promise((r) => setTimeout(r, 200));
      }
      expect(base, output).not.toBe("");
      expect(output).toContain("jumin@demo.linli.local");
      expect(output).toContain("13800000001");

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ db: "ok", search: "ok" });

      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain("微心愿");
      expect(html).toContain('lang="zh-CN"');

      const english = await fetch(`${base}/`, { headers: { Cookie: "lng=en" } });
      expect(await english.text()).toContain("Micro-wishes");

      const placesBody = (await (await fetch(`${base}/api/places`)).json()) as { streets: unknown[] };
      expect(placesBody.streets.length).toBeGreaterThanOrEqual(5);
      const needs = (await (await fetch(`${base}/api/needs?status=published&limit=100`)).json()) as { items: unknown[] };
      expect(needs.items.length).toBeGreaterThanOrEqual(10);

      const missing = await fetch(`${base}/no-such-page`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("页面没有找到");
      const wall = await fetch(`${base}/wishes?status=published`);
      expect(wall.status).toBe(200);

      // Two worker processes on the one port; one of them (the leader) runs the background jobs.
      expect(output).toContain("2 worker processes");
      const workers = [...new Set([...output.matchAll(/\[worker (\d+)\] serving/g)].map((m) => Number(m[1])))];
      expect(workers).toHaveLength(2);
      const deadline2 = Date.now() + 15_000;
      while (!output.includes("runs the background jobs") && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 200));
      expect(output.match(/runs the background jobs/g)).toHaveLength(1);

      const postgresPid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
      const meiliPid = (JSON.parse(fs.readFileSync(path.join(dataDir, "meilisearch", "meili.json"), "utf8")) as { pid: number }).pid;
      expect(alive(postgresPid) && alive(meiliPid)).toBe(true);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(alive(postgresPid)).toBe(false);
      expect(alive(meiliPid)).toBe(false);
      expect(workers.some(alive)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
