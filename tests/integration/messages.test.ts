// Messages (issue 18) through the real HTTP server and the message module: code login, the SMS a
// phone-login resident gets when staff approve the wish posted for them (and their family contact),
// a failing SMS provider that delays and loses nothing, reminders and digests fired once across
// concurrent runs, quiet hours, per-number limits, the TD opt-out callback, and the paper pages.
import { sql } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { demoId, DEMO_PASSWORD } from "#db/seed";
import { now, nowMs, resetClock, setClock } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { startOfTianjinDay, tianjinDate } from "~/lib/tianjin-time";
import { hashPassword } from "~/modules/accounts/password.server";
import { endOfQuietHours, inQuietHours, queueMessage, relayMessages } from "~/modules/messages/messages.server";
import { runScheduledNotices } from "~/modules/messages/schedules.server";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

// Read by the HTTP server's copy of the environment on first use (after this line).
const CALLBACK_TOKEN = "test-callback-token-4f9a2c";
process.env.SMS_CALLBACK_TOKEN = CALLBACK_TOKEN;
resetEnvCache();

const PHONE = "13800000001";
const FAMILY = "13800000009";
let server: Awaited<ReturnType<typeof startTestServer>>;
// Outside HTTP from this process goes through msw; the app's own server and Meilisearch pass.
const provider = setupServer();

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  provider.listen({ onUnhandledRequest: "bypass" });
});
afterAll(async () => {
  provider.close();
  await server.close();
});
afterEach(() => {
  resetClock();
  provider.resetHandlers();
});

const client = () => new Client(server.base);

async function as(login: string) {
  const c = client();
  expect((await c.login(login)).status).toBe(200);
  return c;
}

interface DevMessage {
  channel: string;
  to: string;
  template: string;
  text: string;
  status: string;
}

