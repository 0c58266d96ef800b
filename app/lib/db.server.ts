import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "#db/schema";
import { env } from "./env.server";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction: domain functions accept either. */
export type DbOrTx = Database | Transaction;

interface Connection {
  url: string;
  sql: postgres.Sql;
  db: Database;
}

// Kept on globalThis so dev-mode rebuilds reuse one pool instead of leaking a new one each time.
const holder = globalThis as unknown as { __linliDb?: Connection };

export function db(): Database {
  return connection().db;
}

export function sqlClient(): postgres.Sql {
  return connection().sql;
}

function connection(): Connection {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  if (holder.__linliDb && holder.__linliDb.url === DATABASE_URL) return holder.__linliDb;
  const sql = postgres(DATABASE_URL, {
    max: DATABASE_POOL_SIZE,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
  });
  holder.__linliDb = { url: DATABASE_URL, sql, db: drizzle(sql, { schema }) };
  return holder.__linliDb;
}

export async function closeDb() {
  const current = holder.__linliDb;
  holder.__linliDb = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}

export async function databaseHealthy(): Promise<boolean> {
  try {
    await sqlClient()`select 1`;
    return true;
  } catch {
    return false;
  }
}
