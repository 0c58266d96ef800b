// Forgotten passwords through the real HTTP server: codes go out through the message outbox, are
// stored hashed, expire, work once, end after 5 wrong tries, and using one ends every session.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetClock, setClock, nowMs } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { listDevMessages, relayMessages } from "~/modules/messages/messages.server";
import { confirmPasswordReset, requestPasswordReset } from "~/modules/accounts/password-resets.server";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

let server: Awaited<ReturnType<typeof startTestServer>>;
const PHONE = "13800000001";

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => resetClock());

const client = () => new Client(server.base);

async function admin() {
  const c = client();
  expect((await c.login("admin@demo.linli.local")).status).toBe(200);
  return c;
}

interface DevMessage {
  channel: string;
  to: string;
  template: string;
  text: string;
  createdAt: string;
  status: string;
}

async function messagesTo(to: string): Promise<DevMessage[]> {
  const res = await (await admin()).get(`/api/dev/messages?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: DevMessage[] }).items;
}

/** Asks for a code as anyone would and reads it from the stored message, as the demo's admin can. */
async function requestCode(login: string, to = login): Promise<string> {
  const before = (await messagesTo(to)).length;
  expect((await client().post("/api/password-resets", { login })).status).toBe(202);
  await relayMessages();
  const items = await messagesTo(to);
  expect(items.length).toBe(before + 1);
  const code = /\d{6}/.exec(items[0]!.text)?.[0];
  expect(code).toBeDefined();
  return code!;
}

const confirm = (login: string, code: string, newPassword: string) =>
  client().post("/api/password-resets/confirm", { login, code, newPassword });

async function userIdOf(phone: string): Promise<string> {
  const [row] = await db().execute<{ id: string }>(sql`select id from users where phone = ${phone}`);
  return row!.id;
}

describe("password reset by code", () => {
  it("works end to end for the phone-login resident, and ends every session", async () => {
    const phoneA = client();
    const phoneB = client();
    expect((await phoneA.login(PHONE)).status).toBe(200);
    expect((await phoneB.login("+86 138 0000 0001")).status).toBe(200);

    expect((await client().post("/api/password-resets", { login: "138-0000-0001" })).status).toBe(202);
    await relayMessages();
    const [message] = await messagesTo(PHONE);
    expect(message).toMatchObject({ channel: "sms", to: PHONE, template: "password_reset", status: "sent" });
    expect(Date.parse(message!.createdAt)).toBeGreaterThan(nowMs() - 60_000);
    const code = /\d{6}/.exec(message!.text)![0];

    // Stored as a keyed hash only.
    const stored = await db().execute<{ code_hash: string }>(
      sql`select code_hash from password_reset_codes where user_id = ${await userIdOf(PHONE)} and used_at is null and ended_at is null`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);
    expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);

    const res = await confirm(PHONE, code, "neues-passwort-1");
    expect(res.status).toBe(200);
    expect((await phoneA.get("/api/me")).status).toBe(401);
    expect((await phoneB.get("/api/me")).status).toBe(401);
    expect((await client().login(PHONE)).status).toBe(401);
    expect((await client().login(PHONE, "neues-passwort-1")).status).toBe(200);

    // Single use.
    expect((await confirm(PHONE, code, "another-password-2")).status).toBe(400);
    expect((await client().login(PHONE, "neues-passwort-1")).status).toBe(200);
    const audit = await db().execute<{ action: string }>(
      sql`select action from audit_events where subject_id = ${await userIdOf(PHONE)} and action like 'account.password_reset%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["account.password_reset_request", "account.password_reset"]);
  });

  it("answers an unknown login exactly as a known one, and sends nothing", async () => {
    const known = await client().post("/api/password-resets", { login: "jumin2@demo.linli.local" });
    const unknown = await client().post("/api/password-resets", { login: "nobody-here@example.com" });
    const unknownPhone = await client().post("/api/password-resets", { login: "13911112222" });
    expect([known.status, unknown.status, unknownPhone.status]).toEqual([202, 202, 202]);
    const bodies = await Promise.all([known.text(), unknown.text(), unknownPhone.text()]);
    expect(new Set(bodies).size).toBe(1);
    await relayMessages();
    expect(await messagesTo("nobody-here@example.com")).toEqual([]);
    expect(await messagesTo("13911112222")).toEqual([]);
    // The known e-mail login gets an e-mail.
    expect((await messagesTo("jumin2@demo.linli.local"))[0]).toMatchObject({ channel: "email", template: "password_reset" });
  });

  it("ends a code after 5 wrong tries: the right one no longer works", async () => {
    const login = "jumin@demo.linli.local";
    const code = await requestCode(login);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const res = await confirm(login, wrong, "never-set-this-1");
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ code: "code_invalid" });
    }
    expect((await confirm(login, code, "never-set-this-1")).status).toBe(400);
    expect((await client().login(login)).status).toBe(200);
    expect((await client().login(login, "never-set-this-1")).status).toBe(401);
  });

  it("refuses an expired code (the clock moved 16 minutes on), and takes it at 14", async () => {
    // The server build has its own copy of the clock module: the module is called here, on the test's clock.
    const login = "zhiyuanzhe@demo.linli.local";
    const code = await requestCode(login);
    setClock(nowMs() + 16 * 60_000);
    await expect(confirmPasswordReset({ login, code, newPassword: "too-late-pass-1" })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { code: "code_invalid" },
    });
    expect((await client().login(login)).status).toBe(200);

    // The clock only moves forward here: the app and its HTTP server share it.
    const fresh = await requestCode(login);
    setClock(nowMs() + 14 * 60_000);
    await confirmPasswordReset({ login, code: fresh, newPassword: "just-in-time-1" });
    expect((await client().login(login, "just-in-time-1")).status).toBe(200);
  });

  it("a new code replaces the old one", async () => {
    const login = "qiye@demo.linli.local";
    const first = await requestCode(login);
    const second = await requestCode(login);
    if (first !== second) expect((await confirm(login, first, "first-code-pass-1")).status).toBe(400);
    expect((await confirm(login, second, "second-code-pass-1")).status).toBe(200);
  });

  it("refuses malformed requests with the error shape and changes nothing", async () => {
    const c = client();
    for (const body of [{}, { login: "" }, { login: 12 }, { login: "x".repeat(300) }]) {
      const res = await c.post("/api/password-resets", body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    }
    const notJson = await c.request("POST", "/api/password-resets", undefined, { "Content-Type": "application/json" });
    expect(notJson.status).toBe(400);
    for (const body of [
      { login: PHONE, code: "abc", newPassword: "long-enough-1" },
      { login: PHONE, code: "123456", newPassword: "short" },
      { login: PHONE, newPassword: "long-enough-1" },
    ]) {
      expect((await c.post("/api/password-resets/confirm", body)).status).toBe(400);
    }
  });

  it("the pages work without JavaScript: ask for a code, then set the password with it", async () => {
    const login = "yiyuan@demo.linli.local";
    const signedIn = client();
    expect((await signedIn.login(login)).status).toBe(200);
    const loginPage = await (await client().get("/login")).text();
    expect(loginPage).toContain('href="/password-reset"');
    const asked = await client().form("/password-reset", new URLSearchParams({ login }));
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('action="/password-reset/confirm"');
    await relayMessages();
    const code = /\d{6}/.exec((await messagesTo(login))[0]!.text)![0];
    const mismatch = await client().form(
      "/password-reset/confirm",
      new URLSearchParams({ login, code, newPassword: "from-the-page-1", confirmPassword: "typo" }),
    );
    expect(mismatch.status).toBe(400);
    const done = await client().form(
      "/password-reset/confirm",
      new URLSearchParams({ login, code, newPassword: "from-the-page-1", confirmPassword: "from-the-page-1" }),
    );
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/login?reset=done");
    expect((await signedIn.get("/api/me")).status).toBe(401);
    expect((await client().login(login, "from-the-page-1")).status).toBe(200);
  });
});

