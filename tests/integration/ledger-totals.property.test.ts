// Random sequences of what organisers and volunteers do to the hour ledger — attendance recorded,
// entries approved (one by one or many at once), rejected, reversed, corrections asked for and
// answered — through the real domain functions, by organisers and by people who are not. After every
// step: each answer is the one the ledger rules (DESIGN.md "Hour ledger rules") call for, the ledger
// holds exactly the entries and decisions a model of the run says, and every total — per volunteer,
// team, community, street and community × month — equals both the GROUP BY over the ledger and the
// model's own sums.
import fc from "fast-check";
import { asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { ActivityInput } from "~/modules/activities/activities.schema";
import { createActivity, isOrganiser, recordAttendance } from "~/modules/activities/activities.server";
import {
  answerCorrection,
  approveHourEntries,
  decideHourEntry,
  requestCorrection,
  reverseHourEntry,
} from "~/modules/ledger/hour-entries.server";
import {
  communityMonthlyApprovedMinutes,
  communityTotals,
  organisationTotals,
  streetTotals,
  volunteerTotals,
  type HourTotals,
} from "~/modules/ledger/totals.server";
import { addMembership, createOrganisation, createPlaces, createUser, signedInViewer } from "../setup/fixtures";
import { expectTotalsExact } from "../setup/ledger-totals";
import { firstDayOfTianjinMonth, startOfTianjinDay } from "~/lib/tianjin-time";
import { now as clockNow } from "~/lib/clock.server";
import { ATTENDANCE_SLACK_MS } from "~/modules/activities/bounds";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The first day of the month four months before today's (activities are dated within a year of today). */
const MONTH = firstDayOfTianjinMonth(clockNow(), 4);
/** 20:00 in Tianjin on the last day of the month before MONTH: entries of the first slots count in that month, the later ones in MONTH. */
const BASE = startOfTianjinDay(MONTH).getTime() - 4 * HOUR;
const SLOT = 30 * MINUTE;
const MONTHS_NOW = new Date(startOfTianjinDay(MONTH).getTime() + 14 * 24 * HOUR);

// ---------------------------------------------------------------- the world

interface Person {
  id: string;
  viewer: Viewer;
  /** Communities whose staff the person is (directly or as the street's admin). */
  governs: string[];
  /** Volunteer teams the person is an admin of. */
  admins: string[];
}

interface ActivityInfo {
  id: string;
  communityId: string;
  streetId: string;
  teamId: string | null;
  minutes: number;
}

let activities: ActivityInfo[];
let communityIds: string[];
let streetIds: string[];
let teamIds: string[];
/** People who act on the ledger but never serve in this test. */
const staffOnly = new Map<string, Person>();

async function person(
  name: string,
  roles: [Parameters<typeof addMembership>[1], Parameters<typeof addMembership>[2]][],
  governs: string[],
  admins: string[],
) {
  const user = await createUser({ displayName: name });
  for (const [role, scope] of roles) await addMembership(user.id, role, scope);
  return { id: user.id, viewer: await signedInViewer(user.id), governs, admins };
}

beforeAll(async () => {
  const here = await createPlaces();
  const there = await createPlaces();
  const [second] = await db()
    .insert(s.communities)
    .values({ streetId: here.street.id, name: "第二社区", lat: 39.1, lng: 117.2 })
    .returning();
  const [c1, c2, c3] = [here.community.id, second!.id, there.community.id];
  communityIds = [c1, c2, c3];
  streetIds = [here.street.id, there.street.id];
  const [t1, t2] = [
    (await createOrganisation(here.street.id, "volunteer_team")).id,
    (await createOrganisation(there.street.id, "volunteer_team")).id,
  ];
  teamIds = [t1, t2];

  staffOnly.set("staff1", await person("staff1", [["community_staff", { communityId: c1 }]], [c1], []));
  staffOnly.set("staff3", await person("staff3", [["community_staff", { communityId: c3 }]], [c3], []));
  staffOnly.set("streetAdmin", await person("streetAdmin", [["street_admin", { streetId: here.street.id }]], [c1, c2], []));
  staffOnly.set("teamAdmin1", await person("teamAdmin1", [["org_admin", { organisationId: t1 }]], [], [t1]));
  staffOnly.set("teamMember1", await person("teamMember1", [["org_member", { organisationId: t1 }]], [], []));
  staffOnly.set("resident", await person("resident", [["resident", { communityId: c1 }]], [], []));

  // Activities of different lengths, run by a team or by the community itself.
  const plan: [string, string | null, number, Person][] = [
    [c1, t1, 180, staffOnly.get("teamAdmin1")!],
    [c1, null, 120, staffOnly.get("staff1")!],
    [c2, t1, 240, staffOnly.get("streetAdmin")!],
    [c2, null, 150, staffOnly.get("streetAdmin")!],
    [c3, t2, 200, staffOnly.get("staff3")!],
    [c3, null, 90, staffOnly.get("staff3")!],
  ];
  activities = [];
  for (const [communityId, teamId, minutes, by] of plan) {
    const startsAt = new Date(BASE);
    const activity = await createActivity(
      by.viewer,
      ActivityInput.parse({
        title: "社区服务",
        category: "environment",
        communityId,
        ...(teamId ? { organisationId: teamId } : {}),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + minutes * MINUTE).toISOString(),
        capacity: 20,
      }),
    );
    activities.push({ id: activity.id, communityId, streetId: activity.streetId, teamId, minutes });
  }
});

