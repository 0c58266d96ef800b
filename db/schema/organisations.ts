import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, smallint, text, timestamp, uuid, doublePrecision } from "drizzle-orm/pg-core";
import { agreementStatus, category, orgType } from "./enums";
import { communities, streets } from "./places";
import { users } from "./accounts";

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: orgType("type").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Home street: where the organisation mainly serves. */
    streetId: uuid("street_id").references(() => streets.id),
    serviceArea: text("service_area").notNull().default(""),
    logoPath: text("logo_path"),
    /** null: the organisation shows no public contact. */
    publicContact: text("public_contact"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [index("organisations_street_idx").on(t.streetId), check("organisations_name_nonempty", sql`length(trim(${t.name})) > 0`)],
);

export const agreements = pgTable(
  "agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    communityId: uuid("community_id").references(() => communities.id),
    streetId: uuid("street_id").references(() => streets.id),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    categories: category("categories")
      .array()
      .notNull()
      .default(sql`'{}'`),
    status: agreementStatus("status").notNull().default("proposed"),
    proposedByUserId: uuid("proposed_by_user_id")
      .notNull()
      .references(() => users.id),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("agreements_org_idx").on(t.organisationId),
    index("agreements_community_idx").on(t.communityId),
    index("agreements_street_idx").on(t.streetId),
    check("agreements_one_place", sql`num_nonnulls(${t.communityId}, ${t.streetId}) = 1`),
    check("agreements_period", sql`${t.endsOn} >= ${t.startsOn}`),
    check("agreements_active_accepted", sql`${t.status} <> 'active' or ${t.acceptedAt} is not null`),
  ],
);

export const offers = pgTable(
  "offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: category("category").notNull(),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Service area: one community, or a whole street. */
    communityId: uuid("community_id").references(() => communities.id),
    streetId: uuid("street_id").references(() => streets.id),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    capacityPerMonth: integer("capacity_per_month").notNull(),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: smallint("weekdays")
      .array()
      .notNull()
      .default(sql`'{1,2,3,4,5}'`),
    active: boolean("active").notNull().default(true),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("offers_org_idx").on(t.organisationId),
    index("offers_community_idx").on(t.communityId),
    index("offers_street_idx").on(t.streetId),
    check("offers_one_area", sql`num_nonnulls(${t.communityId}, ${t.streetId}) = 1`),
    check("offers_capacity_positive", sql`${t.capacityPerMonth} > 0`),
    check("offers_weekdays_valid", sql`${t.weekdays} <@ '{1,2,3,4,5,6,7}'::smallint[]`),
    check("offers_title_nonempty", sql`length(trim(${t.title})) > 0`),
    check("offers_location_pair", sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);
