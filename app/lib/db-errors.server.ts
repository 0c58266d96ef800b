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

/**
 * Rules the database holds, by the name of the constraint (or the CONSTRAINT a trigger raises with,
 * migration 0006): each becomes a domain error with a field code the forms translate (fieldErrors.*).
 */
const constraintErrors: Record<string, () => AppError> = {
  activities_at_most_a_day: () => new AppError("validation_failed", "an activity lasts at most 24 hours", { endsAt: "activity_too_long" }),
  activities_within_a_year: () =>
    new AppError("validation_failed", "an activity starts within a year of today", { startsAt: "activity_out_of_window" }),
  activities_run_by_team: () =>
    new AppError("validation_failed", "activities are run by volunteer teams", { organisationId: "team_required" }),
  activities_team_serves_place: () =>
    new AppError("forbidden", "a team organises only in its own street or where it has an active agreement", {
      communityId: "team_outside_area",
    }),
  attendances_within_activity: () =>
    new AppError("validation_failed", "attendance lies within its activity (2 hours either side)", { checkIn: "outside_activity" }),
  hour_entries_within_activity: () =>
    new AppError("validation_failed", "hours lie within their activity (2 hours either side)", { _form: "outside_activity" }),
  hours_day_at_most_12h: () =>
    new AppError("conflict", "a volunteer's approved hours in one day are at most 12", { _form: "day_limit_exceeded" }),
  hours_day_over_8h_second_approver: () =>
    new AppError("conflict", "more than 8 hours in one day: a second organiser must approve", { _form: "second_approver_required" }),
};

/**
 * Database rules broken by a request become the matching domain error (409 for conflicts). The English
 * message is for logs and the API; pages show the message key (a key of the locales' `fieldErrors`).
 */
export function domainErrorFromDatabase(error: unknown): AppError | null {
  const code = pgErrorCode(error);
  const byConstraint = code ? constraintErrors[pgConstraint(error) ?? ""] : undefined;
  if (byConstraint) return byConstraint();
  switch (code) {
    case "23505":
      return new AppError("conflict", `already exists (${pgConstraint(error) ?? "unique"})`, undefined, "already_exists");
    case "23P01":
      return new AppError(
        "conflict",
        `overlaps an existing record (${pgConstraint(error) ?? "exclusion"})`,
        undefined,
        "overlaps_existing",
      );
    case "23514":
      return new AppError("validation_failed", `breaks a rule of the record (${pgConstraint(error) ?? "check"})`, undefined, "breaks_rule");
    case "23503":
      return new AppError("validation_failed", `refers to a record that does not exist (${pgConstraint(error) ?? "foreign key"})`);
    // Values PostgreSQL cannot take (a NUL byte, an unparsable time, year 0, a number out of range): bad input, not a crash.
    case "22021":
    case "22P05":
    case "22P02":
    case "22007":
    case "22003":
      return new AppError("validation_failed", "a value is not valid");
    case "LL001":
      return new AppError("conflict", "the hour ledger is append-only", undefined, "ledger_append_only");
    case "LL002":
      return new AppError("validation_failed", "the entry is longer than its activity", { checkOut: "longer_than_activity" });
    case "LL003":
      return new AppError("invalid_transition", "only an approved entry can be reversed, once", undefined, "already_reversed");
    case "LL004":
      return new AppError("forbidden", "not a place this organiser serves");
    case "LL005":
      return new AppError("conflict", "a second organiser must approve", { _form: "second_approver_required" });
    case "22008":
      return new AppError("validation_failed", "a date is out of range", { _form: "datetime_invalid" });
    default:
      return null;
  }
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
