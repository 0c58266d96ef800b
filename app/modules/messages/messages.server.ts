// The message outbox: SMS and e-mail are queued in the transaction of the change that sends them and
// delivered afterwards by the relay. Rows are claimed with FOR UPDATE SKIP LOCKED, so several app
// instances never send one message twice; a failed delivery is retried, up to MAX_ATTEMPTS.
import { desc, eq } from "drizzle-orm";
import { messages } from "#db/schema";
import { now } from "~/lib/clock.server";
import { db, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/errors";

export type MessageChannel = (typeof messages.$inferSelect)["channel"];

export interface OutgoingMessage {
  channel: MessageChannel;
  to: string;
  template: string;
  text: string;
  /** The same key twice is one message. */
  idempotencyKey: string;
  userId?: string | null;
}

/** Where messages go. The only one built in is the log sink: the outbox row is the stored copy. */
interface MessageSink {
  name: string;
  send(message: OutgoingMessage): Promise<void>;
}

const logSink: MessageSink = { name: "log", send: async () => {} };
const sinks: Record<string, MessageSink> = { log: logSink };

const MAX_ATTEMPTS = 5;

function providerOf(channel: MessageChannel): string {
  return channel === "sms" ? env().SMS_PROVIDER : env().EMAIL_PROVIDER;
}

/** While both channels go to the log sink, the stored messages may be read (development and the demo). */
export function devMessagesAvailable(): boolean {
  return env().SMS_PROVIDER === "log" && env().EMAIL_PROVIDER === "log";
}

/** Writes a message into the outbox, inside the caller's transaction. */
export async function queueMessage(tx: DbOrTx, message: OutgoingMessage): Promise<void> {
  await tx
    .insert(messages)
    .values({ ...message, userId: message.userId ?? null, createdAt: now() })
    .onConflictDoNothing({ target: messages.idempotencyKey });
}

/** Delivers what is pending, one batch; returns how many were sent. */
export async function relayMessagesOnce(batchSize = 50): Promise<number> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(messages)
      .where(eq(messages.status, "pending"))
      .orderBy(messages.id)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    let sent = 0;
    for (const row of rows) {
      const provider = providerOf(row.channel);
      const sink = sinks[provider];
      try {
        if (!sink) throw new Error(`no sink for the ${row.channel} provider "${provider}"`);
        await sink.send(row);
        await tx.update(messages).set({ status: "sent", sentAt: now(), sink: sink.name }).where(eq(messages.id, row.id));
        sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        await tx
          .update(messages)
          .set({
            attempts,
            lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          })
          .where(eq(messages.id, row.id));
      }
    }
    return sent;
  });
}

/** Drains the outbox; returns how many were sent. */
export async function relayMessages(): Promise<number> {
  let total = 0;
  for (;;) {
    const sent = await relayMessagesOnce();
    total += sent;
    if (sent === 0) return total;
  }
}

/**
 * Starts delivery right after a commit without making the request wait for it (a request that queued a
 * message must answer as fast as one that did not); the minute job picks up anything left.
 */
export function kickMessageRelay(log: (message: string) => void = console.warn): void {
  void relayMessages().catch((error: unknown) => log(`messages: relay failed: ${String(error)}`));
}

/** The stored messages to one phone number or address, newest first (only while the log sink is in use). */
export async function listDevMessages(to: string) {
  if (!devMessagesAvailable()) throw notFound("messages");
  const rows = await db()
    .select({
      channel: messages.channel,
      to: messages.to,
      template: messages.template,
      text: messages.text,
      createdAt: messages.createdAt,
      status: messages.status,
    })
    .from(messages)
    .where(eq(messages.to, to))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(100);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Forgets the messages sent to a deleted account. */
export async function forgetMessagesOf(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(messages).where(eq(messages.userId, userId));
}
