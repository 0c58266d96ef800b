import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { handleSmsReplies, smsCallbackAuthorised } from "~/modules/messages/consent.server";
import { SmsRepliesInput } from "~/modules/messages/messages.schema";

// The SMS provider's upstream-message (reply) callback: configure it at the provider with
// ?token=SMS_CALLBACK_TOKEN (or send Authorization: Bearer). Without the token: 401, nothing changes.
export const access: RouteAccess = { action: "public" };

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") throw new AppError("not_found", "use POST");
    // The shape first (a malformed body is 400 whoever sends it), then who sent it.
    const replies = await parseJsonBody(SmsRepliesInput, request);
    if (!smsCallbackAuthorised(request)) throw new AppError("unauthenticated", "not the SMS provider");
    const optedOut = await handleSmsReplies(replies);
    // Alibaba Cloud expects {"code": 0}; Tencent Cloud {"result": 0}: both are in the answer.
    return jsonResponse({ code: 0, result: 0, errmsg: "OK", optedOut });
  });
}
