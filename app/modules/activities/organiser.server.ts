// What an organiser sees on an activity's page: sign-ups, entries to decide, and correction requests.
import { and, asc, eq } from "drizzle-orm";
import { activitySignups, hourCorrectionRequests, hourEntries, hourEntryFirstApprovals, hourEntryReviews, users } from "#db/schema";
import { db } from "~/lib/db.server";

export async function organiserView(activityId: string) {
  const [signups, entries, corrections] = await Promise.all([
    db()
      .select({ volunteerId: users.id, displayName: users.displayName, signedUpAt: activitySignups.createdAt })
      .from(activitySignups)
      .innerJoin(users, eq(users.id, activitySignups.volunteerId))
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, "signed_up")))
      .orderBy(asc(activitySignups.createdAt)),
    db()
      .select({
        id: hourEntries.id,
        volunteerId: hourEntries.volunteerId,
        displayName: users.displayName,
        kind: hourEntries.kind,
        startsAt: hourEntries.startsAt,
        endsAt: hourEntries.endsAt,
        minutes: hourEntries.minutes,
        reversesId: hourEntries.reversesId,
        note: hourEntries.note,
        decision: hourEntryReviews.decision,
        firstApprovedBy: hourEntryFirstApprovals.reviewedByUserId,
      })
      .from(hourEntries)
      .innerJoin(users, eq(users.id, hourEntries.volunteerId))
      .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
      .leftJoin(hourEntryFirstApprovals, eq(hourEntryFirstApprovals.hourEntryId, hourEntries.id))
      .where(eq(hourEntries.activityId, activityId))
      .orderBy(asc(hourEntries.createdAt)),
    db()
      .select({
        id: hourCorrectionRequests.id,
        displayName: users.displayName,
        reason: hourCorrectionRequests.reason,
        status: hourCorrectionRequests.status,
        createdAt: hourCorrectionRequests.createdAt,
        // What accepting does: the entry it names is reversed, and the times asked for are recorded.
        entryStartsAt: hourEntries.startsAt,
        entryEndsAt: hourEntries.endsAt,
        requestedStartsAt: hourCorrectionRequests.requestedStartsAt,
        requestedEndsAt: hourCorrectionRequests.requestedEndsAt,
      })
      .from(hourCorrectionRequests)
      .innerJoin(users, eq(users.id, hourCorrectionRequests.volunteerId))
      .leftJoin(hourEntries, eq(hourEntries.id, hourCorrectionRequests.hourEntryId))
      .where(eq(hourCorrectionRequests.activityId, activityId))
      .orderBy(asc(hourCorrectionRequests.createdAt)),
  ]);
  const reversed = new Set(entries.map((e) => e.reversesId).filter(Boolean));
  return {
    signups: signups.map((s) => ({ ...s, signedUpAt: s.signedUpAt.toISOString() })),
    entries: entries.map((e) => ({
      ...e,
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt.toISOString(),
      status: e.decision ?? "pending",
      /** Approved once, over 8 hours in a day: waits for a second, different organiser. */
      awaitingSecondApproval: !e.decision && !!e.firstApprovedBy,
      reversed: reversed.has(e.id),
    })),
    corrections: corrections.map((c) => ({
      ...c,
      createdAt: c.createdAt.toISOString(),
      entryStartsAt: c.entryStartsAt?.toISOString() ?? null,
      entryEndsAt: c.entryEndsAt?.toISOString() ?? null,
      requestedStartsAt: c.requestedStartsAt?.toISOString() ?? null,
      requestedEndsAt: c.requestedEndsAt?.toISOString() ?? null,
    })),
  };
}

/** Whether this volunteer is signed up. */
export async function isSignedUp(activityId: string, volunteerId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: activitySignups.id })
    .from(activitySignups)
    .where(
      and(
        eq(activitySignups.activityId, activityId),
        eq(activitySignups.volunteerId, volunteerId),
        eq(activitySignups.status, "signed_up"),
      ),
    );
  return !!row;
}
