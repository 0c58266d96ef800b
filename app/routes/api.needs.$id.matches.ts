import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { detectLocale } from "~/lib/locale.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { matchOffersForNeed } from "~/modules/matching/matches.server";
import { MatchQueryParams } from "~/modules/matching/matching.schema";

export const access: RouteAccess = { loader: "user" };

// Ranked offers for a need, each with `score` and `reasons`; 503 `unavailable` while search is down.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    // The session is checked while the need is read (one database round trip less to wait for). It
    // still answers first: signed out is 401 whatever else is wrong, and nothing of the need is used before.
    const session = requireUser(request);
    session.catch(() => {});
    let query: ReturnType<typeof parseQuery<typeof MatchQueryParams>>;
    let needId: string;
    try {
      query = parseQuery(MatchQueryParams, request);
      needId = parseId(params.id, "need");
    } catch (error) {
      await session;
      throw error;
    }
    const { items } = await matchOffersForNeed(needId, { ...query, viewer: session, locale: detectLocale(request) });
    return jsonResponse({ items, nextCursor: null, engine: query.engine }, { headers: { "Cache-Control": "private, no-store" } });
  });
}