// ---------------------------------------------------------------- the model of one run

interface EntryModel {
  id: string;
  volunteerId: string;
  activity: ActivityInfo;
  kind: "attendance" | "proxy" | "correction" | "reversal";
  start: number;
  end: number;
  minutes: number;
  decision: "approved" | "rejected" | null;
  reversedBy: string | null;
  reversesId: string | null;
}

interface RequestModel {
  id: string;
  volunteerId: string;
  activity: ActivityInfo;
  entryId: string | null;
  period: { start: number; end: number } | null;
  status: "open" | "accepted" | "declined";
}

interface Run {
  volunteers: Person[];
  actors: Person[];
  entries: EntryModel[];
  requests: RequestModel[];
  baseline: Map<string, HourTotals | number>;
}

/** The ledger rules: an activity's organisers are its team's admins and the staff of its community. */
const organises = (p: Person, a: ActivityInfo) => p.governs.includes(a.communityId) || (!!a.teamId && p.admins.includes(a.teamId));

/** Who may decide about a volunteer's hours: an organiser, and never about their own. */
function decisionRefusal(by: Person, activity: ActivityInfo, volunteerId: string): string | null {
  if (!organises(by, activity)) return "forbidden";
  if (by.id === volunteerId) return "forbidden";
  return null;
}

/** Approved, unreversed time of the volunteer that [start, end) would overlap. */
function overlapsApproved(run: Run, volunteerId: string, start: number, end: number, freed: string | null = null) {
  return run.entries.some(
    (e) =>
      e.volunteerId === volunteerId &&
      e.kind !== "reversal" &&
      e.decision === "approved" &&
      !e.reversedBy &&
      e.id !== freed &&
      e.start < end &&
      start < e.end,
  );
}

type Outcome = { ok: true; value?: unknown } | { ok: false; code: string };

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome & { result?: unknown }> {
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

// ---------------------------------------------------------------- the operations

/** Who acts: anyone at all, or (more often, so runs get past the first refusals) one of the target's organisers. */
type Actor = { any: number } | { organiser: number };
const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ any: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ organiser: fc.nat() }) },
);

function actorFor(run: Run, actor: Actor, activity: ActivityInfo, volunteerId: string): Person {
  if ("any" in actor) return pick(run.actors, actor.any)!;
  const organisers = run.actors.filter((p) => organises(p, activity) && p.id !== volunteerId);
  return pick(organisers, actor.organiser) ?? pick(run.actors, actor.organiser)!;
}

