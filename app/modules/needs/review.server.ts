// The review queue: wishes waiting for the staff of the communities this viewer governs.
import { and, asc, eq, inArray } from "drizzle-orm";
import { communities, needs } from "#db/schema";
import { db } from "~/lib/db.server";
import { can, type Viewer } from "~/modules/accounts/accounts.policy";

export async function reviewQueue(viewer: Viewer) {
  const all = await db().select({ id: communities.id, streetId: communities.streetId }).from(communities);
  const mine = all.filter((c) => can(viewer, "need.review", { communityId: c.id, streetId: c.streetId })).map((c) => c.id);
  if (mine.length === 0) return null;
  const rows = await db()
    .select({
      id: needs.id,
      title: needs.title,
      description: needs.description,
      communityName: communities.name,
      createdAt: needs.createdAt,
      category: needs.category,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(and(eq(needs.status, "pending_review"), inArray(needs.communityId, mine)))
    .orderBy(asc(needs.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
