import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { listActivities } from "~/modules/activities/activities.server";
import { agreementsOfCommunity } from "~/modules/agreements/agreements.server";
import { listPublicNeeds } from "~/modules/needs/needs.server";
import { communityById } from "~/modules/places/places.server";
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
    title: data ? t("titles.placeShowcase", { place: data.community.name }) : t("titles.showcase"),
    description: t("titles.placeShowcaseDescription"),
  }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = parseId(params.id, "community");
    const community = await communityById(id);
    if (!community) throw new Response("not found", { status: 404 });
    const today = tianjinDate(now());
    const [summary, open, upcoming, agreements, resolved, problemFigures] = await Promise.all([
      showcaseSummary({ community: id }),
      listPublicNeeds({ community: id, status: "published", limit: 6 }),
      listActivities({ community: id, from: today, limit: 6 }),
      agreementsOfCommunity(id),
      resolvedProblems({ communityId: id }, 6),
      problemFiguresByCommunity({ communityId: id }),
    ]);
    return data(
      {
        community,
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

export default function CommunityShowcase() {
  const { community, summary, open, upcoming, partners, resolved, problemFigures } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/showcase/streets/${community.streetId}`}>← {community.streetName}</Link>
      </p>
      <h1>{community.name}</h1>
      <ShowcaseFigures summary={summary} />
      <PlaceSections partners={partners} open={open} upcoming={upcoming} />
      <ResolvedProblems problems={resolved} figures={problemFigures} />
    </>
  );
}
