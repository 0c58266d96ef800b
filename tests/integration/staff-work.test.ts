// The community staff's work through the real HTTP server: told of new wishes, a counted queue with
// photos and posters, registering a resident with next steps, printed codes only for their own
// residents, and no second agreement overlapping a standing one.
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

let server: Awaited<ReturnType<typeof startTestServer>>;
const community: Record<string, string> = {};

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  for (const row of await db().execute<{ id: string; name: string }>(sql`select id, name from communities`)) community[row.name] = row.id;
});
afterAll(() => server.close());

async function as(login: string) {
  const c = new Client(server.base);
  const res = await c.login(login.includes("@") || /^\d+$/.test(login) ? login : `${login}@demo.linli.local`);
  expect(res.status, login).toBe(200);
  return c;
}

async function userId(where: { email?: string; phone?: string }): Promise<string> {
  const [row] = await db().execute<{ id: string }>(
    where.email ? sql`select id from users where email = ${where.email}` : sql`select id from users where phone = ${where.phone!}`,
  );
  return row!.id;
}

const count = async (table: string) =>
  Number((await db().execute<{ n: string }>(sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

describe("the review queue", () => {
  it("tells the community's staff of a new wish, counts it in the navigation, and shows its photos and poster", async () => {
    const staff = await as("shequ");
    const before = Number(/(\d+)条待审核/.exec(await (await staff.get("/")).text())?.[1] ?? 0);

    const resident = await as("jumin");
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.set("kind", "micro_wish");
    form.set("title", "楼道灯不亮了");
    form.set("description", "三楼楼道灯坏了，晚上看不见");
    form.set("communityId", community["沙柳北路社区"]!);
    form.append("photos", new Blob([photo], { type: "image/png" }), "lamp.png");
    const posted = await resident.form("/wishes/new", form);
    expect(posted.status).toBe(303);
    const needId = /\/wishes\/([0-9a-f-]{36})/.exec(posted.headers.get("Location")!)![1]!;

    const inbox = await db().execute<{ user_id: string; kind: string }>(
      sql`select user_id, kind from notifications where subject_id = ${needId}`,
    );
    expect(inbox.map((n) => n.kind)).toEqual(["need.submitted"]);
    expect(inbox[0]!.user_id).toBe(await userId({ email: "shequ@demo.linli.local" }));
    // Staff of another community and the street admin are not told.
    expect(inbox.map((n) => n.user_id)).not.toContain(await userId({ email: "shequ2@demo.linli.local" }));

    const home = await (await staff.get("/")).text();
    expect(home).toContain(`${before + 1}条待审核`);
    const notices = await (await staff.get("/notifications")).text();
    expect(notices).toContain("新心愿待审核：“楼道灯不亮了”");
    expect(notices).toContain(`href="/wishes/${needId}"`);

    const queue = await (await staff.get("/review")).text();
    const card = queue.slice(queue.indexOf("楼道灯不亮了"));
    const [attachment] = await db().execute<{ id: string }>(sql`select id from attachments where need_id = ${needId}`);
    expect(card).toContain(`src="/attachments/${attachment!.id}"`);
    expect(card).toMatch(/发布人：[^<]*（居民本人）/);
    // The photo of a wish under review is the staff's to see, not the public's.
    expect((await staff.get(`/attachments/${attachment!.id}`)).status).toBe(200);
    expect((await new Client(server.base).get(`/attachments/${attachment!.id}`)).status).toBe(404);

    // Other staff see no count for a community that is not theirs.
    const otherHome = await (await (await as("shequ2")).get("/")).text();
    expect(otherHome).not.toContain(`${before + 1}条待审核`);
  });

  it("names the staff member and the resident for a wish posted on someone's behalf", async () => {
    const staff = await as("shequ");
    const residentId = await userId({ phone: "13800000001" });
    // A staff-posted wish is published at once; put one through review to see it in the queue.
    const res = await staff.post("/api/needs", {
      kind: "micro_wish",
      title: "代办：想学用智能手机",
      communityId: community["沙柳北路社区"],
      onBehalfOf: { userId: residentId },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await db().execute(sql`update needs set status = 'pending_review' where id = ${id}`);
    const queue = await (await staff.get("/review")).text();
    const card = queue.slice(queue.indexOf("代办：想学用智能手机"));
    expect(card).toMatch(/代[^<]*发布/);
    const [resident] = await db().execute<{ display_name: string }>(sql`select display_name from users where id = ${residentId}`);
    expect(card).toContain(resident!.display_name);
  });
});

describe("registering a resident", () => {
  it("ends with next steps: a login slip and a wish posted for them, picked from the list", async () => {
    const staff = await as("shequ");
    const res = await staff.form(
      "/residents/new",
      new URLSearchParams({
        displayName: "王奶奶",
        phone: "13700001111",
        address: "沙柳北路9号楼2门101",
        communityId: community["沙柳北路社区"]!,
        consent: "on",
      }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    const id = await userId({ phone: "13700001111" });
    expect(html).toContain(`action="/residents/${id}/slip"`);
    expect(html).toContain(`href="/wishes/new?for=${id}"`);

    const form = await (await staff.get(`/wishes/new?for=${id}`)).text();
    expect(form).toMatch(new RegExp(`<option value="${id}" selected=""[^>]*>王奶奶</option>`));

    const wish = new FormData();
    wish.set("kind", "micro_wish");
    wish.set("title", "想请人陪同去医院");
    wish.set("communityId", community["沙柳北路社区"]!);
    wish.set("onBehalfUserId", id);
    const posted = await staff.form("/wishes/new", wish);
    expect(posted.status).toBe(303);
    const needId = /\/wishes\/([0-9a-f-]{36})/.exec(posted.headers.get("Location")!)![1]!;
    const [need] = await db().execute<{
      beneficiary_user_id: string;
      beneficiary_name: string | null;
      contact_phone: string | null;
      address: string | null;
    }>(sql`select beneficiary_user_id, beneficiary_name, contact_phone, address from needs where id = ${needId}`);
    // The form's phone and address left blank: the registered ones go with the wish, so its claimer can call and find her.
    expect(need).toEqual({ beneficiary_user_id: id, beneficiary_name: null, contact_phone: "13700001111", address: "沙柳北路9号楼2门101" });
  });

  it("refuses a resident of another community as the one a wish is for, and writes nothing", async () => {
    const staff = await as("shequ");
    const [other] = await db().execute<{ id: string }>(sql`
      select m.user_id as id from memberships m join communities c on c.id = m.community_id
      where m.role = 'resident' and c.name = '三盛里社区' limit 1`);
    const needs = await count("needs");
    const f = new FormData();
    f.set("kind", "micro_wish");
    f.set("title", "不该发出去的心愿");
    f.set("communityId", community["沙柳北路社区"]!);
    f.set("onBehalfUserId", other!.id);
    const res = await staff.form("/wishes/new", f);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("该居民不属于这个社区");
    expect(await count("needs")).toBe(needs);
  });
});

describe("printed one-time codes", () => {
  it("staff print one for their community's resident; it sets the password once, and is audited", async () => {
    const staff = await as("shequ");
    const residentId = await userId({ phone: "13800000001" });
    const page = await staff.get(`/residents/${residentId}/slip`);
    expect(page.status).toBe(200);
    // No code before it is printed: none in what the page shows (its scripts carry the build's version, which may be 8 digits).
    const slipHtml = await page.text();
    expect(slipHtml).not.toContain("login-slip__code");
    expect(slipHtml.replace(/<script[^]*?<\/script>/g, "")).not.toMatch(/\b\d{8}\b/);

    const printed = await staff.form(`/residents/${residentId}/slip`, new URLSearchParams());
    expect(printed.status).toBe(200);
    const html = await printed.text();
    expect(html).toContain("13800000001");
    const code = /login-slip__code">(\d{8})</.exec(html)![1]!;

    const session = await as("13800000001");
    const confirm = (c: string) =>
      new Client(server.base).post("/api/password-resets/confirm", { login: "13800000001", code: c, newPassword: "printed-slip-1" });
    expect((await confirm(code)).status).toBe(200);
    expect((await session.get("/api/me")).status).toBe(401);
    expect((await confirm(code)).status).toBe(400);
    expect((await new Client(server.base).login("13800000001", "printed-slip-1")).status).toBe(200);

    const audit = await db().execute<{ actor: string }>(
      sql`select actor_user_id as actor from audit_events where action = 'account.reset_code_print' and subject_id = ${residentId}`,
    );
    expect(audit.map((a) => a.actor)).toEqual([await userId({ email: "shequ@demo.linli.local" })]);
  });

  it("refuses other communities' residents, staff accounts, residents and anonymous visitors, and writes nothing", async () => {
    const residentId = await userId({ phone: "13800000001" });
    const codes = await count("password_reset_codes");
    const audits = await count("audit_events");
    const otherStaff = await as("shequ2");
    expect((await otherStaff.form(`/residents/${residentId}/slip`, new URLSearchParams())).status).toBe(403);
    expect((await otherStaff.get(`/residents/${residentId}/slip`)).status).toBe(403);
    const staff = await as("shequ");
    for (const login of ["shequ2@demo.linli.local", "jiedao@demo.linli.local", "yinhang@demo.linli.local", "shequ@demo.linli.local"]) {
      expect((await staff.form(`/residents/${await userId({ email: login })}/slip`, new URLSearchParams())).status, login).toBe(403);
    }
    const resident = await as("jumin");
    expect((await resident.form(`/residents/${residentId}/slip`, new URLSearchParams())).status).toBe(403);
    const anonymous = await new Client(server.base).form(`/residents/${residentId}/slip`, new URLSearchParams());
    expect(anonymous.status).toBe(302);
    expect((await staff.form("/residents/not-a-uuid/slip", new URLSearchParams())).status).toBe(404);
    expect(await count("password_reset_codes")).toBe(codes);
    expect(await count("audit_events")).toBe(audits);
  });
});

describe("agreements", () => {
  it("refuses a second agreement overlapping a standing one between the same partner and place (409, nothing written)", async () => {
    const [existing] = await db().execute<{ organisation_id: string; community_id: string; starts_on: string; ends_on: string }>(sql`
      select a.organisation_id, a.community_id, a.starts_on::text, a.ends_on::text from agreements a
      join memberships m on m.organisation_id = a.organisation_id join users u on u.id = m.user_id
      where u.email = 'yinhang@demo.linli.local' and a.status = 'active' and a.community_id is not null limit 1`);
    const staff = await as("shequ");
    const writes = async () => [await count("agreements"), await count("audit_events"), await count("notifications")];
    const before = await writes();
    const overlapping = {
      organisationId: existing!.organisation_id,
      communityId: existing!.community_id,
      startsOn: existing!.ends_on,
      endsOn: `${Number(existing!.ends_on.slice(0, 4)) + 1}${existing!.ends_on.slice(4)}`,
    };
    const res = await staff.post("/api/agreements", overlapping);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.fields.startsOn).toBe("agreement_overlap");
    expect(body.error.message).toMatch(/already has a proposed or active agreement/);
    expect(await writes()).toEqual(before);

    // The form says so beside the dates, keeping what was typed.
    const form = new URLSearchParams({
      organisationId: overlapping.organisationId,
      startsOn: overlapping.startsOn,
      endsOn: overlapping.endsOn,
    });
    const page = await staff.form(`/communities/${existing!.community_id}`, form);
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain("已有待确认或生效的协议");
    expect(html).toContain(`value="${overlapping.startsOn}"`);
    expect(await writes()).toEqual(before);

    // The day after it ends is free; so is the whole street as another place.
    const dayAfter = new Date(Date.parse(`${existing!.ends_on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const next = await staff.post("/api/agreements", { ...overlapping, startsOn: dayAfter });
    expect(next.status).toBe(201);
    // A proposal stands too: a third one over it is refused; once ended, the period is free again.
    const { id } = (await next.json()) as { id: string };
    expect((await staff.post("/api/agreements", { ...overlapping, startsOn: dayAfter })).status).toBe(409);
    expect((await staff.post(`/api/agreements/${id}/end`)).status).toBe(200);
    expect((await staff.post("/api/agreements", { ...overlapping, startsOn: dayAfter })).status).toBe(201);
  });

  it("leads the partner from a proposal's notification to its dashboard", async () => {
    const bank = await as("yinhang");
    const html = await (await bank.get("/notifications")).text();
    const [org] = await db().execute<{ id: string }>(sql`
      select organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'yinhang@demo.linli.local'`);
    expect(html).toContain(`href="/org?org=${org!.id}"`);
    const list = html.slice(html.indexOf("notification-list"), html.indexOf("</ul>", html.indexOf("notification-list")));
    expect(list).not.toContain('href="/account"');
    expect((await bank.get(`/org?org=${org!.id}`)).status).toBe(200);
  });
});

describe("the account page's links", () => {
  it("offers 邀请 only to those who may invite, and the link works for each of them", async () => {
    for (const [login, shown] of [
      ["shequ", false],
      ["jumin", false],
      ["jiedao", true],
      ["yinhang", true],
      ["admin", true],
    ] as const) {
      const c = await as(login);
      const html = await (await c.get("/account")).text();
      expect(html.includes('href="/invitations"'), login).toBe(shown);
      if (shown) expect((await c.get("/invitations")).status, login).toBe(200);
    }
  });
});

describe("a grid worker posts a wish for a resident (代办)", () => {
  it("for a registered resident of their community, reviewed as the resident's own; for no one, elsewhere or a community need: refused, nothing written", async () => {
    const grid = await as("wangge");
    const form = await (await grid.get("/wishes/new")).text();
    expect(form).toContain('name="onBehalfUserId"');
    expect(form).not.toContain('href="/residents/new"');
    expect(form).not.toContain('name="items"');
    const [resident] = await db().execute<{ id: string; phone: string | null }>(sql`
      select u.id, u.phone from memberships m join users u on u.id = m.user_id
      where m.role = 'resident' and m.community_id = ${community["沙柳北路社区"]!} and u.phone is not null limit 1`);
    const [elsewhere] = await db().execute<{ id: string }>(sql`
      select m.user_id as id from memberships m where m.role = 'resident' and m.community_id = ${community["三盛里社区"]!} limit 1`);
    const wish = (over: Record<string, unknown>) => ({
      kind: "micro_wish",
      title: "想请人帮忙修一下门锁",
      description: "门锁拧不动了",
      communityId: community["沙柳北路社区"]!,
      ...over,
    });
    const before = await count("needs");
    const nobody = await grid.post("/api/needs", wish({}));
    expect(nobody.status).toBe(400);
    expect(((await nobody.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      "onBehalfOf.name": "required",
    });
    const foreign = await grid.post("/api/needs", wish({ onBehalfOf: { userId: elsewhere!.id } }));
    expect(foreign.status).toBe(400);
    expect((await grid.post("/api/needs", wish({ kind: "need", onBehalfOf: { userId: resident!.id } }))).status).toBe(403);
    expect(
      (await grid.post("/api/needs", wish({ communityId: community["三盛里社区"]!, onBehalfOf: { userId: elsewhere!.id } }))).status,
    ).toBe(403);
    expect(await count("needs")).toBe(before);

    const posted = await grid.post("/api/needs", wish({ onBehalfOf: { userId: resident!.id } }));
    expect(posted.status).toBe(201);
    const { id, status } = (await posted.json()) as { id: string; status: string };
    expect(status).toBe("pending_review");
    const [row] = await db().execute<{ beneficiary_user_id: string; posted_by: string; contact_phone: string | null }>(sql`
      select n.beneficiary_user_id, u.email as posted_by, n.contact_phone from needs n join users u on u.id = n.posted_by_user_id where n.id = ${id}`);
    expect(row).toEqual({ beneficiary_user_id: resident!.id, posted_by: "wangge@demo.linli.local", contact_phone: resident!.phone });
    // It is among the grid worker's own wishes, and the resident's.
    expect(await (await grid.get("/my/wishes")).text()).toContain(`/wishes/${id}`);
  });
});
