import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { ListPageQuery } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { listMyClaims } from "~/modules/claims/my-claims.server";

export const access: RouteAccess = { loader: "user" };

/** GET /api/me/claims: the claims of the signed-in user's organisations, with dueAt and overdue. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const page = await listMyClaims(viewer, parseQuery(ListPageQuery, request));
    return jsonResponse(page, { headers: { "Cache-Control": "private, no-store" } });
  });
}
