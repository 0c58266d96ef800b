// Typed domain errors: each code maps to one HTTP status, in one place (api.server.ts).
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** What a page shows when no field is at fault: a key of the locales' `fieldErrors` (the code's own text otherwise). */
    readonly messageKey?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "not allowed for this user") => new AppError("forbidden", message);
export const conflict = (message: string, messageKey?: string) => new AppError("conflict", message, undefined, messageKey);
export const unavailable = (message: string) => new AppError("unavailable", message);
