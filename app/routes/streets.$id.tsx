import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { governsStreet } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { OffersByCategory } from "~/modules/offers/components/offers-by-category";
import { ColumnChart } from "~/components/charts";
import { streetOverview } from "~/modules/places/place-overview.server";
import { PlaceOverview } from "~/modules/places/components/place-overview";
import { monthLabel } from "~/modules/places/months";
import { pageMeta } from "~/lib/meta";
import { caseDashboard } from "~/modules/problems/problems.server";
import { CaseDashboard } from "~/modules/problems/components/case-dashboard";

export const access: RouteAccess = { loader: ["community_staff", "street_admin", "platform_admin"] };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads.
export const handle = { sessionPageCache: true };

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t, data) => data?.overview.street.name ?? t("titles.street"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const streetId = parseId(params.id, "street");
    // The street's admin, platform admins, and staff of its communities (read only).
    const staffHere = viewer.memberships.some((m) => m.role === "community_staff" && m.communityStreetId === streetId);
    if (!governsStreet(viewer, streetId) && !staffHere) throw new Response("not your street", { status: 403 });
    // The report is the street's: its admin and platform admins download it, community staff read the page only.
    return {
      overview: await streetOverview(streetId),
      canExport: governsStreet(viewer, streetId),
      cases: await caseDashboard({ streetId }),
    };
  });
}

export default function StreetPage() {
  const { overview, canExport, cases } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  // Twelve months, oldest first, each named with its year.
  const monthlyHours = overview.months.map((m) => {
    const { label, sublabel, full } = monthLabel(m, i18n.language);
    return { label, sublabel, full, value: Math.round(overview.communities.reduce((sum, c) => sum + (c.minutesByMonth[m] ?? 0), 0) / 60) };
  });
  return (
    <>
      <h1>{overview.street.name}</h1>
      {canExport ? (
        <p>
          <a href={`/streets/${overview.street.id}/report.csv`} download>
            {t("streetDashboard.export")}
          </a>
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table table--wide">
          <thead>
            <tr>
              <th scope="col">{t("wishes.community")}</th>
              <th scope="col">{t("streetDashboard.posted")}</th>
              <th scope="col">{t("streetDashboard.completed")}</th>
              <th scope="col">{t("streetDashboard.medianDays")}</th>
              <th scope="col">{t("streetDashboard.openByCategory")}</th>
              <th scope="col">{t("streetDashboard.partners")}</th>
              <th scope="col">{t("streetDashboard.hours")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.communities.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/communities/${c.id}`}>{c.name}</Link>
                </th>
                <td>
                  <Link to={`/wishes?community=${c.id}&kind=micro_wish`}>{c.posted}</Link>
                </td>
                <td>
                  <Link to={`/wishes?community=${c.id}&status=completed`}>{c.completed}</Link>
                </td>
                <td>{c.medianDaysToClaim ?? "—"}</td>
                <td>
                  {Object.entries(c.openByCategory).map(([category, n]) => (
                    <Link key={category} className="chip" to={`/wishes?community=${c.id}&status=published&category=${category}`}>
                      {t(`category.${category}`)} {n}
                    </Link>
                  ))}
                </td>
                <td>
                  <Link to={`/communities/${c.id}`}>
                    {c.partners} / {c.agreements}
                  </Link>
                </td>
                <td>
                  <a
                    href={`/exports/hours.csv?community=${c.id}`}
                    download
                    title={t("streetReport.communityHoursLink", { community: c.name })}
                    aria-label={t("streetReport.communityHoursLink", { community: c.name })}
                  >
                    {c.hoursTotal}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("partners.definition")}</p>
      <CaseDashboard data={cases} />
      <section>
        <h2>{t("streetDashboard.hoursChart")}</h2>
        <ColumnChart
          title={t("streetDashboard.hoursChart")}
          description={monthlyHours.map((m) => `${m.full}: ${m.value}`).join(", ")}
          bars={monthlyHours}
        />
        <h2>{t("streetDashboard.completedChart")}</h2>
        <ColumnChart
          title={t("streetDashboard.completedChart")}
          description={overview.communities.map((c) => `${c.name}: ${c.completed}`).join(", ")}
          bars={overview.communities.map((c) => ({ label: c.name.replace("社区", ""), value: c.completed }))}
        />
      </section>
      <p>
        <a href="/exports/hours.csv" download>
          {t("place.exportHours")}
        </a>{" "}
        ·{" "}
        <a href="/exports/totals.csv" download>
          {t("place.exportTotals")}
        </a>
      </p>
      <PlaceOverview agreements={overview.agreements} gaps={overview.gaps} />
      <OffersByCategory groups={overview.offersByCategory} />
    </>
  );
}
