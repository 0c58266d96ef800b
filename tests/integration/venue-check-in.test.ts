// Checking in and out with the venue code, over HTTP: the JSON API and the check-in page a scan opens.
// Each refusal is asked for the way an attacker would, and must change nothing. Times are relative to the
// app's clock (now()), never to today's date; codes "from a minute ago" are minted the way the server does.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { nowMs } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { signToken } from "~/lib/secrets.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { venueCode, VENUE_CODE_STEP_MS } from "~/modules/activities/venue-code.server";
import zh from "~/locales/zh-CN.json";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let server: Awaited<ReturnType<typeof startTestServer>>;
let shaliu = "";
let teamId = "";
let leader: Client;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  const [row] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  shaliu = row!.id;
  const [team] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'duizhang@demo.linli.local'`,
  );
  teamId = team!.id;
  leader = (await as("duizhang")).c;
});
afterAll(() => server.close());

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  const me = (await (await c.get("/api/me")).json()) as { id: string };
  return { c, id: me.id };
}

/** An activity of the leader's team from `startsIn` (ms from now, negative: already started) lasting `hours`. */
async function activityAt(startsIn: number, hours = 2, title = "签到测试活动") {
  const startsAt = nowMs() + startsIn;
  const res = await leader.post("/api/activities", {
    title,
    category: "culture",
    communityId: shaliu,
    organisationId: teamId,
    capacity: 20,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + hours * HOUR).toISOString(),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Signed up as a volunteer would be; directly for an activity that is already over (sign-up refuses those). */
async function signUp(activityId: string, volunteer: { c: Client; id: string }) {
  const res = await volunteer.c.post(`/api/activities/${activityId}/signups`);
  if (res.status === 201) return;
  await db().execute(sql`insert into activity_signups (activity_id, volunteer_id) values (${activityId}, ${volunteer.id})`);
}

async function currentCode(activityId: string): Promise<{ token: string; url: string }> {
  const res = await leader.get(`/api/activities/${activityId}/venue-code`);
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; url: string };
}

const scan = (volunteer: { c: Client }, activityId: string, token: unknown) =>
  volunteer.c.post(`/api/activities/${activityId}/attendance`, { token });

/** Everything a scan could write: attendances, hour entries, audit events of the activity. */
async function footprint(activityId: string) {
  const [row] = await db().execute<{ attendances: string; entries: string; audits: string }>(sql`
    select (select json_agg(a order by a.id)::text from attendances a where a.activity_id = ${activityId}) as attendances,
           (select json_agg(e order by e.id)::text from hour_entries e where e.activity_id = ${activityId}) as entries,
           (select count(*)::text from audit_events where subject_id = ${activityId}) as audits`);
  return row!;
}

/** Asserts that the scan is refused with the reason, and that nothing was written. */
async function expectRefused(response: Promise<Response>, activityId: string, status: number, reason: string) {
  const before = await footprint(activityId);
  const res = await response;
  const body = (await res.json()) as { error?: { code: string; message: string; fields?: Record<string, string> } };
  expect({ status: res.status, reason: body.error?.fields?.token }).toEqual({ status, reason });
  expect(body.error?.message).toBeTruthy();
  expect(await footprint(activityId)).toEqual(before);
}

/** Codes rotate each minute: keep a test that mints "a minute ago" from straddling the boundary. */
async function clearOfMinuteBoundary() {
  const into = nowMs() % VENUE_CODE_STEP_MS;
  if (into > VENUE_CODE_STEP_MS - 5_000) await new Promise((r) => setTimeout(r, VENUE_CODE_STEP_MS - into + 200));
}

/** Moves the volunteer's open check-in back, as if they had arrived `ago` ms before now. */
async function checkedInAgo(activityId: string, volunteerId: string, ago: number) {
  await db().execute(sql`update attendances set check_in_at = ${new Date(nowMs() - ago).toISOString()}::timestamptz
    where activity_id = ${activityId} and volunteer_id = ${volunteerId} and check_out_at is null`);
}

describe("the venue code API", () => {
  it("gives organisers {token, url} of the check-in page, a new code each minute, and nobody else", async () => {
    const id = await activityAt(-10 * MINUTE);
    const { token, url } = await currentCode(id);
    expect(url).toBe(`${server.base}/activities/${id}/check-in?token=${encodeURIComponent(token)}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}$/);
    for (const login of ["zhiyuanzhe", "shequ2", "yinhang"])
      expect((await (await as(login)).c.get(`/api/activities/${id}/venue-code`)).status, login).toBe(403);
    // Community staff of the activity's community organise it too.
    expect((await (await as("shequ")).c.get(`/api/activities/${id}/venue-code`)).status).toBe(200);
    expect((await new Client(server.base).get(`/api/activities/${id}/venue-code`)).status).toBe(401);
  });
});

