import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { PasswordResetConfirmInput } from "~/modules/accounts/accounts.schema";
import { confirmPasswordReset } from "~/modules/accounts/password-resets.server";

export const access: RouteAccess = { action: "public" };

/** POST {"login", "code", "newPassword"}: 200 and every session of the account ends; a wrong or expired code is 400. */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") throw new AppError("not_found", "use POST to set a new password with a code");
    await confirmPasswordReset(await parseJsonBody(PasswordResetConfirmInput, request));
    return jsonResponse({ status: "password_changed" });
  });
}
