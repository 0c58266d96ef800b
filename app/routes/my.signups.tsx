import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/api.server";
import { loadPage } from "~/lib/page.server";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { ListPageQuery } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listMySignups } from "~/modules/activities/my-signups.server";
import { pageMeta } from "~/lib/meta";
import { CursorPager } from "~/components/cursor-pager";

export const access: RouteAccess = { loader: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.mySignups"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => listMySignups(viewer, parseQuery(ListPageQuery, request)));
}

export default function MySignups() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  return (
    <section className="my-list">
      <h1>{t("my.signups.title")}</h1>
      <p className="muted">{t("my.signups.intro")}</p>
      <p>
        <Link to="/activities">{t("my.signups.browse")}</Link> · <Link to="/my/hours">{t("my.signups.myHours")}</Link>
      </p>
      {page.items.length === 0 ? <p>{t("my.signups.empty")}</p> : null}
      <ul className="plain my-items">
        {page.items.map((s) => (
          <li key={s.id} className={`need-card${s.upcoming ? "" : " my-items--past"}`}>
            <p className="need-card__meta">
              <span className={`badge badge--signup-${s.state}`}>{t(`my.signups.states.${s.state}`)}</span>{" "}
              <span className="badge badge--kind">{t(s.upcoming ? "my.signups.upcoming" : "my.signups.past")}</span>
            </p>
            <h2 className="need-card__title">
              <Link to={`/activities/${s.activityId}`}>{s.activityTitle}</Link>
            </h2>
            <p className="need-card__place">
              <time dateTime={s.startsAt}>{time(s.startsAt)}</time> · {s.communityName}
              {s.organisationName ? ` · ${s.organisationName}` : ""}
              {s.location ? ` · ${s.location}` : ""}
            </p>
            {s.checkInAt ? (
              <p>
                {t("my.signups.checkedInAt", { time: time(s.checkInAt) })}
                {s.checkOutAt ? ` · ${t("my.signups.checkedOutAt", { time: time(s.checkOutAt) })}` : ""}
                {s.minutes !== null ? ` · ${t("my.signups.minutes", { count: s.minutes })}` : ""}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <CursorPager nextCursor={page.nextCursor} />
    </section>
  );
}
