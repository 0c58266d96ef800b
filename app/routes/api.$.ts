import type { RouteAccess } from "~/lib/access";
import { apiHandler } from "~/lib/api.server";
import { notFound } from "~/lib/errors";

export const access: RouteAccess = { loader: "public", action: "public" };

// Unknown API paths answer in the API's error shape, not with the HTML 404 page.
export async function loader() {
  return apiHandler(async () => {
    throw notFound("API endpoint");
  });
}

export async function action() {
  return loader();
}
