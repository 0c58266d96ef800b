import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { meView } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/modules/accounts/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(meView(await requireUser(request)), { headers: { "Cache-Control": "private, no-store" } }));
}
