// Checking in and out by scanning the venue code: the first scan checks in, the second checks out and
// writes a pending hour entry. Only a volunteer signed up for the activity, only with a current code of
// that activity, and only within the activity's window:
//   check in  from 30 minutes before the start until the end;
//   check out until 30 minutes after the end (later, the organiser records it; a check-in left open is
//   closed by the 24-hour job, flagged for the organiser).
// The minutes served count within the activity only (a check-in before the start counts from the start).
// One check-in per volunteer and activity: once checked out (or recorded by the organiser), a further
// scan is refused, so a volunteer cannot open a second check-in for the 24-hour job to close.
import { and, desc, eq, isNull } from "drizzle-orm";
import { activities, activitySignups, attendances, hourEntries } from "#db/schema";
import { nowMs } from "~/lib/clock.server";
import { db, type DbOrTx, type Transaction } from "~/lib/db.server";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { AppError, forbidden, notFound, type ErrorCode } from "~/lib/errors";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { recordAudit } from "~/modules/audit/audit.server";
import { writeHourEntry } from "~/modules/ledger/entries.server";
import { getActivity, isOrganiser } from "./activities.server";
import { isCurrentVenueCode, readVenueCode, venueCode, venueCodeTimes, venueCodeUrl } from "./venue-code.server";

/** How long before the start a volunteer may check in, and after the end check out. */
export const CHECK_IN_SLACK_MS = 30 * 60_000;
/** A check-out this soon after the check-in is refused (a double scan, not a service). */
const MIN_SERVICE_MS = 60_000;

/** Why a scan was refused: the `token` field of the error, and the key of the message the page shows. */
export const scanRefusals = {
  /** Not a venue code of this app: malformed, or a signature that does not match. */
  token_invalid: ["validation_failed", "this is not a valid venue code"],
  /** A genuine venue code, of another activity. */
  token_foreign: ["validation_failed", "this venue code is for another activity"],
  /** A genuine code of this activity, no longer shown (codes change every minute). */
  token_expired: ["validation_failed", "this venue code has expired: scan the code shown at the venue again"],
  not_signed_up: ["forbidden", "only volunteers signed up for this activity check in"],
  activity_cancelled: ["invalid_transition", "this activity was cancelled"],
  not_open: ["invalid_transition", "check-in opens 30 minutes before the activity starts"],
  closed: ["invalid_transition", "check-in for this activity is closed"],
  not_started: ["invalid_transition", "the activity has not started yet: check out after it starts"],
  too_soon: ["validation_failed", "you checked in less than a minute ago"],
  already_checked_out: ["invalid_transition", "your attendance at this activity is already recorded"],
} as const satisfies Record<string, readonly [ErrorCode, string]>;
export type ScanRefusal = keyof typeof scanRefusals;

function refuse(reason: ScanRefusal): AppError {
  const [code, message] = scanRefusals[reason];
  return new AppError(code, message, { token: reason });
}

/** The refusal an error carries, if it is one. */
export function scanRefusalOf(error: unknown): ScanRefusal | null {
  const reason = error instanceof AppError ? error.fields?.token : undefined;
  return reason && reason in scanRefusals ? (reason as ScanRefusal) : null;
}

interface ScanActivity {
  id: string;
  communityId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
}

type ScanPlan = { action: "check_in" } | { action: "check_out"; attendanceId: string; servedFrom: Date; servedUntil: Date };

async function scanActivity(tx: DbOrTx, activityId: string): Promise<ScanActivity> {
  const [activity] = await tx
    .select({
      id: activities.id,
      communityId: activities.communityId,
      status: activities.status,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
    })
    .from(activities)
    .where(eq(activities.id, activityId));
  if (!activity) throw notFound("activity");
  return activity;
}

/**
 * What a scan at `at` would do, or the refusal it meets. With `lock`, the sign-up row is locked for the
 * transaction, so two scans at once by one volunteer run one after the other.
 */
