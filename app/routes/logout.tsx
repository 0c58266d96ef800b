import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookie, endSession } from "~/modules/accounts/auth.server";

export const access: RouteAccess = { loader: "public", action: "public" };

export async function action({ request }: ActionFunctionArgs) {
  await endSession(request);
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}
