// Idempotency-Key on create requests (POST /api/needs, /api/offers, /api/activities): a client that
// retries (a lost answer, a double tap, a flaky network) sends the same key and gets the first answer
// again instead of a second record. Stored per user, route and key for a day; the same key with another
// body is refused (422 would be customary; this API answers 409 conflict). While the first request is
// still running, a repeat waits for its answer (a few seconds at most, then 409).
import { createHash } from "node:crypto";
import { and, eq, isNull, lt } from "drizzle-orm";
import { idempotencyKeys } from "#db/schema";
import { now } from "./clock.server";
import { db } from "./db.server";
import { AppError } from "./errors";

const KEY = /^[\x21-\x7e]{1,100}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;
const WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replay(row: { status: number | null; body: string | null }): Response {
  return new Response(row.body, {
    status: row.status!,
    headers: { "Content-Type": "application/json; charset=utf-8", "Idempotent-Replayed": "true" },
  });
}

/**
 * Runs `create` once per (user, route, Idempotency-Key); without the header it simply runs. Only a 2xx
 * answer is kept: after a refusal the same key may be sent again with a corrected body.
 */
export async function idempotentCreate(
  request: Request,
  userId: string,
  route: string,
  create: () => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get("Idempotency-Key");
  if (key === null) return create();
  if (!KEY.test(key))
    throw new AppError("validation_failed", "the Idempotency-Key is not valid", { "Idempotency-Key": "idempotency_key_invalid" });
  const fingerprint = createHash("sha256")
    .update(await request.clone().text())
    .digest("base64url");
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key));
  // A key older than a day is forgotten.
  await db()
    .delete(idempotencyKeys)
    .where(and(where, lt(idempotencyKeys.createdAt, new Date(now().getTime() - KEEP_MS))));
  const [mine] = await db()
    .insert(idempotencyKeys)
    .values({ userId, route, key, fingerprint, createdAt: now() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (!mine) {
    // Someone (this client, earlier) holds the key: its answer, once there is one.
    for (const started = Date.now(); ; await sleep(50)) {
      const [row] = await db()
        .select({ fingerprint: idempotencyKeys.fingerprint, status: idempotencyKeys.status, body: idempotencyKeys.body })
        .from(idempotencyKeys)
        .where(where);
      if (!row) return idempotentCreate(request, userId, route, create); // the first one failed: this one goes ahead
      if (row.fingerprint !== fingerprint) throw new AppError("conflict", "this Idempotency-Key was used with another request");
      if (row.status !== null) return replay(row);
      if (Date.now() - started > WAIT_MS) throw new AppError("conflict", "a request with this Idempotency-Key is still being processed");
    }
  }
  let response: Response;
  try {
    response = await create();
  } catch (error) {
    await db()
      .delete(idempotencyKeys)
      .where(and(where, isNull(idempotencyKeys.status)));
    throw error;
  }
  if (response.status >= 200 && response.status < 300) {
    const body = await response.clone().text();
    await db().update(idempotencyKeys).set({ status: response.status, body }).where(where);
  } else {
    await db()
      .delete(idempotencyKeys)
      .where(and(where, isNull(idempotencyKeys.status)));
  }
  return response;
}
