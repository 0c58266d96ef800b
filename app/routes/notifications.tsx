import { formatTianjinDateTime } from "~/lib/tianjin-time";
import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listNotifications, markAllRead } from "~/modules/notifications/notifications.server";
import { notificationHref } from "~/modules/notifications/links";
import { manageableGroups, messageSettings, saveMessageSettings, setGroupWebhook } from "~/modules/messages/consent.server";
import { listMyMessages } from "~/modules/messages/messages.server";
import { GroupWebhookInput, MessageSettingsInput } from "~/modules/messages/messages.schema";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.notifications"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const [notifications, settings, sent, groups] = await Promise.all([
    listNotifications(viewer.id),
    messageSettings(viewer.id),
    listMyMessages(viewer.id),
    manageableGroups(viewer),
  ]);
  return { notifications, settings, sent, groups };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const values = await readForm(request);
  return formAction(values, async () => {
    // The settings (channels, family contact) and group robots; otherwise "mark all read".
    if (values.intent === "settings") {
      await saveMessageSettings(viewer.id, parseOrThrow(MessageSettingsInput, values));
      return redirect("/notifications?saved=1#settings", 303);
    }
    if (values.intent === "group") {
      const input = parseOrThrow(GroupWebhookInput, values);
      await setGroupWebhook(viewer, input.owner, input.url);
      return redirect("/notifications?saved=1#groups", 303);
    }
    await markAllRead(viewer.id);
    return redirect("/notifications", 303);
  });
}

export default function Notifications() {
  const { notifications, settings, sent, groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const failed = result && "values" in result ? result.values : null;
  // After a refused save, the boxes as they were ticked then, not as stored: fixing the number keeps the choice.
  const ticked = (channel: "sms" | "email", stored: boolean) => (failed?.intent === "settings" ? failed[channel] === "on" : stored);
  const { t, i18n } = useTranslation();
  const consentNote = (c: { optedIn: boolean; source: string; recordedAt: string } | null) =>
    c
      ? t("messages.settings.recorded", {
          at: formatTianjinDateTime(c.recordedAt, i18n.language),
          source: t(`messages.sources.${c.source}`),
        })
      : null;
  return (
    <section className="narrow">
      <h1>{t("notifications.title")}</h1>
      {notifications.some((n) => !n.read) ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="plain notification-list">
        {notifications.map((n) => (
          <li key={n.id} className={n.read ? "" : "unread"}>
            <Link to={notificationHref(n)}>
              {t(`notifications.kinds.${n.kind.replace(".", "_")}`, { title: String(n.data.title ?? ""), ...n.data })}
            </Link>{" "}
            <time dateTime={n.createdAt}>{formatTianjinDateTime(n.createdAt, i18n.language, {})}</time>
          </li>
        ))}
      </ul>

      <h2 id="settings">{t("messages.settings.title")}</h2>
      <p className="muted">{t("messages.settings.intro")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="settings" />
        <FormError error={failed?.intent === "settings" ? errors._form : undefined} />
        {settings.hasPhone ? (
          <label className="choice">
            <input type="checkbox" name="sms" value="on" defaultChecked={ticked("sms", settings.sms?.optedIn ?? false)} /> {t("messages.settings.sms")}
            {settings.sms ? <span className="muted"> {consentNote(settings.sms)}</span> : null}
          </label>
        ) : null}
        {settings.hasEmail ? (
          <label className="choice">
            <input type="checkbox" name="email" value="on" defaultChecked={ticked("email", settings.email?.optedIn ?? false)} />{" "}
            {t("messages.settings.email")}
            {settings.email ? <span className="muted"> {consentNote(settings.email)}</span> : null}
          </label>
        ) : null}
        <p className="muted">{t("messages.settings.quiet")}</p>
        <fieldset className="stack">
          <legend>{t("messages.settings.family")}</legend>
          <p className="muted">{t("messages.settings.familyHint")}</p>
          <TextField
            name="familyName"
            label={t("messages.settings.familyName")}
            error={errors.familyName}
            defaultValue={failed?.familyName ?? settings.family?.name}
          />
          <TextField
            name="familyPhone"
            label={t("messages.settings.familyPhone")}
            error={errors.familyPhone}
            defaultValue={failed?.familyPhone ?? settings.family?.phone}
            inputMode="tel"
          />
        </fieldset>
        <button type="submit" className="button">
          {t("messages.settings.save")}
        </button>
      </Form>

      {groups.length > 0 ? (
        <>
          <h2 id="groups">{t("messages.groups.title")}</h2>
          <p className="muted">{t("messages.groups.intro")}</p>
          {groups.map((g) => (
            <Form method="post" className="stack" key={g.owner}>
              <input type="hidden" name="intent" value="group" />
              <input type="hidden" name="owner" value={g.owner} />
              <TextField
                name="url"
                label={t("messages.groups.url", { name: g.name })}
                hint={g.url ? t("messages.groups.current", { url: g.url }) : t("messages.groups.none")}
                error={failed?.owner === g.owner ? errors.url : undefined}
              />
              <button type="submit" className="button button--secondary">
                {t("messages.groups.save")}
              </button>
            </Form>
          ))}
        </>
      ) : null}

      <h2 id="sent">{t("messages.log.title")}</h2>
      {sent.length === 0 ? <p>{t("messages.log.empty")}</p> : null}
      <ul className="plain notification-list">
        {sent.map((m) => (
          <li key={m.id}>
            <span>
              {t(`messages.channels.${m.channel}`)} · {m.to} · {t(`messages.statuses.${m.status}`)}
            </span>
            <br />
            {m.text} <time dateTime={m.createdAt}>{formatTianjinDateTime(m.createdAt, i18n.language)}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}
