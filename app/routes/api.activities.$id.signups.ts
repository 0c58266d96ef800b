import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { cancelSignUp, signUpForActivity } from "~/modules/activities/activities.server";

export const access: RouteAccess = { action: "user" };

// POST signs the volunteer up (409 when full or already signed up); DELETE cancels.
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const id = parseId(params.id, "activity");
    if (request.method === "DELETE") {
      await cancelSignUp(viewer, id);
      return new Response(null, { status: 204 });
    }
    if (request.method !== "POST") throw new AppError("not_found", "use POST or DELETE");
    return jsonResponse(await signUpForActivity(viewer, id), { status: 201 });
  });
}
