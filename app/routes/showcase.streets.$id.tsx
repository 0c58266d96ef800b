import type { RouteAccess } from "~/lib/access";
import { placeShowcaseHead } from "~/modules/showcase/place-showcase-head";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { placeTree } from "~/modules/places/places.server";
import { placeShowcase } from "~/modules/showcase/showcase.server";
import { ShowcaseFigures } from "~/modules/showcase/components/showcase-figures";
import { PlaceSections } from "~/modules/showcase/components/place-sections";
import { pageMeta } from "~/lib/meta";
import { ResolvedProblems } from "~/modules/problems/components/resolved-problems";

export const access: RouteAccess = { loader: "public" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t, data) => placeShowcaseHead(t, data?.street.name));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = parseId(params.id, "street");
    const places = await placeTree();
    const street = places.streets.find((s) => s.id === id);
    if (!street) throw new Response("not found", { status: 404 });
    return data(
      { street, communities: places.communities.filter((c) => c.streetId === id), ...(await placeShowcase({ street: id })) },
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