type Command =
  | { op: "record"; activity: number; volunteer: number; slot: number; minutes: number; by: Actor; proxy: boolean }
  | { op: "decide"; entry: number; approve: boolean; by: Actor }
  | { op: "approveMany"; entries: number[]; by: Actor }
  | { op: "reverse"; entry: number; by: Actor }
  | {
      op: "requestCorrection";
      entry: number;
      withEntry: boolean;
      asOwner: boolean;
      activity: number;
      slot: number;
      minutes: number;
      withTimes: boolean;
    }
  | { op: "answerCorrection"; request: number; accept: boolean; by: Actor };

/** Mostly times that fit every activity (90 minutes or more), now and then longer than some. */
const minutesArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 15, max: 90 }) },
  { weight: 1, arbitrary: fc.integer({ min: 91, max: 260 }) },
);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("record" as const),
      activity: fc.nat(),
      volunteer: fc.nat(),
      slot: fc.integer({ min: 0, max: 15 }),
      minutes: minutesArb,
      by: actorArb,
      proxy: fc.boolean(),
    }),
  },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("decide" as const), entry: fc.nat(), approve: fc.boolean(), by: actorArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("approveMany" as const),
      entries: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      by: actorArb,
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("reverse" as const), entry: fc.nat(), by: actorArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("requestCorrection" as const),
      entry: fc.nat(),
      withEntry: fc.boolean(),
      asOwner: fc.boolean(),
      activity: fc.nat(),
      slot: fc.integer({ min: 0, max: 15 }),
      minutes: minutesArb,
      withTimes: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("answerCorrection" as const), request: fc.nat(), accept: fc.boolean(), by: actorArb }),
  },
);

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/**
 * The start of a generated period of `minutes` on `activity`: BASE + slot, moved as little as needed to
 * lie within the activity with its 2 hours' slack either side (every activity starts at BASE; the
 * shortest, 90 minutes, leaves 330 minutes of room, more than the longest period generated).
 */
function startWithin(activity: ActivityInfo, slot: number, minutes: number): number {
  const latest = BASE + activity.minutes * MINUTE + ATTENDANCE_SLACK_MS - minutes * MINUTE;
  return Math.max(BASE - ATTENDANCE_SLACK_MS, Math.min(BASE + slot * SLOT, latest));
}

