// "My things" through the real HTTP server and database: each persona's own wishes, sign-ups and claims
// (GET /api/me/needs, /api/me/signups, /api/me/claims and their pages), where each lands after signing in,
// the resident's side of completion (not_done), changing and resubmitting a rejected wish, and a rating
// that stays private.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { DEMO_PASSWORD } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";
import { createActivity } from "../setup/fixtures";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
});
afterAll(() => server?.close());

const client = () => new Client(server.base);
const demo = (login: string) => (/^\d+$/.test(login) ? login : `${login}@demo.linli.local`);

async function loggedIn(login: string): Promise<Client> {
  const c = client();
  const res = await c.login(demo(login));
  expect(res.status, login).toBe(200);
  return c;
}

async function userId(login: string): Promise<string> {
  const [row] = await db().execute<{ id: string }>(
    /^\d+$/.test(login) ? sql`select id from users where phone = ${login}` : sql`select id from users where email = ${demo(login)}`,
  );
  return row!.id;
}

async function communityId(name: string): Promise<string> {
  const [row] = await db().execute<{ id: string }>(sql`select id from communities where name = ${name}`);
  return row!.id;
}

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface MyNeed {
  id: string;
  title: string;
  status: string;
  postedForMe: boolean;
  rejectReason: string | null;
  organisationName: string | null;
}
interface MySignup {
  activityId: string;
  startsAt: string;
  upcoming: boolean;
  state: string;
  minutes: number | null;
}
interface MyClaim {
  id: string;
  needId: string;
  organisationId: string;
  status: string;
  dueAt: string;
  overdue: boolean;
}