async function planScan(tx: DbOrTx, viewer: Viewer, activity: ScanActivity, token: unknown, at: number, lock: boolean): Promise<ScanPlan> {
  const code = readVenueCode(token);
  if (!code.ok) throw refuse("token_invalid");
  if (code.activityId !== activity.id) throw refuse("token_foreign");
  if (!isCurrentVenueCode(code.issuedAt, at)) throw refuse("token_expired");

  const signUp = tx
    .select({ id: activitySignups.id })
    .from(activitySignups)
    .where(
      and(eq(activitySignups.activityId, activity.id), eq(activitySignups.volunteerId, viewer.id), eq(activitySignups.status, "signed_up")),
    );
  const [signedUp] = lock ? await signUp.for("update") : await signUp;
  if (!signedUp) throw refuse("not_signed_up");
  if (activity.status !== "scheduled") throw refuse("activity_cancelled");

  const [latest] = await tx
    .select({ id: attendances.id, checkInAt: attendances.checkInAt, checkOutAt: attendances.checkOutAt })
    .from(attendances)
    .where(and(eq(attendances.activityId, activity.id), eq(attendances.volunteerId, viewer.id)))
    .orderBy(desc(isNull(attendances.checkOutAt)), desc(attendances.checkInAt))
    .limit(1);
  const start = activity.startsAt.getTime();
  const end = activity.endsAt.getTime();
  if (!latest || latest.checkOutAt) {
    if (latest) throw refuse("already_checked_out");
    if (at < start - CHECK_IN_SLACK_MS) throw refuse("not_open");
    if (at >= end) throw refuse("closed");
    return { action: "check_in" };
  }
  if (at > end + CHECK_IN_SLACK_MS) throw refuse("closed");
  if (at - latest.checkInAt.getTime() < MIN_SERVICE_MS) throw refuse("too_soon");
  const servedFrom = Math.max(latest.checkInAt.getTime(), start);
  const servedUntil = Math.min(at, end);
  if (servedUntil - servedFrom < MIN_SERVICE_MS) throw refuse(at < start + MIN_SERVICE_MS ? "not_started" : "too_soon");
  return {
    action: "check_out",
    attendanceId: latest.id,
    servedFrom: new Date(servedFrom),
    servedUntil: new Date(servedUntil),
  };
}

async function checkIn(tx: Transaction, viewer: Viewer, activity: ScanActivity, at: Date) {
  const [row] = await tx
    .insert(attendances)
    .values({ activityId: activity.id, volunteerId: viewer.id, checkInAt: at, source: "qr" })
    .returning({ id: attendances.id });
  await recordAudit(tx, { actorUserId: viewer.id, action: "attendance.check_in", subjectType: "activity", subjectId: activity.id });
  return { attendanceId: row!.id, checkedIn: at.toISOString(), hourEntry: null };
}

async function checkOut(
  tx: Transaction,
  viewer: Viewer,
  activity: ScanActivity,
  plan: Extract<ScanPlan, { action: "check_out" }>,
  at: Date,
) {
  await tx.update(attendances).set({ checkOutAt: at }).where(eq(attendances.id, plan.attendanceId));
  const entry = await writeHourEntry(tx, {
    volunteerId: viewer.id,
    activityId: activity.id,
    communityId: activity.communityId,
    attendanceId: plan.attendanceId,
    startsAt: plan.servedFrom,
    endsAt: plan.servedUntil,
    kind: "attendance",
    recordedBy: viewer.id,
  });
  await recordAudit(tx, {
    actorUserId: viewer.id,
    action: "attendance.check_out",
    subjectType: "activity",
    subjectId: activity.id,
    data: { hourEntryId: entry.id },
  });
  return {
    attendanceId: plan.attendanceId,
    checkedOut: at.toISOString(),
    hourEntry: { id: entry.id, minutes: entry.minutes, status: "pending" as const },
  };
}

