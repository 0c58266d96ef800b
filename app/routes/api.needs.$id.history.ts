import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { getViewer } from "~/modules/accounts/auth.server";
import { historyOf } from "~/modules/audit/audit.server";
import { getNeedFor } from "~/modules/needs/needs.server";
import { maskName } from "~/modules/needs/privacy";

export const access: RouteAccess = { loader: "public" };

// Whoever may see the need may see its history; the actors' names are shown as on public pages.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const id = parseId(params.id, "need");
    const viewer = await getViewer(request);
    const need = await getNeedFor(viewer, id);
    const events = await historyOf("need", id);
    const full = !!need.private;
    // The resident's rating is for the resident and staff: the organisation sees the rest of the record.
    const seesRating = !!need.private && "rating" in need.private;
    const dataOf = (data: unknown) => {
      if (!full) return {};
      if (seesRating || !data || typeof data !== "object") return data;
      const { rating: _rating, ...rest } = data as Record<string, unknown>;
      return rest;
    };
    return jsonResponse({
      items: events.map((e) => ({
        id: e.id,
        action: e.action,
        createdAt: e.createdAt,
        actorName: full ? e.actorName : e.actorName && maskName(e.actorName),
        data: dataOf(e.data),
      })),
      nextCursor: null,
    });
  });
}
