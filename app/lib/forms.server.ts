import { data } from "@remix-run/node";
import { AppError, type FieldErrors } from "./errors";
import { domainErrorFromDatabase, isDatabaseUnavailable } from "./db-errors.server";

export interface FormFailure {
  fieldErrors: FieldErrors;
  /** What was typed, to refill the form (never passwords). */
  values: Record<string, string>;
}

export async function readForm(request: Request): Promise<Record<string, string>> {
  return (await readFormFields(request)).values;
}

/** The form's text fields, plus every value of a repeated field (checkbox groups). */
export async function readFormFields(request: Request): Promise<{ values: Record<string, string>; all: (name: string) => string[] }> {
  // A body that is not a form (JSON sent to a page, say) reads as an empty form: field errors, not a crash.
  const form = await request.formData().catch(() => new FormData());
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  return { values, all: (name) => form.getAll(name).filter((v): v is string => typeof v === "string") };
}

function withoutSecrets(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
}

/**
 * Runs a page action: validation and domain errors come back to the form as field errors (400/409/429),
 * permission errors become the 403 page (or field errors when they name a field), a database outage the 503 page.
 */
export async function formAction<T>(values: Record<string, string>, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof AppError) {
      // A refusal that names a field (a team outside its area, a staff-only field) is shown on the form.
      if ((error.code === "forbidden" && !error.fields) || error.code === "not_found")
        throw new Response(error.message, { status: error.status });
      return data<FormFailure>(
        { fieldErrors: error.fields ?? { _form: error.messageKey ?? error.code }, values: withoutSecrets(values) },
        { status: error.status },
      );
    }
    if (isDatabaseUnavailable(error)) throw new Response("database unavailable", { status: 503 });
    const refused = domainErrorFromDatabase(error);
    if (refused)
      return data<FormFailure>(
        { fieldErrors: refused.fields ?? { _form: refused.code }, values: withoutSecrets(values) },
        { status: refused.status },
      );
    throw error;
  }
}

/** Like formAction, for forms that carry files: a body that cannot be read comes back as form errors too. */
export async function uploadFormAction<T>(
  request: Request,
  read: (request: Request) => Promise<{ fields: Record<string, string>; files: Uint8Array[] }>,
  run: (values: Record<string, string>, files: Uint8Array[]) => Promise<T>,
) {
  let upload: { fields: Record<string, string>; files: Uint8Array[] };
  try {
    upload = await read(request);
  } catch (error) {
    return formAction({}, () => Promise.reject(error));
  }
  return formAction(upload.fields, () => run(upload.fields, upload.files));
}
