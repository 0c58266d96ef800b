import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { NeedListQuery } from "~/modules/needs/needs.schema";
import { listPublicNeeds } from "~/modules/needs/needs.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await listPublicNeeds(parseQuery(NeedListQuery, request))));
}
