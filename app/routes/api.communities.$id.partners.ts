import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { agreementsOfCommunity } from "~/modules/agreements/agreements.server";

export const access: RouteAccess = { loader: "public" };

/** The community's partners: organisations with an active agreement covering it (its own or its street's). */
export async function loader({ params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const agreements = await agreementsOfCommunity(parseId(params.id, "community"));
    return jsonResponse({ items: agreements.filter((a) => a.status === "active"), nextCursor: null });
  });
}