/** Applies one command through the real functions; checks the answer against the model and updates it. Returns a label of what happened. */
async function apply(run: Run, command: Command): Promise<string> {
  const context = JSON.stringify(command);

  if (command.op === "record") {
    const activity = pick(activities, command.activity)!;
    const volunteer = pick(run.volunteers, command.volunteer)!;
    const by = actorFor(run, command.by, activity, volunteer.id);
    const start = startWithin(activity, command.slot, command.minutes);
    const end = start + command.minutes * MINUTE;
    const expected = !organises(by, activity) ? "forbidden" : command.minutes > activity.minutes ? "validation_failed" : null;
    const outcome = await outcomeOf(() =>
      recordAttendance(by.viewer, activity.id, {
        volunteerId: volunteer.id,
        checkIn: new Date(start),
        checkOut: new Date(end),
        proxy: command.proxy,
      }),
    );
    expect(outcome.ok ? null : outcome.code, context).toBe(expected);
    if (!outcome.ok) return `record refused: ${outcome.code}`;
    const { hourEntry } = outcome.result as { hourEntry: { id: string; minutes: number } };
    expect(hourEntry.minutes, context).toBe(command.minutes);
    run.entries.push({
      id: hourEntry.id,
      volunteerId: volunteer.id,
      activity,
      kind: command.proxy ? "proxy" : "attendance",
      start,
      end,
      minutes: command.minutes,
      decision: null,
      reversedBy: null,
      reversesId: null,
    });
    return "record";
  }

  if (command.op === "decide" || command.op === "approveMany") {
    const chosen = command.op === "decide" ? [command.entry] : command.entries;
    const entries = chosen.map((n) => pick(run.entries, n)).filter((e): e is EntryModel => !!e);
    if (entries.length === 0) return "nothing to decide";
    const by = actorFor(run, command.by, entries[0]!.activity, entries[0]!.volunteerId);
    const decision = command.op === "decide" && !command.approve ? "rejected" : "approved";
    const expected = entries.map((entry) => {
      const refusal =
        decisionRefusal(by, entry.activity, entry.volunteerId) ??
        (entry.kind === "reversal" || entry.decision ? "invalid_transition" : null) ??
        (decision === "approved" && overlapsApproved(run, entry.volunteerId, entry.start, entry.end) ? "conflict" : null);
      // Each decision stands alone: a later one in the same batch sees the earlier ones.
      if (!refusal) entry.decision = decision;
      return refusal ? { id: entry.id, status: "refused", error: refusal } : { id: entry.id, status: decision, minutes: entry.minutes };
    });
    if (command.op === "decide") {
      const outcome = await outcomeOf(() =>
        decideHourEntry(by.viewer, entries[0]!.id, decision, decision === "rejected" ? "时间不符" : undefined),
      );
      const got = outcome.ok ? outcome.result : { id: entries[0]!.id, status: "refused", error: outcome.code };
      expect(got, context).toEqual(expected[0]);
    } else {
      expect(
        await approveHourEntries(
          by.viewer,
          entries.map((e) => e.id),
        ),
        context,
      ).toEqual(expected);
    }
    return `${command.op}: ${expected.map((e) => ("error" in e ? e.error : e.status)).join(",")}`;
  }

  if (command.op === "reverse") {
    const entry = pick(run.entries, command.entry);
    if (!entry) return "nothing to reverse";
    const by = actorFor(run, command.by, entry.activity, entry.volunteerId);
    const expected =
      decisionRefusal(by, entry.activity, entry.volunteerId) ??
      (entry.kind === "reversal" || entry.decision !== "approved" || entry.reversedBy ? "invalid_transition" : null);
    const outcome = await outcomeOf(() => reverseHourEntry(by.viewer, entry.id, "记录有误"));
    expect(outcome.ok ? null : outcome.code, context).toBe(expected);
    if (!outcome.ok) return `reverse refused: ${outcome.code}`;
    const reversal = outcome.result as { id: string; reversesId: string; minutes: number };
    expect(reversal, context).toMatchObject({ reversesId: entry.id, minutes: -entry.minutes });
    run.entries.push(reversalModel(entry, reversal.id));
    return "reverse";
  }

  if (command.op === "requestCorrection") {
    const entry = command.withEntry
      ? pick(
          run.entries.filter((e) => e.kind !== "reversal"),
          command.entry,
        )
      : undefined;
    const activity = entry?.activity ?? pick(activities, command.activity)!;
    const owner = entry ? run.volunteers.find((v) => v.id === entry.volunteerId)! : pick(run.volunteers, command.entry)!;
    const asker = command.asOwner ? owner : (run.volunteers.find((v) => v.id !== owner.id) ?? owner);
    const start = startWithin(activity, command.slot, command.minutes);
    const period = command.withTimes ? { start, end: start + command.minutes * MINUTE } : null;
    const outcome = await outcomeOf(() =>
      requestCorrection(asker.viewer, {
        activityId: activity.id,
        ...(entry ? { hourEntryId: entry.id } : {}),
        reason: "签退时间记错了",
        ...(period ? { requestedStartsAt: new Date(period.start), requestedEndsAt: new Date(period.end) } : {}),
      }),
    );
    // Only for one's own entries.
    expect(outcome.ok ? null : outcome.code, context).toBe(entry && entry.volunteerId !== asker.id ? "forbidden" : null);
    if (!outcome.ok) return `request refused: ${outcome.code}`;
    const { id } = outcome.result as { id: string };
    run.requests.push({ id, volunteerId: asker.id, activity, entryId: entry?.id ?? null, period, status: "open" });
    return "request correction";
  }

  // answerCorrection
  const request = pick(run.requests, command.request);
  if (!request) return "nothing to answer";
  const by = actorFor(run, command.by, request.activity, request.volunteerId);
  const wrong = request.entryId ? run.entries.find((e) => e.id === request.entryId)! : null;
  const minutes = request.period ? Math.floor((request.period.end - request.period.start) / MINUTE) : 0;
  // Accepting is one act: the wrong entry reversed and the right time recorded, or nothing at all.
  const expected =
    decisionRefusal(by, request.activity, request.volunteerId) ??
    (request.status !== "open" ? "invalid_transition" : null) ??
    (command.accept && wrong && (wrong.decision !== "approved" || wrong.reversedBy) ? "invalid_transition" : null) ??
    (command.accept && request.period && minutes > request.activity.minutes ? "validation_failed" : null) ??
    (command.accept && request.period && overlapsApproved(run, request.volunteerId, request.period.start, request.period.end, wrong?.id)
      ? "conflict"
      : null);
  const outcome = await outcomeOf(() => answerCorrection(by.viewer, request.id, command.accept, command.accept ? "已核实" : "查无此事"));
  expect(outcome.ok ? null : outcome.code, context).toBe(expected);
  if (!outcome.ok) return `answer refused: ${outcome.code}`;
  const answer = outcome.result as { status: string; hourEntryId: string | null };
  request.status = command.accept ? "accepted" : "declined";
  expect(answer.status, context).toBe(request.status);
  expect(answer.hourEntryId !== null, context).toBe(command.accept && !!request.period);
  if (command.accept && wrong) {
    const [reversal] = await db().select({ id: s.hourEntries.id }).from(s.hourEntries).where(eq(s.hourEntries.reversesId, wrong.id));
    expect(reversal, context).toBeDefined();
    run.entries.push(reversalModel(wrong, reversal!.id));
  }
  if (answer.hourEntryId) {
    run.entries.push({
      id: answer.hourEntryId,
      volunteerId: request.volunteerId,
      activity: request.activity,
      kind: "correction",
      start: request.period!.start,
      end: request.period!.end,
      minutes,
      decision: "approved",
      reversedBy: null,
      reversesId: null,
    });
  }
  return `answer ${request.status}${command.accept && wrong ? " with reversal" : ""}${answer.hourEntryId ? " with entry" : ""}`;
}

