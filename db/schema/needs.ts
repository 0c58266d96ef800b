import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { category, claimStatus, itemStatus, needKind, needStatus } from "./enums";
import { communities } from "./places";
import { users } from "./accounts";
import { offers, organisations } from "./organisations";

export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: needKind("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: category("category"),
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id),
    status: needStatus("status").notNull(),
    postedByUserId: uuid("posted_by_user_id")
      .notNull()
      .references(() => users.id),
    /** The resident the wish is for, when staff post on their behalf (代办). */
    beneficiaryUserId: uuid("beneficiary_user_id").references(() => users.id),
    /** A resident without an account: private fields, recorded with their consent. */
    beneficiaryName: text("beneficiary_name"),
    contactPhone: text("contact_phone"),
    address: text("address"),
    consentRecordedAt: timestamp("consent_recorded_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    thanks: text("thanks"),
    rating: smallint("rating"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** Problem reports (问题上报): the sub-type (app/modules/problems/problem-types.json), a building or a point. */
    problemType: text("problem_type"),
    location: text("location"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** When the open case should be resolved (working days by its type); set on publishing and on dispatch. */
    resolveDueAt: timestamp("resolve_due_at", { withTimezone: true }),
    /** When an overdue case was escalated to the street's admin (once per deadline). */
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
  },
  (t) => [
    index("needs_status_created_idx").on(t.status, t.createdAt),
    index("needs_community_status_idx").on(t.communityId, t.status),
    index("needs_posted_by_idx").on(t.postedByUserId),
    check("needs_title_nonempty", sql`length(trim(${t.title})) > 0`),
    check("needs_rating_range", sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check("needs_rejected_has_reason", sql`${t.status} <> 'rejected' or ${t.rejectReason} is not null`),
    check("needs_proxy_consent", sql`${t.beneficiaryName} is null or ${t.consentRecordedAt} is not null`),
    check("needs_completed_at", sql`(${t.status} = 'completed') = (${t.completedAt} is not null)`),
    check("needs_point_pair", sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check("needs_point_range", sql`${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180)`),
    // kind as text: 'problem' joins the enum in the same migration, which may not use it as an enum value yet.
    check("needs_problem_type_only_problems", sql`${t.problemType} is null or ${t.kind}::text = 'problem'`),
    index("needs_resolve_due_idx").on(t.resolveDueAt),
  ],
);

export const needItems = pgTable(
  "need_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: category("category"),
    status: itemStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    uniqueIndex("need_items_position").on(t.needId, t.position),
    check("need_items_title_nonempty", sql`length(trim(${t.title})) > 0`),
  ],
);

export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
    itemId: uuid("item_id").references(() => needItems.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    claimedByUserId: uuid("claimed_by_user_id")
      .notNull()
      .references(() => users.id),
    /** The organisation's offer this claim draws on: what its monthly capacity is spent on (none when it serves by agreement). */
    offerId: uuid("offer_id").references(() => offers.id),
    status: claimStatus("status").notNull().default("active"),
    /** Lets a retried claim request find its first attempt instead of claiming twice. */
    idempotencyKey: text("idempotency_key").unique(),
    claimedAt: timestamp("claimed_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
    fulfilmentNote: text("fulfilment_note"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("claims_need_idx").on(t.needId),
    index("claims_org_status_idx").on(t.organisationId, t.status),
    index("claims_offer_idx").on(t.offerId, t.claimedAt),
    index("claims_active_due_idx")
      .on(t.dueAt)
      .where(sql`${t.status} = 'active'`),
    // At most one claim holds a wish or a project item at any time: the database decides races.
    uniqueIndex("claims_one_holder")
      .on(t.needId, sql`coalesce(${t.itemId}, '00000000-0000-0000-0000-000000000000')`)
      .where(sql`${t.status} in ('active', 'fulfilled', 'completed')`),
    check("claims_due_after_claim", sql`${t.dueAt} > ${t.claimedAt}`),
    check("claims_fulfilled_at", sql`${t.status} not in ('fulfilled', 'completed') or ${t.fulfilledAt} is not null`),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id").references(() => needs.id, { onDelete: "cascade" }),
    claimId: uuid("claim_id").references(() => claims.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    /** Path under the data folder; files are served through a route that checks visibility. */
    storagePath: text("storage_path").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    uploadedByUserId: uuid("uploaded_by_user_id")
      .notNull()
      .references(() => users.id),
    /** Staff chose this photo for the public showcase (before/after of a resolved problem: no faces, no door numbers). */
    showcase: boolean("showcase").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    check("attachments_one_owner", sql`num_nonnulls(${t.needId}, ${t.claimId}, ${t.organisationId}) = 1`),
    check("attachments_image_types", sql`${t.mimeType} in ('image/jpeg', 'image/png', 'image/webp')`),
    check("attachments_size", sql`${t.bytes} between 1 and 5242880`),
  ],
);
