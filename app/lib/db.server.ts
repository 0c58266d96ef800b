import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "#db/schema";
import { clockOffsetMs } from "./clock.server";
import { env } from "./env.server";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction: domain functions accept either. */
export type DbOrTx = Database | Transaction;

interface Connection {
  url: string;
  clockOffsetMs: number;
  sql: postgres.Sql;
  db: Database;
}

// Kept on globalThis so dev-mode rebuilds reuse one pool instead of leaking a new one each time.
const holder = globalThis as unknown as { __linliDb?: Connection };

/**
 * drizzle sends every query through postgres.js's `unsafe` unnamed. With parameters, postgres.js then
 * asks the server for their types first and binds only when they come back: two round trips, and a
 * fresh parse and plan, for every query. Named (prepared once per connection, as postgres.js does
 * for its own tagged queries) a statement is bound in one round trip and PostgreSQL may keep its
 * plan: `bench:match` one at a time went from p50 18.1–19.0 to 15.4–15.5 ms (issue 16). A connection
 * keeps its statements until it is replaced (postgres.js: after 30–60 minutes), which bounds the
 * cache that `inArray`'s lists of every length grow. Statements without parameters stay simple
 * queries (several statements in one string still run). Transactions and savepoints prepare too.
 */
function preparingStatements<Client extends postgres.Sql | postgres.TransactionSql>(client: Client): Client {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (key === "unsafe")
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      if ((key === "begin" || key === "savepoint") && typeof value === "function")
        return (...args: unknown[]) => {
          const body = args.pop() as (sql: postgres.TransactionSql) => unknown;
          return value.call(target, ...args, (inner: postgres.TransactionSql) => body(preparingStatements(inner)));
        };
      return value;
    },
  });
}

export function db(): Database {
  return connection().db;
}

export function sqlClient(): postgres.Sql {
  return connection().sql;
}

function connection(): Connection {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const offset = clockOffsetMs();
  const current = holder.__linliDb;
  if (current && current.url === DATABASE_URL && current.clockOffsetMs === offset) return current;
  // The clock was moved (tests): a fresh pool, so linli_now() in the database reads the same time.
  if (current) void current.sql.end({ timeout: 1 }).catch(() => {});
  const sql = postgres(DATABASE_URL, {
    connection: { "linli.clock_offset_ms": String(offset) },
    max: DATABASE_POOL_SIZE,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
    // postgres.js waits up to 20 s between reconnects after failures (3^n / 100 s), holding queued
    // queries that long: an outage would answer pages slowly and outlast the database's return.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
  });
  holder.__linliDb = { url: DATABASE_URL, clockOffsetMs: offset, sql, db: drizzle(preparingStatements(sql), { schema }) };
  return holder.__linliDb;
}

/** Lets go of the pool: the next db() opens a fresh one while the old one ends in the background. */
export function replacePool() {
  const current = holder.__linliDb;
  holder.__linliDb = undefined;
  if (current) void current.sql.end({ timeout: 1 }).catch(() => {});
}

/** postgres.js 3.4.9 writing to a connection whose socket is already gone (porsager/postgres#1154, #1208). */
export function isDriverWriteCrash(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /nextWrite/.test(error.stack ?? "") &&
    /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? "")
  );
}

/**
 * postgres.js 3.4.9 reads the array types on every new connection and drops that query's promise
 * (porsager/postgres#1192, #1223): when the connection dies meanwhile (the database restarts, or a
 * test drops its database while a relay connects), the rejection is unhandled, though no query of
 * ours is lost: ours fail or succeed on their own. Recognised by the driver's own query.
 */
export function isDriverTypeFetchFailure(reason: unknown): boolean {
  const query = reason instanceof Error ? (reason as Error & { query?: unknown }).query : undefined;
  return typeof query === "string" && /b\.typarray/.test(query) && /pg_catalog\.pg_type/.test(query);
}

/**
 * For the long-running server: when PostgreSQL dies under load, postgres.js can throw that error
 * from a timer, out of every try/catch, which would end the process, and leave the connection
 * unable to send again. That one error is logged and the pool replaced, and the driver's dropped
 * type query is logged; any other uncaught exception or unhandled rejection still ends the process
 * as Node would.
 */
export function surviveDriverWriteCrash(log: (message: string) => void) {
  process.on("uncaughtException", (error) => {
    if (!isDriverWriteCrash(error)) {
      console.error(error);
      process.exit(1);
    }
    log("database: a connection died while writing (postgres.js); opening a fresh pool");
    replacePool();
  });
  surviveDriverTypeFetchFailure(() =>
    log("database: a new connection closed while reading its types (postgres.js); it reconnects on its own"),
  );
}

/**
 * Ignores (after `onFailure`) the driver's dropped type-query rejection; any other unhandled rejection is
 * thrown on, so it ends the process, or is reported by a test runner, as it would be without this.
 */
export function surviveDriverTypeFetchFailure(onFailure: () => void = () => {}) {
  process.on("unhandledRejection", (reason) => {
    if (!isDriverTypeFetchFailure(reason)) throw reason;
    onFailure();
  });
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
