// Issue 14, "The rest": each attack replayed against the real Express + Remix server.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { API_BODY_LIMIT, bodyLimitFor, FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT } from "~/lib/body-limits.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { tianjinMidnight } from "~/lib/tianjin-time";
import { nowMs } from "~/lib/clock.server";
import { DEMO_PASSWORD } from "#db/seed";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

let server: Awaited<ReturnType<typeof startTestServer>>;
let shaliu: string;
let teamId: string;
let teamOrgOffers: string;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  const [row] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  shaliu = row!.id;
  const [team] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'duizhang@demo.linli.local'`,
  );
  teamId = team!.id;
  const [bank] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'yinhang@demo.linli.local' and m.role = 'org_admin'`,
  );
  teamOrgOffers = bank!.id;
});
afterAll(() => server.close());

const anonymous = () => new Client(server.base);
async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  return c;
}
const count = async (table: string) =>
  Number((await db().execute<{ n: string }>(sql`select count(*)::text as n from ${sql.identifier(table)}`))[0]!.n);

describe("open redirect", () => {
  // Refused targets fall back to where the persona's work is: the resident's wishes.
  const RESIDENT_LANDING = "/my/wishes";
  const attacks = ["%2F%09%2Fevil.example%2Fphish", "%2F%2Fevil.example", "%2F%5Cevil.example", "https%3A%2F%2Fevil.example"];

  it("never sends a signed-in visitor of /login?redirectTo= to another host", async () => {
    const resident = await as("jumin");
    for (const attack of attacks) {
      const res = await resident.get(`/login?redirectTo=${attack}`);
      expect(res.status, attack).toBe(302);
      expect(res.headers.get("location"), attack).toBe(RESIDENT_LANDING);
    }
    const fine = await resident.get(`/login?redirectTo=${encodeURIComponent("/my/hours?x=1")}`);
    expect(fine.headers.get("location")).toBe("/my/hours?x=1");
  });

  it("answers %0A and %0D in redirectTo with a redirect home, not a 500", async () => {
    const resident = await as("jumin");
    for (const attack of ["%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%0D%0ASet-Cookie%3A%20x%3D1"]) {
      const res = await resident.get(`/login?redirectTo=${attack}`);
      expect(res.status, attack).toBe(302);
      expect(res.headers.get("location"), attack).toBe(RESIDENT_LANDING);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("x="))).toBe(false);
    }
  });

  it("never sends the login form to another host, with or without JavaScript", async () => {
    for (const redirectTo of ["/\t/evil.example/phish", "//evil.example", "/\r\n/evil.example", "/\\evil.example"]) {
      const form = () => new URLSearchParams({ login: "jumin@demo.linli.local", password: DEMO_PASSWORD, redirectTo });
      // Without JavaScript: a plain form post and a redirect.
      const plain = await anonymous().form("/login", form());
      expect([302, 303], JSON.stringify(redirectTo)).toContain(plain.status);
      expect(plain.headers.get("location")).toBe(RESIDENT_LANDING);
      // With JavaScript: Remix posts to /login.data and follows what the answer names.
      const scripted = await anonymous().form("/login.data", form());
      expect(scripted.status).toBeLessThan(500);
      expect(`${scripted.headers.get("x-remix-redirect") ?? ""}${await scripted.text()}`).not.toContain("evil.example");
    }
  });

  it("keeps the language and text-size switches on this site", async () => {
    for (const [route, field, value] of [
      ["/set-language", "locale", "en"],
      ["/set-text-size", "size", "large"],
    ] as const) {
      const res = await anonymous().form(route, new URLSearchParams({ [field]: value, returnTo: "/\t/evil.example" }));
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
  });
});

/** Sends `total` bytes (never all in memory: one 64 KB chunk again and again) and returns the answer and how much went out. */
function streamBody(target: string, opts: { contentType: string; total: number; declareLength: boolean; prefix?: string }) {
  const url = new URL(target, server.base);
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: { "Content-Type": opts.contentType, ...(opts.declareLength ? { "Content-Length": String(opts.total) } : {}) },
    });
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        resolve({ status: res.statusCode!, body: Buffer.concat(parts).toString(), sent });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      // The server closes the connection after its 413: writing on is then refused (EPIPE, reset).
      if (!answered && !/EPIPE|ECONNRESET|socket hang up/.test(String(error))) reject(error);
    });
    const pump = () => {
      if (answered || req.destroyed) return;
      if (opts.prefix && sent === 0) {
        req.write(opts.prefix);
        sent += opts.prefix.length;
      }
      while (sent < opts.total && !answered) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (sent >= opts.total) req.end();
    };
    pump();
  });
}

