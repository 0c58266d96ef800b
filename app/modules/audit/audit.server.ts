import { asc, eq, and } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** The one audit call: written in the same transaction as the change it records. */
export async function recordAudit(tx: DbOrTx, event: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({ ...event, data: event.data ?? {} });
}

export async function historyOf(subjectType: string, subjectId: string) {
  const rows = await db()
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorUserId: auditEvents.actorUserId,
      actorName: users.displayName,
      data: auditEvents.data,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)))
    .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id));
  return rows.map((r) => ({ ...r, id: String(r.id), createdAt: r.createdAt.toISOString() }));
}
