import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { decideHourEntry } from "~/modules/ledger/hour-entries.server";

export const access: RouteAccess = { action: "user" };

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const id = parseId(params.id, "hour entry");
    return jsonResponse(await decideHourEntry(viewer, id, "approved"));
  });
}
