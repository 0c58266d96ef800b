import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { correctionStatus, hourDecision, hourEntryKind } from "./enums";
import { users } from "./accounts";
import { activities, attendances } from "./activities";
import { communities, streets } from "./places";
import { organisations } from "./organisations";

const tstzrange = customType<{ data: string }>({ dataType: () => "tstzrange" });

export const hourCorrectionRequests = pgTable(
  "hour_correction_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => users.id),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id),
    /** The entry found wrong; null when one is missing altogether. */
    hourEntryId: uuid("hour_entry_id"),
    reason: text("reason").notNull(),
    requestedStartsAt: timestamp("requested_starts_at", { withTimezone: true }),
    requestedEndsAt: timestamp("requested_ends_at", { withTimezone: true }),
    status: correctionStatus("status").notNull().default("open"),
    answer: text("answer"),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [check("hour_correction_reason", sql`length(trim(${t.reason})) > 0`)],
);

/**
 * The hour ledger. Append-only: the database refuses UPDATE and DELETE (migration 0001).
 * A correction is a new entry: a reversal (negative minutes, pointing at what it reverses)
 * and, when the time was wrong, a new entry with the right time.
 */
export const hourEntries = pgTable(
  "hour_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => users.id),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id),
    /** Copied from the activity so totals per team and community need no join. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id),
    kind: hourEntryKind("kind").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    minutes: integer("minutes").notNull(),
    reversesId: uuid("reverses_id"),
    attendanceId: uuid("attendance_id").references(() => attendances.id),
    correctionRequestId: uuid("correction_request_id").references(() => hourCorrectionRequests.id),
    note: text("note"),
    recordedByUserId: uuid("recorded_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("hour_entries_volunteer_idx").on(t.volunteerId, t.startsAt),
    index("hour_entries_activity_idx").on(t.activityId),
    index("hour_entries_community_idx").on(t.communityId),
    index("hour_entries_org_idx").on(t.organisationId),
    uniqueIndex("hour_entries_reversed_once").on(t.reversesId),
    check("hour_entries_period", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "hour_entries_reversal_shape",
      sql`(${t.kind} = 'reversal') = (${t.reversesId} is not null) and (${t.kind} = 'reversal') = (${t.minutes} < 0)`,
    ),
    check(
      "hour_entries_minutes_fit_period",
      sql`abs(${t.minutes}) <= ceil(extract(epoch from (${t.endsAt} - ${t.startsAt})) / 60) and ${t.minutes} <> 0`,
    ),
  ],
);

/** One decision per entry, also append-only. Reversals are recorded as approved at once. */
export const hourEntryReviews = pgTable(
  "hour_entry_reviews",
  {
    hourEntryId: uuid("hour_entry_id")
      .primaryKey()
      .references(() => hourEntries.id),
    decision: hourDecision("decision").notNull(),
    reason: text("reason"),
    reviewedByUserId: uuid("reviewed_by_user_id")
      .notNull()
      .references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [check("hour_entry_reviews_reject_reason", sql`${t.decision} = 'approved' or ${t.reason} is not null`)],
);

/**
 * The first of the two approvals an entry needs when approving it takes the volunteer's day (Tianjin
 * date) over 8 hours: the entry stays pending until a different organiser approves it (the final
 * review above). Append-only like the ledger (migration 0006).
 */
export const hourEntryFirstApprovals = pgTable("hour_entry_first_approvals", {
  hourEntryId: uuid("hour_entry_id")
    .primaryKey()
    .references(() => hourEntries.id),
  reviewedByUserId: uuid("reviewed_by_user_id")
    .notNull()
    .references(() => users.id),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true })
    .notNull()
    .default(sql`linli_now()`),
});

/**
 * The time each volunteer's approved, unreversed entries occupy. Written only by triggers on the
 * ledger tables; its exclusion constraint is what refuses overlapping approved entries.
 */
export const approvedHourPeriods = pgTable(
  "approved_hour_periods",
  {
    hourEntryId: uuid("hour_entry_id").references(() => hourEntries.id),
    volunteerId: uuid("volunteer_id").notNull(),
    period: tstzrange("period").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hourEntryId] })],
);

// ---------------------------------------------------------------- Totals of the ledger
//
// Exact sums of the ledger, kept by the database itself: statement-level triggers on INSERT into
// hour_entries and hour_entry_reviews (migration 0003_ledger_totals_triggers) add each statement's
// changes with INSERT … ON CONFLICT DO UPDATE. No application code writes these tables. (No
// "non-negative" checks: PostgreSQL checks the proposed row of an upsert, i.e. the delta, before
// it finds the conflict; the integration tests prove the sums instead.)
//   pending  = entries (not reversals) without a review yet
//   approved = entries with an approved review, reversals included (negative minutes), so
//              approved_entries counts approved entries that were not reversed.

const totalColumns = {
  approvedMinutes: bigint("approved_minutes", { mode: "number" }).notNull().default(0),
  pendingMinutes: bigint("pending_minutes", { mode: "number" }).notNull().default(0),
  approvedEntries: integer("approved_entries").notNull().default(0),
  pendingEntries: integer("pending_entries").notNull().default(0),
};

export const hourTotalsByVolunteer = pgTable("hour_totals_by_volunteer", {
  volunteerId: uuid("volunteer_id")
    .primaryKey()
    .references(() => users.id),
  ...totalColumns,
});

/** Per team: entries of activities an organisation ran (entries without a team are not here). */
export const hourTotalsByOrganisation = pgTable("hour_totals_by_organisation", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id),
  ...totalColumns,
});

export const hourTotalsByCommunity = pgTable("hour_totals_by_community", {
  communityId: uuid("community_id")
    .primaryKey()
    .references(() => communities.id),
  ...totalColumns,
});

/** Per street, through each community's current street (a community moving street takes its totals along). */
export const hourTotalsByStreet = pgTable("hour_totals_by_street", {
  streetId: uuid("street_id")
    .primaryKey()
    .references(() => streets.id),
  ...totalColumns,
});

/**
 * Approved minutes per community per month of the work (the entry's start, Tianjin time); a
 * reversal counts in the month of the entry it reverses.
 */
export const hourTotalsByCommunityMonth = pgTable(
  "hour_totals_by_community_month",
  {
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id),
    month: date("month", { mode: "string" }).notNull(),
    approvedMinutes: bigint("approved_minutes", { mode: "number" }).notNull().default(0),
    approvedEntries: integer("approved_entries").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.month] }),
    check("hour_totals_by_community_month_first_day", sql`extract(day from ${t.month}) = 1`),
  ],
);
