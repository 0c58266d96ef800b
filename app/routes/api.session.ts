import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { clientAddress } from "~/lib/request.server";
import { AppError } from "~/lib/errors";
import { LoginCodeInput, LoginInput } from "~/modules/accounts/accounts.schema";
import { authenticateWithCode } from "~/modules/accounts/login-codes.server";
import { authenticate, meView } from "~/modules/accounts/accounts.server";
import { landingPath } from "~/modules/accounts/landing";
import { clearedSessionCookie, createSession, endSession, getViewer } from "~/modules/accounts/auth.server";

export const access: RouteAccess = { action: "public" };

// POST: log in with email or phone and password, or with a phone and an SMS code. DELETE: log out.
export async function action({ request, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method === "DELETE") {
      await endSession(request);
      return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(request) } });
    }
    if (request.method !== "POST") throw new AppError("not_found", "use POST or DELETE");
    // {"login", "password"}, or {"phone", "code"} with a code from POST /api/session/codes.
    const body: unknown = await request
      .clone()
      .json()
      .catch(() => null);
    const byCode = !!body && typeof body === "object" && "code" in body;
    const userId = byCode
      ? await parseJsonBody(LoginCodeInput, request).then((input) => authenticateWithCode(input.phone, input.code))
      : await parseJsonBody(LoginInput, request).then((input) => authenticate(input.login, input.password, clientAddress(context)));
    const cookie = await createSession(request, userId);
    const viewer = await getViewer(new Request(request.url, { headers: { Cookie: cookie.split(";")[0]! } }));
    // `landing`: where this persona's work is, for clients that want to open it (the login page goes there).
    return jsonResponse({ user: meView(viewer!), landing: landingPath(viewer!) }, { headers: { "Set-Cookie": cookie } });
  });
}
