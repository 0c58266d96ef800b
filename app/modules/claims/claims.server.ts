// Claims that outlive their time go back to the wall: run by an in-process job, safe with several instances.
import { and, eq, lt } from "drizzle-orm";
import { claims, needItems, needs, searchOutbox } from "#db/schema";
import { db, type Transaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { notify, organisationMemberIds } from "~/modules/notifications/notifications.server";
import { now as clockNow } from "~/lib/clock.server";

/** Expires active claims past their due time; returns how many. */
export async function expireOverdueClaims(now = clockNow()): Promise<number> {
  return db().transaction(async (tx) => {
    // SKIP LOCKED: another instance running the same job takes other rows, never the same ones.
    const overdue = await tx
      .select({
        id: claims.id,
        needId: claims.needId,
        itemId: claims.itemId,
        organisationId: claims.organisationId,
        claimedByUserId: claims.claimedByUserId,
      })
      .from(claims)
      .where(and(eq(claims.status, "active"), lt(claims.dueAt, now)))
      .for("update", { skipLocked: true })
      .limit(200);
    for (const claim of overdue) {
      await tx.update(claims).set({ status: "expired", endedAt: now }).where(eq(claims.id, claim.id));
      if (claim.itemId) {
        await tx
          .update(needItems)
          .set({ status: "open" })
          .where(and(eq(needItems.id, claim.itemId), eq(needItems.status, "claimed")));
      } else {
        await tx
          .update(needs)
          .set({ status: "published", updatedAt: now })
          .where(and(eq(needs.id, claim.needId), eq(needs.status, "claimed")));
      }
      await recordAudit(tx, {
        actorUserId: null,
        action: "claim.expire",
        subjectType: "need",
        subjectId: claim.needId,
        data: { claimId: claim.id, ...(claim.itemId ? { itemId: claim.itemId } : {}) },
      });
      const [need] = await tx
        .select({ postedByUserId: needs.postedByUserId, beneficiaryUserId: needs.beneficiaryUserId, title: needs.title })
        .from(needs)
        .where(eq(needs.id, claim.needId));
      await notify(tx, [need?.postedByUserId, need?.beneficiaryUserId, ...(await organisationMemberIds(tx, claim.organisationId))], {
        kind: "claim.expired",
        subjectType: "need",
        subjectId: claim.needId,
        data: { title: need?.title },
      });
      await tx.insert(searchOutbox).values({ entity: "need", entityId: claim.needId });
    }
    return overdue.length;
  });
}

/**
 * An organisation takes a case dispatched to it (派单 accepted): its claim holds the case from now, for the usual
 * hold; the case's own deadline is the dispatch's. The one-holder index refuses a second holder.
 */
export async function claimDispatchedCase(
  tx: Transaction,
  claim: { needId: string; organisationId: string; claimedByUserId: string; now: Date },
): Promise<string> {
  const [row] = await tx
    .insert(claims)
    .values({
      needId: claim.needId,
      organisationId: claim.organisationId,
      claimedByUserId: claim.claimedByUserId,
      claimedAt: claim.now,
      dueAt: new Date(claim.now.getTime() + env().LINLI_CLAIM_DAYS * 86_400_000),
    })
    .returning({ id: claims.id });
  return row!.id;
}
