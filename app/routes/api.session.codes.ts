import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { LoginCodeRequestInput } from "~/modules/accounts/accounts.schema";
import { requestLoginCode } from "~/modules/accounts/login-codes.server";

export const access: RouteAccess = { action: "public" };

/** POST {"phone"}: 202 whether or not the phone is an account's login; the code goes out by SMS. */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") throw new AppError("not_found", "use POST to ask for a login code");
    const { phone } = await parseJsonBody(LoginCodeRequestInput, request);
    await requestLoginCode(phone);
    return jsonResponse({ status: "accepted" }, { status: 202 });
  });
}
