// Contact harvesting by claim and release (issue 14): only an organisation's admins claim, the resident's
// contact reaches the claimer only by an explicit, audited reveal that the community's staff see, and an
// organisation that gives up more than FREE_RELEASES_PER_WEEK claims in seven days claims nothing more that week.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowMs, resetClock, setClock } from "~/lib/clock.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { FREE_RELEASES_PER_WEEK } from "~/modules/claims/claims.server";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
});
afterAll(() => server?.close());
afterEach(() => resetClock());

const phone = "13687654321";
const address = "沙柳北路7号楼2门302";

async function loggedIn(login: string): Promise<Client> {
  const c = new Client(server.base);
  const res = await c.login(`${login}@demo.linli.local`);
  expect(res.status, login).toBe(200);
  return c;
}

/** A published micro-wish of 沙柳北路社区 (shequ's) nobody holds, with a known contact; `skip` picks another one. */
async function freeWish(skip = 0): Promise<string> {
  const [wish] = await db().execute<{ id: string }>(sql`
    select n.id from needs n join communities c on c.id = n.community_id
    where c.name = '沙柳北路社区' and n.kind = 'micro_wish' and n.status = 'published'
      and not exists (select 1 from claims cl where cl.need_id = n.id and cl.status in ('active', 'fulfilled', 'completed'))
    order by n.created_at, n.id
    offset ${skip} limit 1`);
  expect(wish, "a published micro-wish without a claim").toBeDefined();
  await db().execute(sql`update needs set contact_phone = ${phone}, address = ${address} where id = ${wish!.id}`);
  return wish!.id;
}

async function stateOf(needId: string) {
  const [need] = await db().execute<{ status: string }>(sql`select status from needs where id = ${needId}`);
  const claims = await db().execute<{ id: string; status: string }>(sql`select id, status from claims where need_id = ${needId}`);
  return { status: need!.status, claims: claims.map((c) => ({ ...c })) };
}

const claim = (c: Client, id: string) => c.post(`/api/needs/${id}/transitions`, { action: "claim" });
const release = (c: Client, id: string) => c.post(`/api/needs/${id}/transitions`, { action: "release" });

describe("who may claim", () => {
  it("a volunteer of a team (a plain member) is refused with 403 and nothing changes", async () => {
    const id = await freeWish();
    const before = await stateOf(id);
    const volunteer = await loggedIn("zhiyuanzhe");
    const res = await claim(volunteer, id);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    // Naming the team outright does not help.
    const [team] = await db().execute<{ organisation_id: string }>(sql`
      select m.organisation_id from memberships m join users u on u.id = m.user_id
      where u.email = 'zhiyuanzhe@demo.linli.local' and m.role = 'org_member'`);
    expect(team).toBeDefined();
    const named = await volunteer.post(`/api/needs/${id}/transitions`, { action: "claim", organisationId: team!.organisation_id });
    expect(named.status).toBe(403);
    expect(await stateOf(id)).toEqual(before);
    // Nor can the volunteer reveal anything.
    expect((await volunteer.post(`/api/needs/${id}/contact`)).status).toBe(403);
    // The wish page offers them no claim button.
    const page = await (await volunteer.get(`/wishes/${id}`)).text();
    expect(page).not.toContain('value="claim"');
  });

  it("an organisation that does not serve the wish's place (another district, no agreement or offer there) is refused and sees no claim button", async () => {
    // A published wish of a street where 津城银行 东新支行 (东新街道) has no office, agreement or offer.
    const [wish] = await db().execute<{ id: string }>(sql`
      select n.id from needs n join communities c on c.id = n.community_id
      where n.kind = 'micro_wish' and n.status = 'published'
        and c.street_id <> (select street_id from organisations where name = '津城银行东新支行')
        and not exists (select 1 from agreements a join organisations o on o.id = a.organisation_id
                        where o.name = '津城银行东新支行' and (a.community_id = c.id or a.street_id = c.street_id))
        and not exists (select 1 from offers f join organisations o on o.id = f.organisation_id
                        where o.name = '津城银行东新支行' and (f.community_id = c.id or f.street_id = c.street_id))
        and not exists (select 1 from claims cl where cl.need_id = n.id and cl.status in ('active', 'fulfilled', 'completed'))
      order by n.created_at, n.id limit 1`);
    expect(wish, "a published wish beyond the bank's place").toBeDefined();
    const before = await stateOf(wish!.id);
    const bank = await loggedIn("yinhang");
    const res = await claim(bank, wish!.id);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      organisationId: "organisation_outside_area",
    });
    expect(await stateOf(wish!.id)).toEqual(before);
    expect(await (await bank.get(`/wishes/${wish!.id}`)).text()).not.toContain('value="claim"');
    // In its own street it still may.
    const near = await freeWish();
    expect(await (await bank.get(`/wishes/${near}`)).text()).toContain('value="claim"');
  });
});

