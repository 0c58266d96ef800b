// Claims under contention and a micro-wish's whole lifecycle, through the real HTTP server and database
// (DESIGN.md: "Only one active claim per wish/item, ever — two partners clicking at the same moment:
// exactly one wins").
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
});
afterAll(() => server?.close());

const client = () => new Client(server.base);
const demo = (login: string) => `${login}@demo.linli.local`;

async function loggedIn(login: string): Promise<Client> {
  const c = client();
  const res = await c.login(demo(login));
  expect(res.status, login).toBe(200);
  return c;
}

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface TransitionBody {
  id: string;
  status: string;
  claimId?: string;
}

async function claimsOf(needId: string) {
  return db().execute<{ id: string; status: string; organisation_id: string; idempotency_key: string | null }>(sql`
    select id, status, organisation_id, idempotency_key from claims where need_id = ${needId} order by claimed_at`);
}

async function statusOf(needId: string): Promise<string> {
  const [row] = await db().execute<{ status: string }>(sql`select status from needs where id = ${needId}`);
  return row!.status;
}

describe("claiming one wish at the same moment", () => {
  const partners = Array.from({ length: 20 }, (_, i) => `partner${String(i + 1).padStart(2, "0")}`);
  let needId = "";
  let winner: { client: Client; key: string; claimId: string } | null = null;
  let losers: { client: Client; key: string }[] = [];

  it("20 simultaneous claims: exactly one wins", async () => {
    const clients = await Promise.all(partners.map((p) => loggedIn(p)));
    const [wish] = await db().execute<{ id: string }>(sql`
      select n.id from needs n
        join communities c on c.id = n.community_id
        join streets s on s.id = c.street_id
      where s.name = '东新街道' and n.kind = 'micro_wish' and n.status = 'published'
        and not exists (select 1 from claims cl where cl.need_id = n.id and cl.status in ('active', 'fulfilled', 'completed'))
      order by n.created_at, n.id
      limit 1`);
    expect(wish, "a published micro-wish in 东新街道 without a claim").toBeDefined();
    needId = wish!.id;

    const keys = partners.map((p) => `race-${p}-${needId}`);
    const responses = await Promise.all(
      clients.map((c, i) => c.post(`/api/needs/${needId}/transitions`, { action: "claim" }, { "Idempotency-Key": keys[i]! })),
    );
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<unknown>));
    const statuses = responses.map((r) => r.status);

    expect(
      statuses.filter((s) => s === 200),
      `statuses: ${statuses.join(",")}`,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === 409),
      `statuses: ${statuses.join(",")}`,
    ).toHaveLength(19);
    for (const [i, body] of bodies.entries()) {
      if (statuses[i] === 409) expect(["conflict", "invalid_transition"], partners[i]).toContain((body as ErrorBody).error.code);
    }

    const w = statuses.indexOf(200);
    const won = bodies[w] as TransitionBody;
    expect(won).toMatchObject({ id: needId, status: "claimed", claimId: expect.any(String) });

    const rows = await claimsOf(needId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: won.claimId, status: "active", idempotency_key: keys[w] });
    expect(await statusOf(needId)).toBe("claimed");

    winner = { client: clients[w]!, key: keys[w]!, claimId: won.claimId! };
    losers = clients.map((client, i) => ({ client, key: keys[i]! })).filter((_, i) => i !== w);
  });

  it("a retried claim by the winner with the same Idempotency-Key answers 200 and adds no claim", async () => {
    expect(winner, "the race test ran first").not.toBeNull();
    const retry = await winner!.client.post(`/api/needs/${needId}/transitions`, { action: "claim" }, { "Idempotency-Key": winner!.key });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id: needId, status: "claimed", claimId: winner!.claimId });

    // A loser retrying its own request still loses.
    const lost = await losers[0]!.client.post(
      `/api/needs/${needId}/transitions`,
      { action: "claim" },
      { "Idempotency-Key": losers[0]!.key },
    );
    expect(lost.status).toBe(409);

    const rows = await claimsOf(needId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: winner!.claimId, status: "active" });
    expect(await statusOf(needId)).toBe("claimed");
  });
});

