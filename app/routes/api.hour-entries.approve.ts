import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { approveHourEntries } from "~/modules/ledger/hour-entries.server";

export const access: RouteAccess = { action: "user" };

const BulkApproval = z.object({ ids: z.array(z.uuid()).min(1).max(200) });

/** Approve many at once: each entry stands alone, the answer says which were refused and why. */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const { ids } = await parseJsonBody(BulkApproval, request);
    return jsonResponse({ items: await approveHourEntries(viewer, ids) });
  });
}
