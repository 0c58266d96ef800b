import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { role } from "./enums";
import { communities, streets } from "./places";
import { organisations } from "./organisations";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    displayName: text("display_name").notNull(),
    /** Real name: private, shown only to staff of the user's community. */
    fullName: text("full_name"),
    email: text("email"),
    phone: text("phone"),
    /** null: no login (a resident managed by staff). */
    passwordHash: text("password_hash"),
    homeCommunityId: uuid("home_community_id").references(() => communities.id),
    address: text("address"),
    locale: text("locale").notNull().default("zh-CN"),
    /** Opt-in to the public volunteer leaderboard (names masked there). */
    showOnLeaderboard: boolean("show_on_leaderboard").notNull().default(false),
    /** Staff who created the account on the resident's behalf, and when the resident consented. */
    createdByUserId: uuid("created_by_user_id"),
    consentRecordedAt: timestamp("consent_recorded_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    uniqueIndex("users_phone_unique").on(t.phone),
    check("users_email_shape", sql`${t.email} is null or ${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check("users_phone_shape", sql`${t.phone} is null or ${t.phone} ~ '^\\+?[0-9]{5,20}$'`),
    check("users_proxy_consent", sql`${t.createdByUserId} is null or ${t.consentRecordedAt} is not null`),
  ],
);

// The shape lucia's drizzle adapter expects: text id, user id, expiry.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    communityId: uuid("community_id").references(() => communities.id),
    streetId: uuid("street_id").references(() => streets.id),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("memberships_user_idx").on(t.userId),
    index("memberships_org_idx").on(t.organisationId),
    index("memberships_community_idx").on(t.communityId),
    uniqueIndex("memberships_unique_scope").on(
      t.userId,
      t.role,
      sql`coalesce(${t.communityId}, '00000000-0000-0000-0000-000000000000')`,
      sql`coalesce(${t.streetId}, '00000000-0000-0000-0000-000000000000')`,
      sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000')`,
    ),
    // Each role carries exactly the scope it is checked against. (As text: a role added to the enum in the
    // migration that changes this check may not be used as an enum value before that migration commits.)
    check(
      "memberships_scope_fits_role",
      sql`case ${t.role}::text
        when 'platform_admin' then ${t.communityId} is null and ${t.streetId} is null and ${t.organisationId} is null
        when 'street_admin' then ${t.streetId} is not null and ${t.communityId} is null and ${t.organisationId} is null
        when 'community_staff' then ${t.communityId} is not null and ${t.streetId} is null and ${t.organisationId} is null
        when 'resident' then ${t.communityId} is not null and ${t.streetId} is null and ${t.organisationId} is null
        when 'grid_worker' then ${t.communityId} is not null and ${t.streetId} is null and ${t.organisationId} is null
        when 'volunteer' then ${t.streetId} is null and ${t.organisationId} is null
        else ${t.organisationId} is not null and ${t.communityId} is null and ${t.streetId} is null
      end`,
    ),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** sha-256 of the token in the link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    role: role("role").notNull(),
    communityId: uuid("community_id").references(() => communities.id),
    streetId: uuid("street_id").references(() => streets.id),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    email: text("email"),
    phone: text("phone"),
    invitedByUserId: uuid("invited_by_user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [check("invitations_accept_pair", sql`(${t.acceptedAt} is null) = (${t.acceptedByUserId} is null)`)],
);

/** Failed logins, kept in PostgreSQL so limits hold across restarts and instances. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    login: text("login").notNull(),
    address: text("address").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("login_failures_login_address_idx").on(t.login, t.address, t.createdAt),
    index("login_failures_address_idx").on(t.address, t.createdAt),
  ],
);

/**
 * One-time codes that set a new password (forgotten password, or a first password for a resident
 * registered by staff). Only a keyed hash of the code is stored; a code ends when used, expired,
 * replaced by a newer one, or after 5 wrong tries.
 */
export const passwordResetCodes = pgTable(
  "password_reset_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    /** Staff who printed the code for the resident; null when the user asked for it. */
    issuedByUserId: uuid("issued_by_user_id").references(() => users.id),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** Ended without use: replaced by a newer code or too many wrong tries. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("password_reset_codes_user_idx").on(t.userId, t.createdAt),
    check("password_reset_codes_attempts", sql`${t.failedAttempts} between 0 and 5`),
  ],
);

/**
 * Failed logins from one network address, counted atomically (one row, one UPDATE per attempt): past
 * a loose daily allowance each attempt from the address waits longer for its turn (login-throttle.server.ts).
 */
export const loginAddressLimits = pgTable("login_address_limits", {
  address: text("address").primaryKey(),
  /** Failures (and attempts still being checked) since windowStartedAt. */
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  /** No attempt from the address is checked before this moment. */
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
});

/**
 * A sign-up waiting for its code: the account (and its phone or e-mail as a login) exists only once the
 * code sent to each given login is confirmed. A sign-up naming a login that already has an account is
 * kept too (`taken`, never confirmable) so it counts against the limits like any other; its owner is
 * told by message instead of the page telling the visitor.
 */
export const signupRequests = pgTable(
  "signup_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The network address it came from (the per-address limit). */
    address: text("address").notNull(),
    displayName: text("display_name").notNull(),
    /** Lower-cased. */
    email: text("email"),
    phone: text("phone"),
    /** Cleared once the request is used or ended. */
    passwordHash: text("password_hash"),
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id),
    role: role("role").notNull(),
    phoneCodeHash: text("phone_code_hash"),
    emailCodeHash: text("email_code_hash"),
    taken: boolean("taken").notNull().default(false),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [
    index("signup_requests_address_idx").on(t.address, t.createdAt),
    index("signup_requests_phone_idx").on(t.phone, t.createdAt),
    index("signup_requests_email_idx").on(t.email, t.createdAt),
    check("signup_requests_attempts", sql`${t.failedAttempts} between 0 and 5`),
    check("signup_requests_login", sql`${t.email} is not null or ${t.phone} is not null`),
  ],
);
