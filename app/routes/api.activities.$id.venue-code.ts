import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { forbidden } from "~/lib/errors";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { getActivity, isOrganiser } from "~/modules/activities/activities.server";
import { venueCode, venueCodeUrl } from "~/modules/activities/venue-code.server";

export const access: RouteAccess = { loader: "user" };

/**
 * The organiser's venue code: volunteers scan it (as a link) to check in and out. It changes every
 * minute and the previous one is still accepted: a screen showing it fetches a fresh one each minute.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const activity = await getActivity(parseId(params.id, "activity"));
    if (!isOrganiser(viewer, activity)) throw forbidden("only the activity's organisers show the venue code");
    const token = venueCode(activity.id);
    return jsonResponse(
      { token, url: venueCodeUrl(new URL(request.url).origin, activity.id, token) },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
