import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { exportPersonalData } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/modules/accounts/auth.server";

export const access: RouteAccess = { loader: "user" };

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () =>
    jsonResponse(await exportPersonalData(await requireUser(request)), { headers: { "Cache-Control": "private, no-store" } }),
  );
}
