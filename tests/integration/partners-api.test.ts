// Offers and co-building agreements through the HTTP API (issue: partners, offers and agreements).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";
import { nowMs } from "~/lib/clock.server";
import { tianjinDate } from "~/lib/tianjin-time";

const DAY = 86_400_000;

let server: Awaited<ReturnType<typeof startTestServer>>;
const community: Record<string, string> = {};
let dongxin = "";

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  const rows = await db().execute<{ id: string; name: string; street_id: string }>(sql`select id, name, street_id from communities`);
  for (const r of rows) community[r.name] = r.id;
  dongxin = rows.find((r) => r.name === "沙柳北路社区")!.street_id;
});
afterAll(() => server.close());

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  const me = (await (await c.get("/api/me")).json()) as { memberships: { role: string; organisationId: string | null }[] };
  return { c, organisationId: me.memberships.find((m) => m.organisationId)?.organisationId ?? null };
}

const offer = (organisationId: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  title: "老年人手机防诈骗课堂",
  description: "每月一次，在社区活动室教老人识别诈骗电话",
  category: "finance",
  tags: ["反诈宣传", "智能手机"],
  communityId: community["沙柳北路社区"],
  capacityPerMonth: 4,
  weekdays: [2, 4],
  ...extra,
});

describe("offers", () => {
  it("a bank's admin publishes an offer that is listed for its community, not for another", async () => {
    const { c, organisationId } = await as("yinhang");
    const res = await c.post("/api/offers", offer(organisationId!));
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: string;
      active: boolean;
      capacityLeft: number;
      usedThisMonth: number;
      organisationName: string;
    };
    expect(created).toMatchObject({ active: true, capacityPerMonth: 4, organisationName: "津城银行东新支行" });
    // Capacity is spent by the claims that draw on this offer: a new offer has its whole month left.
    expect(created.usedThisMonth).toBe(0);
    expect(created.capacityLeft).toBe(4);
    const listed = (await (await c.get(`/api/offers?community=${community["沙柳北路社区"]}&limit=100`)).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((o) => o.id)).toContain(created.id);
    const elsewhere = (await (await c.get(`/api/offers?community=${community["凤岐里社区"]}&limit=100`)).json()) as {
      items: { id: string }[];
    };
    expect(elsewhere.items.map((o) => o.id)).not.toContain(created.id);
    expect((await (await new Client(server.base).get(`/api/offers/${created.id}`)).json()) as { title: string }).toMatchObject({
      title: "老年人手机防诈骗课堂",
    });
  });

  it("a street-wide offer serves every community of the street", async () => {
    const { c, organisationId } = await as("yinhang");
    const res = await c.post("/api/offers", offer(organisationId!, { communityId: undefined, streetId: dongxin, title: "社保卡上门办理" }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    for (const name of ["沙柳北路社区", "凤岐里社区", "远翠东里社区"]) {
      const listed = (await (await c.get(`/api/offers?community=${community[name]}&limit=100`)).json()) as { items: { id: string }[] };
      expect(
        listed.items.map((o) => o.id),
        name,
      ).toContain(id);
    }
    const otherStreet = (await (await c.get(`/api/offers?community=${community["三盛里社区"]}&limit=100`)).json()) as {
      items: { id: string }[];
    };
    expect(otherStreet.items.map((o) => o.id)).not.toContain(id);
  });

  it("only members of the organisation edit its offers (403 for others, 401 anonymous), and every change is audited", async () => {
    const bank = await as("yinhang");
    const { id } = (await (await bank.c.post("/api/offers", offer(bank.organisationId!))).json()) as { id: string };
    const hospital = await as("yiyuan");
    const refused = await hospital.c.request("PATCH", `/api/offers/${id}`, { title: "被篡改" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await new Client(server.base).request("PATCH", `/api/offers/${id}`, { title: "x" })).status).toBe(401);
    const paused = await bank.c.request("PATCH", `/api/offers/${id}`, { active: false });
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as { active: boolean; title: string }).active).toBe(false);
    const [row] = await db().execute<{ title: string; active: boolean; tags: string[] }>(
      sql`select title, active, tags from offers where id = ${id}`,
    );
    expect(row).toMatchObject({ title: "老年人手机防诈骗课堂", active: false, tags: ["反诈宣传", "智能手机"] });
    const events = await db().execute<{ action: string }>(sql`select action from audit_events where subject_id = ${id} order by id`);
    expect(events.map((e) => e.action)).toEqual(["offer.create", "offer.update"]);
  });

  it("a member cannot publish for another organisation", async () => {
    const bank = await as("yinhang");
    const hospital = await as("yiyuan");
    expect((await bank.c.post("/api/offers", offer(hospital.organisationId!))).status).toBe(403);
  });

  it("answers bad input with 400 and field errors, and creates nothing", async () => {
    const { c, organisationId } = await as("yinhang");
    const [before] = await db().execute<{ n: string }>(sql`select count(*) as n from offers`);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "" }, "title"],
      [{ capacityPerMonth: 0 }, "capacityPerMonth"],
      [{ category: "pets" }, "category"],
      [{ streetId: dongxin }, "communityId"],
      [{ communityId: undefined }, "communityId"],
      [{ weekdays: [0, 8] }, "weekdays.0"],
      [{ lat: 39.1 }, "lat"],
    ];
    for (const [change, field] of cases) {
      const res = await c.post("/api/offers", offer(organisationId!, change));
      expect(res.status, JSON.stringify(change)).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe("validation_failed");
      expect(Object.keys(body.error.fields), JSON.stringify(change)).toContain(field);
    }
    const [after] = await db().execute<{ n: string }>(sql`select count(*) as n from offers`);
    expect(after!.n).toBe(before!.n);
  });
});

