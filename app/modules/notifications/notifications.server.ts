// In-app notifications: written in the transaction of the change they announce.
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { memberships, notifications } from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";
import { messagesForNotice } from "~/modules/messages/notices.server";

export const notificationKinds = [
  "need.submitted",
  "need.approved",
  "need.rejected",
  "need.claimed",
  "need.released",
  "need.fulfilled",
  "need.completed",
  "claim.expired",
  "agreement.proposed",
  "agreement.accepted",
  "need.not_done",
  "need.contact_revealed",
  "activity.reminder",
  "claim.deadline",
  "staff.digest",
  "problem.reported",
  "need.dispatched",
  "dispatch.accepted",
  "dispatch.declined",
  "dispatch.recalled",
  "need.reopened",
  "case.overdue",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export async function notify(
  tx: DbOrTx,
  recipients: (string | null | undefined)[],
  notice: { kind: NotificationKind; subjectType: string; subjectId: string; data?: Record<string, unknown> },
): Promise<void> {
  const userIds = [...new Set(recipients.filter((r): r is string => !!r))];
  if (userIds.length === 0) return;
  const [first] = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, ...notice, data: notice.data ?? {} })))
    .returning({ id: notifications.id });
  // SMS, e-mail and family contacts, in the same transaction (app/modules/messages).
  await messagesForNotice(tx, userIds, notice, first!.id);
}

/** The members of an organisation, to tell about its claims. */
export async function organisationMemberIds(tx: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, ["org_admin", "org_member"])));
  return rows.map((r) => r.userId);
}

/** The staff of a community, to tell about its wishes. */
export async function communityStaffIds(tx: DbOrTx, communityId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.role, "community_staff")));
  return rows.map((r) => r.userId);
}

export async function unreadCount(userId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.read, false)));
  return row?.n ?? 0;
}

export async function listNotifications(userId: string, limit = 50) {
  const rows = await db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    data: n.data as Record<string, unknown>,
    read: n.read,
    createdAt: n.createdAt.toISOString(),
  }));
}

export async function markAllRead(userId: string): Promise<void> {
  await db()
    .update(notifications)
    .set({ read: true })
    .where(and(eq(notifications.userId, userId), eq(notifications.read, false)));
}
