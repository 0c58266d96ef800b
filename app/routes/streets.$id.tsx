import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { governsStreet } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { OfferList } from "~/modules/offers/components/offer-list";
import { streetOverview } from "~/modules/places/place-overview.server";
import { PlaceOverview } from "~/modules/places/components/place-overview";

export const access: RouteAccess = { loader: ["community_staff", "street_admin", "platform_admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.overview.street.name ?? ""} | 邻里 Linli` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const streetId = parseId(params.id, "street");
    // The street's admin, platform admins, and staff of its communities (read only).
    const staffHere = viewer.memberships.some((m) => m.role === "community_staff" && m.communityStreetId === streetId);
    if (!governsStreet(viewer, streetId) && !staffHere) throw new Response("not your street", { status: 403 });
    return { overview: await streetOverview(streetId) };
  });
}

export default function StreetPage() {
  const { overview } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{overview.street.name}</h1>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("wishes.community")}</th>
            <th scope="col">{t("place.openNeeds")}</th>
            <th scope="col">{t("place.completed")}</th>
          </tr>
        </thead>
        <tbody>
          {overview.communities.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/communities/${c.id}`}>{c.name}</Link>
              </td>
              <td>
                <Link to={`/wishes?community=${c.id}&status=published`}>{c.open_needs}</Link>
              </td>
              <td>
                <Link to={`/wishes?community=${c.id}&status=completed`}>{c.completed}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
      <section>
        <h2>{t("place.offersByCategory")}</h2>
        {overview.offersByCategory.map((group) => (
          <details key={group.category}>
            <summary>
              {t(`category.${group.category}`)} ({group.offers.length})
            </summary>
            <OfferList offers={group.offers} />
          </details>
        ))}
      </section>
    </>
  );
}
