// The bank's "needs that fit us" on /org, with the demo seed: it suggests the wish whose own list
// ranks the bank's anti-fraud talk first, and after the bank adds a passbook service it suggests
// nothing whose own list does not hold one of the bank's offers (it once offered 高龄老人上门理发).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { drainOutbox } from "~/modules/search/outbox-relay.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";
import { refreshSuggestions } from "~/modules/suggestions/suggestions.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

let server: Awaited<ReturnType<typeof startTestServer>>;
let bankId = "";
let fraudTalk = "";
let fraudWish = "";

type Match = { id: string; title: string; score: number; reasons: string[] };

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  return c;
}

async function items(client: Client, path: string): Promise<Match[]> {
  const res = await client.get(path);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Match[] }).items;
}

/** The wish ids listed under 适合我们的需求 on /org. */
async function suggestedOnDashboard(client: Client): Promise<string[]> {
  const res = await client.get("/org");
  expect(res.status).toBe(200);
  const html = await res.text();
  const section = html.slice(html.indexOf('data-testid="needs-for-us"'));
  expect(section).toContain("适合我们的需求");
  const panel = section.slice(0, section.indexOf("</section>"));
  return [...panel.matchAll(/href="\/wishes\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  await ensureIndexes();
  await drainOutbox();
  const [bank] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'yinhang@demo.linli.local'`,
  );
  bankId = bank!.id;
  const [talk] = await db().execute<{ id: string }>(
    sql`select id from offers where organisation_id = ${bankId} and title = '防范电信诈骗宣传'`,
  );
  fraudTalk = talk!.id;
  const [wish] = await db().execute<{ id: string }>(sql`
    select n.id from needs n join communities c on c.id = n.community_id
    where n.title = '想学学怎么防电话诈骗' and n.status = 'published' and c.name = '沙柳北路社区' limit 1`);
  fraudWish = wish!.id;
  await refreshSuggestions("organisation", bankId);
});
afterAll(() => server.close());

describe("the bank's dashboard and the wishes' own lists agree", () => {
  it("ranks the bank's anti-fraud talk first for the wish, and the offer's list holds the wish with the same score", async () => {
    const forWish = await items(await as("shequ"), `/api/needs/${fraudWish}/matches`);
    expect(forWish[0]!.id).toBe(fraudTalk);
    const bank = await as("yinhang");
    const forOffer = await items(bank, `/api/offers/${fraudTalk}/matches`);
    const back = forOffer.find((n) => n.id === fraudWish);
    expect(back).toBeDefined();
    expect(back!.score).toBe(forWish[0]!.score);
    expect(back!.reasons.join(" ")).toMatch(/匹配词/);
  });

  it("suggests that wish on /org", async () => {
    expect(await suggestedOnDashboard(await as("yinhang"))).toContain(fraudWish);
  });

  it("after a passbook service is added, suggests only wishes whose own list holds one of the bank's offers", async () => {
    const bank = await as("yinhang");
    const [street] = await db().execute<{ id: string }>(sql`select id from streets where name = '东新街道'`);
    const created = await bank.post("/api/offers", {
      organisationId: bankId,
      title: "存折上门办理",
      description: "为行动不便的高龄老人上门办理存折补办、挂失和密码重置。",
      category: "finance",
      tags: ["存折", "上门服务"],
      streetId: street!.id,
      capacityPerMonth: 10,
      weekdays: [1, 2, 3],
    });
    expect(created.status).toBe(201);
    const passbook = ((await created.json()) as { id: string }).id;
    await drainOutbox();
    await refreshSuggestions("organisation", bankId);

    const bankOffers = (await db().execute<{ id: string }>(sql`select id from offers where organisation_id = ${bankId} and active`)).map(
      (o) => o.id,
    );
    const suggested = await suggestedOnDashboard(bank);
    expect(suggested).toContain(fraudWish);
    const staff = await as("jiedao");
    for (const needId of suggested) {
      const own = (await items(staff, `/api/needs/${needId}/matches`)).map((o) => o.id);
      expect(
        own.some((id) => bankOffers.includes(id)),
        `suggested ${needId}, whose list holds none of the bank's offers`,
      ).toBe(true);
    }
    // The haircut wish: not the passbook's, since its own list does not hold the passbook service.
    const haircuts = await db().execute<{ id: string }>(
      sql`select id from needs where title = '高龄老人上门理发' and status = 'published'`,
    );
    expect(haircuts.length).toBeGreaterThan(0);
    for (const { id } of haircuts) {
      expect((await items(staff, `/api/needs/${id}/matches`)).map((o) => o.id)).not.toContain(passbook);
      expect(suggested).not.toContain(id);
      expect((await items(bank, `/api/offers/${passbook}/matches`)).map((n) => n.id)).not.toContain(id);
    }
  });

  it("shows an offer's matches to its organisation and the area's staff only", async () => {
    expect((await (await as("qiye")).get(`/api/offers/${fraudTalk}/matches`)).status).toBe(403);
    expect((await (await as("shequ2")).get(`/api/offers/${fraudTalk}/matches`)).status).toBe(403);
    expect((await new Client(server.base).get(`/api/offers/${fraudTalk}/matches`)).status).toBe(401);
    expect([400, 404]).toContain((await (await as("yinhang")).get(`/api/offers/not-an-id/matches`)).status);
    expect((await (await as("yinhang")).get(`/api/offers/${fraudTalk}/matches?limit=0`)).status).toBe(400);
  });
});