function reversalModel(entry: EntryModel, id: string): EntryModel {
  entry.reversedBy = id;
  return { ...entry, id, kind: "reversal", minutes: -entry.minutes, decision: "approved", reversedBy: null, reversesId: entry.id };
}

// ---------------------------------------------------------------- what must hold after every step

/** The run's entries in the ledger are exactly the model's: same rows, same decisions, same reversals. */
async function expectLedgerToMatch(run: Run) {
  const rows = await db()
    .select({
      id: s.hourEntries.id,
      kind: s.hourEntries.kind,
      minutes: s.hourEntries.minutes,
      reversesId: s.hourEntries.reversesId,
      decision: s.hourEntryReviews.decision,
    })
    .from(s.hourEntries)
    .leftJoin(s.hourEntryReviews, eq(s.hourEntryReviews.hourEntryId, s.hourEntries.id))
    .where(
      inArray(
        s.hourEntries.volunteerId,
        run.volunteers.map((v) => v.id),
      ),
    )
    .orderBy(asc(s.hourEntries.id));
  const expected = run.entries
    .map((e) => ({ id: e.id, kind: e.kind, minutes: e.minutes, reversesId: e.reversesId, decision: e.decision }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(rows, "the run's ledger").toEqual(expected);
  const requests = await db()
    .select({ id: s.hourCorrectionRequests.id, status: s.hourCorrectionRequests.status })
    .from(s.hourCorrectionRequests)
    .where(
      inArray(
        s.hourCorrectionRequests.volunteerId,
        run.volunteers.map((v) => v.id),
      ),
    )
    .orderBy(asc(s.hourCorrectionRequests.id));
  expect(requests, "the run's correction requests").toEqual(
    run.requests.map((r) => ({ id: r.id, status: r.status })).sort((a, b) => (a.id < b.id ? -1 : 1)),
  );
}

/** The model's sums of the run's entries, for the entries matching `where`. */
function modelSums(run: Run, where: (e: EntryModel) => boolean): HourTotals {
  const mine = run.entries.filter(where);
  return {
    approvedMinutes: mine.filter((e) => e.decision === "approved").reduce((n, e) => n + e.minutes, 0),
    pendingMinutes: mine.filter((e) => e.decision === null && e.kind !== "reversal").reduce((n, e) => n + e.minutes, 0),
  };
}

const plus = (a: HourTotals, b: HourTotals): HourTotals => ({
  approvedMinutes: a.approvedMinutes + b.approvedMinutes,
  pendingMinutes: a.pendingMinutes + b.pendingMinutes,
});

/** Every total, as read by totals.server.ts: what it was before the run plus the model's sums of the run. */
async function readTotals() {
  const reads: Promise<[string, HourTotals | number][]>[] = [
    ...communityIds.map(async (id): Promise<[string, HourTotals | number][]> => {
      const [totals, months] = await Promise.all([communityTotals(id), communityMonthlyApprovedMinutes(id, 2, MONTHS_NOW)]);
      return [[`community ${id}`, totals], ...months.map((m): [string, number] => [`community ${id} ${m.month}`, m.approvedMinutes])];
    }),
    ...streetIds.map(async (id): Promise<[string, HourTotals][]> => [[`street ${id}`, await streetTotals(id)]]),
    ...teamIds.map(async (id): Promise<[string, HourTotals][]> => [[`team ${id}`, await organisationTotals(id)]]),
  ];
  return new Map((await Promise.all(reads)).flat());
}

async function expectTotalsToMatchModel(run: Run) {
  const [volunteers, now] = await Promise.all([Promise.all(run.volunteers.map((v) => volunteerTotals(v.id))), readTotals()]);
  expect(volunteers, "volunteers' totals").toEqual(run.volunteers.map((v) => modelSums(run, (e) => e.volunteerId === v.id)));
  const expected = new Map<string, HourTotals | number>();
  for (const [key, before] of run.baseline) {
    const [kind, id, month] = key.split(" ");
    const where = (e: EntryModel) =>
      kind === "community" ? e.activity.communityId === id : kind === "street" ? e.activity.streetId === id : e.activity.teamId === id;
    if (month) {
      const sums = modelSums(run, (e) => where(e) && firstDayOfTianjinMonth(new Date(e.start)) === month);
      expected.set(key, (before as number) + sums.approvedMinutes);
    } else {
      expected.set(key, plus(before as HourTotals, modelSums(run, where)));
    }
  }
  expect(Object.fromEntries(now), "totals through totals.server.ts").toEqual(Object.fromEntries(expected));
}

// ---------------------------------------------------------------- the property

describe("ledger totals under random operations through the domain functions", () => {
  it("the people stand to the activities as the model says", () => {
    for (const [name, p] of staffOnly) {
      for (const a of activities)
        expect(isOrganiser(p.viewer, { ...a, organisationId: a.teamId }), `${name} organises ${a.id}`).toBe(organises(p, a));
    }
    // Both months show up: the first slots are in the month before MONTH in Tianjin, the later ones in MONTH.
    expect(firstDayOfTianjinMonth(new Date(BASE))).toBe(firstDayOfTianjinMonth(clockNow(), 5));
    expect(firstDayOfTianjinMonth(new Date(BASE + 15 * SLOT))).toBe(MONTH);
  });

  it("every answer is the rules', the ledger is the model's, and every total is the sum of the ledger", { timeout: 60_000 }, async () => {
    const seen = new Set<string>();
    let runs = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 4, maxLength: 24, size: "max" }), async (commands) => {
        runs++;
        // Fresh volunteers each run, one of them also staff of the first community (an organiser of their own activities).
        const [c1] = communityIds;
        const volunteers = [
          await person(`v${runs}a`, [["volunteer", {}]], [], []),
          await person(`v${runs}b`, [["volunteer", {}]], [], []),
          await person(`v${runs}c`, [["volunteer", {}]], [], []),
          await person(
            `v${runs}s`,
            [
              ["volunteer", {}],
              ["community_staff", { communityId: c1 }],
            ],
            [c1!],
            [],
          ),
        ];
        const run: Run = {
          volunteers,
          actors: [...staffOnly.values(), volunteers[3]!, volunteers[0]!],
          entries: [],
          requests: [],
          baseline: await readTotals(),
        };
        for (const command of commands) {
          seen.add(await apply(run, command));
          await Promise.all([expectLedgerToMatch(run), expectTotalsToMatchModel(run)]);
        }
        // And the GROUP BY over the whole ledger, every table row for row.
        await expectTotalsExact();
      }),
      {
        numRuns: 25,
        examples: [
          // Record, approve, overlap refused, reverse, then the freed time approved.
          [
            [
              { op: "record", activity: 0, volunteer: 0, slot: 0, minutes: 120, by: { any: 3 }, proxy: false },
              { op: "record", activity: 1, volunteer: 0, slot: 2, minutes: 60, by: { any: 0 }, proxy: true },
              { op: "decide", entry: 0, approve: true, by: { any: 3 } },
              { op: "decide", entry: 1, approve: true, by: { any: 0 } },
              { op: "reverse", entry: 0, by: { any: 2 } },
              { op: "approveMany", entries: [1, 2, 1], by: { any: 0 } },
              { op: "decide", entry: 1, approve: false, by: { any: 4 } },
            ],
          ],
          // A correction accepted: the wrong entry reversed and the right time approved.
          [
            [
              { op: "record", activity: 2, volunteer: 1, slot: 8, minutes: 200, by: { any: 2 }, proxy: false },
              { op: "decide", entry: 0, approve: true, by: { any: 2 } },
              { op: "requestCorrection", entry: 0, withEntry: true, asOwner: true, activity: 0, slot: 9, minutes: 150, withTimes: true },
              { op: "answerCorrection", request: 0, accept: true, by: { any: 2 } },
              { op: "answerCorrection", request: 0, accept: false, by: { any: 2 } },
            ],
          ],
          // A correction that cannot be recorded (longer than its activity) is refused, and changes nothing.
          [
            [
              { op: "record", activity: 1, volunteer: 2, slot: 4, minutes: 100, by: { any: 0 }, proxy: false },
              { op: "decide", entry: 0, approve: true, by: { any: 0 } },
              { op: "requestCorrection", entry: 0, withEntry: true, asOwner: true, activity: 0, slot: 4, minutes: 150, withTimes: true },
              { op: "answerCorrection", request: 0, accept: true, by: { any: 0 } },
              { op: "answerCorrection", request: 0, accept: false, by: { any: 0 } },
            ],
          ],
          // Organisers never approve their own hours; others may not decide at all.
          [
            [
              { op: "record", activity: 1, volunteer: 3, slot: 1, minutes: 60, by: { any: 6 }, proxy: false },
              { op: "decide", entry: 0, approve: true, by: { any: 6 } },
              { op: "decide", entry: 0, approve: true, by: { any: 5 } },
              { op: "decide", entry: 0, approve: true, by: { any: 4 } },
              { op: "decide", entry: 0, approve: true, by: { any: 0 } },
              { op: "record", activity: 5, volunteer: 0, slot: 1, minutes: 120, by: { any: 1 }, proxy: false },
              { op: "record", activity: 0, volunteer: 1, slot: 3, minutes: 30, by: { any: 5 }, proxy: false },
              { op: "record", activity: 1, volunteer: 1, slot: 5, minutes: 30, by: { any: 0 }, proxy: false },
              { op: "decide", entry: 1, approve: false, by: { any: 0 } },
            ],
          ],
        ],
      },
    );

    // The runs met what the ledger does, and what it refuses.
    const labels = [...seen].join(" | ");
    for (const wanted of [
      "record",
      "record refused: forbidden",
      "record refused: validation_failed",
      "reverse",
      "request correction",
      "answer accepted with reversal with entry",
      "answer refused: validation_failed",
    ])
      expect(seen.has(wanted), `${wanted} in ${labels}`).toBe(true);
    for (const wanted of ["approved", "rejected", "forbidden", "invalid_transition", "conflict"])
      expect(labels.includes(wanted), `${wanted} in ${labels}`).toBe(true);
  });
});