async function messagesTo(to: string): Promise<DevMessage[]> {
  const res = await (await as("admin@demo.linli.local")).get(`/api/dev/messages?to=${to}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: DevMessage[] }).items;
}

async function userId(where: ReturnType<typeof sql>): Promise<string> {
  const [row] = await db().execute<{ id: string }>(sql`select id from users where ${where}`);
  return row!.id;
}

describe("code login", () => {
  it("sends a code by SMS and logs in with it once; an unknown phone gets the same answer", async () => {
    const asked = await client().post("/api/session/codes", { phone: "138 0000 0001" });
    const unknown = await client().post("/api/session/codes", { phone: "13911112222" });
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(await asked.text()).toBe(await unknown.text());
    await relayMessages();
    const [message] = await messagesTo(PHONE);
    expect(message).toMatchObject({ channel: "sms", template: "login_code", status: "sent" });
    const code = /\d{6}/.exec(message!.text)![0];
    expect(await messagesTo("13911112222")).toEqual([]);

    const wrong = await client().post("/api/session", { phone: PHONE, code: code === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    const c = client();
    const ok = await c.post("/api/session", { phone: PHONE, code });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { user: { displayName: string } }).user.displayName).toBeTruthy();
    expect((await c.get("/api/me")).status).toBe(200);
    // Single use.
    expect((await client().post("/api/session", { phone: PHONE, code })).status).toBe(400);
    // Malformed bodies: field errors, nothing sent.
    const bad = await client().post("/api/session/codes", { phone: "12345" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ phone: "phone_invalid" });
  });

  it("works from the login page without JavaScript: send the code, then log in with it", async () => {
    const c = client();
    const sent = await c.form("/login", new URLSearchParams({ intent: "send_code", phone: "138 0000 0001" }));
    expect(sent.status).toBe(200);
    const page = await sent.text();
    // The page now asks for the code, with the (normalised) phone carried in the form.
    expect(page).toContain('name="code"');
    expect(page).toContain('value="code_login"');
    expect(page).toContain(`value="${PHONE}"`);
    await relayMessages();
    const code = /\d{6}/.exec((await messagesTo(PHONE))[0]!.text)![0];
    const wrong = await c.form("/login", new URLSearchParams({ intent: "code_login", phone: PHONE, code: "12" }));
    expect(wrong.status).toBe(400);
    const done = await c.form("/login", new URLSearchParams({ intent: "code_login", phone: PHONE, code }));
    expect(done.status).toBe(302);
    expect((await c.get("/api/me")).status).toBe(200);
  });
});

describe("wish notices by SMS", () => {
  it("approving the wish staff posted for the phone-login resident texts them and their family contact", async () => {
    const staff = await as("shequ@demo.linli.local");
    const res = await staff.post(`/api/needs/${demoId("need:messaging")}/transitions`, { action: "approve" });
    expect(res.status).toBe(200);
    // Approved in quiet hours (the 2031 run is at 01:30 Tianjin), the SMS waits for 08:00.
    if (inQuietHours(now())) {
      await relayMessages();
      expect((await messagesTo(PHONE))[0]).toMatchObject({ template: "need_approved", status: "pending" });
      setClock(endOfQuietHours(now()));
    }
    await relayMessages();
    const [sms] = await messagesTo(PHONE);
    expect(sms).toMatchObject({ channel: "sms", template: "need_approved", status: "sent" });
    expect(sms!.text).toContain("厨房水龙头漏水");
    const [family] = await messagesTo(FAMILY);
    expect(family).toMatchObject({ channel: "sms", template: "family_need_update", status: "sent" });
    // The staff member who posted it has no SMS consent: only the in-app notice.
    expect((await messagesTo("shequ@demo.linli.local")).filter((m) => m.template === "need_approved")[0]?.status ?? "suppressed").toBe(
      "suppressed",
    );
  });
});

describe("a failing SMS provider", () => {
  it("delays messages and loses none: stop the provider, queue, restore, count", async () => {
    Object.assign(process.env, {
      SMS_PROVIDER: "aliyun",
      ALIYUN_ACCESS_KEY_ID: "LTAI5tTESTKEYID",
      ALIYUN_ACCESS_KEY_SECRET: "test-secret",
      SMS_SIGN_NAME: "邻里",
      SMS_TEMPLATE_CODES: JSON.stringify({ login_code: "SMS_465000001" }),
    });
    resetEnvCache();
    let up = false;
    const delivered: string[] = [];
    provider.use(
      http.post("https://dysmsapi.aliyuncs.com/", ({ request }) => {
        if (!up) return HttpResponse.json({ Code: "ServiceUnavailable", Message: "down" }, { status: 503 });
        const query = new URL(request.url).searchParams;
        delivered.push(query.get("OutId")!);
        return HttpResponse.json({ Code: "OK", Message: "OK", BizId: `biz-${delivered.length}`, RequestId: "r" });
      }),
    );
    try {
      const keys = Array.from({ length: 8 }, (_, i) => `outage-test:${i}`);
      await db().transaction(async (tx) => {
        for (const [i, key] of keys.entries())
          await queueMessage(tx, {
            channel: "sms",
            to: `1390000${String(i).padStart(4, "0")}`,
            template: "login_code",
            text: "code",
            params: { code: "123456", minutes: 10 },
            idempotencyKey: key,
          });
      });
      const state = () =>
        db().execute<{ status: string; n: number; attempts: number }>(
          sql`select status, count(*)::int as n, min(attempts) as attempts from messages where idempotency_key like 'outage-test:%' group by status`,
        );
      expect(await relayMessages()).toBe(0);
      expect(await state()).toEqual([{ status: "pending", n: 8, attempts: 1 }]);
      // Still in back-off: a second pass right away tries nothing.
      up = true;
      expect(await relayMessages()).toBe(0);
      setClock(nowMs() + 31_000);
      expect(await relayMessages()).toBe(8);
      expect(await state()).toEqual([{ status: "sent", n: 8, attempts: 1 }]);
      expect(delivered.sort()).toEqual([...keys].sort());
      // Nothing is sent twice.
      setClock(nowMs() + 3_600_000);
      expect(await relayMessages()).toBe(0);
      expect(delivered).toHaveLength(8);
    } finally {
      for (const name of ["SMS_PROVIDER", "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", "SMS_SIGN_NAME", "SMS_TEMPLATE_CODES"])
        delete process.env[name];
      resetEnvCache();
    }
  });

  it("fails a message the provider refuses for good (an illegal template) after one try", async () => {
    Object.assign(process.env, {
      SMS_PROVIDER: "aliyun",
      ALIYUN_ACCESS_KEY_ID: "LTAI5tTESTKEYID",
      ALIYUN_ACCESS_KEY_SECRET: "test-secret",
      SMS_SIGN_NAME: "邻里",
      SMS_TEMPLATE_CODES: JSON.stringify({ login_code: "SMS_0" }),
    });
    resetEnvCache();
    provider.use(
      http.post("https://dysmsapi.aliyuncs.com/", () => HttpResponse.json({ Code: "isv.SMS_TEMPLATE_ILLEGAL", Message: "模板不合法" })),
    );
    try {
      await db().transaction((tx) =>
        queueMessage(tx, { channel: "sms", to: "13900009999", template: "login_code", text: "c", idempotencyKey: "illegal-template" }),
      );
      await relayMessages();
      const [row] = await db().execute<{ status: string; attempts: number; last_error: string }>(
        sql`select status, attempts, last_error from messages where idempotency_key = 'illegal-template'`,
      );
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row!.last_error).toContain("isv.SMS_TEMPLATE_ILLEGAL");
    } finally {
      for (const name of ["SMS_PROVIDER", "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", "SMS_SIGN_NAME", "SMS_TEMPLATE_CODES"])
        delete process.env[name];
      resetEnvCache();
    }
  });
});

describe("quiet hours and per-number limits", () => {
  it("holds a notice queued at 22:00 Tianjin until 08:00, but not a code", async () => {
    const day = tianjinDate(nowMs());
    setClock(startOfTianjinDay(day).getTime() + 22 * 3_600_000);
    await db().transaction(async (tx) => {
      await queueMessage(tx, { channel: "sms", to: "13900001111", template: "need_approved", text: "n", idempotencyKey: "quiet-notice" });
      await queueMessage(tx, { channel: "sms", to: "13900001111", template: "login_code", text: "c", idempotencyKey: "quiet-code" });
    });
    await relayMessages();
    const rows = await db().execute<{ idempotency_key: string; status: string; next_attempt_at: string }>(
      sql`select idempotency_key, status, next_attempt_at from messages where idempotency_key like 'quiet-%' order by idempotency_key`,
    );
    expect(rows.map((r) => [r.idempotency_key, r.status])).toEqual([
      ["quiet-code", "sent"],
      ["quiet-notice", "pending"],
    ]);
    expect(new Date(rows[1]!.next_attempt_at).getTime()).toBe(startOfTianjinDay(day).getTime() + 32 * 3_600_000);
    setClock(startOfTianjinDay(day).getTime() + 32 * 3_600_000);
    await relayMessages();
    const [after] = await db().execute<{ status: string }>(sql`select status from messages where idempotency_key = 'quiet-notice'`);
    expect(after!.status).toBe("sent");
  });

  it("sends a number at most 5 codes an hour, even when queued in parallel", async () => {
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        db().transaction((tx) =>
          queueMessage(tx, { channel: "sms", to: "13900002222", template: "login_code", text: "c", idempotencyKey: `limit-${i}` }),
        ),
      ),
    );
    expect(results.filter((r) => r === "pending")).toHaveLength(5);
    expect(results.filter((r) => r === "suppressed")).toHaveLength(2);
  });
});

describe("scheduled notices fire once across processes", () => {
  it("reminds each volunteer once the day before and once an hour before, however many run the job", async () => {
    const [activity] = await db().execute<{ id: string }>(sql`
      insert into activities (community_id, title, category, starts_at, ends_at, capacity, created_by_user_id)
      select id, '周六义剪', 'daily_life', linli_now() + interval '20 hours', linli_now() + interval '22 hours', 10,
        (select id from users where email = 'duizhang@demo.linli.local')
      from communities where name = '沙柳北路社区' returning id`);
    const volunteers = await db().execute<{ id: string }>(sql`
      select u.id from users u join memberships m on m.user_id = u.id and m.role = 'volunteer' order by u.id limit 3`);
    for (const v of volunteers)
      await db().execute(sql`insert into activity_signups (activity_id, volunteer_id) values (${activity!.id}, ${v.id})`);
    const fires = async () =>
      (
        await db().execute<{ kind: string; n: number }>(
          sql`select kind, count(*)::int as n from message_fires where subject_id = ${activity!.id} group by kind order by kind`,
        )
      ).map((r) => [r.kind, r.n]);
    const notices = async () =>
      (await db().execute<{ n: number }>(sql`select count(*)::int as n from notifications where subject_id = ${activity!.id}`))[0]!.n;

    // Four runs at the same moment, each on its own connection from the pool.
    await Promise.all([runScheduledNotices(), runScheduledNotices(), runScheduledNotices(), runScheduledNotices()]);
    expect(await fires()).toEqual([["activity_reminder_day", 3]]);
    expect(await notices()).toBe(3);
    await Promise.all([runScheduledNotices(), runScheduledNotices()]);
    expect(await notices()).toBe(3);

    setClock(nowMs() + 19.5 * 3_600_000);
    await Promise.all([runScheduledNotices(), runScheduledNotices(), runScheduledNotices()]);
    expect(await fires()).toEqual([
      ["activity_reminder_day", 3],
      ["activity_reminder_hour", 3],
    ]);
    expect(await notices()).toBe(6);
  });

  it("sends each community's morning digest once at 08:30 Tianjin, to its WeCom group when set", async () => {
    const community = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
    const communityId = community[0]!.id;
    await db().execute(
      sql`insert into group_webhooks (community_id, url) values (${communityId}, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test-key-123456')`,
    );
    const day = tianjinDate(nowMs() + 86_400_000);
    setClock(startOfTianjinDay(day).getTime() + 8.5 * 3_600_000 + 60_000);
    await Promise.all([runScheduledNotices(), runScheduledNotices(), runScheduledNotices()]);
    const digests = await db().execute<{ subject_id: string }>(sql`select subject_id from message_fires where kind = 'staff_digest'`);
    expect(digests.length).toBeGreaterThan(0);
    expect(new Set(digests.map((d) => d.subject_id)).size).toBe(digests.length);
    const wecom = await db().execute<{ to: string; text: string }>(sql`select "to", text from messages where channel = 'wecom'`);
    expect(wecom).toHaveLength(1);
    expect(wecom[0]!.to).toBe(`community:${communityId}`);
    expect(wecom[0]!.text).toContain("待审核心愿");
    await runScheduledNotices();
    expect(await db().execute(sql`select 1 from message_fires where kind = 'staff_digest'`)).toHaveLength(digests.length);
  });
});