describe("checking in and out by scanning", () => {
  it("first scan checks in, the second checks out with the minutes served; a third is refused", async () => {
    const id = await activityAt(-40 * MINUTE);
    const volunteer = await as("zhiyuanzhe");
    await signUp(id, volunteer);
    const checkIn = await scan(volunteer, id, (await currentCode(id)).token);
    expect(checkIn.status).toBe(200);
    const checkedIn = (await checkIn.json()) as { attendanceId: string; checkedIn: string; hourEntry: null };
    expect(checkedIn.hourEntry).toBeNull();
    expect(Math.abs(Date.parse(checkedIn.checkedIn) - nowMs())).toBeLessThan(10_000);
    // A double scan is no service.
    await expectRefused(scan(volunteer, id, (await currentCode(id)).token), id, 400, "too_soon");
    await checkedInAgo(id, volunteer.id, 30 * MINUTE);
    const checkOut = await scan(volunteer, id, (await currentCode(id)).token);
    expect(checkOut.status).toBe(201);
    expect(((await checkOut.json()) as { hourEntry: unknown }).hourEntry).toMatchObject({ status: "pending", minutes: 30 });
    // Once out, the attendance is recorded: no second check-in for the 24-hour job to close.
    await expectRefused(scan(volunteer, id, (await currentCode(id)).token), id, 409, "already_checked_out");
    const [audits] = await db().execute<{ actions: string[] }>(
      sql`select array_agg(action order by created_at) as actions from audit_events where subject_id = ${id} and action like 'attendance.%'`,
    );
    expect(audits!.actions).toEqual(["attendance.check_in", "attendance.check_out"]);
  });

  it("refuses a volunteer who is not signed up (or cancelled), and anyone who is no volunteer", async () => {
    const id = await activityAt(-10 * MINUTE);
    const stranger = await as("volunteer031");
    await expectRefused(scan(stranger, id, (await currentCode(id)).token), id, 403, "not_signed_up");
    const cancelled = await as("volunteer032");
    await signUp(id, cancelled);
    expect((await cancelled.c.delete(`/api/activities/${id}/signups`)).status).toBe(204);
    await expectRefused(scan(cancelled, id, (await currentCode(id)).token), id, 403, "not_signed_up");
    const resident = await as("jumin");
    await expectRefused(scan(resident, id, (await currentCode(id)).token), id, 403, "not_signed_up");
    // Not even the organiser checks in by scanning.
    await expectRefused(
      leader.post(`/api/activities/${id}/attendance`, { token: (await currentCode(id)).token }),
      id,
      403,
      "not_signed_up",
    );
  });

  it("opens 30 minutes before the start: earlier is refused, and a check-out before the start too", async () => {
    const later = await activityAt(2 * HOUR);
    const volunteer = await as("volunteer033");
    await signUp(later, volunteer);
    await expectRefused(scan(volunteer, later, (await currentCode(later)).token), later, 409, "not_open");
    const soon = await activityAt(31 * MINUTE);
    await signUp(soon, volunteer);
    await expectRefused(scan(volunteer, soon, (await currentCode(soon)).token), soon, 409, "not_open");

    const early = await activityAt(20 * MINUTE);
    await signUp(early, volunteer);
    expect((await scan(volunteer, early, (await currentCode(early)).token)).status).toBe(200);
    await checkedInAgo(early, volunteer.id, 5 * MINUTE);
    await expectRefused(scan(volunteer, early, (await currentCode(early)).token), early, 409, "not_started");
  });

  it("a check-in before the start counts from the start", async () => {
    const id = await activityAt(-20 * MINUTE);
    const volunteer = await as("volunteer034");
    await signUp(id, volunteer);
    expect((await scan(volunteer, id, (await currentCode(id)).token)).status).toBe(200);
    // Arrived 45 minutes ago, 25 minutes before the start: 20 minutes served.
    await checkedInAgo(id, volunteer.id, 45 * MINUTE);
    const res = await scan(volunteer, id, (await currentCode(id)).token);
    expect(res.status).toBe(201);
    const { hourEntry } = (await res.json()) as { hourEntry: { id: string; minutes: number } };
    expect(hourEntry.minutes).toBe(20);
    const [entry] = await db().execute<{ starts_at: Date; activity_starts_at: Date }>(sql`
      select e.starts_at, a.starts_at as activity_starts_at from hour_entries e join activities a on a.id = e.activity_id where e.id = ${hourEntry.id}`);
    expect(new Date(entry!.starts_at).getTime()).toBe(new Date(entry!.activity_starts_at).getTime());
  });

  it("closes check-in at the end and check-out 30 minutes after it; a late check-out counts until the end", async () => {
    const over = await activityAt(-3 * HOUR, 2);
    const volunteer = await as("volunteer035");
    await signUp(over, volunteer);
    // Ended an hour ago: no check-in, and a check-in left open cannot be closed by a scan any more.
    await expectRefused(scan(volunteer, over, (await currentCode(over)).token), over, 409, "closed");
    await db().execute(sql`insert into attendances (activity_id, volunteer_id, check_in_at, source)
      values (${over}, ${volunteer.id}, ${new Date(nowMs() - 170 * MINUTE).toISOString()}::timestamptz, 'qr')`);
    await expectRefused(scan(volunteer, over, (await currentCode(over)).token), over, 409, "closed");

    const justOver = await activityAt(-130 * MINUTE, 2);
    await signUp(justOver, volunteer);
    await expectRefused(scan(volunteer, justOver, (await currentCode(justOver)).token), justOver, 409, "closed");
    await db().execute(sql`insert into attendances (activity_id, volunteer_id, check_in_at, source)
      values (${justOver}, ${volunteer.id}, (select starts_at + interval '20 minutes' from activities where id = ${justOver}), 'qr')`);
    const late = await scan(volunteer, justOver, (await currentCode(justOver)).token);
    expect(late.status).toBe(201);
    // Checked in 20 minutes into the 2-hour activity, out 10 minutes after its end: 100 minutes served.
    expect(((await late.json()) as { hourEntry: { minutes: number } }).hourEntry.minutes).toBe(100);
  });

  it("refuses a cancelled activity", async () => {
    const id = await activityAt(-10 * MINUTE);
    const volunteer = await as("volunteer036");
    await signUp(id, volunteer);
    await db().execute(sql`update activities set status = 'cancelled' where id = ${id}`);
    await expectRefused(scan(volunteer, id, (await currentCode(id)).token), id, 409, "activity_cancelled");
  });
});

