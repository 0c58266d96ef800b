import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler, jsonResponse, parseJsonBody, parseQuery } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { idempotentCreate } from "~/lib/idempotency.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { OfferInput, OfferListQuery } from "~/modules/offers/offers.schema";
import { createOffer, listOffers } from "~/modules/offers/offers.server";

export const access: RouteAccess = { loader: "public", action: "user" };

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await listOffers(parseQuery(OfferListQuery, request))));
}

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "POST") throw new AppError("not_found", "use POST to publish an offer");
    return idempotentCreate(request, viewer.id, "POST /api/offers", async () =>
      jsonResponse(await createOffer(viewer, await parseJsonBody(OfferInput, request)), { status: 201 }),
    );
  });
}