describe("opting out by replying TD", () => {
  it("refuses forged callbacks and opts the number out with the provider's token", async () => {
    const resident = await userId(sql`phone = ${PHONE}`);
    const consent = async () =>
      (
        await db().execute<{ opted_in: boolean; source: string }>(
          sql`select opted_in, source from message_consents where user_id = ${resident} and channel = 'sms'`,
        )
      )[0];
    const reply = [{ phone_number: PHONE, content: "TD", send_time: "2026-11-23 12:00:00", dest_code: "1", sequence_id: 1 }];
    expect((await client().post("/api/webhooks/sms-replies", reply)).status).toBe(401);
    expect((await client().post("/api/webhooks/sms-replies?token=wrong-token-000000000", reply)).status).toBe(401);
    expect((await client().post("/api/webhooks/sms-replies", reply, { Authorization: "Bearer nope" })).status).toBe(401);
    expect(await consent()).toMatchObject({ opted_in: true });
    const bad = await client().post(`/api/webhooks/sms-replies?token=${CALLBACK_TOKEN}`, { nonsense: true });
    expect(bad.status).toBe(400);
    expect(await consent()).toMatchObject({ opted_in: true });

    // Tencent's shape, with the token.
    const ok = await client().post(`/api/webhooks/sms-replies?token=${CALLBACK_TOKEN}`, [
      { mobile: PHONE, nationcode: "86", text: "td", time: 1 },
    ]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ result: 0, optedOut: 1 });
    expect(await consent()).toMatchObject({ opted_in: false, source: "sms_reply" });
    await relayMessages();
    expect((await messagesTo(PHONE))[0]).toMatchObject({ template: "opt_out_confirmed" });
    // A notice now is not sent; a code still is.
    const status = await db().transaction((tx) =>
      queueMessage(tx, {
        channel: "sms",
        to: PHONE,
        template: "need_claimed",
        text: "n",
        idempotencyKey: "after-td",
        userId: resident,
        needsConsent: true,
      }),
    );
    expect(status).toBe("suppressed");
  });
});