describe("a micro-wish from posting to completion, through the API", () => {
  const phone = "13912345678";

  it("is posted, approved, claimed, fulfilled and confirmed, with every step checked", async () => {
    const jumin = await loggedIn("jumin");
    const me = (await (await jumin.get("/api/me")).json()) as { id: string; memberships: { role: string; communityId: string | null }[] };
    const communityId = me.memberships.find((m) => m.role === "resident")?.communityId;
    expect(communityId).toMatch(/^[0-9a-f-]{36}$/);

    const countMine = async () => {
      const [row] = await db().execute<{ n: number }>(sql`select count(*)::int as n from needs where posted_by_user_id = ${me.id}`);
      return row!.n;
    };

    // An empty title is refused and writes nothing.
    const before = await countMine();
    const invalid = await jumin.post("/api/needs", { kind: "micro_wish", title: "  ", description: "空标题", communityId });
    expect(invalid.status).toBe(400);
    const invalidBody = (await invalid.json()) as ErrorBody;
    expect(invalidBody.error.code).toBe("validation_failed");
    expect(invalidBody.error.fields).toHaveProperty("title");
    expect(await countMine()).toBe(before);

    // Posted by the resident: waits for review.
    const created = await jumin.post("/api/needs", {
      kind: "micro_wish",
      title: "卫生间水龙头一直滴水",
      description: `水龙头关不严，想请人帮忙换个阀芯。联系我：${phone}`,
      communityId,
      contactPhone: phone,
      address: "沙柳北路12号楼3门201",
    });
    expect(created.status).toBe(201);
    const need = (await created.json()) as { id: string; status: string; kind: string };
    expect(need).toMatchObject({ kind: "micro_wish", status: "pending_review" });
    expect(await countMine()).toBe(before + 1);
    const path = `/api/needs/${need.id}`;
    const transition = (c: Client, body: Record<string, unknown>) => c.post(`${path}/transitions`, body);

    // Staff of the community approve it.
    const shequ = await loggedIn("shequ");
    const approved = await transition(shequ, { action: "approve" });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id: need.id, status: "published" });

    // A partner claims it.
    const partner01 = await loggedIn("partner01");
    const claimed = await transition(partner01, { action: "claim" });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({ id: need.id, status: "claimed", claimId: expect.any(String) });

    // Another partner may not report delivery of someone else's claim.
    const partner02 = await loggedIn("partner02");
    const foreign = await transition(partner02, { action: "fulfil", note: "不是我认领的" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ErrorBody).error.code).toBe("forbidden");
    expect(await statusOf(need.id)).toBe("claimed");

    // The claimer reports delivery with a note.
    const fulfilled = await transition(partner01, { action: "fulfil", note: "已上门更换阀芯，不再滴水" });
    expect(fulfilled.status).toBe(200);
    expect(await fulfilled.json()).toMatchObject({ id: need.id, status: "fulfilled" });
    const [claim] = await claimsOf(need.id);
    expect(claim).toMatchObject({ status: "fulfilled" });

    // The resident confirms, with thanks and a rating.
    const confirmed = await transition(jumin, { action: "confirm", thanks: "谢谢师傅，修得很好！", rating: 5 });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ id: need.id, status: "completed" });
    expect((await claimsOf(need.id)).map((c) => c.status)).toEqual(["completed"]);

    // Nobody claims a completed wish.
    const partner03 = await loggedIn("partner03");
    const late = await transition(partner03, { action: "claim" });
    expect(late.status).toBe(409);
    expect(["conflict", "invalid_transition"]).toContain(((await late.json()) as ErrorBody).error.code);
    expect(await claimsOf(need.id)).toHaveLength(1);
    expect(await statusOf(need.id)).toBe("completed");

    // Every step is on the record.
    const history = await shequ.get(`${path}/history`);
    expect(history.status).toBe(200);
    const events = (await history.json()) as { items: { action: string }[] };
    expect(events.items.length).toBeGreaterThanOrEqual(5);

    // The public sees the wish without contact details or logins.
    const anonymous = await client().get(path);
    expect(anonymous.status).toBe(200);
    const publicText = await anonymous.text();
    const publicView = JSON.parse(publicText) as Record<string, unknown>;
    expect(publicView).toMatchObject({ id: need.id, status: "completed" });
    // The resident's rating is not public: not in the public view, nor anywhere in its text.
    expect(publicView).not.toHaveProperty("rating");
    expect(publicText).not.toMatch(/"rating"/);
    expect(publicText).not.toContain(phone);
    expect(publicText).not.toContain("@demo.linli.local");
    expect(publicView).not.toHaveProperty("private");

    // Staff of the community see the private fields.
    const staffView = (await (await shequ.get(path)).json()) as { private?: Record<string, unknown> };
    expect(staffView.private).toBeDefined();
    expect(Object.keys(staffView.private!)).toEqual(expect.arrayContaining(["contactPhone", "address"]));
    expect(staffView.private).toMatchObject({ contactPhone: phone, address: "沙柳北路12号楼3门201" });
  });
});
