// Issue 14, "forged hours": each attack of the red-team pass replayed against the app over HTTP (and,
// where the rule is the database's, straight in SQL), refused with a clear 4xx and nothing changed;
// and pages that must survive a volunteer with 2.4 billion approved minutes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { pgConstraint, pgErrorCode } from "~/lib/db-errors.server";
import { nowMs } from "~/lib/clock.server";
import { tianjinDate, tianjinMidnight } from "~/lib/tianjin-time";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let server: Awaited<ReturnType<typeof startTestServer>>;
const ids = { shaliu: "", sanshengli: "", dongxin: "", wudadao: "", team: "", bank: "" };

const one = async <T>(query: ReturnType<typeof sql>) => (await db().execute<T & Record<string, unknown>>(query))[0]!;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  const orgOf = async (login: string) =>
    (
      await one<{ id: string }>(
        sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id
            where u.email = ${`${login}@demo.linli.local`} and m.role = 'org_admin'`,
      )
    ).id;
  const community = async (name: string) =>
    one<{ id: string; street_id: string }>(sql`select id, street_id from communities where name = ${name}`);
  const shaliu = await community("沙柳北路社区");
  const sanshengli = await community("三盛里社区");
  Object.assign(ids, {
    shaliu: shaliu.id,
    dongxin: shaliu.street_id,
    sanshengli: sanshengli.id,
    wudadao: sanshengli.street_id,
    team: await orgOf("duizhang"),
    bank: await orgOf("yinhang"),
  });
});
afterAll(() => server.close());

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  const me = (await (await c.get("/api/me")).json()) as { id: string };
  return { c, id: me.id };
}

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
async function refusal(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ((await res.json()) as ErrorBody).error;
}

const count = async (table: string) => Number((await one<{ n: string }>(sql`select count(*)::bigint as n from ${sql.raw(table)}`)).n);
/** The rows a refused request must leave as they were. */
const ledgerCounts = async () => ({
  activities: await count("activities"),
  attendances: await count("attendances"),
  entries: await count("hour_entries"),
  reviews: await count("hour_entry_reviews"),
  firstApprovals: await count("hour_entry_first_approvals"),
  audit: await count("audit_events"),
});

let nextDay = 40;
/**
 * 06:00 Tianjin on a day of its own, 40 days or more before today (so no two tests share a volunteer's
 * day): hours are recorded and certified for service already given.
 */
const freshDay = () => tianjinMidnight(nowMs()).getTime() - nextDay++ * DAY + 6 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

async function createActivity(c: Client, startsAt: number, hours: number, extra: Record<string, unknown> = {}) {
  return c.post("/api/activities", {
    title: "社区服务",
    category: "environment",
    communityId: ids.shaliu,
    organisationId: ids.team,
    capacity: 10,
    startsAt: iso(startsAt),
    endsAt: iso(startsAt + hours * HOUR),
    ...extra,
  });
}

async function activityOf(c: Client, startsAt: number, hours: number) {
  const res = await createActivity(c, startsAt, hours);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Attendance recorded by the organiser: a pending entry. */
async function entryOf(c: Client, activityId: string, volunteerId: string, from: number, to: number) {
  const res = await c.post(`/api/activities/${activityId}/attendance`, { volunteerId, checkIn: iso(from), checkOut: iso(to) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { hourEntry: { id: string; minutes: number } }).hourEntry;
}

async function hoursOf(c: Client, volunteerId: string) {
  const res = await c.get(`/api/volunteers/${volunteerId}/hours`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    approvedMinutes: number;
    pendingMinutes: number;
    entries: { id: string; status: string; awaitingSecondApproval: boolean }[];
  };
}

/** Runs a statement that the database must refuse; answers its SQLSTATE and constraint name. */
async function databaseRefuses(statement: ReturnType<typeof sql>) {
  const error = await db()
    .execute(statement)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error, "the database refused it").not.toBeNull();
  return { code: pgErrorCode(error), constraint: pgConstraint(error) };
}

describe("an organisation's admin changes what it is", () => {
  it("the bank's admin cannot make it a volunteer team, move it or rename it: 403 and nothing changes", async () => {
    const bank = await as("yinhang");
    const before = await one<{ type: string; street_id: string; name: string; updated_at: Date }>(
      sql`select type::text, street_id, name, updated_at from organisations where id = ${ids.bank}`,
    );
    const counts = await ledgerCounts();
    for (const [patch, field] of [
      [{ type: "volunteer_team" }, "type"],
      [{ streetId: ids.wudadao }, "streetId"],
      [{ name: "红马甲志愿服务队" }, "name"],
      // One forbidden field among allowed ones: the whole request is refused.
      [{ description: "我们也组织活动", type: "volunteer_team" }, "type"],
    ] as const) {
      const error = await refusal(await bank.c.patch(`/api/organisations/${ids.bank}`, patch), 403);
      expect(error.code).toBe("forbidden");
      expect(error.fields?.[field]).toBe("staff_only_field");
    }
    expect(
      await one<{ type: string; street_id: string; name: string; updated_at: Date }>(
        sql`select type::text, street_id, name, updated_at from organisations where id = ${ids.bank}`,
      ),
    ).toEqual(before);
    expect(await ledgerCounts()).toEqual(counts);

    // The rest of the profile is still the admin's; a staff-only field sent unchanged is harmless.
    const ok = await bank.c.patch(`/api/organisations/${ids.bank}`, { description: "普惠金融进社区", name: before.name, type: "bank" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ description: "普惠金融进社区", type: "bank", name: before.name });

    // Still a bank, so it runs no activity and certifies no hours: not in its own name, not in the community's.
    const asTeam = await refusal(await createActivity(bank.c, freshDay(), 2, { organisationId: ids.bank }), 400);
    expect(asTeam.fields?.organisationId).toBe("team_required");
    await refusal(await createActivity(bank.c, freshDay(), 2, { organisationId: undefined }), 403);
  });

  it("the street's admin and the platform admin change type, street and name, audited with the old values", async () => {
    const street = await as("jiedao");
    const before = await one<{ type: string; name: string }>(sql`select type::text, name from organisations where id = ${ids.bank}`);
    const res = await street.c.patch(`/api/organisations/${ids.bank}`, { type: "social_org", name: `${before.name}（公益）` });
    expect(res.status).toBe(200);
    const audit = await one<{ actor: string; data: { changed: Record<string, { from: string; to: string }> } }>(
      sql`select actor_user_id as actor, data from audit_events where action = 'organisation.update' and subject_id = ${ids.bank}
          order by created_at desc limit 1`,
    );
    expect(audit.actor).toBe(street.id);
    expect(audit.data.changed).toEqual({
      type: { from: before.type, to: "social_org" },
      name: { from: before.name, to: `${before.name}（公益）` },
    });
    // Not into a street the street's admin does not govern; the platform admin may.
    await refusal(await street.c.patch(`/api/organisations/${ids.bank}`, { streetId: ids.wudadao }), 403);
    const admin = await as("admin");
    expect((await admin.c.patch(`/api/organisations/${ids.bank}`, { type: before.type, name: before.name })).status).toBe(200);
    expect(await one<{ type: string; name: string }>(sql`select type::text, name from organisations where id = ${ids.bank}`)).toEqual(
      before,
    );
  });
});

describe("hours without bounds", () => {
  it("an activity from 1900 to 2100, in year 0000, over 24 hours or beyond a year from today: 400, nothing created", async () => {
    const leader = await as("duizhang");
    const counts = await ledgerCounts();
    const today = tianjinMidnight(nowMs()).getTime();
    const cases: [Record<string, string>, string, string][] = [
      [{ startsAt: "1900-01-01T00:00:00+08:00", endsAt: "2100-01-01T00:00:00+08:00" }, "startsAt", "datetime_invalid"],
      [{ startsAt: "0000-01-01T09:00:00Z", endsAt: "0000-01-01T11:00:00Z" }, "startsAt", "datetime_invalid"],
      [{ startsAt: iso(today + 10 * DAY), endsAt: "2100-01-01T00:00:00+08:00" }, "endsAt", "activity_too_long"],
      [{ startsAt: iso(today + 10 * DAY), endsAt: iso(today + 10 * DAY + 25 * HOUR) }, "endsAt", "activity_too_long"],
      [{ startsAt: iso(today + 400 * DAY), endsAt: iso(today + 400 * DAY + 2 * HOUR) }, "startsAt", "activity_out_of_window"],
      [{ startsAt: iso(today - 400 * DAY), endsAt: iso(today - 400 * DAY + 2 * HOUR) }, "startsAt", "activity_out_of_window"],
    ];
    for (const [times, field, code] of cases) {
      const error = await refusal(await createActivity(leader.c, 0, 0, times), 400);
      expect(error.code, JSON.stringify(times)).toBe("validation_failed");
      expect(error.fields?.[field], JSON.stringify(times)).toBe(code);
    }
    // 24 hours exactly, within the year: accepted.
    expect((await createActivity(leader.c, today + 11 * DAY, 24)).status).toBe(201);
    expect(await ledgerCounts()).toEqual({ ...counts, activities: counts.activities + 1, audit: counts.audit + 1 });

    // The same refused in the browser form, without JavaScript: field errors on the page.
    const form = await leader.c.form(
      "/activities/new",
      new URLSearchParams({
        title: "百年活动",
        category: "environment",
        communityId: ids.shaliu,
        organisationId: ids.team,
        capacity: "10",
        startsAt: "2100-01-01T09:00",
        endsAt: "2100-01-01T11:00",
      }),
    );
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("活动开始时间须在今天前后一年之内");
  });

  it("a team's admin is offered no 由社区组织, and leaving the team out is a field error on the kept form, not a 403 page", async () => {
    const leader = await as("duizhang");
    const page = await (await leader.c.get("/activities/new")).text();
    expect(page).not.toContain('<option value="">由社区组织</option>');
    expect(page).toMatch(new RegExp(`<option value="${ids.team}" selected=""`));
    const counts = await ledgerCounts();
    const start = tianjinMidnight(nowMs()).getTime() + 9 * DAY + 9 * HOUR;
    const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
    const res = await leader.c.form(
      "/activities/new",
      new URLSearchParams({
        title: "周六楼道清扫",
        category: "environment",
        communityId: ids.shaliu,
        organisationId: "",
        capacity: "10",
        startsAt: local(start),
        endsAt: local(start + 2 * HOUR),
      }),
    );
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("请选择志愿服务队");
    expect(html).toContain('value="周六楼道清扫"');
    expect(await ledgerCounts()).toEqual(counts);
  });

  it("the database itself refuses such activities, whoever writes them", async () => {
    const { id: creator } = await one<{ id: string }>(sql`select id from users where email = 'duizhang@demo.linli.local'`);
    const insert = (startsAt: string, endsAt: string) =>
      sql`insert into activities (community_id, organisation_id, title, category, starts_at, ends_at, capacity, created_by_user_id)
          values (${ids.shaliu}, ${ids.team}, '伪造', 'environment', ${startsAt}::timestamptz, ${endsAt}::timestamptz, 5, ${creator})`;
    expect(await databaseRefuses(insert("1900-01-01T00:00:00Z", "2100-01-01T00:00:00Z"))).toEqual({
      code: "23514",
      constraint: "activities_within_a_year",
    });
    const soon = freshDay();
    expect(await databaseRefuses(insert(iso(soon), iso(soon + 25 * HOUR)))).toEqual({
      code: "23514",
      constraint: "activities_at_most_a_day",
    });
    // Moving an existing activity out of the window is refused too.
    const start = freshDay();
    const id = await activityOf((await as("duizhang")).c, start, 2);
    expect(
      await databaseRefuses(
        sql`update activities set starts_at = '1900-01-01T00:00:00Z', ends_at = '1900-01-01T02:00:00Z' where id = ${id}`,
      ),
    ).toEqual({ code: "23514", constraint: "activities_within_a_year" });
  });

  it("attendance dated 1795–1990, or outside its activity's 2 hours' slack, is refused and writes no hours", async () => {
    const leader = await as("duizhang");
    const volunteer = await as("zhiyuanzhe");
    const start = freshDay();
    const activityId = await activityOf(leader.c, start, 2);
    const counts = await ledgerCounts();
    const record = (checkIn: string, checkOut: string) =>
      leader.c.post(`/api/activities/${activityId}/attendance`, { volunteerId: volunteer.id, checkIn, checkOut });

    let error = await refusal(await record("1795-01-01T00:00:00Z", "1990-01-01T00:00:00Z"), 400);
    expect(error.fields).toMatchObject({ checkIn: "datetime_invalid", checkOut: "datetime_invalid" });
    error = await refusal(await record(iso(start - 3 * HOUR), iso(start + HOUR)), 400);
    expect(error.fields).toEqual({ checkIn: "outside_activity" });
    error = await refusal(await record(iso(start + HOUR), iso(start + 5 * HOUR)), 400);
    expect(error.fields).toEqual({ checkOut: "outside_activity" });
    error = await refusal(await record(iso(start + 5 * HOUR), iso(start + 6 * HOUR)), 400);
    expect(error.fields).toMatchObject({ checkIn: "outside_activity" });
    expect(await ledgerCounts()).toEqual(counts);

    // Within the slack (from an hour before the start to an hour after the end, as long as the activity): accepted.
    const entry = await entryOf(leader.c, activityId, volunteer.id, start - HOUR, start + HOUR);
    expect(entry.minutes).toBe(120);

    // And in the database, whoever writes.
    expect(
      await databaseRefuses(sql`insert into attendances (activity_id, volunteer_id, check_in_at, check_out_at, source)
        values (${activityId}, ${volunteer.id}, '1795-01-01T00:00:00Z', '1990-01-01T00:00:00Z', 'organiser')`),
    ).toEqual({ code: "23514", constraint: "attendances_within_activity" });
    expect(
      await databaseRefuses(sql`insert into hour_entries (volunteer_id, activity_id, community_id, kind, starts_at, ends_at, minutes, recorded_by_user_id)
        values (${volunteer.id}, ${activityId}, ${ids.shaliu}, 'attendance', ${iso(start - 3 * HOUR)}::timestamptz,
                ${iso(start - HOUR)}::timestamptz, 120, ${leader.id})`),
    ).toEqual({ code: "23514", constraint: "hour_entries_within_activity" });
  });

  it("more than 12 hours in one day is never approved, by one approver or two", async () => {
    const leader = await as("duizhang");
    const staff = await as("shequ");
    const volunteer = await as("zhiyuanzhe");
    // One 13-hour entry.
    const start = freshDay();
    const long = await entryOf(leader.c, await activityOf(leader.c, start, 14), volunteer.id, start, start + 13 * HOUR);
    const before = await hoursOf(volunteer.c, volunteer.id);
    const counts = await ledgerCounts();
    for (const approver of [leader, staff]) {
      const error = await refusal(await approver.c.post(`/api/hour-entries/${long.id}/approve`), 409);
      expect(error).toMatchObject({ code: "conflict", fields: { _form: "day_limit_exceeded" } });
    }
    expect(await ledgerCounts()).toEqual(counts);

    // Seven hours, then seven more the same day (Tianjin date), on another activity.
    const day = freshDay();
    const morning = await entryOf(leader.c, await activityOf(leader.c, day, 7), volunteer.id, day, day + 7 * HOUR);
    const evening = await entryOf(leader.c, await activityOf(leader.c, day + 8 * HOUR, 7), volunteer.id, day + 8 * HOUR, day + 15 * HOUR);
    expect((await leader.c.post(`/api/hour-entries/${morning.id}/approve`)).status).toBe(200);
    const mid = await ledgerCounts();
    const error = await refusal(await leader.c.post(`/api/hour-entries/${evening.id}/approve`), 409);
    expect(error.fields).toEqual({ _form: "day_limit_exceeded" });
    expect(await ledgerCounts()).toEqual(mid);
    expect((await hoursOf(volunteer.c, volunteer.id)).approvedMinutes).toBe(before.approvedMinutes + 7 * 60);

    // The database refuses it too, even with a second approver on record.
    await db().execute(
      sql`insert into hour_entry_first_approvals (hour_entry_id, reviewed_by_user_id) values (${evening.id}, ${staff.id})`,
    );
    expect(
      await databaseRefuses(sql`insert into hour_entry_reviews (hour_entry_id, decision, reviewed_by_user_id)
        values (${evening.id}, 'approved', ${leader.id})`),
    ).toEqual({ code: "23514", constraint: "hours_day_at_most_12h" });
  });

  it("more than 8 hours in a day: the first approval leaves it pending, a second, different organiser approves it", async () => {
    const leader = await as("duizhang");
    const staff = await as("shequ");
    const volunteer = await as("zhiyuanzhe");
    const start = freshDay();
    const entry = await entryOf(leader.c, await activityOf(leader.c, start, 10), volunteer.id, start, start + 9 * HOUR);
    const before = await hoursOf(volunteer.c, volunteer.id);

    const first = await leader.c.post(`/api/hour-entries/${entry.id}/approve`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ id: entry.id, status: "pending", minutes: 540, awaitingSecondApproval: true });
    const waiting = await hoursOf(volunteer.c, volunteer.id);
    expect(waiting.approvedMinutes).toBe(before.approvedMinutes);
    expect(waiting.entries.find((e) => e.id === entry.id)).toMatchObject({ status: "pending", awaitingSecondApproval: true });

    // The same approver again, alone or in a batch: refused, nothing changes.
    const counts = await ledgerCounts();
    const again = await refusal(await leader.c.post(`/api/hour-entries/${entry.id}/approve`), 409);
    expect(again.fields).toEqual({ _form: "second_approver_required" });
    const batch = await leader.c.post("/api/hour-entries/approve", { ids: [entry.id] });
    expect(await batch.json()).toEqual({ items: [{ id: entry.id, status: "refused", error: "conflict" }] });
    expect(await ledgerCounts()).toEqual(counts);
    // Nor can anyone write the decision straight into the ledger without a different first approver.
    expect(
      await databaseRefuses(sql`insert into hour_entry_reviews (hour_entry_id, decision, reviewed_by_user_id)
        values (${entry.id}, 'approved', ${leader.id})`),
    ).toEqual({ code: "LL005", constraint: "hours_day_over_8h_second_approver" });

    // The community's staff approve it as the second organiser.
    const second = await staff.c.post(`/api/hour-entries/${entry.id}/approve`);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id: entry.id, status: "approved", minutes: 540 });
    expect((await hoursOf(volunteer.c, volunteer.id)).approvedMinutes).toBe(before.approvedMinutes + 540);
    const trail = await db().execute<{ action: string; actor: string }>(
      sql`select action, actor_user_id as actor from audit_events where subject_id = ${entry.id} order by created_at`,
    );
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ["hours.first_approve", leader.id],
      ["hours.approve", staff.id],
    ]);

    // A day at 8 hours or under needs one approval only.
    const day = freshDay();
    const eight = await entryOf(leader.c, await activityOf(leader.c, day, 8), volunteer.id, day, day + 8 * HOUR);
    expect(await (await leader.c.post(`/api/hour-entries/${eight.id}/approve`)).json()).toMatchObject({ status: "approved" });
  });

  it("a team organises only in its own street, or where it has an active agreement: 403 elsewhere", async () => {
    const leader = await as("duizhang");
    const otherStaff = await as("shequ2");
    const counts = await ledgerCounts();
    for (const who of [leader, otherStaff]) {
      const error = await refusal(await createActivity(who.c, freshDay(), 2, { communityId: ids.sanshengli }), 403);
      expect(error).toMatchObject({ code: "forbidden", fields: { communityId: "team_outside_area" } });
    }
    expect(await ledgerCounts()).toEqual(counts);

    // With an active agreement covering that community, it may.
    const today = tianjinMidnight(nowMs()).getTime();
    await db()
      .execute(sql`insert into agreements (organisation_id, community_id, starts_on, ends_on, status, proposed_by_user_id, accepted_by_user_id, accepted_at)
      values (${ids.team}, ${ids.sanshengli}, ${tianjinDate(today)}, ${tianjinDate(today + 365 * DAY)}, 'active', ${otherStaff.id}, ${leader.id}, linli_now())`);
    // (A week ahead: the agreement starts today.)
    expect((await createActivity(leader.c, today + 7 * DAY + 6 * HOUR, 2, { communityId: ids.sanshengli })).status).toBe(201);
  });
});

describe("totals beyond 32 bits", () => {
  it("2.4 billion approved minutes of one volunteer: the showcase, the honour roll, the certificate and its check still answer", async () => {
    const volunteer = await as("zhiyuanzhe");
    const leader = await as("duizhang");
    const start = freshDay();
    const activityId = await activityOf(leader.c, start, 2);
    // Such entries cannot be made any more (see above): write them as a database from before these rules
    // would hold them, with only the bounds' triggers off, and only in this transaction. The totals
    // triggers stay on.
    const forged = 1_200_000_000;
    await db().transaction(async (tx) => {
      for (const [table, trigger] of [
        ["hour_entries", "hour_entries_check_insert"],
        ["hour_entries", "hour_entries_check_bounds"],
        ["hour_entry_reviews", "hour_entry_reviews_day_limits"],
      ])
        await tx.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
      await tx.execute(sql`
        insert into hour_entries (volunteer_id, activity_id, community_id, organisation_id, kind, starts_at, ends_at, minutes,
                                  recorded_by_user_id, created_at)
        select ${volunteer.id}, ${activityId}, ${ids.shaliu}, ${ids.team}, 'attendance', s, s + ${forged} * interval '1 minute', ${forged},
               ${leader.id}, linli_now() - interval '1 day'
        from (values ('5000-01-01T00:00:00Z'::timestamptz), ('5000-01-01T00:00:00Z'::timestamptz + ${forged} * interval '1 minute')) v (s)`);
      await tx.execute(sql`insert into hour_entry_reviews (hour_entry_id, decision, reviewed_by_user_id, reviewed_at)
        select id, 'approved', ${leader.id}, linli_now() - interval '1 day' from hour_entries
        where volunteer_id = ${volunteer.id} and minutes = ${forged}`);
      for (const [table, trigger] of [
        ["hour_entries", "hour_entries_check_insert"],
        ["hour_entries", "hour_entries_check_bounds"],
        ["hour_entry_reviews", "hour_entry_reviews_day_limits"],
      ])
        await tx.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
    });
    await db().execute(sql`update users set show_on_leaderboard = true where id = ${volunteer.id}`);
    const totals = await hoursOf(volunteer.c, volunteer.id);
    expect(totals.approvedMinutes).toBeGreaterThan(2_400_000_000);
    expect(totals.approvedMinutes).toBeGreaterThan(2 ** 31);

    const anonymous = new Client(server.base);
    const board = await anonymous.get("/showcase/volunteers");
    expect(board.status).toBe(200);
    // 2.4 billion minutes are 40 million hours, to one decimal on the board.
    expect(await board.text()).toContain(`<td>${Math.round(totals.approvedMinutes / 6) / 10}</td>`);
    const roll = await anonymous.get("/showcase/honour-roll");
    expect(roll.status).toBe(200);
    const team = await one<{ minutes: string }>(
      sql`select approved_minutes::text as minutes from hour_totals_by_organisation where organisation_id = ${ids.team}`,
    );
    expect(Number(team.minutes)).toBeGreaterThan(2 ** 31);
    expect(await roll.text()).toContain(`<td>${Math.round(Number(team.minutes) / 60)}</td>`);
    expect((await anonymous.get("/showcase")).status).toBe(200);
    expect((await anonymous.get("/api/showcase/summary")).status).toBe(200);

    const certificate = await volunteer.c.get(`/volunteers/${volunteer.id}/certificate`);
    expect(certificate.status).toBe(200);
    const code = /\/verify\/([A-Za-z0-9_-]+)/.exec(await certificate.text())?.[1];
    expect(code).toBeDefined();
    const verified = await anonymous.get(`/verify/${code}`);
    expect(verified.status).toBe(200);
    const page = await verified.text();
    // The code checks out against the ledger and carries the whole total (in the page's data).
    expect(page).toContain(String.raw`\"valid\",true`);
    const certified = Number(/totalApprovedMinutes\\",(\d+)/.exec(page)?.[1]);
    expect(certified).toBeGreaterThan(2_400_000_000);

    // Staff pages and exports that sum minutes.
    const staff = await as("shequ");
    expect((await staff.c.get("/exports/totals.csv")).status).toBe(200);
    expect((await leader.c.get("/org")).status).toBe(200);
    expect((await (await as("jiedao")).c.get(`/streets/${ids.dongxin}`)).status).toBe(200);
  });
});
