// What `npm start`, `npm run dev` and the one-off scripts share: services up, schema current, demo data in.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { exportEndpoints, resolveDataDir, startServices, type Supervisor } from "./services/supervisor";
import { migrateDatabase } from "../db/migrate";
import { projectRoot, serverBuildPath } from "./server";
import { precompressDirectory } from "./lib/precompress";

export function log(message: string) {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`[linli ${time}] ${message}`);
}

export async function bootServices(): Promise<Supervisor> {
  const dataDir = resolveDataDir();
  log(`data folder: ${dataDir}`);
  const supervisor = await startServices({ dataDir, log });
  exportEndpoints(supervisor.endpoints);
  return supervisor;
}

export async function migrate(databaseUrl: string) {
  const started = Date.now();
  await migrateDatabase(databaseUrl);
  log(`database schema up to date (${Date.now() - started} ms)`);
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the app when there is no build or the sources changed since the last one. */
export function buildIfNeeded() {
  const sources = ["app", "db/schema", "remix.config.js", "package-lock.json"]
    .map((p) => path.join(projectRoot, p))
    .filter((p) => fs.existsSync(p));
  const buildTime = fs.existsSync(serverBuildPath) ? fs.statSync(serverBuildPath).mtimeMs : 0;
  if (buildTime && Math.max(...sources.map(newestMtime)) <= buildTime) return;
  log("building the app (remix build)…");
  const started = Date.now();
  const cli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
  const result = spawnSync(process.execPath, [cli, "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("remix build failed");
  precompressDirectory(path.join(projectRoot, "public", "build"));
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    stop()
      .catch((e) => console.error(e))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => handler("SIGINT"));
  process.on("SIGTERM", () => handler("SIGTERM"));
}

/** Migrates, then seeds the demo data into an empty database (never over someone's data). */
export async function prepareDatabase(databaseUrl: string, { seed }: { seed: boolean }) {
  await migrate(databaseUrl);
  if (!seed) return;
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("../db/schema");
  const { databaseState, seedDemoData, DEMO_PASSWORD } = await import("../db/seed");
  const { hashPassword } = await import("../app/modules/accounts/password.server");
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(sql, { schema });
    const state = await databaseState(db);
    if (state !== "empty") {
      log(state === "demo" ? "demo data already present" : "database holds real data: not seeding demo data");
      return;
    }
    log("seeding demo data…");
    const started = Date.now();
    const summary = await seedDemoData(db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
    log(`demo data seeded in ${Date.now() - started} ms: ${JSON.stringify(summary)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
