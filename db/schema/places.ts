import { sql } from "drizzle-orm";
import { check, doublePrecision, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

const latLngChecks = (prefix: string, t: { lat: unknown; lng: unknown }) => [
  check(`${prefix}_lat_range`, sql`${t.lat} between -90 and 90`),
  check(`${prefix}_lng_range`, sql`${t.lng} between -180 and 180`),
];

export const districts = pgTable("districts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true })
    .notNull()
    .default(sql`linli_now()`),
});

export const streets = pgTable(
  "streets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    name: text("name").notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    unique("streets_district_name").on(t.districtId, t.name),
    index("streets_district_idx").on(t.districtId),
    ...latLngChecks("streets", t),
  ],
);

export const communities = pgTable(
  "communities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    streetId: uuid("street_id")
      .notNull()
      .references(() => streets.id),
    name: text("name").notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    unique("communities_street_name").on(t.streetId, t.name),
    index("communities_street_idx").on(t.streetId),
    ...latLngChecks("communities", t),
  ],
);
