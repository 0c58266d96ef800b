import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { CorrectionRequestInput } from "~/modules/activities/activities.schema";
import { requestCorrection } from "~/modules/ledger/hour-entries.server";

export const access: RouteAccess = { action: "user" };

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    return jsonResponse(await requestCorrection(viewer, await parseJsonBody(CorrectionRequestInput, request)), { status: 201 });
  });
}
