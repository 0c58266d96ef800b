import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dispatchStatus } from "./enums";
import { users } from "./accounts";
import { organisations } from "./organisations";
import { claims, needs } from "./needs";

/** Staff push a published case to one organisation (派单); it accepts (a claim) or declines with a reason. */
export const dispatches = pgTable(
  "dispatches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    dispatchedByUserId: uuid("dispatched_by_user_id")
      .notNull()
      .references(() => users.id),
    status: dispatchStatus("status").notNull().default("pending"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    /** Accept or decline by then (1 working day). */
    acknowledgeDueAt: timestamp("acknowledge_due_at", { withTimezone: true }).notNull(),
    /** Resolve by then (the type's working days, or the date staff chose). */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    claimId: uuid("claim_id").references(() => claims.id),
  },
  (t) => [
    index("dispatches_need_idx").on(t.needId),
    index("dispatches_org_status_idx").on(t.organisationId, t.status),
    // One open dispatch per case: parallel dispatches cannot both stand.
    uniqueIndex("dispatches_one_pending")
      .on(t.needId)
      .where(sql`${t.status} = 'pending'`),
    check("dispatches_declined_has_reason", sql`${t.status} <> 'declined' or length(trim(${t.declineReason})) > 0`),
    check("dispatches_decided", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    check("dispatches_accepted_claim", sql`(${t.status} = 'accepted') = (${t.claimId} is not null)`),
    check("dispatches_due_after", sql`${t.dueAt} > ${t.createdAt} and ${t.acknowledgeDueAt} > ${t.createdAt}`),
  ],
);
