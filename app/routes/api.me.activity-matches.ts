import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { detectLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { activitiesForVolunteer } from "~/modules/matching/matches.server";
import { MatchQueryParams } from "~/modules/matching/matching.schema";

export const access: RouteAccess = { loader: "user" };

// Scheduled activities near the signed-in user's home that fit what they joined before (soonest nearby without a history).
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const { limit } = parseQuery(MatchQueryParams.pick({ limit: true }), request);
    const { items } = await activitiesForVolunteer(viewer.id, { limit, locale: detectLocale(request) });
    return jsonResponse({ items, nextCursor: null }, { headers: { "Cache-Control": "private, no-store" } });
  });
}