describe("offer and profile pages (no JavaScript)", () => {
  it("a member edits an offer through the form; a member of another organisation gets 403", async () => {
    const bank = await as("yinhang");
    const { id } = (await (await bank.c.post("/api/offers", offer(bank.organisationId!))).json()) as { id: string };
    const fields = new URLSearchParams({
      title: "手机防诈骗课堂（周末班）",
      category: "finance",
      tags: "反诈, 周末",
      area: `street:${dongxin}`,
      capacityPerMonth: "6",
    });
    fields.append("weekdays", "6");
    fields.append("weekdays", "7");
    const hospital = await as("yiyuan");
    expect((await hospital.c.form(`/org/offers/${id}`, fields)).status).toBe(403);
    const saved = await bank.c.form(`/org/offers/${id}`, fields);
    expect(saved.status).toBe(303);
    const [row] = await db().execute<{
      title: string;
      street_id: string | null;
      community_id: string | null;
      weekdays: number[];
      tags: string[];
      active: boolean;
    }>(sql`select title, street_id, community_id, weekdays, tags, active from offers where id = ${id}`);
    expect(row).toMatchObject({
      title: "手机防诈骗课堂（周末班）",
      street_id: dongxin,
      community_id: null,
      weekdays: [6, 7],
      tags: ["反诈", "周末"],
      active: false,
    });
    const invalid = await bank.c.form(
      `/org/offers/${id}`,
      new URLSearchParams({ title: "", category: "finance", area: `street:${dongxin}`, capacityPerMonth: "0" }),
    );
    expect(invalid.status).toBe(400);
  });

  it("an admin uploads a logo that the public profile shows", async () => {
    const sharp = (await import("sharp")).default;
    const png = await sharp({ create: { width: 120, height: 120, channels: 3, background: "#b4232a" } })
      .png()
      .toBuffer();
    const bank = await as("yinhang");
    const form = new FormData();
    form.append("photos", new Blob([new Uint8Array(png)], { type: "image/png" }), "logo.png");
    expect((await bank.c.form(`/org?org=${bank.organisationId}`, form)).status).toBe(303);
    const page = await (await new Client(server.base).get(`/organisations/${bank.organisationId}`)).text();
    const src = page.match(/class="logo" src="(\/attachments\/[0-9a-f-]+)"/)?.[1];
    expect(src).toBeDefined();
    const image = await new Client(server.base).get(src!);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
  });
});

