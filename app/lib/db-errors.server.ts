import { AppError } from "./errors";

interface PgError {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  message?: string;
}

function pgErrorOf(error: unknown): PgError | null {
  let current: unknown = error;
  // drizzle wraps driver errors; the PostgreSQL one is the cause.
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as PgError & { cause?: unknown };
    if (typeof candidate.code === "string" && candidate.code.length === 5) return candidate;
    current = candidate.cause;
  }
  return null;
}

export function pgErrorCode(error: unknown): string | undefined {
  return pgErrorOf(error)?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  const pg = pgErrorOf(error);
  return pg?.constraint_name ?? pg?.constraint;
}

// Every way the app recognises a PostgreSQL refusal, in two tables below: by the name of the constraint
// (or the CONSTRAINT a trigger raises with, migration 0007), then by SQLSTATE (the standard classes, and
// the LL class the ledger's triggers raise: migration 0001). Nowhere else reads an error's code or text.
// Each becomes one of these domain errors; a field code or message key is one the forms translate
// (fieldErrors.*, domainErrors.*).
const activityTooLong = () => new AppError("validation_failed", "an activity lasts at most 24 hours", { endsAt: "activity_too_long" });
const activityOutOfWindow = () =>
  new AppError("validation_failed", "an activity starts within a year of today", { startsAt: "activity_out_of_window" });
const teamRequired = () => new AppError("validation_failed", "activities are run by volunteer teams", { organisationId: "team_required" });
const teamOutsideArea = () =>
  new AppError("forbidden", "a team organises only in its own street or where it has an active agreement", {
    communityId: "team_outside_area",
  });
const agreementOverlap = () =>
  new AppError(
    "conflict",
    "this organisation already has a proposed or active agreement with this place for part of that period: end it or choose other dates",
    { startsOn: "agreement_overlap" },
  );
const hoursOverlap = () => new AppError("conflict", "overlaps hours already approved for this volunteer", undefined, "hours_overlap");
const attendanceOutsideActivity = () =>
  new AppError("validation_failed", "attendance lies within its activity (2 hours either side)", { checkIn: "outside_activity" });
const entryOutsideActivity = () =>
  new AppError("validation_failed", "hours lie within their activity (2 hours either side)", { _form: "outside_activity" });
const alreadyReversed = () => new AppError("invalid_transition", "this entry was already reversed", undefined, "already_reversed");
const alreadyDecided = () => new AppError("invalid_transition", "this entry was already decided", undefined, "already_decided");
const dayOver12h = () =>
  new AppError("conflict", "a volunteer's approved hours in one day are at most 12", { _form: "day_limit_exceeded" });
const secondApproverRequired = () =>
  new AppError("conflict", "more than 8 hours in one day: a second organiser must approve", { _form: "second_approver_required" });
const emailTaken = () => new AppError("conflict", "an account with this login already exists", { email: "login_taken" });
const phoneTaken = () => new AppError("conflict", "an account with this login already exists", { phone: "login_taken" });
const alreadyExists = (constraint?: string) =>
  new AppError("conflict", `already exists (${constraint ?? "unique"})`, undefined, "already_exists");
const overlapsExisting = (constraint?: string) =>
  new AppError("conflict", `overlaps an existing record (${constraint ?? "exclusion"})`, undefined, "overlaps_existing");
const breaksRule = (constraint?: string) =>
  new AppError("validation_failed", `breaks a rule of the record (${constraint ?? "check"})`, undefined, "breaks_rule");
const missingReference = (constraint?: string) =>
  new AppError("validation_failed", `refers to a record that does not exist (${constraint ?? "foreign key"})`);
const invalidValue = () => new AppError("validation_failed", "a value is not valid");
const dateOutOfRange = () => new AppError("validation_failed", "a date is out of range", { _form: "datetime_invalid" });
const ledgerAppendOnly = () => new AppError("conflict", "the hour ledger is append-only", undefined, "ledger_append_only");
const longerThanActivity = () =>
  new AppError("validation_failed", "the entry is longer than its activity", { checkOut: "longer_than_activity" });
const reversalRefused = () =>
  new AppError("invalid_transition", "only an approved entry can be reversed, once", undefined, "already_reversed");
const placeNotServed = () => new AppError("forbidden", "not a place this organiser serves");
const secondOrganiserRequired = () => new AppError("conflict", "a second organiser must approve", { _form: "second_approver_required" });

/** By the name of the constraint (or the CONSTRAINT a trigger raises with). */
const constraintErrors: Record<string, () => AppError> = {
  activities_at_most_a_day: activityTooLong,
  activities_within_a_year: activityOutOfWindow,
  activities_run_by_team: teamRequired,
  activities_team_serves_place: teamOutsideArea,
  agreements_no_overlap: agreementOverlap,
  approved_hour_periods_no_overlap: hoursOverlap,
  attendances_within_activity: attendanceOutsideActivity,
  hour_entries_reversed_once: alreadyReversed,
  hour_entries_within_activity: entryOutsideActivity,
  // One decision and one first approval per entry: the loser of two organisers deciding at once.
  hour_entry_reviews_pkey: alreadyDecided,
  hour_entry_first_approvals_pkey: alreadyDecided,
  hours_day_at_most_12h: dayOver12h,
  hours_day_over_8h_second_approver: secondApproverRequired,
  users_email_unique: emailTaken,
  users_phone_unique: phoneTaken,
};

/** By SQLSTATE, when the constraint is not in the table above (given its name, if any). */
const sqlStateErrors: Record<string, (constraint?: string) => AppError> = {
  "23505": alreadyExists,
  "23P01": overlapsExisting,
  "23514": breaksRule,
  "23503": missingReference,
  // Values PostgreSQL cannot take (a NUL byte, an unparsable time, year 0, a number out of range): bad input, not a crash.
  "22021": invalidValue,
  "22P05": invalidValue,
  "22P02": invalidValue,
  "22007": invalidValue,
  "22003": invalidValue,
  "22008": dateOutOfRange,
  // The ledger's own (0001_database_rules.sql, 0007_hour_bounds.sql).
  LL001: ledgerAppendOnly,
  LL002: longerThanActivity,
  LL003: reversalRefused,
  LL004: placeNotServed,
  LL005: secondOrganiserRequired,
};

/**
 * Database rules broken by a request become the matching domain error (409 for conflicts), or null when
 * the error is not a refusal the tables know. The English message is for logs and the API; pages show
 * the message key (a key of the locales' `fieldErrors`).
 */
export function domainErrorFromDatabase(error: unknown): AppError | null {
  const code = pgErrorCode(error);
  if (!code) return null;
  const constraint = pgConstraint(error);
  if (constraint && Object.hasOwn(constraintErrors, constraint)) return constraintErrors[constraint]!();
  return Object.hasOwn(sqlStateErrors, code) ? sqlStateErrors[code]!(constraint) : null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code && (code.startsWith("08") || code === "57P01" || code === "57P03")) return true;
  const err = error as { code?: string; cause?: { code?: string } };
  const sysCode = err?.code ?? err?.cause?.code;
  // EPIPE: a query written on a pooled connection whose server went away a moment ago, before the driver saw it close.
  return [
    "ECONNREFUSED",
    "ECONNRESET",
    "EPIPE",
    "CONNECT_TIMEOUT",
    "CONNECTION_CLOSED",
    "CONNECTION_ENDED",
    "CONNECTION_DESTROYED",
  ].includes(sysCode ?? "");
}