describe("codes that are not this activity's current code", () => {
  let id = "";
  let volunteer: { c: Client; id: string };
  beforeAll(async () => {
    id = await activityAt(-10 * MINUTE);
    volunteer = await as("volunteer037");
    await signUp(id, volunteer);
  });

  it("another activity's code is refused as foreign", async () => {
    const other = await activityAt(-10 * MINUTE, 2, "另一个活动");
    await signUp(other, volunteer);
    await expectRefused(scan(volunteer, id, (await currentCode(other)).token), id, 400, "token_foreign");
    await expectRefused(scan(volunteer, other, (await currentCode(id)).token), other, 400, "token_foreign");
  });

  it("tampered, extra segment, wrong length, bad base64, the old 12-hour codes: refused as invalid", async () => {
    const { token } = await currentCode(id);
    const [payload, signature] = token.split(".") as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    const [otherPayload] = venueCode("00000000-0000-4000-8000-000000000000").split(".");
    const bad: unknown[] = [
      flip(token, 5), // payload tampered
      flip(token, 50), // signature tampered
      `${otherPayload}.${signature}`, // another activity's id under this signature
      `${token}.extra`, // an extra segment
      `${token}.`,
      `${payload}.${signature}.${signature}`,
      token.slice(0, -1), // wrong length
      `${token}A`,
      `${payload}==.${signature}`, // padding
      `${payload.slice(0, 10)}+/${payload.slice(12)}.${signature}`, // another base64 alphabet
      "",
      "x".repeat(400),
      signToken({ a: id, e: nowMs() + 12 * HOUR }), // the former bearer code, 12 hours long
    ];
    for (const candidate of bad) await expectRefused(scan(volunteer, id, candidate), id, 400, "token_invalid");
    // Not a string at all, or far too long: refused by the schema, still nothing written.
    for (const candidate of [42, null, ["x"], "x".repeat(600)]) {
      const before = await footprint(id);
      expect((await scan(volunteer, id, candidate)).status).toBe(400);
      expect(await footprint(id)).toEqual(before);
    }
  });

  it("a code two minutes old is stale; the previous minute's code is still accepted", async () => {
    await clearOfMinuteBoundary();
    await expectRefused(scan(volunteer, id, venueCode(id, nowMs() - 2 * VENUE_CODE_STEP_MS)), id, 400, "token_expired");
    await expectRefused(scan(volunteer, id, venueCode(id, nowMs() - 30 * VENUE_CODE_STEP_MS)), id, 400, "token_expired");
    // A code from the future is not one the screen showed.
    await expectRefused(scan(volunteer, id, venueCode(id, nowMs() + 2 * VENUE_CODE_STEP_MS)), id, 400, "token_expired");
    const previous = await scan(volunteer, id, venueCode(id, nowMs() - VENUE_CODE_STEP_MS));
    expect(previous.status).toBe(200);
  });
});

