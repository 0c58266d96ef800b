import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { ListPageQuery } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { listMySignups } from "~/modules/activities/my-signups.server";

export const access: RouteAccess = { loader: "user" };

/** GET /api/me/signups: the signed-in user's own sign-ups with where each stands, upcoming first. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const page = await listMySignups(viewer, parseQuery(ListPageQuery, request));
    return jsonResponse(page, { headers: { "Cache-Control": "private, no-store" } });
  });
}
