import { formatTianjinDateTime } from "~/lib/tianjin-time";
import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listNotifications, markAllRead } from "~/modules/notifications/notifications.server";
import { notificationHref } from "~/modules/notifications/links";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.notifications"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return { notifications: await listNotifications(viewer.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  await markAllRead(viewer.id);
  return redirect("/notifications", 303);
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
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
              {t(`notifications.kinds.${n.kind.replace(".", "_")}`, { title: String(n.data.title ?? "") })}
            </Link>{" "}
            <time dateTime={n.createdAt}>{formatTianjinDateTime(n.createdAt, i18n.language, {})}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}
