import type { ActionFunctionArgs } from "@remix-run/node";
import type { RouteAccess } from "~/lib/access";
import { apiHandler } from "~/lib/api.server";
import { notFound } from "~/lib/errors";
import { requireUser } from "~/modules/accounts/auth.server";

export const access: RouteAccess = { loader: "public", action: "user" };

// Unknown API paths answer in the API's error shape, not with the HTML 404 page.
export async function loader() {
  return apiHandler(async () => {
    throw notFound("API endpoint");
  });
}

// Every write needs a session: an anonymous write is 401 whether or not the endpoint exists.
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    await requireUser(request);
    throw notFound("API endpoint");
  });
}
