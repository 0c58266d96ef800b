import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { listActivities } from "~/modules/activities/activities.server";
import { agreementsOfStreet } from "~/modules/agreements/agreements.server";
import { listPublicNeeds } from "~/modules/needs/needs.server";
import { placeTree } from "~/modules/places/places.server";
import { showcaseSummary } from "~/modules/showcase/showcase.server";
import { ShowcaseFigures } from "~/modules/showcase/components/showcase-figures";
import { PlaceSections } from "~/modules/showcase/components/place-sections";
import { now } from "~/lib/clock.server";
import { tianjinDate } from "~/lib/tianjin-time";
import { pageMeta } from "~/lib/meta";
import { problemFiguresByCommunity, resolvedProblems } from "~/modules/problems/problems.server";
import { ResolvedProblems } from "~/modules/problems/components/resolved-problems";

export const access: RouteAccess = { loader: "public" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => ({
    title: data ? t("titles.placeShowcase", { place: data.street.name }) : t("titles.showcase"),
    description: t("titles.placeShowcaseDescription"),
  }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = parseId(params.id, "street");
    const places = await placeTree();
    const street = places.streets.find((s) => s.id === id);
    if (!street) throw new Response("not found", { status: 404 });
    const today = tianjinDate(now());
    const [summary, open, upcoming, agreements, resolved, problemFigures] = await Promise.all([
      showcaseSummary({ street: id }),
      listPublicNeeds({ street: id, status: "published", limit: 6 }),
      listActivities({ street: id, from: today, limit: 6 }),
      agreementsOfStreet(id),
      resolvedProblems({ streetId: id }, 6),
      problemFiguresByCommunity({ streetId: id }),
    ]);
    return data(
      {
        street,
        communities: places.communities.filter((c) => c.streetId === id),
        summary,
        open: open.items,
        upcoming: upcoming.items,
        resolved,
        problemFigures,
        partners: [
          ...new Map(agreements.filter((a) => a.status === "active").map((a) => [a.organisationId, a.organisationName])).entries(),
        ],
      },
      { headers: publicPageHeaders(request) },
    );
  });
}

export default function StreetShowcase() {
  const { street, communities, summary, open, upcoming, partners, resolved, problemFigures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to="/showcase">← {t("showcase.title")}</Link>
      </p>
      <h1>{street.name}</h1>
      <ul className="link-row">
        {communities.map((c) => (
          <li key={c.id}>
            <Link to={`/showcase/communities/${c.id}`}>{c.name}</Link>
          </li>
        ))}
      </ul>
      <ShowcaseFigures summary={summary} />
      <PlaceSections partners={partners} open={open} upcoming={upcoming} showCommunity />
      <ResolvedProblems problems={resolved} figures={problemFigures} />
    </>
  );
}
