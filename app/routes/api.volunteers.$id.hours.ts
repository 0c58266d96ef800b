import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { volunteerRecord } from "~/modules/ledger/hour-entries.server";

export const access: RouteAccess = { loader: "user" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    return jsonResponse(await volunteerRecord(viewer, parseId(params.id, "volunteer")), {
      headers: { "Cache-Control": "private, no-store" },
    });
  });
}
