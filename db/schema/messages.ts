import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { communities } from "./places";
import { organisations } from "./organisations";

/** wecom: a WeCom (企业微信) group robot; `to` is then "community:<id>" or "organisation:<id>", never the webhook URL. */
export const messageChannels = ["sms", "email", "wecom"] as const;
export const messageChannel = pgEnum("message_channel", messageChannels);

/** suppressed: not sent, by the recipient's choice (opted out) or a per-number limit; the reason is in last_error. */
export const messageStatuses = ["pending", "sent", "failed", "suppressed"] as const;
export const messageStatus = pgEnum("message_status", messageStatuses);

/**
 * The message outbox: an SMS or e-mail is written here in the transaction of the change that sends it
 * (a reset code, say) and delivered afterwards by the relay (app/modules/messages), so a message is
 * never sent for a change that rolled back, nor lost for one that committed.
 */
export const messages = pgTable(
  "messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    channel: messageChannel("channel").notNull(),
    /** A phone number (sms) or an e-mail address. */
    to: text("to").notNull(),
    template: text("template").notNull(),
    text: text("text").notNull(),
    status: messageStatus("status").notNull().default("pending"),
    /** The same key twice is one message (a retried request sends nothing more). */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Which sink delivered it (log, or a provider's name). */
    sink: text("sink"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Template parameters, for providers that send by template code (SMS). */
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    /** Not before: quiet hours hold a message until 08:00 Tianjin; a failed try waits (exponential back-off). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
    /** The provider's id for the sent message (BizId, SerialNo, …). */
    providerMessageId: text("provider_message_id"),
  },
  (t) => [
    index("messages_pending_idx")
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    index("messages_to_idx").on(t.to, t.createdAt),
    check("messages_sent_at", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
  ],
);

/** Per-channel consent (PIPL): the latest choice of each user for each channel, with when and how it was given. */
export const messageConsents = pgTable(
  "message_consents",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: messageChannel("channel").notNull(),
    optedIn: boolean("opted_in").notNull(),
    /** account (the settings page), signup, staff (recorded on paper by staff), sms_reply (TD), seed. */
    source: text("source").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channel] })],
);

/** A family member a resident named, to be told about the resident's wishes by SMS too. */
export const familyContacts = pgTable("family_contacts", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  phone: text("phone").notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true })
    .notNull()
    .default(sql`linli_now()`),
});

/** The WeCom group robot of a community (its staff's group) or an organisation (a team's group). */
export const groupWebhooks = pgTable(
  "group_webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communityId: uuid("community_id")
      .unique()
      .references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .unique()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (a secret: never shown back in full). */
    url: text("url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [check("group_webhooks_one_owner", sql`num_nonnulls(${t.communityId}, ${t.organisationId}) = 1`)],
);

/**
 * Scheduled notices (reminders, deadlines, digests) that have fired: one row per (kind, subject,
 * recipient, due moment), so a job run by several processes at the same moment sends each once.
 */
export const messageFires = pgTable(
  "message_fires",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    subjectId: text("subject_id").notNull(),
    recipient: text("recipient").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    firedAt: timestamp("fired_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [unique("message_fires_once").on(t.kind, t.subjectId, t.recipient, t.dueAt)],
);

/** One-time codes to log in by SMS (hashed; 10 minutes; 5 wrong tries; single use). */
export const loginCodes = pgTable(
  "login_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`linli_now()`),
  },
  (t) => [index("login_codes_user_idx").on(t.userId, t.createdAt)],
);
