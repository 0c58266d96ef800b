// The message outbox. Every message (SMS, e-mail, WeCom group robot) is a row per recipient, written in
// the transaction of the change that sends it, and delivered afterwards by the relay. Rows are claimed
// with FOR UPDATE SKIP LOCKED, so several app instances never send one row twice; the idempotency key
// makes the same message queued twice one row, and goes to the provider (OutId / SessionContext). A
// provider that is down or throttling delays a message (exponential back-off) and loses none; only a
// permanent refusal (a bad template, an invalid number) fails it.
//
// Rules applied when a message is queued (PIPL and cost): notices go only to a user who opted in to
// the channel; quiet hours (21:00–08:00 Tianjin) hold everything but one-time codes until 08:00; a
// number receives at most 5 codes an hour and 20 messages a day.
import { and, count, desc, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import { familyContacts, groupWebhooks, messageConsents, messages } from "#db/schema";
import { now, nowMs } from "~/lib/clock.server";
import { db, sqlClient, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/errors";
import { tianjinClockTime, tianjinDate, startOfTianjinDay } from "~/lib/tianjin-time";
import { aliyunProvider } from "./providers/aliyun.server";
import { DeliveryError, type MessageProvider } from "./providers/provider";
import { tencentProvider } from "./providers/tencent.server";
import { wecomProvider } from "./providers/wecom.server";
import { isCodeTemplate } from "./templates";

export type MessageChannel = (typeof messages.$inferSelect)["channel"];

export interface OutgoingMessage {
  channel: MessageChannel;
  /** A phone number, an e-mail address, or for WeCom "community:<id>" / "organisation:<id>". */
  to: string;
  template: string;
  text: string;
  /** The template's parameters (SMS providers send the template code and these, not the text). */
  params?: Record<string, string | number>;
  /** The same key twice is one message. */
  idempotencyKey: string;
  userId?: string | null;
  /** A notice to a user (not a code they asked for): sent only with their consent for the channel. */
  needsConsent?: boolean;
}

export const CODES_PER_HOUR = 5;
export const MESSAGES_PER_DAY = 20;
export const QUIET_FROM = "21:00";
export const QUIET_UNTIL = "08:00";
/** A message a provider keeps refusing "for now" is given up after this long (it is marked failed). */
const GIVE_UP_AFTER_MS = 48 * 3_600_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

const logProvider: MessageProvider = { name: "log", send: async () => null };

// Providers are built once per configuration (tests change the environment between files).
let providerCache: { key: string; providers: Record<MessageChannel, MessageProvider> } | null = null;

function providers(): Record<MessageChannel, MessageProvider> {
  const e = env();
  const key = `${e.SMS_PROVIDER}|${e.WECOM_PROVIDER}|${e.ALIYUN_ACCESS_KEY_ID}|${e.TENCENT_SECRET_ID}|${e.ALIYUN_SMS_ENDPOINT}|${e.TENCENT_SMS_ENDPOINT}`;
  if (providerCache?.key !== key) {
    const sms = e.SMS_PROVIDER === "aliyun" ? aliyunProvider(e) : e.SMS_PROVIDER === "tencent" ? tencentProvider(e) : logProvider;
    providerCache = { key, providers: { sms, email: logProvider, wecom: e.WECOM_PROVIDER === "webhook" ? wecomProvider() : logProvider } };
  }
  return providerCache.providers;
}

/** While every channel goes to the log sink, the stored messages may be read (development and the demo). */
export function devMessagesAvailable(): boolean {
  const e = env();
  return e.SMS_PROVIDER === "log" && e.EMAIL_PROVIDER === "log" && e.WECOM_PROVIDER === "log";
}

/** Whether the instant falls in quiet hours (21:00–08:00 Tianjin). */
export function inQuietHours(at: Date): boolean {
  const hhmm = tianjinClockTime(at);
  return hhmm >= QUIET_FROM || hhmm < QUIET_UNTIL;
}

/** The end of the quiet hours the instant falls in: the next 08:00 in Tianjin. */
export function endOfQuietHours(at: Date): Date {
  const today = startOfTianjinDay(tianjinDate(at));
  const eight = new Date(today.getTime() + 8 * 3_600_000);
  return at < eight ? eight : new Date(eight.getTime() + 86_400_000);
}

/** Whether the user opted in to the channel (the latest choice recorded counts). */
export async function hasConsent(tx: DbOrTx, userId: string, channel: MessageChannel): Promise<boolean> {
  const [row] = await tx
    .select({ optedIn: messageConsents.optedIn })
    .from(messageConsents)
    .where(and(eq(messageConsents.userId, userId), eq(messageConsents.channel, channel)));
  return row?.optedIn ?? false;
}

/** Why a message to this number may not go now (a per-number limit), or null. Call under the number's lock. */
async function overLimit(tx: DbOrTx, to: string, code: boolean): Promise<string | null> {
  const counted = and(eq(messages.to, to), ne(messages.status, "suppressed"));
  if (code) {
    const [hour] = await tx
      .select({ n: count() })
      .from(messages)
      .where(
        and(
          counted,
          inArray(messages.template, ["login_code", "password_reset", "signup_code"]),
          gt(messages.createdAt, new Date(nowMs() - 3_600_000)),
        ),
      );
    if ((hour?.n ?? 0) >= CODES_PER_HOUR) return "limit: codes per hour";
  }
  const [day] = await tx
    .select({ n: count() })
    .from(messages)
    .where(and(counted, gt(messages.createdAt, new Date(nowMs() - 86_400_000))));
  if ((day?.n ?? 0) >= MESSAGES_PER_DAY) return "limit: messages per day";
  return null;
}

/**
 * Writes a message into the outbox, inside the caller's transaction. Returns its status: pending
 * (to be sent, perhaps held until the quiet hours end), or suppressed (no consent, over a limit).
 */
export async function queueMessage(tx: DbOrTx, message: OutgoingMessage): Promise<"pending" | "suppressed"> {
  const at = now();
  const code = isCodeTemplate(message.template);
  let suppressed: string | null = null;
  if (message.needsConsent && message.userId && message.channel !== "wecom" && !(await hasConsent(tx, message.userId, message.channel))) {
    suppressed = "no consent for the channel";
  }
  if (!suppressed && message.channel !== "wecom") {
    // One writer per number at a time, so the limits hold under parallel requests.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`messages-to:${message.to}`}))`);
    suppressed = await overLimit(tx, message.to, code);
  }
  const params = Object.fromEntries(Object.entries(message.params ?? {}).map(([k, v]) => [k, String(v)]));
  await tx
    .insert(messages)
    .values({
      channel: message.channel,
      to: message.to,
      template: message.template,
      text: message.text,
      params,
      idempotencyKey: message.idempotencyKey,
      userId: message.userId ?? null,
      createdAt: at,
      status: suppressed ? "suppressed" : "pending",
      lastError: suppressed,
      nextAttemptAt: !code && inQuietHours(at) ? endOfQuietHours(at) : at,
    })
    .onConflictDoNothing({ target: messages.idempotencyKey });
  return suppressed ? "suppressed" : "pending";
}

/** Exponential back-off: 30 s, 1 min, 2 min … up to an hour between tries. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Where a WeCom message goes: the group robot of the community or organisation named in `to`. */
async function webhookOf(tx: DbOrTx, to: string): Promise<string | null> {
  const [kind, id] = to.split(":");
  if (!id || (kind !== "community" && kind !== "organisation")) return null;
  const [row] = await tx
    .select({ url: groupWebhooks.url })
    .from(groupWebhooks)
    .where(kind === "community" ? eq(groupWebhooks.communityId, id) : eq(groupWebhooks.organisationId, id));
  return row?.url ?? null;
}

/** Delivers what is due, one batch; returns how many were sent. */
export async function relayMessagesOnce(batchSize = 50): Promise<number> {
  return db().transaction(async (tx) => {
    const at = now();
    const rows = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.status, "pending"), lte(messages.nextAttemptAt, at)))
      .orderBy(messages.nextAttemptAt, messages.id)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    let sent = 0;
    for (const row of rows) {
      const provider = providers()[row.channel];
      try {
        const to = row.channel === "wecom" && provider.name !== "log" ? await webhookOf(tx, row.to) : row.to;
        if (!to) throw new DeliveryError("no_webhook", `no group robot for ${row.to}`, false);
        const providerMessageId = await provider.send({ ...row, to, params: row.params });
        await tx
          .update(messages)
          .set({ status: "sent", sentAt: now(), sink: provider.name, providerMessageId, lastError: null })
          .where(eq(messages.id, row.id));
        sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const retry = !(error instanceof DeliveryError) || error.retry;
        const expired = now().getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
        await tx
          .update(messages)
          .set({
            attempts,
            sink: provider.name,
            lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
            status: retry && !expired ? "pending" : "failed",
            nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)),
          })
          .where(eq(messages.id, row.id));
      }
    }
    return sent;
  });
}

