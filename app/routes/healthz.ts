import type { RouteAccess } from "~/lib/access";
import { sql } from "drizzle-orm";
import { jsonResponse } from "~/lib/api.server";
import { databaseHealthy, db } from "~/lib/db.server";
import { searchHealthy } from "~/lib/search.server";

export const access: RouteAccess = { loader: "public" };

// 200 while the database answers (search may be down: the app still serves); 503 without it.
export async function loader() {
  const [dbOk, searchOk] = await Promise.all([databaseHealthy(), searchHealthy()]);
  let outboxLag: number | null = null;
  if (dbOk) {
    const [row] = await db()
      .execute<{ n: string }>(sql`select count(*) as n from search_outbox`)
      .catch(() => []);
    outboxLag = row ? Number(row.n) : null;
  }
  return jsonResponse(
    { db: dbOk ? "ok" : "down", search: searchOk ? "ok" : "down", outboxLag },
    { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
