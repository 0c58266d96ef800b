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

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("validation_failed", "the input is not valid", fieldErrorsOf(result.error));
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