describe("paper", () => {
  it("prints a resident's statement and a wish slip for their community's staff only", async () => {
    const resident = await userId(sql`phone = ${PHONE}`);
    const wish = demoId("need:messaging");
    const community = (await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`))[0]!.id;
    const staff = await as("shequ@demo.linli.local");
    const statement = await staff.get(`/residents/${resident}/statement`);
    expect(statement.status).toBe(200);
    const html = await statement.text();
    expect(html).toContain("厨房水龙头漏水");
    expect(html).toContain("李秀梅");
    const slip = await staff.get(`/wishes/${wish}/slip`);
    expect(slip.status).toBe(200);
    expect(await slip.text()).toContain("微心愿交接单");
    const index = await staff.get(`/communities/${community}/paper`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain(`/residents/${resident}/statement`);

    const other = await as("shequ2@demo.linli.local");
    const residentClient = await as("jumin@demo.linli.local");
    // Another community's staff: the community page is refused; its residents and wishes are not found.
    expect((await other.get(`/communities/${community}/paper`)).status).toBe(403);
    expect((await other.get(`/residents/${resident}/statement`)).status).toBe(404);
    expect((await other.get(`/wishes/${wish}/slip`)).status).toBe(404);
    for (const path of [`/residents/${resident}/statement`, `/wishes/${wish}/slip`, `/communities/${community}/paper`]) {
      expect((await residentClient.get(path)).status, path).toBe(403);
      expect((await client().get(path)).status, path).toBe(302);
    }
    expect((await staff.get(`/residents/not-a-uuid/statement`)).status).toBe(404);
  });
});

describe("notification settings and group robots", () => {
  it("records the opt-in with its time and source, and refuses a group robot outside the viewer's scope", async () => {
    const jumin = await as("jumin@demo.linli.local");
    const juminId = await userId(sql`email = 'jumin@demo.linli.local'`);
    const saved = await jumin.form(
      "/notifications",
      new URLSearchParams({ intent: "settings", email: "on", familyName: "女儿", familyPhone: "139 0000 3333" }),
    );
    expect(saved.status).toBe(303);
    const [consent] = await db().execute<{ opted_in: boolean; source: string; recorded_at: string }>(
      sql`select opted_in, source, recorded_at from message_consents where user_id = ${juminId} and channel = 'email'`,
    );
    expect(consent).toMatchObject({ opted_in: true, source: "account" });
    const [family] = await db().execute<{ phone: string }>(sql`select phone from family_contacts where user_id = ${juminId}`);
    expect(family!.phone).toBe("13900003333");
    // Half a family contact is a field error, and changes nothing.
    const half = await jumin.form("/notifications", new URLSearchParams({ intent: "settings", email: "on", familyName: "女儿" }));
    expect(half.status).toBe(400);
    expect(await db().execute(sql`select 1 from family_contacts where user_id = ${juminId}`)).toHaveLength(1);
    // The refused form keeps the boxes as they were ticked, either way, so fixing the number keeps the choice.
    const box = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
    const smsOn = await (
      await jumin.form("/notifications", new URLSearchParams({ intent: "settings", sms: "on", familyName: "女儿", familyPhone: "1391234" }))
    ).text();
    expect(box(smsOn, "sms")).toContain("checked");
    expect(box(smsOn, "email")).not.toContain("checked");
    const smsOff = await (
      await jumin.form("/notifications", new URLSearchParams({ intent: "settings", email: "on", familyName: "女儿", familyPhone: "1391234" }))
    ).text();
    expect(box(smsOff, "sms")).not.toContain("checked");
    expect(box(smsOff, "email")).toContain("checked");

    const shaliu = (await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`))[0]!.id;
    const url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=another-key-7890";
    const group = (c: Client, u: string) =>
      c.form("/notifications", new URLSearchParams({ intent: "group", owner: `community:${shaliu}`, url: u }));
    const before = await db().execute<{ url: string }>(sql`select url from group_webhooks where community_id = ${shaliu}`);
    // Another community's staff, and a resident: refused.
    expect((await group(await as("shequ2@demo.linli.local"), url)).status).toBe(403);
    expect((await group(jumin, url)).status).toBe(403);
    // Not a WeCom robot URL (the server would post to it): a field error.
    const staff = await as("shequ@demo.linli.local");
    const bad = await group(staff, "https://evil.example/cgi-bin/webhook/send?key=abcdefgh12");
    expect(bad.status).toBe(400);
    expect(await db().execute<{ url: string }>(sql`select url from group_webhooks where community_id = ${shaliu}`)).toEqual(before);
    expect((await group(staff, url)).status).toBe(303);
    const [after] = await db().execute<{ url: string }>(sql`select url from group_webhooks where community_id = ${shaliu}`);
    expect(after!.url).toBe(url);
    // The page shows it masked, never the whole key.
    const page = await (await staff.get("/notifications")).text();
    expect(page).not.toContain("another-key-7890");
  });
});
