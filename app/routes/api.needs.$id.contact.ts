import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { revealContact } from "~/modules/needs/needs.server";

export const access: RouteAccess = { action: "user" };

// The resident's contact for the organisation holding the wish: revealed on request, and audited.
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const id = parseId(params.id, "need");
    return jsonResponse(await revealContact(viewer, id));
  });
}
