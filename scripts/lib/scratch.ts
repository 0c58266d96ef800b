// Throwaway services for scripts: a database made afresh and the search indexes under a prefix, and
// withScratchInstance, which runs one-off scripts (match-eval) in the embedded services (or
// DATABASE_URL / MEILI_URL) with a fresh migrated database and an index prefix of their own, all
// removed afterwards. The benchmarks (scripts/bench/harness.ts, ledger-totals.ts) make their
// databases and clear their indexes with the same helpers.
import postgres from "postgres";
import { exportEndpoints, resolveDataDir, startServices, withDatabase } from "../services/supervisor";
import { migrateDatabase } from "../../db/migrate";
import { sleep } from "./processes";

export const logToStderr = (message: string) => process.stderr.write(`${message}\n`);

async function asAdmin(serverUrl: string, statements: string[]) {
  const admin = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    for (const statement of statements) await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** An empty database `name` on the server of `serverUrl` (dropped first if a previous run left it); its URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await asAdmin(serverUrl, [`drop database if exists "${name}" with (force)`, `create database "${name}"`]);
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await asAdmin(serverUrl, [`drop database if exists "${name}" with (force)`]);
}

/** Drops the search indexes whose names start with `prefix`, waiting for each deletion. */
export async function dropIndexes(meiliUrl: string, masterKey: string, prefix: string) {
  const headers = { Authorization: `Bearer ${masterKey}`, "Content-Type": "application/json" };
  const res = await fetch(`${meiliUrl}/indexes?limit=1000`, { headers });
  if (!res.ok) throw new Error(`meilisearch: listing indexes answered ${res.status}`);
  const { results } = (await res.json()) as { results: { uid: string }[] };
  for (const { uid } of results.filter((i) => i.uid.startsWith(prefix))) {
    const task = (await (await fetch(`${meiliUrl}/indexes/${uid}`, { method: "DELETE", headers })).json()) as { taskUid: number };
    for (let i = 0; i < 600; i++) {
      const status = ((await (await fetch(`${meiliUrl}/tasks/${task.taskUid}`, { headers })).json()) as { status: string }).status;
      if (status === "succeeded" || status === "failed") break;
      await sleep(100);
    }
  }
}

export async function withScratchInstance<T>(label: string, run: () => Promise<T>, log = logToStderr): Promise<T> {
  const supervisor = await startServices({ dataDir: resolveDataDir(), log });
  const { databaseUrl: serverUrl, meiliUrl, meiliMasterKey } = supervisor.endpoints;
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const database = `linli_${label}_${suffix}`;
  const databaseUrl = await recreateDatabase(serverUrl, database);
  const prefix = `${label}_${suffix}_`;
  try {
    exportEndpoints({ ...supervisor.endpoints, databaseUrl });
    process.env.LINLI_INDEX_PREFIX = prefix;
    const { resetEnvCache } = await import("../../app/lib/env.server");
    resetEnvCache();
    await migrateDatabase(process.env.DATABASE_URL!);
    return await run();
  } finally {
    const { sqlClient } = await import("../../app/lib/db.server");
    await sqlClient()
      .end({ timeout: 5 })
      .catch(() => {});
    await dropIndexes(meiliUrl, meiliMasterKey, prefix).catch(() => {});
    await dropDatabase(serverUrl, database).catch(() => {});
    await supervisor.stop();
  }
}
