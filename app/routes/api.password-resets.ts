import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { PasswordResetRequestInput } from "~/modules/accounts/accounts.schema";
import { requestPasswordReset } from "~/modules/accounts/password-resets.server";

export const access: RouteAccess = { action: "public" };

/** POST {"login"}: 202 whether or not the login is an account's; the code goes out through the message outbox. */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") throw new AppError("not_found", "use POST to ask for a reset code");
    const { login } = await parseJsonBody(PasswordResetRequestInput, request);
    await requestPasswordReset(login);
    return jsonResponse({ status: "accepted" }, { status: 202 });
  });
}
