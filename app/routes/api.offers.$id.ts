import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { parseId } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { OfferPatch } from "~/modules/offers/offers.schema";
import { getOffer, updateOffer } from "~/modules/offers/offers.server";

export const access: RouteAccess = { loader: "public", action: "user" };

export async function loader({ params }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await getOffer(parseId(params.id, "offer"))));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "PATCH") throw new AppError("not_found", "use PATCH to change an offer");
    return jsonResponse(await updateOffer(viewer, parseId(params.id, "offer"), await parseJsonBody(OfferPatch, request)));
  });
}