describe("agreements", () => {
  it("staff propose, the organisation's admin accepts once, and the community's partner list shows it", async () => {
    const company = await as("qiye");
    const staff = await as("shequ");
    const proposal = {
      organisationId: company.organisationId,
      communityId: community["沙柳北路社区"],
      startsOn: tianjinDate(nowMs() - 3 * DAY),
      endsOn: tianjinDate(nowMs() + 360 * DAY),
      categories: ["infrastructure"],
    };
    expect((await (await as("shequ2")).c.post("/api/agreements", proposal)).status).toBe(403);
    const res = await staff.c.post("/api/agreements", proposal);
    expect(res.status).toBe(201);
    const { id, status } = (await res.json()) as { id: string; status: string };
    expect(status).toBe("proposed");
    expect((await (await as("yinhang")).c.post(`/api/agreements/${id}/accept`)).status).toBe(403);

    // Two clicks at once: one acceptance.
    const second = await as("qiye");
    const answers = await Promise.all([company.c.post(`/api/agreements/${id}/accept`), second.c.post(`/api/agreements/${id}/accept`)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const partners = (await (await new Client(server.base).get(`/api/communities/${community["沙柳北路社区"]}/partners`)).json()) as {
      items: { id: string; organisationName: string; status: string }[];
    };
    expect(partners.items.find((a) => a.id === id)).toMatchObject({ organisationName: "海河数智科技有限公司", status: "active" });
    const ofOrg = (await (await new Client(server.base).get(`/api/organisations/${company.organisationId}/agreements`)).json()) as {
      items: { id: string }[];
    };
    expect(ofOrg.items.map((a) => a.id)).toContain(id);
    const audit = await db().execute<{ action: string }>(sql`select action from audit_events where subject_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["agreement.propose", "agreement.accept"]);

    expect((await staff.c.post(`/api/agreements/${id}/end`)).status).toBe(200);
    expect((await staff.c.post(`/api/agreements/${id}/end`)).status).toBe(409);
  });

  it("refuses a period that ends before it starts, with a field error", async () => {
    const staff = await as("shequ");
    const company = await as("qiye");
    const res = await staff.c.post("/api/agreements", {
      organisationId: company.organisationId,
      communityId: community["沙柳北路社区"],
      startsOn: tianjinDate(nowMs() + 30 * DAY),
      endsOn: tianjinDate(nowMs() - 330 * DAY),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("endsOn");
  });
});

describe("organisations", () => {
  it("lists and shows public profiles, with members only for the organisation's own people", async () => {
    const list = (await (await new Client(server.base).get("/api/organisations?type=bank")).json()) as {
      items: { id: string; type: string }[];
    };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((o) => o.type === "bank")).toBe(true);
    const bank = await as("yinhang");
    const publicView = (await (await new Client(server.base).get(`/api/organisations/${bank.organisationId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(publicView).not.toHaveProperty("members");
    const own = (await (await bank.c.get(`/api/organisations/${bank.organisationId}`)).json()) as { members: { role: string }[] };
    expect(own.members.some((m) => m.role === "org_admin")).toBe(true);
  });

  it("street staff register an organisation; residents cannot", async () => {
    const input = { type: "company", name: "邻家便利店", streetId: dongxin, description: "社区便利店，可送货上门" };
    expect((await (await as("jumin")).c.post("/api/organisations", input)).status).toBe(403);
    const created = await (await as("jiedao")).c.post("/api/organisations", input);
    expect(created.status).toBe(201);
    expect(((await created.json()) as { name: string }).name).toBe("邻家便利店");
  });
});
