// The hour ledger's decisions: approving, rejecting and reversing entries, volunteers' corrections,
// and a volunteer's record. The database keeps the ledger append-only and free of overlaps. Entries
// are written in entries.server.ts (which says what the database does on insert).
import { and, desc, eq, sql } from "drizzle-orm";
import {
  activities,
  communities,
  hourCorrectionRequests,
  hourEntries,
  hourEntryFirstApprovals,
  hourEntryReviews,
  memberships,
  users,
} from "#db/schema";
import { db, type Transaction } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { noticeHoursApproved } from "~/modules/messages/notices.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { adminOf, governsCommunity, type Viewer } from "~/modules/accounts/accounts.policy";
import { isOrganiser } from "~/modules/activities/activities.server";
import {
  attendanceTimesProblem,
  DAY_LIMIT_MINUTES,
  NOT_YET_SLACK_MS,
  notYetProblem,
  SECOND_APPROVAL_OVER_MINUTES,
} from "~/modules/activities/bounds";
import { starLevel } from "./stars";
import { volunteerTotals } from "./totals.server";
import { writeHourEntry, writeReversal } from "./entries.server";
import { now } from "~/lib/clock.server";

async function entryForDecision(tx: Transaction, entryId: string) {
  const [entry] = await tx
    .select({
      id: hourEntries.id,
      volunteerId: hourEntries.volunteerId,
      activityId: hourEntries.activityId,
      communityId: hourEntries.communityId,
      kind: hourEntries.kind,
      startsAt: hourEntries.startsAt,
      endsAt: hourEntries.endsAt,
      minutes: hourEntries.minutes,
      organisationId: activities.organisationId,
      streetId: communities.streetId,
      decision: hourEntryReviews.decision,
      firstApprovedBy: hourEntryFirstApprovals.reviewedByUserId,
    })
    .from(hourEntries)
    .innerJoin(activities, eq(activities.id, hourEntries.activityId))
    .innerJoin(communities, eq(communities.id, hourEntries.communityId))
    .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
    .leftJoin(hourEntryFirstApprovals, eq(hourEntryFirstApprovals.hourEntryId, hourEntries.id))
    .where(eq(hourEntries.id, entryId));
  if (!entry) throw notFound("hour entry");
  return entry;
}

/**
 * Minutes of the volunteer's approved service on the fullest Tianjin day this period touches, if the
 * period were approved too (the database's own function, the one its approval trigger applies).
 */
async function fullestDayMinutesWith(tx: Transaction, volunteerId: string, startsAt: Date, endsAt: Date): Promise<number> {
  // No lock here: the approval trigger takes it and sums again, so an approval racing another one of the
  // same volunteer's days is refused there (second_approver_required) rather than let through.
  const [row] = await tx.execute<{ seconds: string }>(
    sql`select hours_fullest_day_seconds(${volunteerId}::uuid, tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, '[)'), true)::text as seconds`,
  );
  return Number(row!.seconds) / 60;
}

const dayLimitExceeded = () =>
  new AppError("conflict", `a volunteer's approved hours in one day are at most ${DAY_LIMIT_MINUTES / 60}`, {
    _form: "day_limit_exceeded",
  });

/**
 * How an approval lands: "final" writes the decision; "first" records a first approval and leaves the
 * entry pending until a different organiser approves it (when it takes the day over 8 hours).
 */
async function approvalStep(tx: Transaction, viewer: Viewer, entry: Awaited<ReturnType<typeof entryForDecision>>) {
  const fullest = await fullestDayMinutesWith(tx, entry.volunteerId, entry.startsAt, entry.endsAt);
  if (fullest > DAY_LIMIT_MINUTES) throw dayLimitExceeded();
  if (fullest <= SECOND_APPROVAL_OVER_MINUTES) return "final" as const;
  if (!entry.firstApprovedBy) return "first" as const;
  if (entry.firstApprovedBy === viewer.id)
    throw new AppError("conflict", "more than 8 hours in one day: a second, different organiser must approve", {
      _form: "second_approver_required",
    });
  return "final" as const;
}

