import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { AttendanceInput } from "~/modules/activities/activities.schema";
import { recordAttendance } from "~/modules/activities/activities.server";

export const access: RouteAccess = { action: "user" };

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const result = await recordAttendance(viewer, parseId(params.id, "activity"), await parseJsonBody(AttendanceInput, request));
    return jsonResponse(result, { status: result.hourEntry ? 201 : 200 });
  });
}
