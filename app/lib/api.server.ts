import type { z } from "zod";
import { AppError } from "./errors";
import { parseOrThrow, searchParamsObject } from "./validation";
import { domainErrorFromDatabase, isDatabaseUnavailable } from "./db-errors.server";

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorResponse(error: AppError): Response {
  return jsonResponse(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: error.status },
  );
}

/** Runs an API handler and turns every failure into the documented error shape. */
export async function apiHandler(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    if (error instanceof AppError) return errorResponse(error);
    if (isDatabaseUnavailable(error)) return errorResponse(new AppError("unavailable", "the database is temporarily unavailable"));
    // Input the database refused (a dangling reference, a value it cannot hold) is the client's error, not a crash.
    const refused = domainErrorFromDatabase(error);
    if (refused) return errorResponse(refused);
    console.error(error);
    return jsonResponse({ error: { code: "internal", message: "internal error" } }, { status: 500 });
  }
}

export function parseQuery<T extends z.ZodType>(schema: T, request: Request): z.infer<T> {
  return parseOrThrow(schema, searchParamsObject(new URL(request.url)));
}

export async function parseJsonBody<T extends z.ZodType>(schema: T, request: Request): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("validation_failed", "the body must be JSON", { _form: "invalid_json" });
  }
  return parseOrThrow(schema, body);
}
