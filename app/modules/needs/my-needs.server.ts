// A resident's own wishes, in every status: those they posted and those staff posted on their behalf.
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { claims, communities, needs, organisations } from "#db/schema";
import { db } from "~/lib/db.server";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { AppError } from "~/lib/errors";
import type { ListPageQuery } from "~/lib/validation";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import type { NeedStatus } from "./lifecycle";

export interface MyNeed {
  id: string;
  kind: string;
  title: string;
  description: string;
  category: string | null;
  status: NeedStatus;
  communityId: string;
  communityName: string;
  /** Posted by someone else (community staff) for this resident. */
  postedForMe: boolean;
  /** Why the community's staff did not publish it (rejected wishes only). */
  rejectReason: string | null;
  /** The organisation whose claim holds it (claimed, fulfilled, completed). */
  organisationName: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function listMyNeeds(viewer: Viewer, query: ListPageQuery): Promise<{ items: MyNeed[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  if (query.cursor && !cursor) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  const mine = or(eq(needs.postedByUserId, viewer.id), eq(needs.beneficiaryUserId, viewer.id))!;
  const rows = await db()
    .select({
      id: needs.id,
      kind: needs.kind,
      title: needs.title,
      description: needs.description,
      category: needs.category,
      status: needs.status,
      communityId: needs.communityId,
      communityName: communities.name,
      postedByUserId: needs.postedByUserId,
      rejectReason: needs.rejectReason,
      createdAt: needs.createdAt,
      updatedAt: needs.updatedAt,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(cursor ? and(mine, sql`(${needs.createdAt}, ${needs.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`) : mine)
    .orderBy(desc(needs.createdAt), desc(needs.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const holders = page.length
    ? await db()
        .select({ needId: claims.needId, name: organisations.name })
        .from(claims)
        .innerJoin(organisations, eq(organisations.id, claims.organisationId))
        .where(
          and(
            inArray(
              claims.needId,
              page.map((r) => r.id),
            ),
            sql`${claims.itemId} is null`,
            inArray(claims.status, ["active", "fulfilled", "completed"]),
          ),
        )
    : [];
  const last = page[page.length - 1];
  return {
    items: page.map(({ postedByUserId, createdAt, updatedAt, rejectReason, ...row }) => ({
      ...row,
      postedForMe: postedByUserId !== viewer.id,
      rejectReason: row.status === "rejected" ? rejectReason : null,
      organisationName: holders.find((h) => h.needId === row.id)?.name ?? null,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
