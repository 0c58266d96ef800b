import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { CorrectionAnswerInput } from "~/modules/activities/activities.schema";
import { answerCorrection } from "~/modules/ledger/hour-entries.server";

export const access: RouteAccess = { action: "user" };

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const { accept, answer } = await parseJsonBody(CorrectionAnswerInput, request);
    return jsonResponse(await answerCorrection(viewer, parseId(params.id, "correction request"), accept, answer));
  });
}
