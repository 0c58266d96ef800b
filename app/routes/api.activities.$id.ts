import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { getActivity } from "~/modules/activities/activities.server";

export const access: RouteAccess = { loader: "public" };

export async function loader({ params }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await getActivity(parseId(params.id, "activity"))));
}