describe("GET /api/dev/messages", () => {
  it("is for platform admins only", async () => {
    expect((await client().get(`/api/dev/messages?to=${PHONE}`)).status).toBe(401);
    for (const login of ["jumin@demo.linli.local", "shequ@demo.linli.local", "jiedao@demo.linli.local", "yinhang@demo.linli.local"]) {
      const c = client();
      await c.login(login);
      const res = await c.get(`/api/dev/messages?to=${PHONE}`);
      expect(res.status, login).toBe(403);
    }
    expect((await (await admin()).get("/api/dev/messages")).status).toBe(400);
  });

  it("answers 404 once a real provider is configured, and the relay keeps the message for it", async () => {
    // The environment is read once per module copy: the module is asked here, with the provider set.
    // A real provider whose endpoint refuses connections (nothing leaves the machine).
    Object.assign(process.env, {
      SMS_PROVIDER: "aliyun",
      ALIYUN_ACCESS_KEY_ID: "LTAI5tTESTKEYID",
      ALIYUN_ACCESS_KEY_SECRET: "test-secret",
      ALIYUN_SMS_ENDPOINT: "127.0.0.1:1",
      SMS_SIGN_NAME: "邻里",
      SMS_TEMPLATE_CODES: JSON.stringify({ password_reset: "SMS_465000003" }),
      SMS_CALLBACK_TOKEN: "test-callback-token",
    });
    resetEnvCache();
    try {
      await expect(listDevMessages(PHONE)).rejects.toMatchObject({ code: "not_found" });
      // Asked of the module too: the HTTP server's own copy would send it through the log sink at once.
      await requestPasswordReset("13800000001");
      // The relay kicked off by the request may hold the row (SKIP LOCKED): try until one attempt is recorded.
      const latest = async () =>
        (
          await db().execute<{ status: string; attempts: number; last_error: string }>(
            sql`select status, attempts, last_error from messages where "to" = ${PHONE} order by id desc limit 1`,
          )
        )[0];
      for (let i = 0; i < 50 && (await latest())!.attempts < 1; i++) {
        await relayMessages();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const row = await latest();
      expect(row).toMatchObject({ status: "pending" });
      expect(row!.attempts).toBeGreaterThanOrEqual(1);
      expect(row!.last_error).toBeTruthy();
    } finally {
      for (const name of [
        "SMS_PROVIDER",
        "ALIYUN_ACCESS_KEY_ID",
        "ALIYUN_ACCESS_KEY_SECRET",
        "ALIYUN_SMS_ENDPOINT",
        "SMS_SIGN_NAME",
        "SMS_TEMPLATE_CODES",
        "SMS_CALLBACK_TOKEN",
      ])
        delete process.env[name];
      resetEnvCache();
    }
    // The message waits out its back-off, then goes through the log sink.
    setClock(nowMs() + 60_000);
    await relayMessages();
    expect((await messagesTo(PHONE))[0]!.status).toBe("sent");
  });
});

describe("changing the password", () => {
  it("ends the account's other sessions and keeps this one", async () => {
    const login = "jumin2@demo.linli.local";
    const here = client();
    const elsewhere = client();
    await here.login(login);
    await elsewhere.login(login);
    const res = await here.form(
      "/account",
      new URLSearchParams({
        intent: "password",
        currentPassword: DEMO_PASSWORD,
        newPassword: "changed-pass-1",
        confirmPassword: "changed-pass-1",
      }),
    );
    expect(res.status).toBe(200);
    expect((await here.get("/api/me")).status).toBe(200);
    expect((await elsewhere.get("/api/me")).status).toBe(401);
    expect((await client().login(login, "changed-pass-1")).status).toBe(200);
  });
});
