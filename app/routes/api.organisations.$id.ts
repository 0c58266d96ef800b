import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { parseId } from "~/lib/validation";
import { getViewer, requireUser } from "~/modules/accounts/auth.server";
import { OrganisationPatch } from "~/modules/organisations/organisations.schema";
import { getOrganisation, updateOrganisation } from "~/modules/organisations/organisations.server";

export const access: RouteAccess = { loader: "public", action: "user" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await getOrganisation(await getViewer(request), parseId(params.id, "organisation"))));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "PATCH") throw new AppError("not_found", "use PATCH to change an organisation");
    return jsonResponse(
      await updateOrganisation(viewer, parseId(params.id, "organisation"), await parseJsonBody(OrganisationPatch, request)),
    );
  });
}
