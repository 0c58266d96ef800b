import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { clientAddress } from "~/lib/request.server";
import { AppError } from "~/lib/errors";
import { LoginInput } from "~/modules/accounts/accounts.schema";
import { authenticate, meView } from "~/modules/accounts/accounts.server";
import { landingPath } from "~/modules/accounts/landing";
import { clearedSessionCookie, createSession, endSession, getViewer } from "~/modules/accounts/auth.server";

export const access: RouteAccess = { action: "public" };

// POST: log in with email or phone and password. DELETE: log out.
export async function action({ request, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method === "DELETE") {
      await endSession(request);
      return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(request) } });
    }
    if (request.method !== "POST") throw new AppError("not_found", "use POST or DELETE");
    const input = await parseJsonBody(LoginInput, request);
    const userId = await authenticate(input.login, input.password, clientAddress(context));
    const cookie = await createSession(request, userId);
    const viewer = await getViewer(new Request(request.url, { headers: { Cookie: cookie.split(";")[0]! } }));
    // `landing`: where this persona's work is, for clients that want to open it (the login page goes there).
    return jsonResponse({ user: meView(viewer!), landing: landingPath(viewer!) }, { headers: { "Set-Cookie": cookie } });
  });
}
