// What goes out beyond the in-app notice: SMS and e-mail to the people a notice is for (with their
// consent), SMS to the family contact a resident named, and WeCom group-robot posts to a community's
// or a team's group. Called inside the transaction that wrote the notice, so it is sent exactly when
// the change commits.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { activities, familyContacts, groupWebhooks, hourEntries, users } from "#db/schema";
import type { DbOrTx } from "~/lib/db.server";
import { createI18n, defaultLocale, isLocale } from "~/lib/i18n";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { queueMessage } from "./messages.server";
import type { MessageTemplate } from "./templates";

type Params = Record<string, string | number>;

function render(locale: string | null | undefined, template: MessageTemplate, params: Params): string {
  const { t } = createI18n(isLocale(locale) ? locale : defaultLocale);
  return t(`messages.text.${template}`, params);
}

/** SMS to the user's phone and e-mail to their address, each only with their consent for that channel. */
export async function messageUsers(tx: DbOrTx, userIds: string[], template: MessageTemplate, params: Params, key: string): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await tx
    .select({ id: users.id, phone: users.phone, email: users.email, locale: users.locale, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.id, userIds), isNull(users.deletedAt)));
  for (const user of rows) {
    const text = render(user.locale, template, params);
    if (user.phone)
      await queueMessage(tx, {
        channel: "sms",
        to: user.phone,
        template,
        text,
        params,
        idempotencyKey: `${key}:sms:${user.id}`,
        userId: user.id,
        needsConsent: true,
      });
    if (user.email)
      await queueMessage(tx, {
        channel: "email",
        to: user.email,
        template,
        text,
        params,
        idempotencyKey: `${key}:email:${user.id}`,
        userId: user.id,
        needsConsent: true,
      });
  }
}

/** SMS to the family contacts the users named (the resident chose them and recorded that choice). */
export async function messageFamilies(tx: DbOrTx, userIds: string[], title: string, statusKey: string, key: string): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await tx
    .select({ userId: familyContacts.userId, phone: familyContacts.phone, name: users.displayName, locale: users.locale })
    .from(familyContacts)
    .innerJoin(users, eq(users.id, familyContacts.userId))
    .where(and(inArray(familyContacts.userId, userIds), isNull(users.deletedAt)));
  for (const row of rows) {
    const { t } = createI18n(isLocale(row.locale) ? row.locale : defaultLocale);
    const params = { name: row.name, title, status: t(`messages.familyStatus.${statusKey}`) };
    await queueMessage(tx, {
      channel: "sms",
      to: row.phone,
      template: "family_need_update",
      text: render(row.locale, "family_need_update", params),
      params,
      idempotencyKey: `${key}:family:${row.userId}`,
      userId: null,
    });
  }
}

/** A post to a community's or an organisation's WeCom group, when it has a robot. */
export async function messageGroup(
  tx: DbOrTx,
  owner: { communityId: string } | { organisationId: string },
  template: MessageTemplate,
  params: Params,
  key: string,
): Promise<boolean> {
  const [hook] = await tx
    .select({ id: groupWebhooks.id })
    .from(groupWebhooks)
    .where(
      "communityId" in owner ? eq(groupWebhooks.communityId, owner.communityId) : eq(groupWebhooks.organisationId, owner.organisationId),
    );
  if (!hook) return false;
  const to = "communityId" in owner ? `community:${owner.communityId}` : `organisation:${owner.organisationId}`;
  await queueMessage(tx, {
    channel: "wecom",
    to,
    template,
    text: render(defaultLocale, template, params),
    params,
    idempotencyKey: `${key}:wecom:${to}`,
  });
  return true;
}

/** The wish notices that go out by SMS too (the resident, or the staff who posted for them, and a named family contact). */
const wishTemplates: Record<string, { template: MessageTemplate; family: string }> = {
  "need.approved": { template: "need_approved", family: "approved" },
  "need.claimed": { template: "need_claimed", family: "claimed" },
  "need.fulfilled": { template: "need_fulfilled", family: "fulfilled" },
};

/**
 * The outside messages of an in-app notice (called by notify). Each key includes the notice's subject
 * and kind: a notice repeated for the same change sends nothing more.
 */
export async function messagesForNotice(
  tx: DbOrTx,
  userIds: string[],
  notice: { kind: string; subjectType: string; subjectId: string; data?: Record<string, unknown> },
  noticeId: string,
): Promise<void> {
  const wish = wishTemplates[notice.kind];
  if (!wish) return;
  const title = String(notice.data?.title ?? "");
  const key = `${notice.kind}:${notice.subjectId}:${noticeId}`;
  await messageUsers(tx, userIds, wish.template, { title }, key);
  await messageFamilies(tx, userIds, title, wish.family, key);
}

/** Sign-up confirmation to the volunteer. */
export async function noticeActivitySignup(
  tx: DbOrTx,
  signup: { id: string; volunteerId: string; title: string; startsAt: Date },
): Promise<void> {
  const params = { title: signup.title, startsAt: formatTianjinDateTime(signup.startsAt, defaultLocale) };
  await messageUsers(tx, [signup.volunteerId], "activity_signup", params, `activity_signup:${signup.id}`);
}

/** Hours approved: the volunteer hears how many, for which activity. */
export async function noticeHoursApproved(tx: DbOrTx, hourEntryId: string): Promise<void> {
  const [entry] = await tx
    .select({ volunteerId: hourEntries.volunteerId, minutes: hourEntries.minutes, title: activities.title })
    .from(hourEntries)
    .innerJoin(activities, eq(activities.id, hourEntries.activityId))
    .where(eq(hourEntries.id, hourEntryId));
  if (!entry || entry.minutes <= 0) return;
  const params = { title: entry.title, hours: Math.round((entry.minutes / 60) * 10) / 10 };
  await messageUsers(tx, [entry.volunteerId], "hours_approved", params, `hours_approved:${hourEntryId}`);
}
