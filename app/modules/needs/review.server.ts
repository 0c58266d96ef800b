// The review queue: wishes waiting for the staff of the communities this viewer governs.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { communities, memberships, needs, users } from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";
import { can, type Viewer } from "~/modules/accounts/accounts.policy";
import { attachmentsOfNeeds } from "~/modules/attachments/attachments.server";
import { notify } from "~/modules/notifications/notifications.server";

async function reviewedCommunities(viewer: Viewer): Promise<string[]> {
  const all = await db().select({ id: communities.id, streetId: communities.streetId }).from(communities);
  return all.filter((c) => can(viewer, "need.review", { communityId: c.id, streetId: c.streetId })).map((c) => c.id);
}

const poster = alias(users, "poster");
const beneficiary = alias(users, "beneficiary");

/** The queue, oldest first, with each wish's photos and who posted it (the resident, or staff for whom). */
export async function reviewQueue(viewer: Viewer) {
  const mine = await reviewedCommunities(viewer);
  if (mine.length === 0) return null;
  const rows = await db()
    .select({
      id: needs.id,
      title: needs.title,
      description: needs.description,
      communityName: communities.name,
      createdAt: needs.createdAt,
      category: needs.category,
      postedByName: poster.displayName,
      postedByUserId: needs.postedByUserId,
      beneficiaryUserId: needs.beneficiaryUserId,
      beneficiaryName: beneficiary.displayName,
      beneficiaryTypedName: needs.beneficiaryName,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .innerJoin(poster, eq(poster.id, needs.postedByUserId))
    .leftJoin(beneficiary, eq(beneficiary.id, needs.beneficiaryUserId))
    .where(and(eq(needs.status, "pending_review"), inArray(needs.communityId, mine)))
    .orderBy(asc(needs.createdAt))
    .limit(200);
  const photos = await attachmentsOfNeeds(rows.map((r) => r.id));
  return rows.map(({ beneficiaryName, beneficiaryTypedName, beneficiaryUserId, postedByUserId, ...r }) => {
    const forName = beneficiaryName ?? beneficiaryTypedName;
    const onBehalf = !!forName && beneficiaryUserId !== postedByUserId;
    return {
      ...r,
      createdAt: r.createdAt.toISOString(),
      onBehalfOf: onBehalf ? forName : null,
      photos: photos.get(r.id) ?? [],
    };
  });
}

/** How many wishes wait for this viewer's review (the count beside 待审核 in the navigation). */
export async function pendingReviewCount(viewer: Viewer): Promise<number> {
  const mine = await reviewedCommunities(viewer);
  if (mine.length === 0) return 0;
  const [row] = await db()
    .select({ n: count() })
    .from(needs)
    .where(and(eq(needs.status, "pending_review"), inArray(needs.communityId, mine)));
  return row?.n ?? 0;
}

/** Tells the community's staff that a wish waits for their review (in the transaction that put it there). */
export async function notifyStaffOfPendingWish(tx: DbOrTx, need: { id: string; title: string; communityId: string }): Promise<void> {
  const staff = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.role, "community_staff"), eq(memberships.communityId, need.communityId)));
  await notify(
    tx,
    staff.map((s) => s.userId),
    { kind: "need.submitted", subjectType: "need", subjectId: need.id, data: { title: need.title } },
  );
}
