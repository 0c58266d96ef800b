import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { notFound } from "~/lib/errors";
import { getViewer } from "~/modules/accounts/auth.server";
import { getNeedFor } from "~/modules/needs/needs.server";

export const access: RouteAccess = { loader: "public" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw notFound("need");
    return jsonResponse(await getNeedFor(await getViewer(request), id.data));
  });
}
