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

/** Database rules broken by a request become the matching domain error (409 for conflicts). */
export function domainErrorFromDatabase(error: unknown): AppError | null {
  const code = pgErrorCode(error);
  switch (code) {
    case "23505":
      return new AppError("conflict", `already exists (${pgConstraint(error) ?? "unique"})`);
    case "23P01":
      return new AppError("conflict", `overlaps an existing record (${pgConstraint(error) ?? "exclusion"})`);
    case "23514":
      return new AppError("validation_failed", `breaks a rule of the record (${pgConstraint(error) ?? "check"})`);
    case "23503":
      return new AppError("validation_failed", `refers to a record that does not exist (${pgConstraint(error) ?? "foreign key"})`);
    // Values PostgreSQL cannot take (a NUL byte, an unparsable time, year 0, a number out of range): bad input, not a crash.
    case "22021":
    case "22P05":
    case "22P02":
    case "22007":
    case "22008":
    case "22003":
      return new AppError("validation_failed", "a value is not valid");
    case "LL001":
      return new AppError("conflict", "the hour ledger is append-only");
    case "LL002":
      return new AppError("validation_failed", "the entry is longer than its activity", { checkOut: "longer than the activity" });
    case "LL003":
      return new AppError("invalid_transition", "only an approved entry can be reversed, once");
    default:
      return null;
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code && (code.startsWith("08") || code === "57P01" || code === "57P03")) return true;
  const err = error as { code?: string; cause?: { code?: string } };
  const sysCode = err?.code ?? err?.cause?.code;
  return ["ECONNREFUSED", "ECONNRESET", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"].includes(
    sysCode ?? "",
  );
}
