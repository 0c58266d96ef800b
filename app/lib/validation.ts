import { z } from "zod";
import { AppError, type FieldErrors } from "./errors";

/** The one place a zod error becomes field errors: used by forms and by the API. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    fields[key] ??= issue.message;
  }
  return fields;
}

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a name or a title
// they make text read backwards ("‮gnp.exe"); the app never needs them, so they are removed.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const SECRET_FIELD = /password/i;

/**
 * The one pass every text input goes through before its schema (API bodies, query strings and forms):
 * a NUL character is refused (PostgreSQL cannot store it, and no one types it), bidirectional controls
 * are stripped (secrets are left exactly as typed, only checked for NUL).
 */
export function cleanTextInput(input: unknown): { value: unknown; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const walk = (value: unknown, path: string[], depth: number): unknown => {
    if (typeof value === "string") {
      const key = path.length ? path.join(".") : "_form";
      if (value.includes("\u0000")) fields[key] ??= "invalid_characters";
      return SECRET_FIELD.test(path[path.length - 1] ?? "") ? value : value.replace(BIDI_CONTROLS, "");
    }
    if (depth > 20 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, String(i)], depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) fields[path.concat(key).join(".")] ??= "invalid_characters";
      out[key] = walk(item, [...path, key], depth + 1);
    }
    return out;
  };
  return { value: walk(input, [], 0), fields };
}

/** Cleans the input (cleanTextInput), then parses it: the field errors of both, in one shape. */
export function safeParseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { success: true; data: z.infer<T> } | { success: false; fields: FieldErrors } {
  const cleaned = cleanTextInput(input);
  if (Object.keys(cleaned.fields).length) return { success: false, fields: cleaned.fields };
  const result = schema.safeParse(cleaned.value);
  return result.success ? { success: true, data: result.data } : { success: false, fields: fieldErrorsOf(result.error) };
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = safeParseInput(schema, input);
  if (!result.success) throw new AppError("validation_failed", "the input is not valid", result.fields);
  return result.data;
}

/** Query strings: repeated keys are not used by this API, so the last value wins. */
export function searchParamsObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

const uuid = z.uuid();

/** A route's :id: a UUID, or the thing is simply not found (404). */
export function parseId(value: string | undefined, what: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new AppError("not_found", `${what} not found`);
  return parsed.data;
}

/** The paging every list of the API takes: `?limit=` (default 20, at most 100) and `?cursor=`. */
export const ListPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListPageQuery = z.infer<typeof ListPageQuery>;
