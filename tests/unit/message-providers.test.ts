// The SMS providers and the WeCom robot against simulated HTTP APIs (msw): what each signs and sends,
// and how their answers are read (sent; retry later: 5xx, throttling; permanent: a bad template).
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { Env } from "~/lib/env.server";
import { aliyunProvider } from "~/modules/messages/providers/aliyun.server";
import { DeliveryError, type Delivery } from "~/modules/messages/providers/provider";
import { tencentProvider } from "~/modules/messages/providers/tencent.server";
import { isWecomWebhookUrl, wecomProvider } from "~/modules/messages/providers/wecom.server";
import { endOfQuietHours, inQuietHours, retryDelayMs } from "~/modules/messages/messages.server";
import { orderedParams } from "~/modules/messages/templates";
import { mswServer } from "../mocks/server";

const config = {
  SMS_TEMPLATE_CODES: { login_code: "SMS_465000001", need_approved: "SMS_465000002", family_need_update: "1890001" },
  SMS_SIGN_NAME: "邻里",
  ALIYUN_ACCESS_KEY_ID: "LTAI5tTESTKEYID",
  ALIYUN_ACCESS_KEY_SECRET: "test-secret",
  ALIYUN_SMS_ENDPOINT: "dysmsapi.aliyuncs.com",
  TENCENT_SECRET_ID: "AKIDtestsecretid",
  TENCENT_SECRET_KEY: "test-key",
  TENCENT_SMS_APP_ID: "1400123456",
  TENCENT_SMS_REGION: "ap-guangzhou",
  TENCENT_SMS_ENDPOINT: "sms.tencentcloudapi.com",
} as unknown as Env;