/** Sends everything due; returns how many were sent. */
export async function relayMessages(): Promise<number> {
  let total = 0;
  for (;;) {
    const before = total;
    const batch = await db().transaction(async (tx) => {
      const [row] = await tx
        .select({ n: count() })
        .from(messages)
        .where(and(eq(messages.status, "pending"), lte(messages.nextAttemptAt, now())));
      return row?.n ?? 0;
    });
    if (batch === 0) return total;
    total += await relayMessagesOnce();
    // Nothing sent in a full pass: what is left is failing or held by another relay; the next run retries.
    if (total === before) return total;
  }
}

/**
 * Starts delivery right after a commit without making the request wait for it (a request that queued a
 * message must answer as fast as one that did not); the minute job picks up anything left.
 */
export function kickMessageRelay(log: (message: string) => void = console.warn): void {
  void relayMessages().catch((error: unknown) => log(`messages: relay failed: ${String(error)}`));
}

/**
 * Sends queued messages as soon as the transaction that queued them commits (a trigger NOTIFYs
 * "messages"), beside the minute job's pass. Returns a stop function.
 */
export function startMessageRelay(log: (message: string) => void = console.warn): () => Promise<void> {
  let unlisten: (() => Promise<void>) | null = null;
  let stopped = false;
  sqlClient()
    .listen("messages", () => {
      if (!stopped) kickMessageRelay(log);
    })
    .then((subscription) => {
      unlisten = subscription.unlisten;
      if (stopped) void unlisten();
    })
    .catch((error: unknown) => log(`messages: LISTEN failed (${String(error)}); the minute job sends`));
  return async () => {
    stopped = true;
    await unlisten?.().catch(() => {});
  };
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

/** A user's own message log (SMS, e-mail) for /notifications: what was sent to them, and its status. Codes are masked. */
export async function listMyMessages(userId: string, limit = 30) {
  const rows = await db()
    .select({
      id: messages.id,
      channel: messages.channel,
      to: messages.to,
      template: messages.template,
      text: messages.text,
      status: messages.status,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
      nextAttemptAt: messages.nextAttemptAt,
    })
    .from(messages)
    .where(eq(messages.userId, userId))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    text: isCodeTemplate(r.template) ? r.text.replace(/\d{4,8}/g, "••••••") : r.text,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
  }));
}

/** Forgets the messages sent to a deleted account, its channel choices and its family contact. */
export async function forgetMessagesOf(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(messages).where(eq(messages.userId, userId));
  await tx.delete(messageConsents).where(eq(messageConsents.userId, userId));
  await tx.delete(familyContacts).where(eq(familyContacts.userId, userId));
}
