import { formatTianjinDateTime, tianjinDate } from "~/lib/tianjin-time";
import { FilterSelect } from "~/components/filter-select";
import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseOrThrow, searchParamsObject } from "~/lib/validation";
import { ActivityListQuery } from "~/modules/activities/activities.schema";
import { listActivities } from "~/modules/activities/activities.server";
import { placeTree } from "~/modules/places/places.server";
import { hasRole } from "~/modules/accounts/accounts.policy";
import { getViewer } from "~/modules/accounts/auth.server";
import { detectLocale } from "~/lib/locale.server";
import { MatchPanel } from "~/modules/matching/components/match-panel";
import { activitiesForVolunteer, matchPanel } from "~/modules/matching/matches.server";
import { now } from "~/lib/clock.server";
import { tianjinMonth } from "~/lib/tianjin-time";
import { pageMeta } from "~/lib/meta";
import { ActivityOrganiser, ActivityPlaces } from "~/modules/activities/components/activity-facts";

export const access: RouteAccess = { loader: "public" };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (the month, the volunteer's suggestions).
export const handle = { sessionPageCache: true };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.activities"));

/** A month calendar (the month of `?month=YYYY-MM`, default this month) and the list of its activities. */
export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const params = Object.fromEntries(Object.entries(searchParamsObject(new URL(request.url))).filter(([, v]) => v !== ""));
    const month = /^\d{4}-\d{2}$/.test(params.month ?? "") ? params.month! : tianjinMonth(now());
    const [y, m] = month.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const query = parseOrThrow(ActivityListQuery, {
      ...params,
      from: `${month}-01`,
      to: `${month}-${String(last).padStart(2, "0")}`,
      limit: "100",
    });
    const viewer = await getViewer(request);
    const [page, places, suggestions] = await Promise.all([
      listActivities(query),
      placeTree(),
      viewer && hasRole(viewer, "volunteer")
        ? matchPanel(() => activitiesForVolunteer(viewer.id, { locale: detectLocale(request) }))
        : null,
    ]);
    return {
      month,
      days: last,
      firstWeekday: (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7,
      activities: page.items,
      community: query.community ?? "",
      communities: places.communities,
      suggestions,
    };
  });
}

function shiftMonth(month: string, delta: number) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

export default function Activities() {
  const { month, days, firstWeekday, activities, community, communities, suggestions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const dayOf = (iso: string) => Number(tianjinDate(iso).slice(8, 10));
  const keep = community ? `&community=${community}` : "";
  return (
    <>
      <h1>{t("activities.title")}</h1>
      {suggestions ? (
        <MatchPanel
          id="activities-for-you"
          heading={t("matching.activitiesForYou")}
          hint={t("matching.activitiesForYouHint")}
          emptyText={t("matching.noActivities")}
          panel={suggestions}
          toItem={(a) => ({
            id: a.id,
            href: `/activities/${a.id}`,
            title: a.title,
            detail: `${a.communityName} · ${formatTianjinDateTime(a.startsAt, i18n.language)}`,
            score: a.score,
            reasons: a.reasons,
          })}
        />
      ) : null}
      <Form method="get" className="filters">
        <input type="hidden" name="month" value={month} />
        <FilterSelect
          name="community"
          label={t("wishes.community")}
          value={community}
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit">{t("wishes.apply")}</button>
      </Form>
      <nav className="pager" aria-label={t("activities.months")}>
        <Link to={`?month=${shiftMonth(month, -1)}${keep}`}>← {shiftMonth(month, -1)}</Link>
        <strong>{month}</strong>
        <Link to={`?month=${shiftMonth(month, 1)}${keep}`}>{shiftMonth(month, 1)} →</Link>
      </nav>
      <table className="calendar">
        <caption className="visually-hidden">{t("activities.calendar", { month })}</caption>
        <thead>
          <tr>
            {["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => (
              <th key={d} scope="col">
                {t(`weekdays.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: Math.ceil((firstWeekday + days) / 7) }, (_, week) => (
            <tr key={week}>
              {Array.from({ length: 7 }, (_, dow) => {
                const day = week * 7 + dow - firstWeekday + 1;
                const those = activities.filter((a) => dayOf(a.startsAt) === day);
                return (
                  <td key={dow}>
                    {day >= 1 && day <= days ? (
                      <>
                        <span className="calendar__day">{day}</span>
                        {those.map((a) => (
                          <Link key={a.id} to={`/activities/${a.id}`} className="calendar__item">
                            {a.title}
                          </Link>
                        ))}
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("activities.list")}</h2>
      {activities.length === 0 ? <p>{t("activities.none")}</p> : null}
      <ul className="plain">
        {activities.map((a) => (
          <li key={a.id} className="need-card">
            <h3 className="need-card__title">
              <Link to={`/activities/${a.id}`}>{a.title}</Link>
            </h3>
            <p className="need-card__place">
              {formatTianjinDateTime(a.startsAt, i18n.language)} · {a.communityName} · <ActivityOrganiser activity={a} /> ·{" "}
              <ActivityPlaces activity={a} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