/** Every page of a list, following nextCursor, at `limit` a page. */
async function allPages<T>(c: Client, path: string, limit = 7): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const res = await c.get(`${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status, path).toBe(200);
    const page = (await res.json()) as Page<T>;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(`${path} did not end`);
}

const post = (c: Client, needId: string, body: Record<string, unknown>) => c.post(`/api/needs/${needId}/transitions`, body);

async function postWish(resident: Client, title: string): Promise<string> {
  const res = await resident.post("/api/needs", {
    kind: "micro_wish",
    title,
    description: "想请人帮帮忙",
    communityId: await communityId("沙柳北路社区"),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("the lists answer 401 without a session", () => {
  it.each(["/api/me/needs", "/api/me/signups", "/api/me/claims"])("%s", async (path) => {
    const res = await client().get(path);
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe("unauthenticated");
  });

  it.each(["/my/wishes", "/my/signups", "/my/claims"])("%s sends the visitor to sign in and come back", async (path) => {
    const res = await client().get(path);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("a malformed cursor or limit is a 400 with the field named, not a 500", async () => {
    const jumin = await loggedIn("jumin");
    for (const path of ["/api/me/needs", "/api/me/signups", "/api/me/claims"]) {
      const bad = await jumin.get(`${path}?cursor=not-a-cursor`);
      expect(bad.status, path).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.fields).toHaveProperty("cursor");
      const big = await jumin.get(`${path}?limit=1000`);
      expect(big.status, path).toBe(400);
      expect(((await big.json()) as ErrorBody).error.fields).toHaveProperty("limit");
    }
  });
});

describe("GET /api/me/needs: a resident's own wishes in every status", () => {
  it("lists exactly what the resident posted or was posted for, with the rejection reason; never a neighbour's", async () => {
    const [jumin, jumin2, shequ] = await Promise.all([loggedIn("jumin"), loggedIn("jumin2"), loggedIn("shequ")]);
    const juminId = await userId("jumin");

    const rejected = await postWish(jumin, "想请人帮忙修一下阳台晾衣架");
    expect((await post(shequ, rejected, { action: "reject", reason: "请写明是哪一栋楼" })).status).toBe(200);
    const pending = await postWish(jumin, "想找人陪我去医院复查");
    const withdrawn = await postWish(jumin, "想换个水龙头");
    expect((await post(jumin, withdrawn, { action: "withdraw" })).status).toBe(200);
    const neighbours = await postWish(jumin2, "邻居的心愿：想学用智能手机");
    // Staff post one for the resident: it is the resident's too.
    const forJumin = await shequ.post("/api/needs", {
      kind: "micro_wish",
      title: "社区代办：帮刘大爷换灯泡",
      description: "",
      communityId: await communityId("沙柳北路社区"),
      onBehalfOf: { userId: juminId },
    });
    expect(forJumin.status).toBe(201);
    const forJuminId = ((await forJumin.json()) as { id: string }).id;

    const mine = await allPages<MyNeed>(jumin, "/api/me/needs");
    const [expected] = await db().execute<{ ids: string[] }>(
      sql`select coalesce(array_agg(id::text), '{}') as ids from needs where posted_by_user_id = ${juminId} or beneficiary_user_id = ${juminId}`,
    );
    expect(mine.map((n) => n.id).sort()).toEqual([...expected!.ids].sort());
    expect(new Set(mine.map((n) => n.id)).size).toBe(mine.length);
    expect(mine.map((n) => n.id)).not.toContain(neighbours);

    const byId = new Map(mine.map((n) => [n.id, n]));
    expect(byId.get(rejected)).toMatchObject({ status: "rejected", rejectReason: "请写明是哪一栋楼", postedForMe: false });
    expect(byId.get(pending)).toMatchObject({ status: "pending_review", rejectReason: null });
    expect(byId.get(withdrawn)).toMatchObject({ status: "withdrawn" });
    expect(byId.get(forJuminId)).toMatchObject({ status: "published", postedForMe: true });
    // Every status the resident has is there, private ones included.
    expect(new Set(mine.map((n) => n.status))).toEqual(
      new Set(["rejected", "pending_review", "withdrawn", "published", ...mine.map((n) => n.status)]),
    );

    // The neighbour sees theirs and none of the resident's.
    const theirs = await allPages<MyNeed>(jumin2, "/api/me/needs", 50);
    expect(theirs.map((n) => n.id)).toContain(neighbours);
    expect(theirs.map((n) => n.id).filter((id) => byId.has(id))).toEqual([]);

    // The page shows the rejection reason and the way to change and resubmit.
    const page = await (await jumin.get("/my/wishes?limit=100")).text();
    expect(page).toContain("请写明是哪一栋楼");
    expect(page).toContain(`/my/wishes/${rejected}/edit`);
    expect(page).not.toContain("邻居的心愿");
  });

  it("the phone-login resident sees the wishes staff posted for her", async () => {
    const wu = await loggedIn("13800000001");
    const wuId = await userId("13800000001");
    const mine = await allPages<MyNeed>(wu, "/api/me/needs", 20);
    const [expected] = await db().execute<{ n: number; for_her: number }>(
      sql`select count(*)::int as n, (count(*) filter (where posted_by_user_id <> ${wuId}))::int as for_her
            from needs where beneficiary_user_id = ${wuId} or posted_by_user_id = ${wuId}`,
    );
    expect(expected!.for_her).toBeGreaterThan(0);
    expect(mine).toHaveLength(expected!.n);
    expect(mine.filter((n) => n.postedForMe)).toHaveLength(expected!.for_her);
  });
});

describe("changing a rejected wish and submitting it again (/my/wishes/:id/edit)", () => {
  it("only its resident may, the changes and the submit happen together, and a bad form changes nothing", async () => {
    const [jumin, jumin2, shequ] = await Promise.all([loggedIn("jumin"), loggedIn("jumin2"), loggedIn("shequ")]);
    const id = await postWish(jumin, "灯坏了");
    expect((await post(shequ, id, { action: "reject", reason: "请写清楚是哪里的灯" })).status).toBe(200);
    const path = `/my/wishes/${id}/edit`;
    const stored = async () =>
      (
        await db().execute<{ title: string; status: string; reject_reason: string | null }>(
          sql`select title, status, reject_reason from needs where id = ${id}`,
        )
      )[0]!;

    expect((await jumin2.get(path)).status).toBe(404);
    expect((await client().get(path)).status).toBe(302);
    const form = await jumin.get(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("请写清楚是哪里的灯");

    // A neighbour's forged post and an empty title change nothing.
    const forged = await jumin2.form(path, new URLSearchParams({ title: "被改了", description: "", category: "" }));
    expect(forged.status).toBe(403);
    const empty = await jumin.form(path, new URLSearchParams({ title: " ", description: "x", category: "" }));
    expect(empty.status).toBe(400);
    const badCategory = await jumin.form(path, new URLSearchParams({ title: "厨房灯坏了", category: "no-such-category" }));
    expect(badCategory.status).toBe(400);
    expect(await stored()).toEqual({ title: "灯坏了", status: "rejected", reject_reason: "请写清楚是哪里的灯" });

    const saved = await jumin.form(
      path,
      new URLSearchParams({ title: "厨房顶灯坏了，想请人换", description: "12号楼3门201", category: "repair" }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/my/wishes?done=resubmitted");
    expect(await stored()).toEqual({ title: "厨房顶灯坏了，想请人换", status: "pending_review", reject_reason: null });
    const [audit] = await db().execute<{ actions: string[] }>(
      sql`select array_agg(action order by id) as actions from audit_events where subject_id = ${id}`,
    );
    expect(audit!.actions.slice(-2)).toEqual(["need.edit", "need.submit"]);
    // The old reason stays in the history.
    const history = (await (await jumin.get(`/api/needs/${id}/history`)).json()) as {
      items: { action: string; data: { reason?: string } }[];
    };
    expect(history.items.find((e) => e.action === "need.reject")?.data.reason).toBe("请写清楚是哪里的灯");

    // Under review again, it cannot be changed here.
    const again = await jumin.form(path, new URLSearchParams({ title: "再改一次", description: "", category: "" }));
    expect(again.status).toBe(409);
    expect((await stored()).title).toBe("厨房顶灯坏了，想请人换");
  });

  it("is offered for a rejected micro-wish only: a rejected problem report links to no edit page it cannot open", async () => {
    const jumin2 = await loggedIn("jumin2");
    const [problem] = await db().execute<{ id: string }>(sql`
      select n.id from needs n join users u on u.id = n.posted_by_user_id
      where u.email = 'jumin2@demo.linli.local' and n.kind = 'problem' and n.status = 'rejected' limit 1`);
    expect(problem, "the demo's rejected problem report of jumin2").toBeDefined();
    const list = await (await jumin2.get("/my/wishes")).text();
    expect(list).toContain(`/wishes/${problem!.id}`);
    expect(list).not.toContain(`/my/wishes/${problem!.id}/edit`);
    expect(await (await jumin2.get(`/wishes/${problem!.id}`)).text()).not.toContain(`/my/wishes/${problem!.id}/edit`);
  });
});

describe("GET /api/me/signups: a volunteer's sign-ups with where each stands", () => {
  it("upcoming first (soonest first), then past (latest first); each state from attendance and hours; only the volunteer's own", async () => {
    const [volunteer, other, shequ] = await Promise.all([loggedIn("zhiyuanzhe"), loggedIn("volunteer001"), loggedIn("shequ")]);
    const volunteerId = await userId("zhiyuanzhe");
    const shequId = await userId("shequ");
    const shaliu = await communityId("沙柳北路社区");
    // At 03:00–04:00 Tianjin time, when no demo activity runs, so an approval overlaps nothing.
    const day = (offset: number) => {
      const d = new Date(now().getTime() + offset * 86_400_000);
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 19, 0));
    };
    const ahead = await createActivity(shaliu, shequId, day(2), 1);
    const past = await createActivity(shaliu, shequId, day(-3), 1);
    const underway = await createActivity(shaliu, shequId, new Date(now().getTime() - 30 * 60_000), 2);

    expect((await volunteer.post(`/api/activities/${ahead.id}/signups`)).status).toBe(201);
    expect((await volunteer.post(`/api/activities/${underway.id}/signups`)).status).toBe(201);
    // Signed up before it happened (the API refuses sign-ups for past activities).
    await db().execute(sql`insert into activity_signups (activity_id, volunteer_id) values (${past.id}, ${volunteerId})`);
    const recorded = await shequ.post(`/api/activities/${past.id}/attendance`, {
      volunteerId,
      checkIn: past.startsAt.toISOString(),
      checkOut: past.endsAt.toISOString(),
    });
    expect(recorded.status).toBe(201);
    const { hourEntry } = (await recorded.json()) as { hourEntry: { id: string } };
    await db().execute(
      sql`insert into attendances (activity_id, volunteer_id, check_in_at, source) values (${underway.id}, ${volunteerId}, ${new Date(now().getTime() - 20 * 60_000).toISOString()}::timestamptz, 'qr')`,
    );

    const stateOf = async (activityId: string) =>
      (await allPages<MySignup>(volunteer, "/api/me/signups", 25)).find((s) => s.activityId === activityId);
    expect(await stateOf(ahead.id)).toMatchObject({ state: "signed_up", upcoming: true });
    expect(await stateOf(underway.id)).toMatchObject({ state: "checked_in", upcoming: true });
    expect(await stateOf(past.id)).toMatchObject({ state: "hours_pending", upcoming: false, minutes: 60 });
    expect((await shequ.post(`/api/hour-entries/${hourEntry.id}/approve`)).status).toBe(200);
    expect(await stateOf(past.id)).toMatchObject({ state: "hours_approved", minutes: 60 });

    const all = await allPages<MySignup>(volunteer, "/api/me/signups", 9);
    const [expected] = await db().execute<{ ids: string[] }>(
      sql`select coalesce(array_agg(activity_id::text), '{}') as ids from activity_signups where volunteer_id = ${volunteerId} and status = 'signed_up'`,
    );
    expect(all.map((s) => s.activityId).sort()).toEqual([...expected!.ids].sort());
    const firstPast = all.findIndex((s) => !s.upcoming);
    const upcoming = firstPast === -1 ? all : all.slice(0, firstPast);
    const over = firstPast === -1 ? [] : all.slice(firstPast);
    expect(over.every((s) => !s.upcoming)).toBe(true);
    const times = (list: MySignup[]) => list.map((s) => Date.parse(s.startsAt));
    expect(times(upcoming)).toEqual([...times(upcoming)].sort((a, b) => a - b));
    expect(times(over)).toEqual([...times(over)].sort((a, b) => b - a));
    expect(upcoming.map((s) => s.activityId)).toEqual(expect.arrayContaining([ahead.id, underway.id]));

    // Another volunteer sees none of these.
    const theirs = await allPages<MySignup>(other, "/api/me/signups", 50);
    expect(theirs.map((s) => s.activityId)).not.toContain(ahead.id);
    expect(theirs.map((s) => s.activityId)).not.toContain(past.id);

    const page = await (await volunteer.get("/my/signups?limit=100")).text();
    expect(page).toContain(`/activities/${ahead.id}`);
  });
});

describe("GET /api/me/claims: the claims of the user's organisations", () => {
  it("deadline and overdue flag; only the organisation's own claims; nothing for a resident", async () => {
    const [yinhang, qiye, jumin] = await Promise.all([loggedIn("yinhang"), loggedIn("qiye"), loggedIn("jumin")]);
    const [bank] = await db().execute<{ id: string; admin: string }>(
      sql`select m.organisation_id as id, m.user_id as admin from memberships m join users u on u.id = m.user_id where u.email = ${demo("yinhang")} and m.role = 'org_admin'`,
    );
    const shaliu = await communityId("沙柳北路社区");
    const juminId = await userId("jumin");
    const t = now().getTime();
    const claimFor = async (status: "active" | "fulfilled", claimedDaysAgo: number, dueInDays: number) => {
      const [need] = await db().execute<{ id: string }>(
        sql`insert into needs (kind, title, community_id, status, posted_by_user_id, published_at)
            values ('micro_wish', ${`认领测试${status}${dueInDays}`}, ${shaliu}, ${status === "active" ? "claimed" : "fulfilled"}::need_status, ${juminId}, ${new Date(t - 30 * 86_400_000).toISOString()}::timestamptz)
            returning id`,
      );
      const [claim] = await db().execute<{ id: string }>(
        sql`insert into claims (need_id, organisation_id, claimed_by_user_id, status, claimed_at, due_at, fulfilled_at)
            values (${need!.id}, ${bank!.id}, ${bank!.admin}, ${status}::claim_status, ${new Date(t - claimedDaysAgo * 86_400_000).toISOString()}::timestamptz,
                    ${new Date(t + dueInDays * 86_400_000).toISOString()}::timestamptz, ${status === "fulfilled" ? new Date(t - 86_400_000).toISOString() : null}::timestamptz)
            returning id`,
      );
      return claim!.id;
    };
    const overdue = await claimFor("active", 20, -2);
    const onTime = await claimFor("active", 1, 13);
    const deliveredLate = await claimFor("fulfilled", 20, -3);

    const mine = await allPages<MyClaim>(yinhang, "/api/me/claims", 6);
    const [expected] = await db().execute<{ ids: string[] }>(
      sql`select coalesce(array_agg(id::text), '{}') as ids from claims where organisation_id = ${bank!.id}`,
    );
    expect(mine.map((c) => c.id).sort()).toEqual([...expected!.ids].sort());
    expect(mine.every((c) => c.organisationId === bank!.id)).toBe(true);
    const byId = new Map(mine.map((c) => [c.id, c]));
    expect(byId.get(overdue)).toMatchObject({ status: "active", overdue: true });
    expect(byId.get(onTime)).toMatchObject({ status: "active", overdue: false });
    expect(byId.get(deliveredLate)).toMatchObject({ status: "fulfilled", overdue: false });
    expect(Date.parse(byId.get(onTime)!.dueAt)).toBeGreaterThan(t);
    // Open claims first, soonest deadline first.
    const firstClosed = mine.findIndex((c) => c.status !== "active");
    const open = firstClosed === -1 ? mine : mine.slice(0, firstClosed);
    expect(mine.slice(open.length).every((c) => c.status !== "active")).toBe(true);
    expect(open.map((c) => Date.parse(c.dueAt))).toEqual(open.map((c) => Date.parse(c.dueAt)).sort((a, b) => a - b));

    // Another partner and a resident see none of the bank's.
    const theirs = await allPages<MyClaim>(qiye, "/api/me/claims", 50);
    expect(theirs.filter((c) => c.organisationId === bank!.id)).toEqual([]);
    expect((await (await jumin.get("/api/me/claims")).json()) as Page<MyClaim>).toEqual({ items: [], nextCursor: null });

    const page = await (await yinhang.get("/my/claims?limit=100")).text();
    expect(page).toContain("认领测试active-2");
  });
});

describe("after signing in, each persona lands where its work is", () => {
  const landings: [string, string | RegExp][] = [
    ["jumin", "/my/wishes"],
    ["13800000001", "/my/wishes"],
    ["shequ", "/review"],
    ["jiedao", /^\/streets\/[0-9a-f-]{36}$/],
    ["yinhang", "/org"],
    ["duizhang", "/org"],
    ["zhiyuanzhe", "/activities"],
  ];

  it.each(landings)("%s, through the login form without JavaScript", async (login, landing) => {
    const res = await client().form("/login", new URLSearchParams({ login: demo(login), password: DEMO_PASSWORD, redirectTo: "" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(typeof landing === "string" ? new RegExp(`^${landing}$`) : landing);
  });

  it.each(landings)("%s, signed in already and opening /login", async (login, landing) => {
    const c = await loggedIn(login);
    const res = await c.get("/login");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(typeof landing === "string" ? new RegExp(`^${landing}$`) : landing);
    // The API tells its clients the same place.
    const api = await client().login(demo(login));
    expect(((await api.json()) as { landing: string }).landing).toMatch(typeof landing === "string" ? new RegExp(`^${landing}$`) : landing);
  });

  it("a same-site redirectTo wins; another site's is not followed", async () => {
    const signIn = (redirectTo: string) =>
      client().form("/login", new URLSearchParams({ login: demo("jumin"), password: DEMO_PASSWORD, redirectTo }));
    expect((await signIn("/wishes/new")).headers.get("location")).toBe("/wishes/new");
    for (const unsafe of ["//evil.example", "https://evil.example/phish", "/\\evil.example", "javascript:alert(1)"]) {
      const res = await signIn(unsafe);
      expect(res.status, unsafe).toBe(302);
      expect(res.headers.get("location"), unsafe).toBe("/my/wishes");
    }
    const c = await loggedIn("shequ");
    expect((await c.get("/login?redirectTo=%2Fwishes")).headers.get("location")).toBe("/wishes");
    expect((await c.get("/login?redirectTo=%2F%2Fevil.example")).headers.get("location")).toBe("/review");
  });

  it("a wrong password lands nowhere", async () => {
    const res = await client().form("/login", new URLSearchParams({ login: demo("jumin"), password: "wrong-password", redirectTo: "" }));
    expect(res.status).toBe(401);
    expect(res.headers.get("location")).toBeNull();
  });
});

describe("还没办好: the resident's side of completion (not_done)", () => {
  it("only the resident, only after delivery, with a note; back to the same organisation; staff told; a refusal changes nothing", async () => {
    const [jumin, jumin2, shequ, yinhang] = await Promise.all([
      loggedIn("jumin"),
      loggedIn("jumin2"),
      loggedIn("shequ"),
      loggedIn("yinhang"),
    ]);
    const id = await postWish(jumin, "卫生间水龙头一直滴水");
    expect((await post(jumin, id, { action: "not_done", note: "还没人来" })).status).toBe(409);
    expect((await post(shequ, id, { action: "approve" })).status).toBe(200);
    const claimed = await post(yinhang, id, { action: "claim" });
    expect(claimed.status).toBe(200);
    const { claimId } = (await claimed.json()) as { claimId: string };
    expect((await post(jumin, id, { action: "not_done", note: "还没人来" })).status).toBe(409);
    expect((await post(yinhang, id, { action: "fulfil", note: "已更换阀芯，联系电话13912345678" })).status).toBe(200);

    const snapshot = async () => {
      const [need] = await db().execute<{ status: string }>(sql`select status from needs where id = ${id}`);
      const [claim] = await db().execute<{ id: string; status: string; fulfilment_note: string | null; due_at: string }>(
        sql`select id, status, fulfilment_note, due_at from claims where need_id = ${id}`,
      );
      const [events] = await db().execute<{ n: number }>(sql`select count(*)::int as n from audit_events where subject_id = ${id}`);
      const [notes] = await db().execute<{ n: number }>(sql`select count(*)::int as n from notifications where subject_id = ${id}`);
      return { need: need!.status, claim: claim!, events: events!.n, notifications: notes!.n };
    };
    const before = await snapshot();
    expect(before.need).toBe("fulfilled");

    // The public page names who helped and shows their report, contact details removed.
    const publicView = (await (await client().get(`/api/needs/${id}`)).json()) as {
      helper: { organisationId: string; organisationName: string; fulfilmentNote: string };
    };
    expect(publicView.helper.organisationName).toBeTruthy();
    expect(publicView.helper.fulfilmentNote).toBe("已更换阀芯，联系电话***");
    const publicPage = await (await client().get(`/wishes/${id}`)).text();
    expect(publicPage).toContain(publicView.helper.organisationName);
    expect(publicPage).toContain("已更换阀芯");
    expect(publicPage).not.toContain("13912345678");

    // Refused: the claimer, staff, a neighbour, anonymous, and the resident without a note.
    for (const [who, c, status] of [
      ["claimer", yinhang, 403],
      ["staff", shequ, 403],
      ["neighbour", jumin2, 403],
      ["anonymous", client(), 401],
    ] as const) {
      const res = await post(c, id, { action: "not_done", note: "还是滴水" });
      expect(res.status, who).toBe(status);
    }
    const noNote = await post(jumin, id, { action: "not_done" });
    expect(noNote.status).toBe(400);
    expect(((await noNote.json()) as ErrorBody).error.fields).toEqual({ note: "required" });
    const blankNote = await post(jumin, id, { action: "not_done", note: "   " });
    expect(blankNote.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    // The resident: back to the same organisation's claim, with a fresh deadline.
    const res = await post(jumin, id, { action: "not_done", note: "还是滴水，晚上声音很大" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: "claimed", claimId });
    const after = await snapshot();
    expect(after.need).toBe("claimed");
    expect(after.claim).toMatchObject({ id: claimId, status: "active", fulfilment_note: null });
    expect(new Date(after.claim.due_at).getTime()).toBeGreaterThan(now().getTime() + 13 * 86_400_000);
    const [told] = await db().execute<{ users: string[] }>(sql`
      select array_agg(u.email order by u.email) as users from notifications n join users u on u.id = n.user_id
       where n.subject_id = ${id} and n.kind = 'need.not_done'`);
    expect(told!.users).toEqual(expect.arrayContaining([demo("shequ"), demo("yinhang")]));
    expect(told!.users).not.toContain(demo("jumin"));
    expect(told!.users).not.toContain(demo("shequ2"));
    const [audit] = await db().execute<{ data: { from: string; to: string; note: string } }>(
      sql`select data from audit_events where subject_id = ${id} and action = 'need.not_done'`,
    );
    expect(audit!.data).toMatchObject({ from: "fulfilled", to: "claimed", note: "还是滴水，晚上声音很大" });
    // Twice is not allowed: it is claimed now.
    expect((await post(jumin, id, { action: "not_done", note: "再说一次" })).status).toBe(409);

    // The organisation delivers again and the resident confirms with a rating nobody else sees.
    expect((await post(yinhang, id, { action: "fulfil", note: "换了整个龙头" })).status).toBe(200);
    expect((await post(jumin, id, { action: "confirm", thanks: "谢谢！", rating: 4 })).status).toBe(200);
    const anonymousText = await (await client().get(`/api/needs/${id}`)).text();
    expect(anonymousText).not.toMatch(/"rating"/);
    expect(anonymousText).toContain("换了整个龙头");
    const listText = await (await client().get(`/api/needs?status=completed&limit=100`)).text();
    expect(listText).toContain(id);
    expect(listText).not.toMatch(/"rating"/);
    for (const [who, c] of [
      ["anonymous", client()],
      ["the organisation", yinhang],
      ["a neighbour", jumin2],
    ] as const) {
      const history = await (await c.get(`/api/needs/${id}/history`)).text();
      expect(history, who).not.toMatch(/"rating"/);
    }
    const residentView = (await (await jumin.get(`/api/needs/${id}`)).json()) as { private: { rating: number } };
    expect(residentView.private.rating).toBe(4);
    const staffView = (await (await shequ.get(`/api/needs/${id}`)).json()) as { private: { rating: number } };
    expect(staffView.private.rating).toBe(4);
  });
});