/** Only the activity's organisers decide, and never about their own hours. */
function checkOrganiser(
  viewer: Viewer,
  entry: { volunteerId: string; organisationId: string | null; communityId: string; streetId: string },
) {
  if (!isOrganiser(viewer, entry)) throw forbidden("only the activity's organiser certifies hours");
  if (entry.volunteerId === viewer.id) throw forbidden("nobody approves their own hours");
}

export interface DecisionResult {
  id: string;
  /** "pending" with awaitingSecondApproval: the first of two approvals is recorded. */
  status: "approved" | "rejected" | "pending";
  minutes: number;
  awaitingSecondApproval?: boolean;
}

export async function decideHourEntry(
  viewer: Viewer,
  entryId: string,
  decision: "approved" | "rejected",
  reason?: string,
): Promise<DecisionResult> {
  if (decision === "rejected" && !reason) throw new AppError("validation_failed", "give the volunteer a reason", { reason: "required" });
  try {
    return await db().transaction(async (tx) => {
      const entry = await entryForDecision(tx, entryId);
      checkOrganiser(viewer, entry);
      if (entry.kind === "reversal")
        throw new AppError("invalid_transition", "a reversal needs no decision", undefined, "reversal_needs_no_decision");
      if (entry.decision) throw new AppError("invalid_transition", `this entry is already ${entry.decision}`, undefined, "already_decided");
      // Hours are certified for service given: an entry that ends later than now is not yet true.
      if (decision === "approved" && entry.endsAt.getTime() > now().getTime() + NOT_YET_SLACK_MS)
        throw new AppError("conflict", "the service has not ended yet", { _form: "service_not_over" });
      if (decision === "approved" && (await approvalStep(tx, viewer, entry)) === "first") {
        await tx.insert(hourEntryFirstApprovals).values({ hourEntryId: entryId, reviewedByUserId: viewer.id });
        await recordAudit(tx, {
          actorUserId: viewer.id,
          action: "hours.first_approve",
          subjectType: "hour_entry",
          subjectId: entryId,
        });
        return { id: entryId, status: "pending" as const, minutes: entry.minutes, awaitingSecondApproval: true };
      }
      await tx.insert(hourEntryReviews).values({ hourEntryId: entryId, decision, reason: reason ?? null, reviewedByUserId: viewer.id });
      if (decision === "approved") await noticeHoursApproved(tx, entryId);
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: `hours.${decision === "approved" ? "approve" : "reject"}`,
        subjectType: "hour_entry",
        subjectId: entryId,
        data: { ...(reason ? { reason } : {}), ...(entry.firstApprovedBy ? { firstApprovedBy: entry.firstApprovedBy } : {}) },
      });
      return { id: entryId, status: decision, minutes: entry.minutes };
    });
  } catch (error) {
    // An overlap with approved hours (approved_hour_periods_no_overlap), or a decision made meanwhile.
    throw domainErrorFromDatabase(error) ?? error;
  }
}

/** Approves many entries; each stands alone, so one refusal does not undo the others. */
export async function approveHourEntries(viewer: Viewer, entryIds: string[]) {
  const results: { id: string; status: string; error?: string }[] = [];
  for (const id of entryIds) {
    try {
      results.push(await decideHourEntry(viewer, id, "approved"));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, status: "refused", error: error.code });
    }
  }
  return results;
}

/** A correction: a new entry that cancels an approved one. The original is never changed. */
export async function reverseHourEntry(viewer: Viewer, entryId: string, reason: string) {
  try {
    return await db().transaction((tx) => insertReversal(tx, viewer, entryId, reason));
  } catch (error) {
    // Reversed meanwhile (hour_entries_reversed_once, LL003).
    throw domainErrorFromDatabase(error) ?? error;
  }
}

/** The reversing entry, in the caller's transaction (an accepted correction reverses and re-records as one act). */
async function insertReversal(tx: Transaction, viewer: Viewer, entryId: string, reason: string, correctionRequestId?: string) {
  const entry = await entryForDecision(tx, entryId);
  checkOrganiser(viewer, entry);
  if (entry.decision !== "approved" || entry.kind === "reversal")
    throw new AppError("invalid_transition", "only an approved entry can be reversed", undefined, "only_approved_reversible");
  const [reversed] = await tx.select({ id: hourEntries.id }).from(hourEntries).where(eq(hourEntries.reversesId, entryId));
  if (reversed) throw new AppError("invalid_transition", "this entry was already reversed", undefined, "already_reversed");
  const reversal = await writeReversal(tx, entry, { recordedBy: viewer.id, note: reason, correctionRequestId });
  await recordAudit(tx, {
    actorUserId: viewer.id,
    action: "hours.reverse",
    subjectType: "hour_entry",
    subjectId: entryId,
    data: { reason, reversalId: reversal.id },
  });
  return { id: reversal.id, reversesId: entryId, minutes: reversal.minutes, status: "approved" as const };
}

