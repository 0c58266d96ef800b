// An offer's monthly capacity is spent by the claims that draw on it (claims.offer_id): the claim form names
// the offer, the API may too, and without one the claiming organisation's offer of the case's category (or its
// only offer there) is used. Before, capacity counted claims of the offer's category only, and most residents'
// wishes have none, so an offer's capacity rarely went down and full offers kept being matched.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";
import { drainOutbox } from "~/modules/search/outbox-relay.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let bank: Client;
let bankId: string;
let community: string;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  await ensureIndexes();
  await drainOutbox();
  bank = new Client(server.base);
  expect((await bank.login("yinhang@demo.linli.local")).status).toBe(200);
  const me = (await (await bank.get("/api/me")).json()) as { memberships: { organisationId: string | null }[] };
  bankId = me.memberships.find((m) => m.organisationId)!.organisationId!;
  const [row] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  community = row!.id;
  // The bank's own offers start from none, so which offer a claim draws on is the test's alone.
  await db().execute(sql`update offers set active = false where organisation_id = ${bankId}`);
});
afterAll(() => server?.close());

async function newOffer(category: string, title: string, capacityPerMonth = 3): Promise<string> {
  const res = await bank.post("/api/offers", {
    organisationId: bankId,
    title,
    description: `${title}，每周二上门`,
    category,
    tags: [],
    communityId: community,
    capacityPerMonth,
    weekdays: [2],
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function capacityOf(offerId: string) {
  const res = await bank.get(`/api/offers/${offerId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { usedThisMonth: number; capacityLeft: number };
}

/** A published micro-wish of 沙柳北路社区 nobody holds, given this category. */
async function freeWish(category: string | null): Promise<string> {
  const [wish] = await db().execute<{ id: string }>(sql`
    select n.id from needs n where n.community_id = ${community} and n.kind = 'micro_wish' and n.status = 'published'
      and not exists (select 1 from claims cl where cl.need_id = n.id)
    order by n.created_at, n.id limit 1`);
  expect(wish, "a published micro-wish never claimed").toBeDefined();
  await db().execute(sql`update needs set category = ${category} where id = ${wish!.id}`);
  return wish!.id;
}

/** A resident's new wish in 沙柳北路社区, approved by staff (the demo's never-claimed wishes there are few). */
async function postedAndApproved(wish: { title: string; description: string; category?: string }): Promise<string> {
  const resident = new Client(server.base);
  expect((await resident.login("jumin@demo.linli.local")).status).toBe(200);
  const posted = await resident.post("/api/needs", { kind: "micro_wish", communityId: community, ...wish });
  expect(posted.status).toBe(201);
  const id = ((await posted.json()) as { id: string }).id;
  const staff = new Client(server.base);
  expect((await staff.login("shequ@demo.linli.local")).status).toBe(200);
  expect((await staff.post(`/api/needs/${id}/transitions`, { action: "approve" })).status).toBe(200);
  return id;
}

const claim = (id: string, extra: Record<string, unknown> = {}) =>
  bank.post(`/api/needs/${id}/transitions`, { action: "claim", ...extra });

async function claimOf(needId: string) {
  return db().execute<{ offer_id: string | null; status: string }>(sql`select offer_id, status from claims where need_id = ${needId}`);
}

describe("which offer a claim spends", () => {
  it("a named offer is spent, the organisation's other offer is not, and releasing gives the place back", async () => {
    const lessons = await newOffer("finance", "反诈骗课堂");
    const repairs = await newOffer("repair", "小家电义务维修");
    const wish = await freeWish(null);
    expect((await claim(wish, { offerId: repairs })).status).toBe(200);
    expect(await capacityOf(repairs)).toMatchObject({ usedThisMonth: 1, capacityLeft: 2 });
    expect(await capacityOf(lessons)).toMatchObject({ usedThisMonth: 0, capacityLeft: 3 });
    expect((await bank.post(`/api/needs/${wish}/transitions`, { action: "release", reason: "人手不够" })).status).toBe(200);
    expect(await capacityOf(repairs)).toMatchObject({ usedThisMonth: 0, capacityLeft: 3 });
    await db().execute(sql`update offers set active = false where id in (${lessons}, ${repairs})`);
  });

  it("without a named offer, the claim spends the offer of the wish's category; an uncategorised wish with two offers spends none", async () => {
    const lessons = await newOffer("finance", "老年人理财防骗讲解");
    const repairs = await newOffer("repair", "水龙头电灯小修");
    const categorised = await freeWish("repair");
    expect((await claim(categorised)).status).toBe(200);
    expect((await claimOf(categorised))[0]?.offer_id).toBe(repairs);
    const uncategorised = await freeWish(null);
    expect((await claim(uncategorised)).status).toBe(200);
    expect((await claimOf(uncategorised))[0]?.offer_id).toBeNull();
    // With one offer there, that one: a resident's uncategorised wish still spends the partner's capacity.
    await db().execute(sql`update offers set active = false where id = ${lessons}`);
    const another = await freeWish(null);
    expect((await claim(another)).status).toBe(200);
    expect((await claimOf(another))[0]?.offer_id).toBe(repairs);
    expect(await capacityOf(repairs)).toMatchObject({ usedThisMonth: 2, capacityLeft: 1 });
    // Not for a wish of another category the matcher did not find it for: nothing is spent.
    const otherKind = await postedAndApproved({ title: "想问问遗嘱怎么写", description: "老伴走了，想找人问问遗嘱的事", category: "legal" });
    expect((await claim(otherKind)).status).toBe(200);
    expect((await claimOf(otherKind))[0]?.offer_id).toBeNull();
    // The form's 不计入资源名额 ("") is none, even with one offer there.
    const none = await freeWish("repair");
    expect((await claim(none, { offerId: "" })).status).toBe(200);
    expect((await claimOf(none))[0]?.offer_id).toBeNull();
    await db().execute(sql`update offers set active = false where id = ${repairs}`);
  });

  it("an offer of another organisation, a paused one or a malformed id is a field error and nothing is claimed", async () => {
    const paused = await newOffer("repair", "暂停中的维修");
    await db().execute(sql`update offers set active = false where id = ${paused}`);
    const [foreign] = await db().execute<{ id: string }>(sql`
      select id from offers where organisation_id <> ${bankId} and active and community_id = ${community} limit 1`);
    expect(foreign, "another organisation's offer in the community").toBeDefined();
    const wish = await freeWish(null);
    for (const offerId of [foreign!.id, paused, "not-a-uuid"]) {
      const res = await claim(wish, { offerId });
      expect(res.status, offerId).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.fields.offerId).toBe("offer_not_here");
    }
    expect(await claimOf(wish)).toHaveLength(0);
    const [state] = await db().execute<{ status: string }>(sql`select status from needs where id = ${wish}`);
    expect(state!.status).toBe("published");
  });

  it("the wish page's claim form lists the organisation's offers there with what each has left, the wish's category chosen", async () => {
    const lessons = await newOffer("finance", "社保卡激活指导", 2);
    const repairs = await newOffer("repair", "门锁更换", 5);
    const wish = await freeWish("finance");
    const page = await (await bank.get(`/wishes/${wish}`)).text();
    expect(page).toContain('name="offerId"');
    expect(page).toMatch(new RegExp(`<option value="${lessons}" selected="">社保卡激活指导（[^<]*本月还可接 2 件）`));
    expect(page).toContain(`<option value="${repairs}">门锁更换`);
    expect(page).toContain('<option value="">不计入资源名额');
    await db().execute(sql`update offers set active = false where id in (${lessons}, ${repairs})`);
  });

  it("a refused item claim on the project's page says why, under the items (a partner has no other action there)", async () => {
    const [item] = await db().execute<{ need_id: string; item_id: string }>(sql`
      select n.id as need_id, i.id as item_id from needs n join need_items i on i.need_id = n.id
      where n.community_id = ${community} and n.kind = 'project' and n.status = 'published' and i.status = 'open'
      order by n.created_at, i.position limit 1`);
    expect(item, "an open item of a published project").toBeDefined();
    const [foreign] = await db().execute<{ id: string }>(sql`
      select id from offers where organisation_id <> ${bankId} and active and community_id = ${community} limit 1`);
    const res = await bank.post(
      `/wishes/${item!.need_id}`,
      new URLSearchParams({ action: "claim", itemId: item!.item_id, offerId: foreign!.id }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    const items = html.slice(html.indexOf("item-list") - 200);
    expect(items).toContain("这项资源不是本单位在本社区服务中的资源");
    const [still] = await db().execute<{ status: string }>(sql`select status from need_items where id = ${item!.item_id}`);
    expect(still!.status).toBe("open");
  });

  it("for an uncategorised wish, the form chooses the offer the matcher found for it, not merely the first", async () => {
    const lessons = await newOffer("finance", "防范电信诈骗讲座");
    const cards = await newOffer("finance", "社保卡上门补换激活");
    // A resident's own wish, approved by staff: the matcher reads it fresh.
    const wish = await postedAndApproved({
      title: "社保卡芯片坏了取不了钱",
      description: "老伴腿脚不好去不了网点，社保卡芯片坏了，想请人上门帮忙补换社保卡",
    });
    await drainOutbox();
    const page = await (await bank.get(`/wishes/${wish}`)).text();
    expect(page).toMatch(new RegExp(`<option value="${cards}" selected="">社保卡上门补换激活`));
    expect(page).toContain(`<option value="${lessons}">防范电信诈骗讲座`);
    await db().execute(sql`update offers set active = false where id in (${lessons}, ${cards})`);
  });
});
