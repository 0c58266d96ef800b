import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { requireUser } from "~/modules/accounts/auth.server";
import { AgreementInput } from "~/modules/agreements/agreements.schema";
import { proposeAgreement } from "~/modules/agreements/agreements.server";

export const access: RouteAccess = { action: "user" };

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "POST") throw new AppError("not_found", "use POST to propose an agreement");
    return jsonResponse(await proposeAgreement(viewer, await parseJsonBody(AgreementInput, request)), { status: 201 });
  });
}