/** A volunteer asks for a missing or wrong entry to be corrected. */
export async function requestCorrection(
  viewer: Viewer,
  input: { activityId: string; hourEntryId?: string; reason: string; requestedStartsAt?: Date; requestedEndsAt?: Date },
) {
  const [activity] = await db()
    .select({ id: activities.id, startsAt: activities.startsAt, endsAt: activities.endsAt })
    .from(activities)
    .where(eq(activities.id, input.activityId));
  if (!activity) throw new AppError("validation_failed", "no such activity", { activityId: "activity_not_found" });
  // The times asked for are what accepting records: within the activity, and service already given.
  if (input.requestedStartsAt && input.requestedEndsAt) {
    const problem =
      attendanceTimesProblem(activity, input.requestedStartsAt, input.requestedEndsAt) ??
      notYetProblem(input.requestedStartsAt, input.requestedEndsAt, now());
    if (problem)
      throw new AppError(
        "validation_failed",
        "the corrected times lie within the activity and have happened",
        Object.fromEntries(Object.entries(problem).map(([field, code]) => [field === "checkIn" ? "requestedStartsAt" : "requestedEndsAt", code])),
      );
  }
  if (input.hourEntryId) {
    const [entry] = await db()
      .select({ volunteerId: hourEntries.volunteerId, activityId: hourEntries.activityId })
      .from(hourEntries)
      .where(eq(hourEntries.id, input.hourEntryId));
    if (!entry || entry.volunteerId !== viewer.id || entry.activityId !== input.activityId) throw forbidden("only your own entries");
  }
  const [row] = await db()
    .insert(hourCorrectionRequests)
    .values({
      volunteerId: viewer.id,
      activityId: input.activityId,
      hourEntryId: input.hourEntryId ?? null,
      reason: input.reason,
      requestedStartsAt: input.requestedStartsAt ?? null,
      requestedEndsAt: input.requestedEndsAt ?? null,
    })
    .returning();
  return { ...row!, createdAt: row!.createdAt.toISOString() };
}

/**
 * The organiser answers a correction request. Accepting it reverses the wrong entry (if any) and, when
 * times were given, records the right ones as a new approved entry pointing to the request.
 */
