// Activities, sign-ups, attendance and the hour ledger through the HTTP API.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";
import { nowMs, resetClock, setClock } from "~/lib/clock.server";
import { tianjinMidnight } from "~/lib/tianjin-time";

let server: Awaited<ReturnType<typeof startTestServer>>;
let shaliu = "";
let teamId = "";

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  const [row] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  shaliu = row!.id;
  const [team] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'duizhang@demo.linli.local'`,
  );
  teamId = team!.id;
});
afterAll(() => server.close());
afterEach(() => resetClock());

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  const me = (await (await c.get("/api/me")).json()) as { id: string };
  return { c, id: me.id };
}

const HOUR = 3_600_000;
let dayOffset = 30;
/** A two-hour slot in the future, a different day for each activity so the volunteer's hours never collide by accident. */
function slot(hours = 2) {
  // 09:00 Tianjin, `dayOffset` days after the clock's today.
  const startsAt = new Date(tianjinMidnight(nowMs()).getTime() + dayOffset++ * 24 * HOUR + 9 * HOUR);
  return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * HOUR).toISOString() };
}

/** The clock an hour after the slot ends: attendance is recorded, and hours certified, once the service has happened. */
const afterIt = (times: { endsAt: string }) => setClock(Date.parse(times.endsAt) + HOUR);

/** An activity of the leader's team in 沙柳北路社区, created through the API. */
async function teamActivity(
  leader: Client,
  title: string,
  times: { startsAt: string; endsAt: string },
  { category = "environment", capacity = 5 }: { category?: string; capacity?: number } = {},
) {
  const created = await leader.post("/api/activities", {
    title,
    category,
    communityId: shaliu,
    organisationId: teamId,
    capacity,
    ...times,
  });
  expect(created.status).toBe(201);
  return (await created.json()) as { id: string; capacity: number };
}

/** The organiser records a volunteer's attendance for the whole slot. */
const recordWholeSlot = (leader: Client, activityId: string, volunteerId: string, times: { startsAt: string; endsAt: string }) =>
  leader.post(`/api/activities/${activityId}/attendance`, { volunteerId, checkIn: times.startsAt, checkOut: times.endsAt });

async function approvedMinutes(c: Client, volunteerId: string) {
  const res = await c.get(`/api/volunteers/${volunteerId}/hours`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    approvedMinutes: number;
    pendingMinutes: number;
    stars: number;
    entries: { id: string; minutes: number; status: string; reversesId: string | null }[];
  };
}

describe("the hour ledger, end to end", () => {
  it("a 2-hour activity of capacity 1: sign-up, attendance, approval by the organiser only, overlaps and reversal", async () => {
    const leader = await as("duizhang");
    const volunteer = await as("zhiyuanzhe");
    const times = slot(2);
    const activity = await teamActivity(leader.c, "楼道清整", times, { capacity: 1 });

    expect((await volunteer.c.post(`/api/activities/${activity.id}/signups`)).status).toBe(201);
    const again = await volunteer.c.post(`/api/activities/${activity.id}/signups`);
    expect(again.status).toBe(409);
    const other = await as("volunteer001");
    expect((await other.c.post(`/api/activities/${activity.id}/signups`)).status).toBe(409);

    afterIt(times);
    const recorded = await recordWholeSlot(leader.c, activity.id, volunteer.id, times);
    expect(recorded.status).toBe(201);
    const { hourEntry } = (await recorded.json()) as { hourEntry: { id: string; minutes: number; status: string } };
    expect(hourEntry).toMatchObject({ minutes: 120, status: "pending" });

    expect((await volunteer.c.post(`/api/hour-entries/${hourEntry.id}/approve`)).status).toBe(403);
    const before = await approvedMinutes(volunteer.c, volunteer.id);
    expect((await leader.c.post(`/api/hour-entries/${hourEntry.id}/approve`)).status).toBe(200);
    const after = await approvedMinutes(volunteer.c, volunteer.id);
    expect(after.approvedMinutes - before.approvedMinutes).toBe(120);
    expect((await leader.c.post(`/api/hour-entries/${hourEntry.id}/approve`)).status).toBe(409);

    // Another activity at the same time: its entry cannot be approved over the first.
    const overlapping = await teamActivity(leader.c, "同时段活动", times);
    const second = (await (await recordWholeSlot(leader.c, overlapping.id, volunteer.id, times)).json()) as { hourEntry: { id: string } };
    const refused = await leader.c.post(`/api/hour-entries/${second.hourEntry.id}/approve`);
    expect(refused.status).toBe(409);
    // Longer than the activity: refused.
    const tooLong = await leader.c.post(`/api/activities/${activity.id}/attendance`, {
      volunteerId: volunteer.id,
      checkIn: times.startsAt,
      checkOut: new Date(Date.parse(times.startsAt) + 3 * HOUR).toISOString(),
    });
    expect(tooLong.status).toBe(400);
    expect((await approvedMinutes(volunteer.c, volunteer.id)).approvedMinutes).toBe(after.approvedMinutes);

    // A reversal brings the total back and adds an entry; the original is unchanged.
    const [countBefore] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from hour_entries where volunteer_id = ${volunteer.id}`,
    );
    const reversed = await leader.c.post(`/api/hour-entries/${hourEntry.id}/reverse`, { reason: "签到有误" });
    expect(reversed.status).toBe(201);
    const final = await approvedMinutes(volunteer.c, volunteer.id);
    expect(final.approvedMinutes).toBe(before.approvedMinutes);
    const [countAfter] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from hour_entries where volunteer_id = ${volunteer.id}`,
    );
    expect(countAfter!.n).toBe(countBefore!.n + 1);
    const [original] = await db().execute<{ minutes: number }>(sql`select minutes from hour_entries where id = ${hourEntry.id}`);
    expect(original!.minutes).toBe(120);
    expect(final.entries.some((e) => e.reversesId === hourEntry.id && e.minutes === -120)).toBe(true);
    // Reversing twice is refused.
    expect((await leader.c.post(`/api/hour-entries/${hourEntry.id}/reverse`, { reason: "again" })).status).toBe(409);
  });

  it("exactly `capacity` sign-ups succeed when many volunteers try at once", async () => {
    const leader = await as("duizhang");
    const activity = await teamActivity(leader.c, "助老探访", slot(2), { category: "elderly_care", capacity: 3 });
    const volunteers = await Promise.all(Array.from({ length: 10 }, (_, i) => as(`volunteer${String(i + 10).padStart(3, "0")}`)));
    const answers = await Promise.all(volunteers.map((v) => v.c.post(`/api/activities/${activity.id}/signups`)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(7);
    const [row] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from activity_signups where activity_id = ${activity.id} and status = 'signed_up'`,
    );
    expect(row!.n).toBe(3);
  });

  it("volunteers check in and out with the venue code; a forged or foreign code is refused", async () => {
    const leader = await as("duizhang");
    const volunteer = await as("zhiyuanzhe");
    const now = nowMs();
    const activity = (await (
      await leader.c.post("/api/activities", {
        title: "现场签到测试",
        category: "culture",
        communityId: shaliu,
        organisationId: teamId,
        capacity: 5,
        // Started 40 minutes ago: the minutes served count within the activity.
        startsAt: new Date(now - 40 * 60_000).toISOString(),
        endsAt: new Date(now + 2 * HOUR).toISOString(),
      })
    ).json()) as { id: string };
    expect((await volunteer.c.get(`/api/activities/${activity.id}/venue-code`)).status).toBe(403);
    const { token } = (await (await leader.c.get(`/api/activities/${activity.id}/venue-code`)).json()) as { token: string };
    expect((await volunteer.c.post(`/api/activities/${activity.id}/attendance`, { token: `${token}x` })).status).toBe(400);
    // Only a volunteer signed up for it checks in (more in venue-check-in.test.ts).
    expect((await volunteer.c.post(`/api/activities/${activity.id}/attendance`, { token })).status).toBe(403);
    expect((await volunteer.c.post(`/api/activities/${activity.id}/signups`)).status).toBe(201);
    const checkIn = await volunteer.c.post(`/api/activities/${activity.id}/attendance`, { token });
    expect(checkIn.status).toBe(200);
    // Checking out at once is refused (less than a minute); half an hour later it closes the attendance.
    expect((await volunteer.c.post(`/api/activities/${activity.id}/attendance`, { token })).status).toBe(400);
    await db().execute(sql`update attendances set check_in_at = linli_now() - interval '30 minutes' where activity_id = ${activity.id}`);
    const checkOut = await volunteer.c.post(`/api/activities/${activity.id}/attendance`, { token });
    expect(checkOut.status).toBe(201);
    expect(((await checkOut.json()) as { hourEntry: { status: string; minutes: number } }).hourEntry).toMatchObject({
      status: "pending",
      minutes: 30,
    });
  });

  it("a volunteer's record is theirs, their team admins' and their community staff's only", async () => {
    const volunteer = await as("zhiyuanzhe");
    for (const login of ["duizhang", "shequ"])
      expect((await (await as(login)).c.get(`/api/volunteers/${volunteer.id}/hours`)).status, login).toBe(200);
    for (const login of ["shequ2", "yinhang", "jumin"])
      expect((await (await as(login)).c.get(`/api/volunteers/${volunteer.id}/hours`)).status, login).toBe(403);
    const record = await approvedMinutes(volunteer.c, volunteer.id);
    const [sum] = await db().execute<{ n: number }>(sql`
      select coalesce(sum(e.minutes), 0)::int as n from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved' where e.volunteer_id = ${volunteer.id}`);
    expect(record.approvedMinutes).toBe(sum!.n);
    expect(record.stars).toBe([100, 300, 600, 1000, 1500].filter((h) => sum!.n >= h * 60).length);
  });

  it("a correction request accepted by the organiser reverses the wrong entry and records the right time", async () => {
    const leader = await as("duizhang");
    const volunteer = await as("zhiyuanzhe");
    const times = slot(3);
    const activity = await teamActivity(leader.c, "便民服务日", times, { category: "daily_life" });
    const wrongEnd = new Date(Date.parse(times.startsAt) + HOUR).toISOString();
    afterIt(times);
    const { hourEntry } = (await (
      await leader.c.post(`/api/activities/${activity.id}/attendance`, {
        volunteerId: volunteer.id,
        checkIn: times.startsAt,
        checkOut: wrongEnd,
      })
    ).json()) as { hourEntry: { id: string } };
    await leader.c.post(`/api/hour-entries/${hourEntry.id}/approve`);
    const before = (await approvedMinutes(volunteer.c, volunteer.id)).approvedMinutes;
    const request = await volunteer.c.post("/api/hour-corrections", {
      activityId: activity.id,
      hourEntryId: hourEntry.id,
      reason: "我服务到活动结束",
      requestedStartsAt: times.startsAt,
      requestedEndsAt: times.endsAt,
    });
    expect(request.status).toBe(201);
    const { id } = (await request.json()) as { id: string };
    expect((await volunteer.c.post(`/api/hour-corrections/${id}/answer`, { accept: true })).status).toBe(403);
    const answered = await leader.c.post(`/api/hour-corrections/${id}/answer`, { accept: true, answer: "已核实" });
    expect(answered.status).toBe(200);
    expect((await approvedMinutes(volunteer.c, volunteer.id)).approvedMinutes).toBe(before - 60 + 180);
    const rows = await db().execute<{ kind: string; correction_request_id: string | null }>(
      sql`select kind, correction_request_id from hour_entries where activity_id = ${activity.id} order by created_at`,
    );
    expect(rows.map((r) => r.kind)).toEqual(["attendance", "reversal", "correction"]);
    expect(rows.slice(1).every((r) => r.correction_request_id === id)).toBe(true);
  });

  it("service that has not happened yet is neither recorded nor certified, and a correction asks only for times that have", async () => {
    const leader = await as("duizhang");
    const volunteer = await as("zhiyuanzhe");
    const times = slot(2);
    const activity = await teamActivity(leader.c, "周末义诊协助", times, { category: "culture" });
    const entries = async () =>
      (await db().execute<{ n: number }>(sql`select count(*)::int as n from hour_entries where activity_id = ${activity.id}`))[0]!.n;
    // Two days before it: refused field by field, nothing written.
    const early = await recordWholeSlot(leader.c, activity.id, volunteer.id, times);
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      checkIn: "not_yet",
      checkOut: "not_yet",
    });
    expect(await entries()).toBe(0);
    // Recorded once it is over; certified then, not if the clock stands before its end.
    afterIt(times);
    const recorded = await recordWholeSlot(leader.c, activity.id, volunteer.id, times);
    expect(recorded.status).toBe(201);
    const { hourEntry } = (await recorded.json()) as { hourEntry: { id: string } };
    setClock(Date.parse(times.startsAt) + 30 * 60_000);
    const before = await approvedMinutes(volunteer.c, volunteer.id);
    const tooSoon = await leader.c.post(`/api/hour-entries/${hourEntry.id}/approve`);
    expect(tooSoon.status).toBe(409);
    expect(((await tooSoon.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ _form: "service_not_over" });
    expect((await approvedMinutes(volunteer.c, volunteer.id)).approvedMinutes).toBe(before.approvedMinutes);
    // A correction asking for times after now, or outside the activity, is refused and stores nothing.
    const requests = async () =>
      (
        await db().execute<{ n: number }>(sql`select count(*)::int as n from hour_correction_requests where activity_id = ${activity.id}`)
      )[0]!.n;
    const ahead = await volunteer.c.post("/api/hour-corrections", {
      activityId: activity.id,
      hourEntryId: hourEntry.id,
      reason: "我一直服务到结束",
      requestedStartsAt: times.startsAt,
      requestedEndsAt: times.endsAt,
    });
    expect(ahead.status).toBe(400);
    expect(((await ahead.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ requestedEndsAt: "not_yet" });
    afterIt(times);
    const outside = await volunteer.c.post("/api/hour-corrections", {
      activityId: activity.id,
      hourEntryId: hourEntry.id,
      reason: "我提前去布置了",
      requestedStartsAt: new Date(Date.parse(times.startsAt) - 5 * HOUR).toISOString(),
      requestedEndsAt: times.endsAt,
    });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      requestedStartsAt: "outside_activity",
    });
    expect(await requests()).toBe(0);
    expect((await leader.c.post(`/api/hour-entries/${hourEntry.id}/approve`)).status).toBe(200);
  });
});

