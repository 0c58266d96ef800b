import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody, parseQuery } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { idempotentCreate } from "~/lib/idempotency.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { ActivityInput, ActivityListQuery } from "~/modules/activities/activities.schema";
import { createActivity, listActivities } from "~/modules/activities/activities.server";

export const access: RouteAccess = { loader: "public", action: "user" };

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await listActivities(parseQuery(ActivityListQuery, request))));
}

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "POST") throw new AppError("not_found", "use POST to create an activity");
    return idempotentCreate(request, viewer.id, "POST /api/activities", async () =>
      jsonResponse(await createActivity(viewer, await parseJsonBody(ActivityInput, request)), { status: 201 }),
    );
  });
}
