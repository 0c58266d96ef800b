// Failed-login limits, stored in PostgreSQL so they hold across restarts and app instances.
//
// Two limits. One account from one address: 10 failures in a row lock that pair for 15 minutes.
// One address, all accounts (password spraying): many people share one address behind an estate's or
// an office's network, so the address is never locked; past a loose daily allowance each attempt from
// it waits its turn, a turn that comes later the more failures there were (1 s, doubling every 10
// failures, at most a minute). A right password is accepted whenever its turn comes.
//
// The address's count lives in one row that each attempt updates in a single statement, counting the
// attempt as a failure before the password is checked (and giving it back on success): parallel
// guesses cannot all pass a check that none of them has counted yet.
import { and, eq, gt, sql } from "drizzle-orm";
import { loginAddressLimits, loginFailures } from "#db/schema";
import { now } from "~/lib/clock.server";
import type { DbOrTx } from "~/lib/db.server";

/** 10 failures in a row for one account from one address lock that pair for 15 minutes. */
export const ACCOUNT_FAILURE_LIMIT = 10;
export const ACCOUNT_LOCK_MINUTES = 15;
/** Failures a day from one address before its attempts are spaced out. */
export const ADDRESS_FREE_FAILURES = 100;
/** The spacing doubles every this many failures past the allowance... */
export const ADDRESS_DELAY_STEP = 10;
/** ...up to this many seconds between attempts. */
export const ADDRESS_MAX_DELAY_SECONDS = 60;

/** Seconds the next attempt from an address waits after `failures` failures today. */
export function addressDelaySeconds(failures: number): number {
  if (failures < ADDRESS_FREE_FAILURES) return 0;
  return Math.min(ADDRESS_MAX_DELAY_SECONDS, 2 ** Math.floor((failures - ADDRESS_FREE_FAILURES) / ADDRESS_DELAY_STEP));
}

export type AddressTurn = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Takes this attempt's turn for the address, counted as a failure until proven otherwise: refused
 * (with the seconds to wait) when the address's next turn has not come yet.
 */
export async function takeAddressTurn(tx: DbOrTx, address: string): Promise<AddressTurn> {
  const at = now();
  // As ISO text: raw SQL fragments do not serialise Dates.
  const atText = at.toISOString();
  const dayAgo = new Date(at.getTime() - 86_400_000).toISOString();
  // A new row's first turn is open to every parallel attempt, whatever instant each read: one that read the
  // clock a moment before the row's creator must not find its turn still to come.
  await tx
    .insert(loginAddressLimits)
    .values({ address, failures: 0, windowStartedAt: at, nextAttemptAt: new Date(0) })
    .onConflictDoNothing();
  // A new day's window starts from zero; the delay follows the count including this attempt.
  const failures = sql`(case when ${loginAddressLimits.windowStartedAt} <= ${dayAgo}::timestamptz then 0 else ${loginAddressLimits.failures} end) + 1`;
  const delay = sql`least(${ADDRESS_MAX_DELAY_SECONDS}, case when ${failures} <= ${ADDRESS_FREE_FAILURES} then 0
    else power(2, floor((${failures} - 1 - ${ADDRESS_FREE_FAILURES})::numeric / ${ADDRESS_DELAY_STEP})) end)`;
  const [taken] = await tx
    .update(loginAddressLimits)
    .set({
      failures: sql`${failures}`,
      windowStartedAt: sql`case when ${loginAddressLimits.windowStartedAt} <= ${dayAgo}::timestamptz then ${atText}::timestamptz else ${loginAddressLimits.windowStartedAt} end`,
      // Only a delay moves the next turn: parallel attempts within the allowance (each with its own reading of the clock) never refuse each other.
      nextAttemptAt: sql`case when ${delay} > 0 then ${atText}::timestamptz + make_interval(secs => ${delay}) else ${loginAddressLimits.nextAttemptAt} end`,
    })
    .where(and(eq(loginAddressLimits.address, address), sql`${loginAddressLimits.nextAttemptAt} <= ${atText}::timestamptz`))
    .returning({ failures: loginAddressLimits.failures });
  if (taken) return { ok: true };
  const [row] = await tx
    .select({ nextAttemptAt: loginAddressLimits.nextAttemptAt })
    .from(loginAddressLimits)
    .where(eq(loginAddressLimits.address, address));
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((row?.nextAttemptAt.getTime() ?? at.getTime()) - at.getTime()) / 1000)) };
}

/** The attempt was not a failure after all (a right password, or refused before any check): its count is given back. */
export async function giveBackAddressTurn(tx: DbOrTx, address: string, { success }: { success: boolean }): Promise<void> {
  await tx
    .update(loginAddressLimits)
    .set({
      failures: sql`greatest(0, ${loginAddressLimits.failures} - 1)`,
      // A success does not make the next person wait.
      ...(success ? { nextAttemptAt: sql`least(${loginAddressLimits.nextAttemptAt}, ${now().toISOString()}::timestamptz)` } : {}),
    })
    .where(eq(loginAddressLimits.address, address));
}

/** The per-account lock: 10 failures for this login from this address in the last 15 minutes. */
export async function isAccountLocked(tx: DbOrTx, login: string, address: string): Promise<boolean> {
  const since = new Date(now().getTime() - ACCOUNT_LOCK_MINUTES * 60_000);
  const [row] = await tx
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(loginFailures)
    .where(and(eq(loginFailures.login, login), eq(loginFailures.address, address), gt(loginFailures.createdAt, since)));
  return (row?.count ?? 0) >= ACCOUNT_FAILURE_LIMIT;
}

export async function recordLoginFailure(tx: DbOrTx, login: string, address: string): Promise<void> {
  await tx.insert(loginFailures).values({ login, address, createdAt: now() });
}

/** A success ends the run of failures for this account from this address. */
export async function clearLoginFailures(tx: DbOrTx, login: string, address: string): Promise<void> {
  await tx.delete(loginFailures).where(and(eq(loginFailures.login, login), eq(loginFailures.address, address)));
}