describe("revealing the contact", () => {
  let id = "";
  let bank: Client;

  it("the org admin who claims sees no contact until it is revealed", async () => {
    id = await freeWish();
    bank = await loggedIn("yinhang");
    expect((await claim(bank, id)).status).toBe(200);
    const res = await bank.get(`/api/needs/${id}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).not.toHaveProperty("private");
    expect(JSON.parse(text)).toMatchObject({ contactRevealable: true });
    expect(text).not.toContain(phone);
    expect(text).not.toContain(address);
    const page = await (await bank.get(`/wishes/${id}`)).text();
    expect(page).not.toContain(phone);
    expect(page).toContain("查看联系方式");
  });

  it("others are refused the reveal: another partner 403, anonymous 401, a forged id 404", async () => {
    const other = await loggedIn("partner07");
    expect((await other.post(`/api/needs/${id}/contact`)).status).toBe(403);
    expect((await new Client(server.base).post(`/api/needs/${id}/contact`)).status).toBe(401);
    expect((await bank.post(`/api/needs/00000000-0000-4000-8000-000000000000/contact`)).status).toBe(404);
    expect((await bank.post(`/api/needs/not-a-uuid/contact`)).status).toBe(404);
    const [audits] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from audit_events where subject_id = ${id} and action = 'need.contact_reveal'`);
    expect(audits!.n).toBe(0);
  });

  it("the reveal answers 200 with the contact, is audited with the organisation, and the staff see it in the history", async () => {
    const res = await bank.post(`/api/needs/${id}/contact`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ contactPhone: phone, address });
    const audits = await db().execute<{ data: { organisationId: string; claimId: string } }>(sql`
      select data from audit_events where subject_id = ${id} and action = 'need.contact_reveal'`);
    expect(audits).toHaveLength(1);
    const [held] = await db().execute<{ id: string; organisation_id: string }>(sql`
      select id, organisation_id from claims where need_id = ${id} and status = 'active'`);
    expect(audits[0]!.data).toEqual({ organisationId: held!.organisation_id, claimId: held!.id });

    // The community's staff are notified of it.
    const [notice] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from notifications no join users u on u.id = no.user_id
      where u.email = 'shequ@demo.linli.local' and no.kind = 'need.contact_revealed' and no.subject_id = ${id}`);
    expect(notice!.n).toBe(1);
    const shequ = await loggedIn("shequ");
    const history = (await (await shequ.get(`/api/needs/${id}/history`)).json()) as {
      items: { action: string; data: Record<string, unknown> }[];
    };
    expect(history.items.find((e) => e.action === "need.contact_reveal")?.data).toMatchObject({ organisationId: held!.organisation_id });
    const staffPage = await (await shequ.get(`/wishes/${id}`)).text();
    expect(staffPage).toContain("查看联系方式");
    // The staff and the claimer (now) see the contact.
    expect(await (await shequ.get(`/api/needs/${id}`)).json()).toMatchObject({ private: { contactPhone: phone } });
    expect(await (await bank.get(`/api/needs/${id}`)).json()).toMatchObject({ private: { contactPhone: phone, address } });
  });

  it("the wish page reveals it by a plain form post (no JavaScript), audited again", async () => {
    const again = await freeWish(1);
    expect((await claim(bank, again)).status).toBe(200);
    const form = new FormData();
    form.set("_intent", "contact");
    const res = await bank.form(`/wishes/${again}`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/wishes/${again}?done=contact`);
    expect(await (await bank.get(`/wishes/${again}?done=contact`)).text()).toContain(phone);
    const [audits] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from audit_events where subject_id = ${again} and action = 'need.contact_reveal'`);
    expect(audits!.n).toBe(1);
    // A released and claimed-again wish asks again.
    expect((await release(bank, again)).status).toBe(200);
    expect((await claim(bank, again)).status).toBe(200);
    expect(await (await bank.get(`/api/needs/${again}`)).json()).not.toHaveProperty("private");
    expect((await release(bank, again)).status).toBe(200);
  });
});

describe("releases per organisation per week", () => {
  it(`past ${FREE_RELEASES_PER_WEEK} releases in 7 days the next claim is refused with 409 until the week has passed`, async () => {
    const partner = await loggedIn("partner12");
    const [org] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from claims c join memberships m on m.organisation_id = c.organisation_id
      join users u on u.id = m.user_id
      where u.email = 'partner12@demo.linli.local' and c.status = 'released'`);
    expect(org!.n, "partner12's organisation starts without releases").toBe(0);
    const id = await freeWish();
    for (let round = 1; round <= FREE_RELEASES_PER_WEEK + 1; round++) {
      expect((await claim(partner, id)).status, `claim ${round}`).toBe(200);
      expect((await release(partner, id)).status, `release ${round}`).toBe(200);
    }
    const before = await stateOf(id);
    const refused = await claim(partner, id);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toContain(`本周已放弃 ${FREE_RELEASES_PER_WEEK + 1} 个认领，请联系社区工作人员`);
    expect(await stateOf(id)).toEqual(before);
    // Another wish is refused too: the limit is the organisation's.
    const other = await freeWish(1);
    expect((await claim(partner, other)).status).toBe(409);
    // Another organisation is not held back.
    const otherPartner = await loggedIn("partner13");
    expect((await claim(otherPartner, other)).status).toBe(200);
    expect((await release(otherPartner, other)).status).toBe(200);

    // Six days on: still refused. A week on: claims work again.
    setClock(nowMs() + 6 * 86_400_000);
    expect((await claim(partner, id)).status).toBe(409);
    setClock(nowMs() + 86_400_000 + 60_000);
    expect((await claim(partner, id)).status).toBe(200);
    expect((await stateOf(id)).status).toBe("claimed");
  });
});
