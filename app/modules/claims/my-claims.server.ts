// The claims of the organisations a user belongs to: open ones first by deadline (overdue flagged), then the rest.
import { and, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { claims, communities, needItems, needs, organisations } from "#db/schema";
import { db } from "~/lib/db.server";
import { now } from "~/lib/clock.server";
import { decodeSegmentCursor, encodeSegmentCursor } from "~/lib/cursor.server";
import { AppError } from "~/lib/errors";
import type { ListPageQuery } from "~/lib/validation";
import { organisationsOf, type Viewer } from "~/modules/accounts/accounts.policy";

export interface MyClaim {
  id: string;
  needId: string;
  needTitle: string;
  needStatus: string;
  itemId: string | null;
  itemTitle: string | null;
  organisationId: string;
  organisationName: string;
  communityName: string;
  status: string;
  claimedAt: string;
  dueAt: string;
  fulfilledAt: string | null;
  completedAt: string | null;
  /** Still open and past its deadline (the background job will hand it back). */
  overdue: boolean;
}

export async function listMyClaims(viewer: Viewer, query: ListPageQuery): Promise<{ items: MyClaim[]; nextCursor: string | null }> {
  const cursor = decodeSegmentCursor(query.cursor);
  if (query.cursor && !cursor) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  const mine = organisationsOf(viewer);
  if (mine.length === 0) return { items: [], nextCursor: null };
  const at = now();
  const base = inArray(claims.organisationId, mine);
  const open = eq(claims.status, "active");
  const closed = ne(claims.status, "active");
  let where: SQL = base;
  if (cursor?.segment === 0)
    where = and(base, or(and(open, sql`(${claims.dueAt}, ${claims.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`), closed))!;
  if (cursor?.segment === 1)
    where = and(base, closed, sql`(${claims.claimedAt}, ${claims.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`)!;
  const rows = await db()
    .select({
      id: claims.id,
      needId: claims.needId,
      needTitle: needs.title,
      needStatus: needs.status,
      itemId: claims.itemId,
      itemTitle: needItems.title,
      organisationId: claims.organisationId,
      organisationName: organisations.name,
      communityName: communities.name,
      status: claims.status,
      claimedAt: claims.claimedAt,
      dueAt: claims.dueAt,
      fulfilledAt: claims.fulfilledAt,
      completedAt: claims.completedAt,
    })
    .from(claims)
    .innerJoin(needs, eq(needs.id, claims.needId))
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .leftJoin(needItems, eq(needItems.id, claims.itemId))
    .where(where)
    .orderBy(
      sql`case when ${claims.status} = 'active' then 0 else 1 end`,
      sql`case when ${claims.status} = 'active' then ${claims.dueAt} end asc`,
      sql`case when ${claims.status} = 'active' then ${claims.id} end asc`,
      desc(claims.claimedAt),
      desc(claims.id),
    )
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      ...row,
      claimedAt: row.claimedAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
      completedAt: row.completedAt?.toISOString() ?? null,
      overdue: row.status === "active" && row.dueAt < at,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? last.status === "active"
          ? encodeSegmentCursor(0, last.dueAt, last.id)
          : encodeSegmentCursor(1, last.claimedAt, last.id)
        : null,
  };
}
