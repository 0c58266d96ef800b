// Per test file: a fresh database copied from the migrated template, and its own index prefix.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { closeDb, surviveDriverTypeFetchFailure } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { searchClient } from "~/lib/search.server";

const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const suffix = randomBytes(5).toString("hex");
const database = `linli_t_${inject("runId")}_${suffix}`;

async function createFromTemplate() {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database "${database}" template "${template}"`);
        return;
      } catch (error) {
        // Two files copying the template at the same moment: wait and retry.
        if (attempt < 20 && /being accessed by other users/.test(String(error))) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  } finally {
    await sql.end();
  }
}

// A relay still connecting when afterAll drops this file's database leaves postgres.js's dropped
// type query rejected (porsager/postgres#1192): ignored as `npm start` does (surviveDriverWriteCrash);
// any other unhandled rejection is thrown on, so Vitest still reports it.
const holder = globalThis as { __linliTypeFetchGuard?: boolean };
if (!holder.__linliTypeFetchGuard) {
  holder.__linliTypeFetchGuard = true;
  surviveDriverTypeFetchFailure();
}

await createFromTemplate();
const url = new URL(adminUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliMasterKey");
process.env.LINLI_INDEX_PREFIX = `t_${suffix}_`;
process.env.NODE_ENV = "test";
resetEnvCache();

afterAll(async () => {
  await closeDb();
  const client = searchClient();
  const { results } = await client.getIndexes({ limit: 1000 });
  // Deletions are queued behind other files' indexing: on a busy machine that takes longer than the client's 5 s default.
  for (const index of results.filter((i) => i.uid.startsWith(`t_${suffix}_`)))
    await client.deleteIndex(index.uid).waitTask({ timeout: 120_000 });
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${database}" with (force)`);
  } finally {
    await sql.end();
  }
});
