import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";

export interface PlatformFigures {
  wishesCompleted: number;
  needsOpen: number;
  partners: number;
  activeAgreements: number;
  volunteers: number;
  approvedHours: number;
}

/** Headline figures for the whole platform, from the source tables. */
export async function platformFigures(): Promise<PlatformFigures> {
  const [row] = await db().execute<{
    wishes_completed: string;
    needs_open: string;
    partners: string;
    active_agreements: string;
    volunteers: string;
    approved_minutes: string;
  }>(sql`
    select
      (select count(*) from needs where kind = 'micro_wish' and status = 'completed') as wishes_completed,
      (select count(*) from needs where status = 'published') as needs_open,
      (select count(*) from organisations) as partners,
      (select count(*) from agreements where status = 'active') as active_agreements,
      (select count(distinct user_id) from memberships where role = 'volunteer') as volunteers,
      (select coalesce(sum(e.minutes), 0) from hour_entries e
         join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved') as approved_minutes
  `);
  return {
    wishesCompleted: Number(row?.wishes_completed ?? 0),
    needsOpen: Number(row?.needs_open ?? 0),
    partners: Number(row?.partners ?? 0),
    activeAgreements: Number(row?.active_agreements ?? 0),
    volunteers: Number(row?.volunteers ?? 0),
    approvedHours: Math.round(Number(row?.approved_minutes ?? 0) / 60),
  };
}
