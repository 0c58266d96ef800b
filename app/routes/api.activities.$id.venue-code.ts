import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { forbidden } from "~/lib/errors";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { getActivity, isOrganiser, venueToken } from "~/modules/activities/activities.server";

export const access: RouteAccess = { loader: "user" };

/** The organiser's venue code: volunteers scan it (as a link) to check in and out. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const activity = await getActivity(parseId(params.id, "activity"));
    if (!isOrganiser(viewer, activity)) throw forbidden("only the activity's organisers show the venue code");
    const token = venueToken(activity.id);
    return jsonResponse({
      token,
      url: `${new URL(request.url).origin}/activities/${activity.id}/check-in?token=${encodeURIComponent(token)}`,
    });
  });
}
