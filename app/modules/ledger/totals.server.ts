// Totals of the hour ledger, read from the summary tables the database keeps exact by trigger
// (db/migrations/0003_ledger_totals_triggers.sql): one primary-key lookup however long the ledger.
// Nothing here writes them: entries and reviews are the only input.
import { and, eq, gte, lte } from "drizzle-orm";
import {
  hourTotalsByCommunity,
  hourTotalsByCommunityMonth,
  hourTotalsByOrganisation,
  hourTotalsByStreet,
  hourTotalsByVolunteer,
} from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";
import { now as clockNow } from "~/lib/clock.server";
import { firstDayOfTianjinMonth } from "~/lib/tianjin-time";

export interface HourTotals {
  /** Minutes of approved entries, reversals subtracted. */
  approvedMinutes: number;
  /** Minutes of entries awaiting the organiser's decision. */
  pendingMinutes: number;
}

export interface MonthlyMinutes {
  /** First day of the month (Tianjin time), "YYYY-MM-DD". */
  month: string;
  approvedMinutes: number;
}

const NONE: HourTotals = { approvedMinutes: 0, pendingMinutes: 0 };

function first(rows: HourTotals[]): HourTotals {
  return rows[0] ?? { ...NONE };
}

export async function volunteerTotals(volunteerId: string, conn: DbOrTx = db()): Promise<HourTotals> {
  const t = hourTotalsByVolunteer;
  return first(
    await conn
      .select({ approvedMinutes: t.approvedMinutes, pendingMinutes: t.pendingMinutes })
      .from(t)
      .where(eq(t.volunteerId, volunteerId)),
  );
}

/** A team's totals: entries of the activities it ran. */
export async function organisationTotals(organisationId: string, conn: DbOrTx = db()): Promise<HourTotals> {
  const t = hourTotalsByOrganisation;
  return first(
    await conn
      .select({ approvedMinutes: t.approvedMinutes, pendingMinutes: t.pendingMinutes })
      .from(t)
      .where(eq(t.organisationId, organisationId)),
  );
}

export async function communityTotals(communityId: string, conn: DbOrTx = db()): Promise<HourTotals> {
  const t = hourTotalsByCommunity;
  return first(
    await conn
      .select({ approvedMinutes: t.approvedMinutes, pendingMinutes: t.pendingMinutes })
      .from(t)
      .where(eq(t.communityId, communityId)),
  );
}

/** A street's totals: those of its communities (as they belong to it now). */
export async function streetTotals(streetId: string, conn: DbOrTx = db()): Promise<HourTotals> {
  const t = hourTotalsByStreet;
  return first(
    await conn.select({ approvedMinutes: t.approvedMinutes, pendingMinutes: t.pendingMinutes }).from(t).where(eq(t.streetId, streetId)),
  );
}

/**
 * Approved minutes of a community in each of the last `months` months (the current one
 * included, Tianjin time), oldest first, months without hours as 0. Hours count in the month the
 * work started; a reversal takes them back from that same month.
 */
export async function communityMonthlyApprovedMinutes(
  communityId: string,
  months = 12,
  now = clockNow(),
  conn: DbOrTx = db(),
): Promise<MonthlyMinutes[]> {
  const count = Math.max(0, Math.floor(months));
  if (count === 0) return [];
  const wanted = Array.from({ length: count }, (_, i) => firstDayOfTianjinMonth(now, count - 1 - i));
  const t = hourTotalsByCommunityMonth;
  const rows = await conn
    .select({ month: t.month, approvedMinutes: t.approvedMinutes })
    .from(t)
    .where(and(eq(t.communityId, communityId), gte(t.month, wanted[0]!), lte(t.month, wanted[count - 1]!)));
  const byMonth = new Map(rows.map((r) => [r.month, r.approvedMinutes]));
  return wanted.map((month) => ({ month, approvedMinutes: byMonth.get(month) ?? 0 }));
}
