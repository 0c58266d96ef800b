import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const messageChannels = ["sms", "email"] as const;
export const messageChannel = pgEnum("message_channel", messageChannels);

export const messageStatuses = ["pending", "sent", "failed"] as const;
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
  },
  (t) => [
    index("messages_pending_idx")
      .on(t.id)
      .where(sql`${t.status} = 'pending'`),
    index("messages_to_idx").on(t.to, t.createdAt),
    check("messages_sent_at", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
  ],
);
