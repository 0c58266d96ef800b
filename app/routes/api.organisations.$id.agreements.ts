import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { agreementsOfOrganisation } from "~/modules/agreements/agreements.server";

export const access: RouteAccess = { loader: "public" };

// Partner lists are public.
export async function loader({ params }: LoaderFunctionArgs) {
  return apiHandler(async () =>
    jsonResponse({ items: await agreementsOfOrganisation(parseId(params.id, "organisation")), nextCursor: null }),
  );
}
