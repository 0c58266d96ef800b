import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { reverseHourEntry } from "~/modules/ledger/hour-entries.server";
import { ReasonInput } from "~/modules/activities/activities.schema";

export const access: RouteAccess = { action: "user" };

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const id = parseId(params.id, "hour entry");
    const { reason } = await parseJsonBody(ReasonInput, request);
    return jsonResponse(await reverseHourEntry(viewer, id, reason), { status: 201 });
  });
}
