// Sessions, roles and place-scoped permissions through the real HTTP server (shared/API.md).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

let server: Awaited<ReturnType<typeof startTestServer>>;
const demoLogins = [
  "admin",
  "jiedao",
  "shequ",
  "shequ2",
  "jumin",
  "jumin2",
  "yinhang",
  "yiyuan",
  "qiye",
  "duizhang",
  "zhiyuanzhe",
  "partner01",
  "partner20",
].map((l) => `${l}@demo.linli.local`);

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
});
afterAll(() => server.close());

const client = () => new Client(server.base);

async function pendingWishOf(login: string): Promise<string> {
  const [row] = await db().execute<{ id: string }>(sql`
    select n.id from needs n join users u on u.id = n.posted_by_user_id
    where n.status = 'pending_review' and u.email = ${login} limit 1`);
  if (row) return row.id;
  const c = client();
  await c.login(login);
  const me = (await (await c.get("/api/me")).json()) as { memberships: { role: string; communityId: string }[] };
  const res = await c.post("/api/needs", {
    kind: "micro_wish",
    title: "阳台晾衣架坏了",
    description: "想请人帮忙修一下",
    communityId: me.memberships.find((m) => m.role === "resident")!.communityId,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("logging in", () => {
  it("works for every demo account, by email", async () => {
    for (const login of demoLogins) {
      const c = client();
      const res = await c.login(login);
      expect(res.status, login).toBe(200);
      const body = (await res.json()) as { user: { id: string; memberships: unknown[] } };
      expect(body.user.memberships.length, login).toBeGreaterThan(0);
      const cookie = res.headers.get("set-cookie")!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect((await c.get("/api/me")).status).toBe(200);
    }
  });

  it("works by phone number for the resident registered by staff", async () => {
    const c = client();
    expect((await c.login("13800000001")).status).toBe(200);
    const me = (await (await c.get("/api/me")).json()) as {
      displayName: string;
      memberships: { role: string; communityId: string | null; streetId: null; organisationId: null }[];
    };
    expect(me.memberships).toEqual([expect.objectContaining({ role: "resident", streetId: null, organisationId: null })]);
    expect(me.memberships[0]!.communityId).toMatch(/^[0-9a-f-]{36}$/);
    // Spaces and +86 are accepted too.
    expect((await client().login("+86 138 0000 0001")).status).toBe(200);
  });

  it("shows roles and scopes at /api/me, and 401 without a session", async () => {
    const c = client();
    await c.login("jiedao@demo.linli.local");
    const me = (await (await c.get("/api/me")).json()) as { id: string; displayName: string; memberships: Record<string, unknown>[] };
    expect(me.displayName).toBe("韩立新");
    expect(me.memberships).toEqual([{ role: "street_admin", communityId: null, streetId: expect.any(String), organisationId: null }]);
    const anonymous = await client().get("/api/me");
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });

  it("answers a wrong password with 401, and 15 in a row reach 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await client().login("jumin2@demo.linli.local", "wrong-password")).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    // Locked even with the right password, until the 15 minutes pass.
    const locked = await client().login("jumin2@demo.linli.local");
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    await db().execute(sql`update login_failures set created_at = created_at - interval '16 minutes'`);
    expect((await client().login("jumin2@demo.linli.local")).status).toBe(200);
  });

  it("answers an unknown login with 401, the same as a wrong password", async () => {
    const res = await client().login("nobody@demo.linli.local", "whatever-password");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: "wrong login or password" } });
  });

  it("ends the session with DELETE /api/session", async () => {
    const c = client();
    await c.login("jumin@demo.linli.local");
    expect((await c.get("/api/me")).status).toBe(200);
    expect((await c.delete("/api/session")).status).toBe(204);
    expect((await c.get("/api/me")).status).toBe(401);
  });

  it("ends a session whose time ran out", async () => {
    const c = client();
    await c.login("jumin@demo.linli.local");
    await db().execute(
      sql`update sessions set expires_at = now() - interval '1 minute' where user_id = (select id from users where email = 'jumin@demo.linli.local')`,
    );
    expect((await c.get("/api/me")).status).toBe(401);
  });
});

describe("writes", () => {
  it("refuses anonymous writes with 401", async () => {
    const [need] = await db().execute<{ id: string }>(sql`select id from needs where status = 'published' limit 1`);
    const c = client();
    expect((await c.post("/api/needs", { kind: "micro_wish", title: "x", communityId: need!.id })).status).toBe(401);
    expect((await c.post(`/api/needs/${need!.id}/transitions`, { action: "claim" })).status).toBe(401);
  });

  it("refuses a cross-origin POST even with a valid session (403), and accepts the same origin", async () => {
    const c = client();
    await c.login("shequ@demo.linli.local");
    const wish = await pendingWishOf("jumin@demo.linli.local");
    const crossOrigin = await c.post(`/api/needs/${wish}/transitions`, { action: "approve" }, { Origin: "http://evil.example" });
    expect(crossOrigin.status).toBe(403);
    expect(((await crossOrigin.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const crossSite = await c.post(`/api/needs/${wish}/transitions`, { action: "approve" }, { "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const [still] = await db().execute<{ status: string }>(sql`select status from needs where id = ${wish}`);
    expect(still!.status).toBe("pending_review");
    const sameOrigin = await c.post(`/api/needs/${wish}/transitions`, { action: "approve" }, { Origin: server.base });
    expect(sameOrigin.status).toBe(200);
    expect(((await sameOrigin.json()) as { status: string }).status).toBe("published");
  });

  it("lets only staff of that community (or its street) approve a wish", async () => {
    const wish = await pendingWishOf("jumin@demo.linli.local");
    const approve = async (login: string) => {
      const c = client();
      await c.login(login);
      return c.post(`/api/needs/${wish}/transitions`, { action: "approve" });
    };
    // Staff of another street's community: 403. The resident who posted it: 403. A partner: 403.
    for (const login of ["shequ2@demo.linli.local", "jumin@demo.linli.local", "yinhang@demo.linli.local"]) {
      const res = await approve(login);
      expect(res.status, login).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    const [unchanged] = await db().execute<{ status: string }>(sql`select status from needs where id = ${wish}`);
    expect(unchanged!.status).toBe("pending_review");
    expect((await approve("jiedao@demo.linli.local")).status).toBe(200);
  });
});
