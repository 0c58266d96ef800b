import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, jsonResponse } from "~/lib/api.server";
import { notFound } from "~/lib/errors";
import { getPublicNeed } from "~/modules/needs/needs.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw notFound("need");
    return jsonResponse(await getPublicNeed(id.data));
  });
}
