import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { detectLocale } from "~/lib/locale.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { matchNeedsForOffer } from "~/modules/matching/matches.server";
import { MatchQueryParams } from "~/modules/matching/matching.schema";

export const access: RouteAccess = { loader: "user" };

// Open needs this offer could serve, ranked, each with `score` and `reasons`.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const query = parseQuery(MatchQueryParams, request);
    const { items } = await matchNeedsForOffer(parseId(params.id, "offer"), { ...query, viewer, locale: detectLocale(request) });
    return jsonResponse({ items, nextCursor: null, engine: query.engine }, { headers: { "Cache-Control": "private, no-store" } });
  });
}
