import { AppError } from "./errors";
import { domainErrorFromDatabase, isDatabaseUnavailable } from "./db-errors.server";

/** Runs a page loader's work; failures become the status the error boundary explains (503 while the database is away). */
export async function loadPage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof AppError) throw new Response(error.message, { status: error.status });
    if (isDatabaseUnavailable(error)) throw new Response("database unavailable", { status: 503 });
    const refused = domainErrorFromDatabase(error);
    if (refused) throw new Response(refused.message, { status: refused.status });
    throw error;
  }
}
