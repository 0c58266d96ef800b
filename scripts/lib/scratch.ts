// A throwaway instance for one-off scripts: the embedded services (or DATABASE_URL / MEILI_URL),
// a fresh migrated database and an index prefix of its own, all removed afterwards.
import postgres from "postgres";
import { exportEndpoints, resolveDataDir, startServices, withDatabase } from "../services/supervisor";
import { migrateDatabase } from "../../db/migrate";

export const logToStderr = (message: string) => process.stderr.write(`${message}\n`);

export async function withScratchInstance<T>(label: string, run: () => Promise<T>, log = logToStderr): Promise<T> {
  const supervisor = await startServices({ dataDir: resolveDataDir(), log });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const database = `linli_${label}_${suffix}`;
  const adminUrl = withDatabase(supervisor.endpoints.databaseUrl, "postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  const prefix = `${label}_${suffix}_`;
  try {
    exportEndpoints({ ...supervisor.endpoints, databaseUrl: withDatabase(supervisor.endpoints.databaseUrl, database) });
    process.env.LINLI_INDEX_PREFIX = prefix;
    const { resetEnvCache } = await import("../../app/lib/env.server");
    resetEnvCache();
    await migrateDatabase(process.env.DATABASE_URL!);
    return await run();
  } finally {
    const { searchClient } = await import("../../app/lib/search.server");
    const { sqlClient } = await import("../../app/lib/db.server");
    await sqlClient()
      .end({ timeout: 5 })
      .catch(() => {});
    const client = searchClient();
    const { results } = await client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] as { uid: string }[] }));
    for (const { uid } of results.filter((i) => i.uid.startsWith(prefix)))
      await client
        .deleteIndex(uid)
        .waitTask()
        .catch(() => {});
    await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    await supervisor.stop();
  }
}
