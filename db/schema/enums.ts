import { pgEnum } from "drizzle-orm/pg-core";
import taxonomy from "../../app/modules/categories/categories.json";

// Keys come unchanged from shared/domain/categories.json (copied into the app).
export const categoryKeys = taxonomy.categories.map((c) => c.key) as [string, ...string[]];
export const orgTypeKeys = taxonomy.org_types.map((t) => t.key) as [string, ...string[]];

export const category = pgEnum("category", categoryKeys);
export const orgType = pgEnum("org_type", orgTypeKeys);

export const roles = [
  "resident",
  "volunteer",
  "org_member",
  "org_admin",
  "community_staff",
  "street_admin",
  "platform_admin",
  "grid_worker",
] as const;
export const role = pgEnum("role", roles);

export const needKinds = ["micro_wish", "need", "project", "problem"] as const;
export type NeedKind = (typeof needKinds)[number];
export const needKind = pgEnum("need_kind", needKinds);

export const needStatuses = [
  "draft",
  "pending_review",
  "published",
  "claimed",
  "fulfilled",
  "completed",
  "rejected",
  "withdrawn",
  "dispatched",
] as const;
export const needStatus = pgEnum("need_status", needStatuses);

export const itemStatuses = ["open", "claimed", "fulfilled", "completed"] as const;
export const itemStatus = pgEnum("need_item_status", itemStatuses);

/** active and fulfilled claims hold the wish/item; completed ones keep holding it for good. */
export const claimStatuses = ["active", "fulfilled", "completed", "released", "expired"] as const;
export const claimStatus = pgEnum("claim_status", claimStatuses);

/** A dispatch (派单) waits for the organisation's answer, then is accepted or declined; withdrawn when staff take it back. */
export const dispatchStatuses = ["pending", "accepted", "declined", "withdrawn"] as const;
export const dispatchStatus = pgEnum("dispatch_status", dispatchStatuses);

export const agreementStatuses = ["proposed", "active", "expired", "ended"] as const;
export const agreementStatus = pgEnum("agreement_status", agreementStatuses);

export const activityStatuses = ["scheduled", "cancelled"] as const;
export const activityStatus = pgEnum("activity_status", activityStatuses);

export const signupStatuses = ["signed_up", "cancelled"] as const;
export const signupStatus = pgEnum("signup_status", signupStatuses);

export const hourEntryKinds = ["attendance", "proxy", "correction", "reversal"] as const;
export const hourEntryKind = pgEnum("hour_entry_kind", hourEntryKinds);

export const hourDecisions = ["approved", "rejected"] as const;
export const hourDecision = pgEnum("hour_decision", hourDecisions);

export const correctionStatuses = ["open", "accepted", "declined"] as const;
export const correctionStatus = pgEnum("correction_status", correctionStatuses);

export const outboxEntities = ["offer", "need", "activity"] as const;
export const outboxEntity = pgEnum("outbox_entity", outboxEntities);
