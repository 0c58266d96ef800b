import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { activityStatus, category, signupStatus } from "./enums";
import { communities } from "./places";
import { users } from "./accounts";
import { organisations } from "./organisations";

export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The volunteer team running it; null when the community itself organises. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: category("category").notNull(),
    location: text("location").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    skills: text("skills")
      .array()
      .notNull()
      .default(sql`'{}'`),
    status: activityStatus("status").notNull().default("scheduled"),
    createdByUserId: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("activities_community_starts_idx").on(t.communityId, t.startsAt),
    index("activities_org_idx").on(t.organisationId),
    index("activities_starts_idx").on(t.startsAt),
    check("activities_period", sql`${t.endsAt} > ${t.startsAt}`),
    // An occurrence lasts at most a day (migration 0006 adds it NOT VALID: rows from before stay readable).
    check("activities_at_most_a_day", sql`${t.endsAt} - ${t.startsAt} <= interval '24 hours'`),
    check("activities_capacity_positive", sql`${t.capacity} > 0`),
    check("activities_title_nonempty", sql`length(trim(${t.title})) > 0`),
  ],
);

export const activitySignups = pgTable(
  "activity_signups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => users.id),
    status: signupStatus("status").notNull().default("signed_up"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("activity_signups_one_per_volunteer")
      .on(t.activityId, t.volunteerId)
      .where(sql`${t.status} = 'signed_up'`),
    index("activity_signups_volunteer_idx").on(t.volunteerId),
  ],
);

/** Check-in and check-out at the venue; closing one produces a pending hour entry. */
export const attendances = pgTable(
  "attendances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => users.id),
    checkInAt: timestamp("check_in_at", { withTimezone: true }).notNull(),
    checkOutAt: timestamp("check_out_at", { withTimezone: true }),
    /** 'organiser' entered it, 'qr' scanned at the venue, 'auto_closed' after 24 open hours. */
    source: text("source").notNull(),
    flaggedForOrganiser: boolean("flagged_for_organiser").notNull().default(false),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    uniqueIndex("attendances_one_open")
      .on(t.activityId, t.volunteerId)
      .where(sql`${t.checkOutAt} is null`),
    check("attendances_order", sql`${t.checkOutAt} is null or ${t.checkOutAt} > ${t.checkInAt}`),
    check("attendances_source", sql`${t.source} in ('organiser', 'qr', 'auto_closed', 'proxy')`),
  ],
);
