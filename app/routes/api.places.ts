import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { placeTree } from "~/modules/places/places.server";

export const access: RouteAccess = { loader: "public" };

export async function loader() {
  return apiHandler(async () => jsonResponse(await placeTree(), { headers: { "Cache-Control": "public, max-age=300" } }));
}
