import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { ListPageQuery } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { listMyNeeds } from "~/modules/needs/my-needs.server";

export const access: RouteAccess = { loader: "user" };

/** GET /api/me/needs: the signed-in user's own wishes (posted by them or for them), every status. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const page = await listMyNeeds(viewer, parseQuery(ListPageQuery, request));
    return jsonResponse(page, { headers: { "Cache-Control": "private, no-store" } });
  });
}
