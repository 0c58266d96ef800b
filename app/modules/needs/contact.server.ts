// A resident's contact (name, phone, address) reaches the organisation holding the wish only by an explicit,
// audited reveal: each reveal is an audit event `need.contact_reveal` naming the organisation and its claim,
// shown in the wish's history to the community's staff.
import { and, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, claims, needs } from "#db/schema";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { memberOf, type Viewer } from "~/modules/accounts/accounts.policy";
import { recordAudit } from "~/modules/audit/audit.server";
import { communityStaffIds, notify } from "~/modules/notifications/notifications.server";

/** The claims (of the wish or its items) that hold it now and belong to one of this viewer's organisations. */
export async function heldClaimsOf(viewer: Viewer, needId: string): Promise<{ id: string; organisationId: string }[]> {
  const holders = await db()
    .select({ id: claims.id, organisationId: claims.organisationId })
    .from(claims)
    .where(and(eq(claims.needId, needId), inArray(claims.status, ["active", "fulfilled"])));
  return holders.filter((h) => memberOf(viewer, h.organisationId));
}

/** Whether this viewer has revealed the contact during one of these claims (a new claim asks again). */
export async function hasRevealed(viewerId: string, needId: string, claimIds: string[]): Promise<boolean> {
  if (!claimIds.length) return false;
  const [row] = await db()
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "need"),
        eq(auditEvents.subjectId, needId),
        eq(auditEvents.action, "need.contact_reveal"),
        eq(auditEvents.actorUserId, viewerId),
        inArray(sql<string>`${auditEvents.data} ->> 'claimId'`, claimIds),
      ),
    )
    .limit(1);
  return !!row;
}

/**
 * Records the reveal for a member of the organisation holding the wish. The caller then reads the private
 * fields through getNeedFor. Anyone else is refused (the poster and staff see the contact without this).
 */
export async function recordContactReveal(viewer: Viewer, needId: string): Promise<void> {
  const [held] = await heldClaimsOf(viewer, needId);
  if (!held) throw forbidden("only the organisation holding this wish may see its contact");
  await db().transaction(async (tx) => {
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "need.contact_reveal",
      subjectType: "need",
      subjectId: needId,
      data: { organisationId: held.organisationId, claimId: held.id },
    });
    // The community's staff are told, so a run of reveals does not go unseen.
    const [need] = await tx.select({ title: needs.title, communityId: needs.communityId }).from(needs).where(eq(needs.id, needId));
    await notify(tx, await communityStaffIds(tx, need!.communityId), {
      kind: "need.contact_revealed",
      subjectType: "need",
      subjectId: needId,
      data: { title: need!.title, organisationId: held.organisationId },
    });
  });
}
