// Consent and settings (PIPL): each user's per-channel opt-in with when and how it was given, their
// family contact, opting out by replying TD to an SMS, and the WeCom group robots of communities and
// organisations (set by their staff or admins).
import { timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { communities, familyContacts, groupWebhooks, messageConsents, organisations, users } from "#db/schema";
import { now } from "~/lib/clock.server";
import { db, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { AppError, forbidden } from "~/lib/errors";
import { createI18n, defaultLocale, isLocale } from "~/lib/i18n";
import { adminOf, governsCommunity, type Viewer } from "~/modules/accounts/accounts.policy";
import { normalisePhone } from "~/modules/accounts/accounts.schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { kickMessageRelay, queueMessage, type MessageChannel } from "./messages.server";
import { isWecomWebhookUrl } from "./providers/wecom.server";

export type ConsentChannel = Extract<MessageChannel, "sms" | "email">;

/** Records a choice (the latest one counts) and audits it. */
export async function recordConsent(tx: DbOrTx, userId: string, channel: ConsentChannel, optedIn: boolean, source: string): Promise<void> {
  const at = now();
  await tx
    .insert(messageConsents)
    .values({ userId, channel, optedIn, source, recordedAt: at })
    .onConflictDoUpdate({ target: [messageConsents.userId, messageConsents.channel], set: { optedIn, source, recordedAt: at } });
  await recordAudit(tx, {
    actorUserId: source === "sms_reply" ? null : userId,
    action: optedIn ? "messages.opt_in" : "messages.opt_out",
    subjectType: "user",
    subjectId: userId,
    data: { channel, source },
  });
}

export async function messageSettings(userId: string) {
  const [user] = await db().select({ phone: users.phone, email: users.email }).from(users).where(eq(users.id, userId));
  const consents = await db().select().from(messageConsents).where(eq(messageConsents.userId, userId));
  const [family] = await db().select().from(familyContacts).where(eq(familyContacts.userId, userId));
  const consent = (channel: ConsentChannel) => {
    const row = consents.find((c) => c.channel === channel);
    return row ? { optedIn: row.optedIn, source: row.source, recordedAt: row.recordedAt.toISOString() } : null;
  };
  return {
    hasPhone: !!user?.phone,
    hasEmail: !!user?.email,
    sms: consent("sms"),
    email: consent("email"),
    family: family ? { name: family.name, phone: family.phone } : null,
  };
}

/** Saves the settings form: changed channel choices are recorded (source "account"), the family contact replaced. */
export async function saveMessageSettings(
  userId: string,
  input: { sms: boolean; email: boolean; familyName?: string; familyPhone?: string },
): Promise<void> {
  await db().transaction(async (tx) => {
    const current = await tx.select().from(messageConsents).where(eq(messageConsents.userId, userId));
    for (const channel of ["sms", "email"] as const) {
      const was = current.find((c) => c.channel === channel)?.optedIn ?? false;
      if (was !== input[channel]) await recordConsent(tx, userId, channel, input[channel], "account");
    }
    await tx.delete(familyContacts).where(eq(familyContacts.userId, userId));
    if (input.familyName && input.familyPhone)
      await tx.insert(familyContacts).values({ userId, name: input.familyName, phone: input.familyPhone, recordedAt: now() });
  });
}

const OPT_OUT_WORDS = new Set(["TD", "T", "N", "退订", "STOP", "UNSUBSCRIBE"]);

/** Whether the callback carries the configured token (constant time); no token configured refuses all. */
export function smsCallbackAuthorised(request: Request): boolean {
  const expected = env().SMS_CALLBACK_TOKEN;
  if (!expected) return false;
  const url = new URL(request.url);
  const given = request.headers.get("Authorization")?.replace(/^Bearer\s+/i, "") ?? url.searchParams.get("token") ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Replies from phones: TD (退订, N, T) opts the number's account out of SMS and confirms once. Returns how many opted out. */
export async function handleSmsReplies(replies: { phone: string; text: string }[]): Promise<number> {
  let optedOut = 0;
  await db().transaction(async (tx) => {
    for (const reply of replies) {
      if (!OPT_OUT_WORDS.has(reply.text.trim().toUpperCase())) continue;
      const phone = normalisePhone(reply.phone.trim());
      const [user] = await tx
        .select({ id: users.id, locale: users.locale })
        .from(users)
        .where(and(eq(users.phone, phone), isNull(users.deletedAt)));
      if (!user) continue;
      await recordConsent(tx, user.id, "sms", false, "sms_reply");
      const { t } = createI18n(isLocale(user.locale) ? user.locale : defaultLocale);
      await queueMessage(tx, {
        channel: "sms",
        to: phone,
        template: "opt_out_confirmed",
        text: t("messages.text.opt_out_confirmed"),
        idempotencyKey: `opt_out_confirmed:${user.id}:${now().toISOString()}`,
        userId: user.id,
      });
      optedOut++;
    }
  });
  if (optedOut) kickMessageRelay();
  return optedOut;
}

/** The groups the viewer may give a robot to: communities they govern as staff, organisations they administer. */
export async function manageableGroups(viewer: Viewer) {
  const communityIds = viewer.memberships.filter((m) => m.role === "community_staff" && m.communityId).map((m) => m.communityId!);
  const orgIds = viewer.memberships.filter((m) => m.role === "org_admin" && m.organisationId).map((m) => m.organisationId!);
  const hooks = await db().select().from(groupWebhooks);
  const masked = (url: string | undefined) => (url ? url.replace(/key=(.{4}).*$/, "key=$1••••") : null);
  const cs = communityIds.length
    ? await db().select({ id: communities.id, name: communities.name }).from(communities).where(inArray(communities.id, communityIds))
    : [];
  const os = orgIds.length
    ? await db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds))
    : [];
  return [
    ...cs.map((c) => ({ owner: `community:${c.id}`, name: c.name, url: masked(hooks.find((h) => h.communityId === c.id)?.url) })),
    ...os.map((o) => ({ owner: `organisation:${o.id}`, name: o.name, url: masked(hooks.find((h) => h.organisationId === o.id)?.url) })),
  ];
}

/** Sets or removes a group's robot: community staff (or those governing it) for a community, an org admin for an organisation. */
export async function setGroupWebhook(viewer: Viewer, owner: string, url: string | undefined): Promise<void> {
  const [kind, id] = owner.split(":") as ["community" | "organisation", string];
  if (kind === "community") {
    const [c] = await db().select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, id));
    if (!c || !governsCommunity(viewer, { communityId: id, streetId: c.streetId })) throw forbidden("not your community");
  } else if (!adminOf(viewer, id)) throw forbidden("not your organisation");
  if (url !== undefined && !isWecomWebhookUrl(url))
    throw new AppError("validation_failed", "not a WeCom group robot webhook URL", { url: "wecom_url_invalid" });
  await db().transaction(async (tx) => {
    const where = kind === "community" ? eq(groupWebhooks.communityId, id) : eq(groupWebhooks.organisationId, id);
    await tx.delete(groupWebhooks).where(where);
    if (url) await tx.insert(groupWebhooks).values(kind === "community" ? { communityId: id, url } : { organisationId: id, url });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: url ? "messages.group_set" : "messages.group_removed",
      subjectType: kind,
      subjectId: id,
    });
  });
}