describe("attendance that needs the organiser's eye", () => {
  it("closes check-ins left open for 24 hours as pending entries, flagged for the organiser", async () => {
    const { closeStaleCheckIns } = await import("~/modules/activities/activities.server");
    const [activity] = await db().execute<{ id: string }>(
      sql`select id from activities where starts_at < linli_now() - interval '3 days' order by starts_at desc limit 1`,
    );
    const [volunteer] = await db().execute<{ id: string }>(sql`select id from users where email = 'volunteer150@demo.linli.local'`);
    await db().execute(sql`insert into attendances (activity_id, volunteer_id, check_in_at, source)
      values (${activity!.id}, ${volunteer!.id}, (select starts_at from activities where id = ${activity!.id}) + interval '5 minutes', 'qr')`);
    expect(await closeStaleCheckIns()).toBeGreaterThanOrEqual(1);
    const [closed] = await db().execute<{ flagged_for_organiser: boolean; source: string; check_out_at: Date | null }>(sql`
      select flagged_for_organiser, source, check_out_at from attendances where activity_id = ${activity!.id} and volunteer_id = ${volunteer!.id}`);
    expect(closed).toMatchObject({ flagged_for_organiser: true, source: "auto_closed" });
    const [entry] = await db().execute<{ note: string; reviewed: boolean }>(sql`
      select e.note, exists (select 1 from hour_entry_reviews r where r.hour_entry_id = e.id) as reviewed
      from hour_entries e where e.activity_id = ${activity!.id} and e.volunteer_id = ${volunteer!.id}`);
    expect(entry).toMatchObject({ note: "auto_closed", reviewed: false });
    expect(await closeStaleCheckIns()).toBe(0);
  });

  it("staff record hours for a volunteer without a phone, as a proxy entry, audited", async () => {
    const staff = await as("shequ");
    const [volunteer] = await db().execute<{ id: string }>(sql`select id from users where email = 'volunteer151@demo.linli.local'`);
    const times = slot(2);
    const activity = (await (
      await staff.c.post("/api/activities", { title: "社区议事会服务", category: "culture", communityId: shaliu, capacity: 5, ...times })
    ).json()) as { id: string };
    afterIt(times);
    const res = await staff.c.post(`/api/activities/${activity.id}/attendance`, {
      volunteerId: volunteer!.id,
      checkIn: times.startsAt,
      checkOut: times.endsAt,
      proxy: true,
    });
    expect(res.status).toBe(201);
    const { hourEntry } = (await res.json()) as { hourEntry: { id: string } };
    const [row] = await db().execute<{ kind: string }>(sql`select kind from hour_entries where id = ${hourEntry.id}`);
    expect(row!.kind).toBe("proxy");
    const [audit] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'attendance.proxy' and subject_id = ${activity.id}`,
    );
    expect(audit!.n).toBe(1);
    // A resident is no organiser.
    expect(
      (
        await (
          await as("jumin")
        ).c.post(`/api/activities/${activity.id}/attendance`, {
          volunteerId: volunteer!.id,
          checkIn: times.startsAt,
          checkOut: times.endsAt,
        })
      ).status,
    ).toBe(403);
  });
});
