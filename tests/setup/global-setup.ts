// Starts the real PostgreSQL and Meilisearch once for the integration suite and migrates a
// template database; each test file then gets its own copy (integration-file.ts).
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startServices, withDatabase } from "../../scripts/services/supervisor";
import { migrateDatabase } from "../../db/migrate";
import { buildIfNeeded } from "../../scripts/boot";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    /** Names this run's per-file databases, so concurrent runs on one server never drop each other's. */
    runId: string;
    meiliUrl: string;
    meiliMasterKey: string;
  }
}

interface SharedServices {
  adminUrl: string;
  template: string;
  runId: string;
  meiliUrl: string;
  meiliMasterKey: string;
  stop: () => Promise<void>;
}

// The integration suite runs as two projects (the same tests under two fixed dates): both share one
// set of services and one template, started by whichever project sets up first, stopped by the last.
const shared = globalThis as unknown as { __linliTestServices?: Promise<SharedServices>; __linliTestServiceUsers?: number };

export async function setup(project: TestProject) {
  shared.__linliTestServiceUsers = (shared.__linliTestServiceUsers ?? 0) + 1;
  shared.__linliTestServices ??= startSharedServices();
  const services = await shared.__linliTestServices;
  project.provide("adminDatabaseUrl", services.adminUrl);
  project.provide("templateDatabase", services.template);
  project.provide("runId", services.runId);
  project.provide("meiliUrl", services.meiliUrl);
  project.provide("meiliMasterKey", services.meiliMasterKey);
  return async () => {
    shared.__linliTestServiceUsers = (shared.__linliTestServiceUsers ?? 1) - 1;
    if (shared.__linliTestServiceUsers > 0) return;
    shared.__linliTestServices = undefined;
    await services.stop();
  };
}

async function startSharedServices(): Promise<SharedServices> {
  const dataDir = path.resolve(process.env.LINLI_TEST_DATA_DIR ?? ".data/test");
  const started = Date.now();
  // HTTP-level tests serve the real build: make it current once, before any file runs.
  buildIfNeeded();
  // The tests' own servers: external ones only when TEST_DATABASE_URL / TEST_MEILI_URL say so.
  const supervisor = await startServices({
    dataDir,
    fastDurability: true,
    log: (m) => console.log(`[test services] ${m}`),
    env: {
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      MEILI_URL: process.env.TEST_MEILI_URL,
      MEILI_MASTER_KEY: process.env.TEST_MEILI_MASTER_KEY,
      MEILI_BIN: process.env.MEILI_BIN,
    },
  });
  const { databaseUrl, meiliUrl, meiliMasterKey } = supervisor.endpoints;
  const adminUrl = withDatabase(databaseUrl, "postgres");
  const runId = String(process.pid);
  const template = `linli_template_${runId}`;
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${template}" with (force)`);
    await sql.unsafe(`create database "${template}"`);
  } finally {
    await sql.end();
  }
  await migrateDatabase(withDatabase(databaseUrl, template));
  console.log(`[test services] ready with a migrated template database in ${Date.now() - started} ms`);
  const stop = async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const leftovers = await cleanup<
        { datname: string }[]
      >`select datname from pg_database where starts_with(datname, ${`linli_t_${runId}_`}) or datname = ${template}`;
      for (const { datname } of leftovers) await cleanup.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await cleanup.end();
    }
    await supervisor.stop();
  };
  return { adminUrl, template, runId, meiliUrl, meiliMasterKey, stop };
}
