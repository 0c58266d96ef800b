// Bounds on activities and hours (issue 14, "forged hours"). The database holds the same rules
// (migration 0006_hour_bounds: check activities_at_most_a_day, triggers activities_check_bounds,
// attendances_check_bounds, hour_entries_check_bounds, hour_entry_reviews_day_limits); the app checks
// first only to answer with the precise field. Safe in the browser and on the server.

const HOUR_MS = 3_600_000;

/** An activity occurrence lasts at most 24 hours. */
export const ACTIVITY_MAX_MS = 24 * HOUR_MS;
/** An activity starts within a year of today (either side) when it is created or its times change. */
export const ACTIVITY_WINDOW_MS = 365 * 24 * HOUR_MS;
/** Attendance and hours lie within their activity, with this much slack either side. */
export const ATTENDANCE_SLACK_MS = 2 * HOUR_MS;
/** Service is recorded and certified once it has happened; this much ahead of the clock is let pass (a record made as it ends). */
export const NOT_YET_SLACK_MS = 15 * 60_000;
/** A volunteer's approved service in one Tianjin calendar day is at most this… */
export const DAY_LIMIT_MINUTES = 12 * 60;
/** …and an approval taking the day over this needs a second, different approver. */
export const SECOND_APPROVAL_OVER_MINUTES = 8 * 60;

/** Years a submitted time may name at all (anything else is not a real date for this app). */
export const saneYear = (d: Date) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2999;

export function activityTimesProblem(startsAt: Date, endsAt: Date, now: Date): Record<string, string> | null {
  if (Math.abs(startsAt.getTime() - now.getTime()) > ACTIVITY_WINDOW_MS) return { startsAt: "activity_out_of_window" };
  if (endsAt.getTime() - startsAt.getTime() > ACTIVITY_MAX_MS) return { endsAt: "activity_too_long" };
  return null;
}

/** Field errors when a check-in/check-out lies outside the activity (2 hours either side), else null. */
export function attendanceTimesProblem(
  activity: { startsAt: Date; endsAt: Date },
  checkIn: Date,
  checkOut: Date | null,
): Record<string, string> | null {
  const earliest = activity.startsAt.getTime() - ATTENDANCE_SLACK_MS;
  const latest = activity.endsAt.getTime() + ATTENDANCE_SLACK_MS;
  const fields: Record<string, string> = {};
  if (checkIn.getTime() < earliest || checkIn.getTime() >= latest) fields.checkIn = "outside_activity";
  if (checkOut && (checkOut.getTime() > latest || checkOut.getTime() < earliest)) fields.checkOut = "outside_activity";
  return Object.keys(fields).length ? fields : null;
}

/** Field errors when a check-in/check-out has not happened yet (later than now, less the slack), else null. */
export function notYetProblem(checkIn: Date, checkOut: Date | null, now: Date): Record<string, string> | null {
  const latest = now.getTime() + NOT_YET_SLACK_MS;
  const fields: Record<string, string> = {};
  if (checkIn.getTime() > latest) fields.checkIn = "not_yet";
  if (checkOut && checkOut.getTime() > latest) fields.checkOut = "not_yet";
  return Object.keys(fields).length ? fields : null;
}