/** A volunteer's scan of the venue code: checks in, or out (with a pending hour entry); a refusal changes nothing. */
export async function scanVenueCode(viewer: Viewer, activityId: string, token: unknown) {
  try {
    return await db().transaction(async (tx) => {
      const activity = await scanActivity(tx, activityId);
      const at = nowMs();
      const plan = await planScan(tx, viewer, activity, token, at, true);
      return plan.action === "check_in" ? checkIn(tx, viewer, activity, new Date(at)) : checkOut(tx, viewer, activity, plan, new Date(at));
    });
  } catch (error) {
    throw domainErrorFromDatabase(error) ?? error;
  }
}

/** The volunteer's latest attendance at the activity: open, or closed with the minutes of its entry. */
async function latestAttendance(viewer: Viewer, activityId: string) {
  const [row] = await db()
    .select({ checkInAt: attendances.checkInAt, checkOutAt: attendances.checkOutAt, minutes: hourEntries.minutes })
    .from(attendances)
    .leftJoin(hourEntries, and(eq(hourEntries.attendanceId, attendances.id), eq(hourEntries.kind, "attendance")))
    .where(and(eq(attendances.activityId, activityId), eq(attendances.volunteerId, viewer.id)))
    .orderBy(desc(isNull(attendances.checkOutAt)), desc(attendances.checkInAt))
    .limit(1);
  return row
    ? {
        checkInAt: row.checkInAt.toISOString(),
        checkOutAt: row.checkOutAt?.toISOString() ?? null,
        minutes: row.minutes ?? null,
      }
    : null;
}

export type ScanPreview = { ok: true; action: ScanPlan["action"] } | { ok: false; reason: ScanRefusal };

/**
 * What the check-in page shows, read only: what a scan with this code would do (or why it would be
 * refused) and where the volunteer stands. Nothing changes until the volunteer confirms.
 */
export async function checkInPage(viewer: Viewer, activityId: string, token: string | null) {
  const view = await getActivity(activityId);
  const activity = { ...view, startsAt: new Date(view.startsAt), endsAt: new Date(view.endsAt) };
  let scan: ScanPreview | null = null;
  if (token !== null) {
    try {
      scan = { ok: true, action: (await planScan(db(), viewer, activity, token, nowMs(), false)).action };
    } catch (error) {
      const reason = scanRefusalOf(error);
      if (!reason) throw error;
      scan = { ok: false, reason };
    }
  }
  return {
    activity: {
      id: view.id,
      title: view.title,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
      place: view.location || view.communityName,
      organiser: view.organisationName ?? view.communityName,
    },
    scan,
    attendance: await latestAttendance(viewer, activityId),
    scanWindow: checkInWindow(view),
  };
}

function checkInWindow(activity: { startsAt: string | Date; endsAt: string | Date }) {
  return {
    opensAt: new Date(new Date(activity.startsAt).getTime() - CHECK_IN_SLACK_MS).toISOString(),
    closesAt: new Date(new Date(activity.endsAt).getTime() + CHECK_IN_SLACK_MS).toISOString(),
  };
}

/** What the organiser shows at the venue: the current code, its link, and when the next one replaces it. */
export async function organiserVenueCode(viewer: Viewer, activityId: string, origin: string) {
  const activity = await getActivity(activityId);
  if (!isOrganiser(viewer, activity)) throw forbidden("only the activity's organisers show the venue code");
  const at = nowMs();
  const code = venueCode(activity.id, at);
  const { refreshAt } = venueCodeTimes(at);
  const scanWindow = checkInWindow(activity);
  return {
    activity: { id: activity.id, title: activity.title, startsAt: activity.startsAt, endsAt: activity.endsAt, status: activity.status },
    url: venueCodeUrl(origin, activity.id, code),
    refreshAt: refreshAt.toISOString(),
    /** Whole seconds until the next code, plus one so the page reloads after it changed. */
    refreshInSeconds: Math.ceil((refreshAt.getTime() - at) / 1000) + 1,
    scanWindow,
    /** Whether scans are accepted now (the code is shown all the same, so it can be tried out beforehand). */
    scanOpenNow: at >= Date.parse(scanWindow.opensAt) && at <= Date.parse(scanWindow.closesAt),
  };
}