const code: Delivery = {
  channel: "sms",
  to: "13800000001",
  template: "login_code",
  params: { code: "482913", minutes: "10" },
  text: "【邻里】您的登录验证码是482913",
  idempotencyKey: "login_code:6f1c",
};

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("Alibaba Cloud SMS (dysmsapi SendSms through its SDK)", () => {
  const seen: Request[] = [];
  const answer = (body: object, status = 200) =>
    mswServer.use(
      http.post("https://dysmsapi.aliyuncs.com/", ({ request }) => {
        seen.push(request.clone());
        return HttpResponse.json(body, { status });
      }),
    );

  it("signs with the AccessKey and sends the template code, its parameters and our key as OutId", async () => {
    seen.length = 0;
    answer({ Code: "OK", Message: "OK", BizId: "900619746936498440^0", RequestId: "F655A8D5" });
    expect(await aliyunProvider(config).send(code)).toBe("900619746936498440^0");
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.headers.get("authorization")).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAI5tTESTKEYID,SignedHeaders=.*,Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.get("x-acs-action")).toBe("SendSms");
    expect(request.headers.get("x-acs-version")).toBe("2017-05-25");
    const query = new URL(request.url).searchParams;
    expect(query.get("PhoneNumbers")).toBe("13800000001");
    expect(query.get("SignName")).toBe("邻里");
    expect(query.get("TemplateCode")).toBe("SMS_465000001");
    expect(JSON.parse(query.get("TemplateParam")!)).toEqual({ code: "482913", minutes: "10" });
    expect(query.get("OutId")).toBe("login_code:6f1c");
  });

  it("reads throttling and a 5xx as try-later, an illegal template as permanent", async () => {
    answer({ Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控Permits:1", RequestId: "r" });
    expect(await failure(aliyunProvider(config).send(code))).toMatchObject({ providerCode: "isv.BUSINESS_LIMIT_CONTROL", retry: true });
    answer({ Code: "ServiceUnavailable", Message: "The request has failed due to a temporary failure of the server." }, 503);
    expect((await failure(aliyunProvider(config).send(code))).retry).toBe(true);
    answer({ Code: "isv.SMS_TEMPLATE_ILLEGAL", Message: "模板不合法(不存在或被拉黑)", RequestId: "r" });
    expect(await failure(aliyunProvider(config).send(code))).toMatchObject({ providerCode: "isv.SMS_TEMPLATE_ILLEGAL", retry: false });
    answer({ Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号", RequestId: "r" });
    expect((await failure(aliyunProvider(config).send(code))).retry).toBe(false);
  });

  it("refuses a template with no code configured, without calling the provider", async () => {
    seen.length = 0;
    answer({ Code: "OK" });
    expect(await failure(aliyunProvider(config).send({ ...code, template: "hours_approved" }))).toMatchObject({ retry: false });
    expect(seen).toHaveLength(0);
  });
});

describe("Tencent Cloud SMS (2021-01-11 SendSms through its SDK)", () => {
  const seen: { request: Request; body: Record<string, unknown> }[] = [];
  const answer = (response: object, status = 200) =>
    mswServer.use(
      http.post("https://sms.tencentcloudapi.com/", async ({ request }) => {
        seen.push({ request, body: (await request.clone().json()) as Record<string, unknown> });
        return status === 200 ? HttpResponse.json({ Response: response }) : new HttpResponse("upstream down", { status });
      }),
    );

  it("signs with TC3-HMAC-SHA256 and sends the numbered template parameters in order", async () => {
    seen.length = 0;
    answer({
      SendStatusSet: [
        { SerialNo: "5000:1045710669157053657849499619", PhoneNumber: "+8613800000001", Code: "Ok", Message: "send success" },
      ],
      RequestId: "a0aabda6",
    });
    const family: Delivery = { ...code, template: "family_need_update", params: { title: "换水龙头", name: "刘奶奶", status: "已通过" } };
    expect(await tencentProvider(config).send(family)).toBe("5000:1045710669157053657849499619");
    const { request, body } = seen[0]!;
    expect(request.headers.get("authorization")).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDtestsecretid\/\d{4}-\d{2}-\d{2}\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.get("x-tc-action")).toBe("SendSms");
    expect(request.headers.get("x-tc-version")).toBe("2021-01-11");
    expect(body).toEqual({
      PhoneNumberSet: ["+8613800000001"],
      SmsSdkAppId: "1400123456",
      SignName: "邻里",
      TemplateId: "1890001",
      TemplateParamSet: ["刘奶奶", "换水龙头", "已通过"],
      SessionContext: "login_code:6f1c",
    });
    expect(orderedParams("family_need_update", family.params)).toEqual(["刘奶奶", "换水龙头", "已通过"]);
  });

  it("reads LimitExceeded.* as try-later (per number and for the request), a 5xx too, an unapproved template as permanent", async () => {
    answer({
      SendStatusSet: [{ PhoneNumber: "+8613800000001", Code: "LimitExceeded.PhoneNumberThirtySecondLimit", Message: "30秒内" }],
      RequestId: "r",
    });
    expect(await failure(tencentProvider(config).send(code))).toMatchObject({
      providerCode: "LimitExceeded.PhoneNumberThirtySecondLimit",
      retry: true,
    });
    answer({ Error: { Code: "LimitExceeded.AppDailyLimit", Message: "业务短信日下发条数超过设定的上限" }, RequestId: "r" });
    expect((await failure(tencentProvider(config).send(code))).retry).toBe(true);
    answer({}, 502);
    expect((await failure(tencentProvider(config).send(code))).retry).toBe(true);
    answer({ Error: { Code: "FailedOperation.TemplateIncorrectOrUnapproved", Message: "模板未审批或内容不匹配" }, RequestId: "r" });
    expect(await failure(tencentProvider(config).send(code))).toMatchObject({
      providerCode: "FailedOperation.TemplateIncorrectOrUnapproved",
      retry: false,
    });
  });
});

describe("WeCom group robot (webhook)", () => {
  const url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
  const bodies: unknown[] = [];
  const answer = (body: object, status = 200) =>
    mswServer.use(
      http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
        expect(new URL(request.url).searchParams.get("key")).toBe("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
        bodies.push(await request.json());
        return HttpResponse.json(body, { status });
      }),
    );
  const notice: Delivery = { channel: "wecom", to: url, template: "claim_deadline", params: {}, text: "认领即将到期", idempotencyKey: "k" };

  it("posts text, and markdown for the digest", async () => {
    bodies.length = 0;
    answer({ errcode: 0, errmsg: "ok" });
    await wecomProvider().send(notice);
    await wecomProvider().send({ ...notice, template: "staff_digest", text: "### 今日待办\n> 待审核：**2**" });
    expect(bodies).toEqual([
      { msgtype: "text", text: { content: "认领即将到期" } },
      { msgtype: "markdown", markdown: { content: "### 今日待办\n> 待审核：**2**" } },
    ]);
  });

  it("reads 45009 (the robot's rate limit) and a 5xx as try-later, a bad key as permanent", async () => {
    answer({ errcode: 45009, errmsg: "api freq out of limit" });
    expect(await failure(wecomProvider().send(notice))).toMatchObject({ providerCode: "wecom.45009", retry: true });
    answer({ errcode: -1, errmsg: "system busy" }, 503);
    expect((await failure(wecomProvider().send(notice))).retry).toBe(true);
    answer({ errcode: 93000, errmsg: "invalid webhook url" });
    expect((await failure(wecomProvider().send(notice))).retry).toBe(false);
  });

  it("never posts anywhere but WeCom's robot endpoint", async () => {
    for (const bad of [
      "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh1",
      "https://evil.example/cgi-bin/webhook/send?key=abcdefgh1",
      "https://qyapi.weixin.qq.com/cgi-bin/other?key=abcdefgh1",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
    ])
      expect(isWecomWebhookUrl(bad), bad).toBe(false);
    // onUnhandledRequest is "error": a request would fail differently from this refusal.
    expect(await failure(wecomProvider().send({ ...notice, to: "https://169.254.169.254/latest" }))).toMatchObject({
      providerCode: "bad_webhook",
      retry: false,
    });
  });
});

describe("quiet hours and back-off", () => {
  it("holds 21:00–08:00 Tianjin until 08:00", () => {
    expect(inQuietHours(new Date("2026-11-23T12:59:00Z"))).toBe(false); // 20:59
    expect(inQuietHours(new Date("2026-11-23T13:00:00Z"))).toBe(true); // 21:00
    expect(inQuietHours(new Date("2026-11-23T23:59:00Z"))).toBe(true); // 07:59
    expect(inQuietHours(new Date("2026-11-24T00:00:00Z"))).toBe(false); // 08:00
    expect(endOfQuietHours(new Date("2026-11-23T14:00:00Z")).toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(endOfQuietHours(new Date("2026-11-23T18:30:00Z")).toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(endOfQuietHours(new Date("2031-12-31T17:30:00Z")).toISOString()).toBe("2032-01-01T00:00:00.000Z");
  });

  it("waits twice as long after each failure, up to an hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
