import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, parseQuery } from "~/lib/api.server";
import { ShowcaseScope } from "~/modules/showcase/showcase.schema";
import { etagOf, showcaseSummary } from "~/modules/showcase/showcase.server";

export const access: RouteAccess = { loader: "public" };

/** Public counts (no session needed), cacheable: Cache-Control and an ETag answered with 304. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const summary = await showcaseSummary(parseQuery(ShowcaseScope, request));
    const body = JSON.stringify(summary);
    const etag = etagOf(body);
    const headers = {
      "Cache-Control": "public, max-age=60, s-maxage=300, stale-while-revalidate=600",
      ETag: etag,
      "Content-Type": "application/json; charset=utf-8",
    };
    if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
    return new Response(body, { headers });
  });
}
