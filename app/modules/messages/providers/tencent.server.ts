// Tencent Cloud SMS (2021-01-11, SendSms) through its official SDK, which signs each request with
// TC3-HMAC-SHA256. Template parameters go as an ordered list; our idempotency key as SessionContext.
import * as tencentSms from "tencentcloud-sdk-nodejs-sms";
import type { Env } from "~/lib/env.server";
import { orderedParams } from "../templates";
import { DeliveryError, transportError, type Delivery, type MessageProvider } from "./provider";

/** LimitExceeded.* is throttling (per number, per app, per day): try later; these too. */
const RETRY_LATER = new Set([
  "RequestLimitExceeded",
  "InternalError",
  "InternalError.OtherError",
  "InternalError.Timeout",
  "InternalError.RequestTimeException",
  "InternalError.SendAndRecvFail",
  "FailedOperation.InsufficientBalanceInSmsPackage",
  "FailedOperation.ContainSensitiveWord",
]);

export function classifyTencent(code: string, message: string): DeliveryError {
  const retry = code.startsWith("LimitExceeded.") || code.startsWith("InternalError") || RETRY_LATER.has(code);
  // FailedOperation.TemplateIncorrectOrUnapproved, FailedOperation.SignatureIncorrectOrUnapproved,
  // InvalidParameterValue.*, FailedOperation.PhoneNumberInBlacklist, AuthFailure.*, UnauthorizedOperation.*: permanent.
  return new DeliveryError(code, message, retry && code !== "FailedOperation.ContainSensitiveWord");
}

/** Chinese mainland numbers in E.164, as Tencent wants them. */
function e164(phone: string): string {
  if (phone.startsWith("+")) return phone;
  return /^1\d{10}$/.test(phone) ? `+86${phone}` : `+${phone}`;
}

export function tencentProvider(config: Env): MessageProvider {
  const client = new tencentSms.sms.v20210111.Client({
    credential: { secretId: config.TENCENT_SECRET_ID, secretKey: config.TENCENT_SECRET_KEY },
    region: config.TENCENT_SMS_REGION,
    profile: { httpProfile: { endpoint: config.TENCENT_SMS_ENDPOINT, reqTimeout: 10 } },
  });
  return {
    name: "tencent",
    async send(delivery: Delivery) {
      const templateId = config.SMS_TEMPLATE_CODES[delivery.template];
      if (!templateId) throw new DeliveryError("no_template", `no SMS_TEMPLATE_CODES entry for ${delivery.template}`, false);
      let response;
      try {
        response = await client.SendSms({
          PhoneNumberSet: [e164(delivery.to)],
          SmsSdkAppId: config.TENCENT_SMS_APP_ID,
          SignName: config.SMS_SIGN_NAME,
          TemplateId: templateId,
          TemplateParamSet: orderedParams(delivery.template, delivery.params),
          SessionContext: delivery.idempotencyKey.slice(0, 512),
        });
      } catch (error) {
        const e = error as { code?: string; message?: string };
        if (typeof e.code === "string" && /^[A-Z][A-Za-z]+(\.|$)/.test(e.code)) throw classifyTencent(e.code, e.message ?? "");
        throw transportError(error);
      }
      // One number, one status: "Ok" or a code such as LimitExceeded.PhoneNumberDailyLimit.
      const status = response.SendStatusSet?.[0];
      if (!status) throw new DeliveryError("unknown", "no SendStatusSet in the answer", true);
      if (status.Code !== "Ok") throw classifyTencent(status.Code ?? "unknown", status.Message ?? "");
      return status.SerialNo ?? null;
    },
  };
}
