// Failed-login limits, stored in PostgreSQL so they hold across restarts and app instances.
import { and, eq, gt, sql } from "drizzle-orm";
import { loginFailures } from "#db/schema";
import type { DbOrTx } from "~/lib/db.server";

/** 10 failures in a row for one account from one address lock that pair for 15 minutes. */
export const ACCOUNT_FAILURE_LIMIT = 10;
export const ACCOUNT_LOCK_MINUTES = 15;
/** Many people share one address behind an office or estate network: the per-address limit is loose. */
export const ADDRESS_DAILY_FAILURE_LIMIT = 100;

export async function isLoginThrottled(tx: DbOrTx, login: string, address: string): Promise<boolean> {
  const [row] = await tx
    .select({
      forPair:
        sql<number>`count(*) filter (where ${loginFailures.login} = ${login} and ${loginFailures.createdAt} > linli_now() - make_interval(mins => ${ACCOUNT_LOCK_MINUTES}))`.mapWith(
          Number,
        ),
      forAddress: sql<number>`count(*)`.mapWith(Number),
    })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, address), gt(loginFailures.createdAt, sql`linli_now() - interval '1 day'`)));
  return (row?.forPair ?? 0) >= ACCOUNT_FAILURE_LIMIT || (row?.forAddress ?? 0) >= ADDRESS_DAILY_FAILURE_LIMIT;
}

export async function recordLoginFailure(tx: DbOrTx, login: string, address: string): Promise<void> {
  await tx.insert(loginFailures).values({ login, address });
}

/** A success ends the run of failures for this account from this address. */
export async function clearLoginFailures(tx: DbOrTx, login: string, address: string): Promise<void> {
  await tx.delete(loginFailures).where(and(eq(loginFailures.login, login), eq(loginFailures.address, address)));
}