export async function answerCorrection(viewer: Viewer, requestId: string, accept: boolean, answer?: string) {
  const [request] = await db().select().from(hourCorrectionRequests).where(eq(hourCorrectionRequests.id, requestId));
  if (!request) throw notFound("correction request");
  const [activity] = await db()
    .select({ organisationId: activities.organisationId, communityId: activities.communityId, streetId: communities.streetId })
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .where(eq(activities.id, request.activityId));
  checkOrganiser(viewer, { ...activity!, volunteerId: request.volunteerId });
  if (request.status !== "open")
    throw new AppError("invalid_transition", "this request was already answered", undefined, "already_answered");
  try {
    return await db().transaction(async (tx) => {
      const [answered] = await tx
        .update(hourCorrectionRequests)
        .set({ status: accept ? "accepted" : "declined", answer: answer ?? null, answeredByUserId: viewer.id, answeredAt: now() })
        .where(and(eq(hourCorrectionRequests.id, requestId), eq(hourCorrectionRequests.status, "open")))
        .returning({ id: hourCorrectionRequests.id });
      if (!answered) throw new AppError("invalid_transition", "this request was already answered", undefined, "already_answered");
      // In the same transaction: a correction that cannot be recorded leaves the wrong entry standing.
      if (accept && request.hourEntryId) await insertReversal(tx, viewer, request.hourEntryId, answer ?? request.reason, request.id);
      let entryId: string | null = null;
      if (accept && request.requestedStartsAt && request.requestedEndsAt) {
        const entry = await writeHourEntry(tx, {
          volunteerId: request.volunteerId,
          activityId: request.activityId,
          communityId: activity!.communityId,
          kind: "correction",
          startsAt: request.requestedStartsAt,
          endsAt: request.requestedEndsAt,
          correctionRequestId: request.id,
          note: answer ?? request.reason,
          recordedBy: viewer.id,
        });
        // Recorded as approved, unless it takes the volunteer's day over 8 hours: then it waits, approved
        // once, for a second organiser (over 12 hours it cannot be recorded at all).
        const fullest = await fullestDayMinutesWith(tx, request.volunteerId, request.requestedStartsAt, request.requestedEndsAt);
        if (fullest > DAY_LIMIT_MINUTES) throw dayLimitExceeded();
        if (fullest > SECOND_APPROVAL_OVER_MINUTES)
          await tx.insert(hourEntryFirstApprovals).values({ hourEntryId: entry.id, reviewedByUserId: viewer.id });
        else await tx.insert(hourEntryReviews).values({ hourEntryId: entry.id, decision: "approved", reviewedByUserId: viewer.id });
        entryId = entry.id;
      }
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: accept ? "hours.correction_accept" : "hours.correction_decline",
        subjectType: "hour_correction",
        subjectId: requestId,
        data: entryId ? { hourEntryId: entryId } : {},
      });
      return { id: requestId, status: accept ? "accepted" : "declined", hourEntryId: entryId };
    });
  } catch (error) {
    throw domainErrorFromDatabase(error) ?? error;
  }
}

/** The volunteer themself, admins of a team they are in, and staff of their community see their record. */
export async function canSeeVolunteer(viewer: Viewer, volunteerId: string): Promise<boolean> {
  if (viewer.id === volunteerId) return true;
  const [user] = await db()
    .select({ homeCommunityId: users.homeCommunityId, streetId: communities.streetId })
    .from(users)
    .leftJoin(communities, eq(communities.id, users.homeCommunityId))
    .where(eq(users.id, volunteerId));
  if (!user) return false;
  if (user.homeCommunityId && user.streetId && governsCommunity(viewer, { communityId: user.homeCommunityId, streetId: user.streetId }))
    return true;
  const teams = await db()
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, volunteerId), eq(memberships.role, "org_member")));
  return teams.some((t) => !!t.organisationId && adminOf(viewer, t.organisationId));
}

export async function volunteerRecord(viewer: Viewer, volunteerId: string, limit = 200) {
  if (!(await canSeeVolunteer(viewer, volunteerId))) throw forbidden("not your volunteer");
  // Totals from the summary kept exact by the database, not a scan of the ledger.
  const totals = await volunteerTotals(volunteerId);
  const entries = await db()
    .select({
      id: hourEntries.id,
      activityId: hourEntries.activityId,
      activityTitle: activities.title,
      kind: hourEntries.kind,
      startsAt: hourEntries.startsAt,
      endsAt: hourEntries.endsAt,
      minutes: hourEntries.minutes,
      reversesId: hourEntries.reversesId,
      decision: hourEntryReviews.decision,
      firstApprovedBy: hourEntryFirstApprovals.reviewedByUserId,
      // Cancelled by a reversal: shown so, and no longer open to a correction request.
      reversed: sql<boolean>`exists (select 1 from hour_entries r where r.reverses_id = ${hourEntries.id})`,
    })
    .from(hourEntries)
    .innerJoin(activities, eq(activities.id, hourEntries.activityId))
    .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
    .leftJoin(hourEntryFirstApprovals, eq(hourEntryFirstApprovals.hourEntryId, hourEntries.id))
    .where(eq(hourEntries.volunteerId, volunteerId))
    .orderBy(desc(hourEntries.startsAt), desc(hourEntries.createdAt))
    .limit(limit);
  return {
    volunteerId,
    approvedMinutes: totals.approvedMinutes,
    pendingMinutes: totals.pendingMinutes,
    stars: starLevel(totals.approvedMinutes),
    entries: entries.map(({ decision, firstApprovedBy, startsAt, endsAt, ...e }) => ({
      ...e,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      status: decision ?? "pending",
      awaitingSecondApproval: !decision && !!firstApprovedBy,
    })),
  };
}