describe("the check-in page a scan opens", () => {
  const page = (c: Client, id: string, query: string) => c.get(`/activities/${id}/check-in${query}`);
  const form = (token: string) => new URLSearchParams({ token });

  it("sends a signed-out visitor to log in and back to the same address, code and all", async () => {
    const id = await activityAt(-10 * MINUTE);
    const { url } = await currentCode(id);
    const path = url.slice(server.base.length);
    const res = await new Client(server.base).get(path);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    // And logging in with that redirectTo comes back to it.
    const login = await new Client(server.base).form(
      "/login",
      new URLSearchParams({ login: "zhiyuanzhe@demo.linli.local", password: DEMO_PASSWORD, redirectTo: path }),
    );
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe(path);
  });

  it("shows a confirm button, changes nothing on GET, checks in and out on POST, and says when", async () => {
    const id = await activityAt(-40 * MINUTE, 2, "扫码页面测试");
    const volunteer = await as("volunteer038");
    await signUp(id, volunteer);
    const { token } = await currentCode(id);
    const before = await footprint(id);
    const shown = await page(volunteer.c, id, `?token=${encodeURIComponent(token)}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("Cache-Control")).toBe("no-store");
    const html = await shown.text();
    expect(html).toContain(`<title>${zh.checkIn.title} · 扫码页面测试 | 邻里</title>`);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${zh.checkIn.title}</h1>`));
    expect(html).toContain(zh.checkIn.confirmIn);
    // Only the confirm button is there: nothing to cancel a sign-up with.
    expect(html).not.toContain(zh.activities.cancel);
    expect(await footprint(id)).toEqual(before);

    const posted = await volunteer.c.form(`/activities/${id}/check-in?token=${encodeURIComponent(token)}`, form(token));
    expect(posted.status).toBe(303);
    expect(posted.headers.get("Location")).toBe(`/activities/${id}/check-in?done=in`);
    const done = await (await page(volunteer.c, id, "?done=in")).text();
    expect(done).toContain(zh.checkIn.checkedIn);
    const [row] = await db().execute<{ check_in_at: Date }>(
      sql`select check_in_at from attendances where activity_id = ${id} and volunteer_id = ${volunteer.id}`,
    );
    const tianjin = new Date(new Date(row!.check_in_at).getTime() + 8 * HOUR).toISOString();
    // "签到时间：2026年4月20日 09:03": the Tianjin clock time of the check-in.
    expect(done).toContain(tianjin.slice(11, 16));
    // The sign-up is untouched.
    const [signedUp] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from activity_signups where activity_id = ${id} and volunteer_id = ${volunteer.id} and status = 'signed_up'`,
    );
    expect(signedUp!.n).toBe(1);

    await checkedInAgo(id, volunteer.id, 25 * MINUTE);
    const second = (await currentCode(id)).token;
    expect(await (await page(volunteer.c, id, `?token=${encodeURIComponent(second)}`)).text()).toContain(zh.checkIn.confirmOut);
    const out = await volunteer.c.form(`/activities/${id}/check-in`, form(second));
    expect(out.headers.get("Location")).toBe(`/activities/${id}/check-in?done=out`);
    const outPage = await (await page(volunteer.c, id, "?done=out")).text();
    expect(outPage).toContain(zh.checkIn.checkedOut);
    expect(outPage).toContain(zh.checkIn.checkedOutMinutes.replace("{{minutes}}", "25"));
  });

  it("says clearly what is wrong with a bad, foreign or stale code, or a volunteer not signed up, and changes nothing", async () => {
    const id = await activityAt(-10 * MINUTE);
    const other = await activityAt(-10 * MINUTE, 2, "另一个活动");
    const volunteer = await as("volunteer039");
    await signUp(id, volunteer);
    const stranger = await as("volunteer040");
    await clearOfMinuteBoundary();
    const cases: [Client, string, keyof typeof zh.checkIn.refused][] = [
      [volunteer.c, "garbage", "token_invalid"],
      [volunteer.c, `${(await currentCode(id)).token}.extra`, "token_invalid"],
      [volunteer.c, (await currentCode(other)).token, "token_foreign"],
      [volunteer.c, venueCode(id, nowMs() - 2 * VENUE_CODE_STEP_MS), "token_expired"],
      [stranger.c, (await currentCode(id)).token, "not_signed_up"],
    ];
    for (const [client, token, reason] of cases) {
      const before = await footprint(id);
      const html = await (await page(client, id, `?token=${encodeURIComponent(token)}`)).text();
      expect(html, reason).toContain(zh.checkIn.refused[reason]);
      expect(html, reason).not.toContain(zh.checkIn.confirmIn);
      // Posting it anyway is refused the same way.
      const posted = await client.form(`/activities/${id}/check-in`, form(token));
      expect(posted.status, reason).toBeGreaterThanOrEqual(400);
      expect(await posted.text(), reason).toContain(zh.checkIn.refused[reason]);
      expect(await footprint(id), reason).toEqual(before);
    }
  });

  it("gives the organiser a venue page whose code refreshes itself, without JavaScript too", async () => {
    const id = await activityAt(-10 * MINUTE);
    const res = await leader.get(`/activities/${id}/venue-code`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<svg");
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="(\d+)"\/><\/noscript>/);
    const seconds = Number(/http-equiv="refresh" content="(\d+)"/.exec(html)![1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(61);
    expect((await (await as("zhiyuanzhe")).c.get(`/activities/${id}/venue-code`)).status).toBe(403);
    // The activity page links to it instead of showing a code that would go stale.
    expect(await (await leader.get(`/activities/${id}`)).text()).toContain(`/activities/${id}/venue-code`);
  });
});
