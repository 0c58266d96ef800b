import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { getViewer } from "~/modules/accounts/auth.server";
import { getNeedFor } from "~/modules/needs/needs.server";

export const access: RouteAccess = { loader: "public" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const id = parseId(params.id, "need");
    return jsonResponse(await getNeedFor(await getViewer(request), id));
  });
}
