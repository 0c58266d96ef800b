import type { RouteAccess } from "~/lib/access";
import { placeShowcaseHead } from "~/modules/showcase/place-showcase-head";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { communityById } from "~/modules/places/places.server";
import { placeShowcase } from "~/modules/showcase/showcase.server";
import { ShowcaseFigures } from "~/modules/showcase/components/showcase-figures";
import { PlaceSections } from "~/modules/showcase/components/place-sections";
import { pageMeta } from "~/lib/meta";
import { ResolvedProblems } from "~/modules/problems/components/resolved-problems";

export const access: RouteAccess = { loader: "public" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t, data) => placeShowcaseHead(t, data?.community.name));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = parseId(params.id, "community");
    const community = await communityById(id);
    if (!community) throw new Response("not found", { status: 404 });
    return data({ community, ...(await placeShowcase({ community: id })) }, { headers: publicPageHeaders(request) });
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