describe("request body limits", () => {
  const TOTAL = 200 * 1024 * 1024;

  for (const [target, contentType, prefix] of [
    ["/api/session", "application/json", '{"login":"'],
    ["/login", "application/x-www-form-urlencoded", "login="],
  ] as const) {
    for (const declareLength of [true, false]) {
      it(`answers a 200 MB body to ${target} (${declareLength ? "Content-Length" : "chunked"}) with 413 without reading it`, async () => {
        // Warm up: the first render of the page is not what is measured.
        await streamBody(target, { contentType, total: 2 * 1024 * 1024, declareLength, prefix });
        global.gc?.();
        const before = process.memoryUsage().rss;
        const { status, body, sent } = await streamBody(target, { contentType, total: TOTAL, declareLength, prefix });
        const grown = process.memoryUsage().rss - before;
        expect(status).toBe(413);
        if (target.startsWith("/api/"))
          expect(JSON.parse(body)).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
        else expect(body).toContain("413");
        // The server stopped reading long before the end (the client could only fill the socket's buffers).
        expect(sent).toBeLessThan(32 * 1024 * 1024);
        expect(grown).toBeLessThan(8 * 1024 * 1024);
      });
    }
  }

  it("still serves bodies under the limit, and counts a form post to a page against 256 KB", async () => {
    expect((await anonymous().login("jumin@demo.linli.local")).status).toBe(200);
    const big = await anonymous().form("/login", new URLSearchParams({ login: "a".repeat(FORM_BODY_LIMIT), password: "x" }));
    expect(big.status).toBe(413);
    const bigJson = await anonymous().post("/api/session", { login: "a".repeat(API_BODY_LIMIT), password: "x" });
    expect(bigJson.status).toBe(413);
    expect(((await bigJson.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("leaves uploads their own limit, on the pages that take photos", async () => {
    expect(bodyLimitFor("/api/needs", "application/json")).toBe(API_BODY_LIMIT);
    expect(bodyLimitFor("/api/needs", "multipart/form-data; boundary=x")).toBe(API_BODY_LIMIT);
    expect(bodyLimitFor("/login", "multipart/form-data; boundary=x")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/wishes/new", "application/x-www-form-urlencoded")).toBe(FORM_BODY_LIMIT);
    // Every page that reads photos is on the upload list (found by reading the routes, so a new one is not forgotten).
    const routes = path.resolve(__dirname, "../../app/routes");
    const uploaders = fs.readdirSync(routes).filter((f) => fs.readFileSync(path.join(routes, f), "utf8").includes("readImageUploads"));
    expect(uploaders.length).toBeGreaterThan(0);
    for (const file of uploaders) {
      const url =
        "/" +
        file
          .replace(/\.tsx?$/, "")
          .split(".")
          .map((s) => (s.startsWith("$") ? "5b0c8a3e-0a7e-4c55-9d6b-3c1f7c1b2a10" : s.replace(/_$/, "")))
          .filter((s) => s !== "_index")
          .join("/");
      expect(bodyLimitFor(url, "multipart/form-data; boundary=x"), file).toBe(UPLOAD_BODY_LIMIT);
      expect(bodyLimitFor(`${url}.data`, "multipart/form-data; boundary=x"), file).toBe(UPLOAD_BODY_LIMIT);
    }
    // A 1 MB photo form still reaches the page (which judges the photo, not the transport).
    const resident = await as("jumin");
    const form = new FormData();
    form.set("title", "上传测试");
    form.set("photos", new Blob([Buffer.alloc(1024 * 1024, 1)], { type: "image/jpeg" }), "big.jpg");
    const res = await resident.form("/wishes/new", form);
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});

describe("security headers", () => {
  it("pages carry a CSP with a fresh nonce that every script has, no framing, nosniff, a referrer policy, and no HSTS over HTTP", async () => {
    const nonces = new Set<string>();
    for (const page of ["/", "/wishes", "/login", "/about"]) {
      const res = await anonymous().get(page);
      expect(res.status, page).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9_-]{20,})'/.exec(csp)?.[1];
      expect(nonce, page).toBeTruthy();
      expect(nonces.has(nonce!)).toBe(false);
      nonces.add(nonce!);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
      expect(scripts.length, page).toBeGreaterThan(0);
      for (const [, attrs] of scripts) if (!/\bsrc=/.test(attrs!)) expect(attrs, page).toContain(`nonce="${nonce}"`);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const api = await anonymous().get("/api/places");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("lets the certificate's inline style in by the response's nonce", async () => {
    const volunteer = await as("zhiyuanzhe");
    const { id } = (await (await volunteer.get("/api/me")).json()) as { id: string };
    const res = await volunteer.get(`/volunteers/${id}/certificate`);
    expect(res.status).toBe(200);
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const styles = [...(await res.text()).matchAll(/<style\b([^>]*)>/g)];
    expect(styles.length).toBeGreaterThan(0);
    for (const [, attrs] of styles) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it("sends HSTS only when the request came over HTTPS (behind a trusted proxy)", async () => {
    process.env.TRUST_PROXY = "loopback";
    const behindProxy = await startTestServer();
    try {
      const https = await fetch(`${behindProxy.base}/about`, { headers: { "X-Forwarded-Proto": "https" } });
      expect(https.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      const plain = await fetch(`${behindProxy.base}/about`);
      expect(plain.headers.get("strict-transport-security")).toBeNull();
    } finally {
      delete process.env.TRUST_PROXY;
      await behindProxy.close();
    }
  });
});

describe("cross-origin writes", () => {
  it("compares the whole origin: another scheme or port is another site", async () => {
    const url = new URL(server.base);
    const login = { login: "jumin@demo.linli.local", password: DEMO_PASSWORD };
    for (const origin of [`https://${url.host}`, `http://${url.hostname}:1`, "http://evil.example", "null"]) {
      const res = await anonymous().post("/api/session", login, { Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    expect((await anonymous().post("/api/session", login, { Origin: url.origin })).status).toBe(200);
  });
});

describe("bad input answers 4xx, never 500", () => {
  const uuid = "41e993ed-0873-5142-96e1-4b1dfc2c3109";
  const b64 = (value: string) => Buffer.from(value).toString("base64url");
  const forged = [
    b64(JSON.stringify(["1", uuid])),
    b64(JSON.stringify(["2026-01-01T00:00:00.000Z", "-".repeat(36)])),
    b64(JSON.stringify(["0000-01-01T00:00:00.000Z", uuid])),
    "garbage",
    "%00",
  ];

  it("forged cursors on /api/needs, /api/offers, /api/activities and /wishes", async () => {
    for (const cursor of forged) {
      for (const list of ["/api/needs", "/api/offers", "/api/activities"]) {
        const res = await anonymous().get(`${list}?cursor=${cursor}`);
        expect(res.status, `${list} ${cursor}`).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
      }
      expect((await anonymous().get(`/wishes?cursor=${cursor}`)).status, `/wishes ${cursor}`).toBe(400);
    }
  });

  it("a NUL byte in the login, in q and in a wish title", async () => {
    const login = await anonymous().post("/api/session", { login: "jumin\u0000@demo.linli.local", password: DEMO_PASSWORD });
    expect(login.status).toBe(400);
    expect(((await login.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ login: "invalid_characters" });
    const form = await anonymous().form("/login", new URLSearchParams({ login: "jumin\u0000", password: "x" }));
    expect(form.status).toBe(400);
    expect((await anonymous().get("/api/needs?q=%00")).status).toBe(400);
    expect((await anonymous().get("/api/offers?q=a%00b")).status).toBe(400);
    expect((await anonymous().get("/wishes?q=%00")).status).toBe(400);
    const resident = await as("jumin");
    const before = await count("needs");
    const wish = await resident.post("/api/needs", { kind: "micro_wish", title: "灯\u0000坏了", communityId: shaliu });
    expect(wish.status).toBe(400);
    expect(((await wish.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ title: "invalid_characters" });
    const page = await resident.form("/wishes/new", new URLSearchParams({ title: "灯\u0000坏了", communityId: shaliu, description: "x" }));
    expect(page.status).toBe(400);
    expect(await count("needs")).toBe(before);
  });

  it("year 0000 in an activity's dates", async () => {
    const leader = await as("duizhang");
    const before = await count("activities");
    for (const [startsAt, endsAt] of [
      ["0000-01-01T09:00:00Z", "0000-01-01T11:00:00Z"],
      ["0000-01-01T09:00:00Z", "2026-12-01T11:00:00Z"],
    ]) {
      const res = await leader.post("/api/activities", {
        title: "零年活动",
        category: "environment",
        communityId: shaliu,
        organisationId: teamId,
        capacity: 5,
        startsAt,
        endsAt,
      });
      expect(res.status, startsAt).toBe(400);
    }
    expect(await count("activities")).toBe(before);
  });

  it("an unknown activityId on /api/hour-corrections", async () => {
    const volunteer = await as("zhiyuanzhe");
    const before = await count("hour_correction_requests");
    const res = await volunteer.post("/api/hour-corrections", { activityId: uuid, reason: "漏记了" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      activityId: "activity_not_found",
    });
    expect(await count("hour_correction_requests")).toBe(before);
  });
});

describe("Idempotency-Key on create", () => {
  it("three identical concurrent posts of a wish with one key create one wish, and each answers like the first", async () => {
    const resident = await as("jumin");
    const before = await count("needs");
    const body = { kind: "micro_wish", title: "门锁坏了（重试测试）", description: "想请人帮忙看看", communityId: shaliu };
    const key = `wish-${Date.now()}`;
    const answers = await Promise.all([1, 2, 3].map(() => resident.post("/api/needs", body, { "Idempotency-Key": key })));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true").length).toBe(2);
    expect(await count("needs")).toBe(before + 1);
    // A later retry: the same answer again.
    const retry = await resident.post("/api/needs", body, { "Idempotency-Key": key });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { id: string }).id).toBe(ids[0]);
    // The same key with another body is refused; another user's same key is theirs alone.
    const other = await resident.post("/api/needs", { ...body, title: "别的心愿" }, { "Idempotency-Key": key });
    expect(other.status).toBe(409);
    const neighbour = await as("jumin2");
    expect((await neighbour.post("/api/needs", body, { "Idempotency-Key": key })).status).toBe(201);
    expect(await count("needs")).toBe(before + 2);
    // Without a key nothing changes: two posts, two wishes.
    await resident.post("/api/needs", body);
    await resident.post("/api/needs", body);
    expect(await count("needs")).toBe(before + 4);
  });

  it("a refused create keeps no answer: the same key works once the body is right; and a bad key is a 400", async () => {
    const resident = await as("jumin");
    const key = `retry-${Date.now()}`;
    const bad = await resident.post("/api/needs", { kind: "micro_wish", title: "", communityId: shaliu }, { "Idempotency-Key": key });
    expect(bad.status).toBe(400);
    const good = await resident.post(
      "/api/needs",
      { kind: "micro_wish", title: "晾衣架", communityId: shaliu },
      { "Idempotency-Key": key },
    );
    expect(good.status).toBe(201);
    expect(
      (await resident.post("/api/needs", { kind: "micro_wish", title: "x", communityId: shaliu }, { "Idempotency-Key": "a b" })).status,
    ).toBe(400);
  });

  it("offers and activities replay too", async () => {
    const leader = await as("duizhang");
    const startsAt = new Date(tianjinMidnight(nowMs()).getTime() + 40 * 86_400_000 + 9 * 3_600_000);
    const activity = {
      title: "重试活动",
      category: "environment",
      communityId: shaliu,
      organisationId: teamId,
      capacity: 5,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    };
    const beforeActivities = await count("activities");
    const [a, b] = await Promise.all([1, 2].map(() => leader.post("/api/activities", activity, { "Idempotency-Key": "act-1" })));
    expect([a!.status, b!.status]).toEqual([201, 201]);
    expect(((await a!.json()) as { id: string }).id).toBe(((await b!.json()) as { id: string }).id);
    expect(await count("activities")).toBe(beforeActivities + 1);

    const bank = await as("yinhang");
    const offer = { organisationId: teamOrgOffers, title: "重试服务", category: "repair", communityId: shaliu, capacityPerMonth: 3 };
    const beforeOffers = await count("offers");
    const first = await bank.post("/api/offers", offer, { "Idempotency-Key": "offer-1" });
    const second = await bank.post("/api/offers", offer, { "Idempotency-Key": "offer-1" });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.text()).toBe(await first.text());
    expect(await count("offers")).toBe(beforeOffers + 1);
  });
});

describe("display names", () => {
  it("lose bidirectional override characters at sign-up", async () => {
    const phone = "13700001234";
    const res = await anonymous().form(
      "/signup",
      new URLSearchParams({
        displayName: "\u202e\u2066王芳\u2069\u202c",
        phone,
        password: "a-long-password-2026",
        communityId: shaliu,
        role: "resident",
        consent: "on",
      }),
    );
    // The account is made from the pending sign-up once its code is confirmed: the name is cleaned before it is kept.
    expect(res.status).toBe(303);
    const [pending] = await db().execute<{ display_name: string }>(sql`select display_name from signup_requests where phone = ${phone}`);
    expect(pending!.display_name).toBe("王芳");
  });
});
