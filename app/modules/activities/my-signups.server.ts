// A volunteer's own sign-ups, each with where it stands: signed up, checked in, checked out, hours pending or decided.
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { activities, activitySignups, attendances, communities, hourEntries, hourEntryReviews, organisations } from "#db/schema";
import { db } from "~/lib/db.server";
import { now } from "~/lib/clock.server";
import { decodeSegmentCursor, encodeSegmentCursor } from "~/lib/cursor.server";
import { AppError } from "~/lib/errors";
import type { ListPageQuery } from "~/lib/validation";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { signupState, type SignupState } from "./signup-state";

export interface MySignup {
  id: string;
  activityId: string;
  activityTitle: string;
  communityName: string;
  organisationName: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string;
  /** Not over yet. */
  upcoming: boolean;
  state: SignupState;
  checkInAt: string | null;
  checkOutAt: string | null;
  /** Minutes of the latest hour entry for this activity (pending or decided). */
  minutes: number | null;
  signedUpAt: string;
}

/** Upcoming activities first (soonest first), then past ones (latest first). */
export async function listMySignups(viewer: Viewer, query: ListPageQuery): Promise<{ items: MySignup[]; nextCursor: string | null }> {
  const cursor = decodeSegmentCursor(query.cursor);
  if (query.cursor && !cursor) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  const at = now();
  const atSql = sql`${at.toISOString()}::timestamptz`;
  const base = and(eq(activitySignups.volunteerId, viewer.id), eq(activitySignups.status, "signed_up"))!;
  const upcoming = gte(activities.endsAt, at);
  const past = lt(activities.endsAt, at);
  const after = (c: { at: string; id: string }, direction: ">" | "<") =>
    sql`(${activities.startsAt}, ${activities.id}) ${sql.raw(direction)} (${c.at}::timestamptz, ${c.id}::uuid)`;
  let where: SQL = base;
  if (cursor?.segment === 0) where = and(base, or(and(upcoming, after(cursor, ">")), past))!;
  if (cursor?.segment === 1) where = and(base, past, after(cursor, "<"))!;
  const rows = await db()
    .select({
      id: activitySignups.id,
      activityId: activities.id,
      activityTitle: activities.title,
      communityName: communities.name,
      organisationName: organisations.name,
      location: activities.location,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      signedUpAt: activitySignups.createdAt,
    })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .leftJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(where)
    .orderBy(
      sql`case when ${activities.endsAt} >= ${atSql} then 0 else 1 end`,
      sql`case when ${activities.endsAt} >= ${atSql} then ${activities.startsAt} end asc`,
      sql`case when ${activities.endsAt} < ${atSql} then ${activities.startsAt} end desc`,
      sql`case when ${activities.endsAt} >= ${atSql} then ${activities.id} end asc`,
      desc(activities.id),
    )
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.activityId);

  const attendanceRows = ids.length
    ? await db()
        .select({ activityId: attendances.activityId, checkInAt: attendances.checkInAt, checkOutAt: attendances.checkOutAt })
        .from(attendances)
        .where(and(eq(attendances.volunteerId, viewer.id), inArray(attendances.activityId, ids)))
        .orderBy(asc(attendances.checkInAt))
    : [];
  const reversal = sql<boolean>`exists (select 1 from ${hourEntries} r where r.reverses_id = ${hourEntries.id})`;
  const entryRows = ids.length
    ? await db()
        .select({
          activityId: hourEntries.activityId,
          kind: hourEntries.kind,
          minutes: hourEntries.minutes,
          decision: hourEntryReviews.decision,
          reversed: reversal,
        })
        .from(hourEntries)
        .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
        .where(and(eq(hourEntries.volunteerId, viewer.id), inArray(hourEntries.activityId, ids), sql`${hourEntries.kind} <> 'reversal'`))
        .orderBy(asc(hourEntries.createdAt), asc(hourEntries.id))
    : [];
  const latest = <T extends { activityId: string }>(list: T[], activityId: string) => list.filter((r) => r.activityId === activityId).pop();

  const last = page[page.length - 1];
  const lastSegment = last && last.endsAt >= at ? 0 : 1;
  return {
    items: page.map((row) => {
      const attendance = latest(attendanceRows, row.activityId);
      const entry = latest(entryRows, row.activityId);
      return {
        ...row,
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt.toISOString(),
        signedUpAt: row.signedUpAt.toISOString(),
        upcoming: row.endsAt >= at,
        state: signupState(attendance, entry),
        checkInAt: attendance?.checkInAt.toISOString() ?? null,
        checkOutAt: attendance?.checkOutAt?.toISOString() ?? null,
        minutes: entry?.minutes ?? null,
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeSegmentCursor(lastSegment, last.startsAt, last.activityId) : null,
  };
}
