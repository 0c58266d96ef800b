// Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms) through its official SDK: the SDK signs the request
// (ACS3-HMAC-SHA256 with the AccessKey); we pass the approved template code, its parameters as JSON and
// our idempotency key as OutId. Its own retries are off: the outbox retries, with back-off.
import Dysmsapi, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@darabonba/typescript";
import type { Env } from "~/lib/env.server";
import { DeliveryError, transportError, type Delivery, type MessageProvider } from "./provider";

/** Codes meaning "not now": throttling, a daily cap, a busy or unpaid account. Anything else listed is permanent. */
const RETRY_LATER = new Set([
  "isv.BUSINESS_LIMIT_CONTROL",
  "isv.DAY_LIMIT_CONTROL",
  "isv.OUT_OF_SERVICE",
  "isv.AMOUNT_NOT_ENOUGH",
  "isp.SYSTEM_ERROR",
  "isp.GATEWAY_ERROR",
  "Throttling.User",
  "Throttling",
  "ServiceUnavailable",
]);
const PERMANENT = new Set([
  "isv.SMS_TEMPLATE_ILLEGAL",
  "isv.SMS_SIGNATURE_ILLEGAL",
  "isv.SMS_SIGN_ILLEGAL",
  "isv.TEMPLATE_MISSING_PARAMETERS",
  "isv.TEMPLATE_PARAMS_ILLEGAL",
  "isv.INVALID_PARAMETERS",
  "isv.INVALID_JSON_PARAM",
  "isv.PARAM_LENGTH_LIMIT",
  "isv.MOBILE_NUMBER_ILLEGAL",
  "isv.MOBILE_COUNT_OVER_LIMIT",
  "isv.BLACK_KEY_CONTROL_LIMIT",
  "isv.DENY_IP_RANGE",
  "isv.ACCOUNT_NOT_EXISTS",
  "isv.ACCOUNT_ABNORMAL",
  "isp.RAM_PERMISSION_DENY",
  "InvalidAccessKeyId.NotFound",
  "SignatureDoesNotMatch",
]);

export function classifyAliyun(code: string, message: string): DeliveryError {
  // Unknown codes are retried: a message is delayed rather than lost.
  return new DeliveryError(code, message, RETRY_LATER.has(code) || !PERMANENT.has(code));
}

export function aliyunProvider(config: Env): MessageProvider {
  const Client = (Dysmsapi as unknown as { default?: typeof Dysmsapi }).default ?? Dysmsapi;
  const client = new Client(
    new $OpenApiUtil.Config({
      accessKeyId: config.ALIYUN_ACCESS_KEY_ID,
      accessKeySecret: config.ALIYUN_ACCESS_KEY_SECRET,
      endpoint: config.ALIYUN_SMS_ENDPOINT,
    }),
  );
  const runtime = new RuntimeOptions({ autoretry: false, connectTimeout: 5_000, readTimeout: 10_000 });
  return {
    name: "aliyun",
    async send(delivery: Delivery) {
      const templateCode = config.SMS_TEMPLATE_CODES[delivery.template];
      if (!templateCode) throw new DeliveryError("no_template", `no SMS_TEMPLATE_CODES entry for ${delivery.template}`, false);
      let body;
      try {
        const response = await client.sendSmsWithOptions(
          new SendSmsRequest({
            phoneNumbers: delivery.to,
            signName: config.SMS_SIGN_NAME,
            templateCode,
            templateParam: JSON.stringify(delivery.params),
            outId: delivery.idempotencyKey.slice(0, 64),
          }),
          runtime,
        );
        body = response.body;
      } catch (error) {
        const e = error as { code?: string; data?: { Code?: string } };
        const code = e.data?.Code ?? e.code;
        if (typeof code === "string" && (RETRY_LATER.has(code) || PERMANENT.has(code))) throw classifyAliyun(code, String(error));
        throw transportError(error);
      }
      if (body?.code !== "OK") throw classifyAliyun(body?.code ?? "unknown", body?.message ?? "");
      return body.bizId ?? null;
    },
  };
}
