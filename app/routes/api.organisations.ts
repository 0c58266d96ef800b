import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody, parseQuery } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { requireUser } from "~/modules/accounts/auth.server";
import { OrganisationInput, OrganisationListQuery } from "~/modules/organisations/organisations.schema";
import { createOrganisation, listOrganisations } from "~/modules/organisations/organisations.server";

export const access: RouteAccess = { loader: "public", action: "user" };

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await listOrganisations(parseQuery(OrganisationListQuery, request))));
}

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "POST") throw new AppError("not_found", "use POST to register an organisation");
    return jsonResponse(await createOrganisation(viewer, await parseJsonBody(OrganisationInput, request)), { status: 201 });
  });
}
