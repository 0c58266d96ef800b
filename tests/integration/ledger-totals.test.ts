// The ledger totals the database keeps by trigger are exact sums of the ledger: after the demo
// seed, after hundreds of random operations (some refused), under concurrent approvals, and when
// recomputed by the migration's backfill.
import fs from "node:fs";
import path from "node:path";
import { eq, inArray, sql, TransactionRollbackError } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { migrationsFolder } from "#db/migrate";
import { db } from "~/lib/db.server";
import { pgErrorCode } from "~/lib/db-errors.server";
import {
  communityMonthlyApprovedMinutes,
  communityTotals,
  organisationTotals,
  streetTotals,
  volunteerTotals,
} from "~/modules/ledger/totals.server";
import { createOrganisation, createPlaces, createUser } from "../setup/fixtures";
import {
  expectTotalsExact,
  rows,
  sortByKey,
  storedMonths,
  storedTotals,
  TABLES,
  type MonthRow,
  type TotalsRow,
} from "../setup/ledger-totals";
import { seedDemo } from "../setup/seed";
import { firstDayOfTianjinMonth, tianjinDate, tianjinMidnight } from "~/lib/tianjin-time";
import { now as clockNow } from "~/lib/clock.server";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const SEED_NOW = new Date("2026-11-23T04:00:00Z");

type User = typeof s.users.$inferSelect;
type Activity = typeof s.activities.$inferSelect;
type Entry = typeof s.hourEntries.$inferSelect;

/**
 * Runs the backfill statements of the triggers migration into empty copies of the totals tables
 * (schema ledger_backfill, first on the search path) and compares them with the trigger-kept ones.
 */
async function expectBackfillMatchesTriggers() {
  const file = fs.readdirSync(migrationsFolder).find((f) => f.endsWith("_ledger_totals_triggers.sql"));
  expect(file).toBeDefined();
  const statements = fs
    .readFileSync(path.join(migrationsFolder, file!), "utf8")
    .split("--> statement-breakpoint")
    .map((stmt) =>
      stmt
        .split("\n")
        .filter((line) => !line.trim().startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter((stmt) => /^INSERT INTO hour_totals_/.test(stmt));
  expect(statements).toHaveLength(5);
  const tables = [...TABLES.map((t) => t.table), "hour_totals_by_community_month"];
  await db().transaction(async (tx) => {
    await tx.execute(sql`drop schema if exists ledger_backfill cascade`);
    await tx.execute(sql`create schema ledger_backfill`);
    for (const table of tables) await tx.execute(sql.raw(`create table ledger_backfill.${table} (like public.${table} including all)`));
    await tx.execute(sql`set local search_path = ledger_backfill, public`);
    for (const stmt of statements) await tx.execute(sql.raw(stmt));
  });
  try {
    for (const { table, key } of TABLES) {
      const [fresh, kept] = await Promise.all([
        rows<TotalsRow>(storedTotals(table, key, "ledger_backfill")),
        rows<TotalsRow>(storedTotals(table, key)),
      ]);
      expect(fresh.length, table).toBeGreaterThan(0);
      expect(sortByKey(fresh), `backfilled ${table}`).toEqual(sortByKey(kept));
    }
    const [fresh, kept] = await Promise.all([rows<MonthRow>(storedMonths("ledger_backfill")), rows<MonthRow>(storedMonths())]);
    expect(sortByKey(fresh), "backfilled hour_totals_by_community_month").toEqual(sortByKey(kept));
  } finally {
    await db().execute(sql`drop schema ledger_backfill cascade`);
  }
}

// ---------------------------------------------------------------- helpers

/** mulberry32: a tiny seeded generator, so a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

async function createCommunity(streetId: string, name: string) {
  const [community] = await db().insert(s.communities).values({ streetId, name, lat: 39.1, lng: 117.2 }).returning();
  return community!;
}

async function createActivity(communityId: string, organisationId: string | null, createdByUserId: string, startsAt: Date, hours = 4) {
  const [activity] = await db()
    .insert(s.activities)
    .values({
      communityId,
      organisationId,
      createdByUserId,
      title: "社区服务",
      category: "environment",
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * HOUR),
      capacity: 50,
    })
    .returning();
  return activity!;
}

function entryValues(activity: Activity, volunteerId: string, recordedByUserId: string, startsAt: Date, minutes: number) {
  return {
    volunteerId,
    activityId: activity.id,
    communityId: activity.communityId,
    kind: "attendance" as const,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * MINUTE),
    minutes,
    recordedByUserId,
  };
}

function reversalOf(entry: Entry, recordedByUserId: string) {
  return {
    volunteerId: entry.volunteerId,
    activityId: entry.activityId,
    communityId: entry.communityId,
    kind: "reversal" as const,
    startsAt: entry.startsAt,
    endsAt: entry.endsAt,
    minutes: -entry.minutes,
    reversesId: entry.id,
    note: "冲正",
    recordedByUserId,
  };
}

// ---------------------------------------------------------------- the tests

beforeAll(async () => {
  await seedDemo(SEED_NOW);
});

describe("ledger totals after the demo seed", () => {
  it("seeded a ledger worth checking", async () => {
    const [row] = await db().execute<{ entries: string; reversals: string; pending: string; rejected: string }>(sql`
      select count(*) as entries, count(*) filter (where kind = 'reversal') as reversals,
        count(*) filter (where r.hour_entry_id is null) as pending,
        count(*) filter (where r.decision = 'rejected') as rejected
      from hour_entries e left join hour_entry_reviews r on r.hour_entry_id = e.id`);
    expect(Number(row!.entries)).toBeGreaterThan(2000);
    expect(Number(row!.reversals)).toBeGreaterThan(0);
    expect(Number(row!.pending)).toBeGreaterThan(0);
    expect(Number(row!.rejected)).toBeGreaterThan(0);
  });

  it("every totals table equals the GROUP BY over the ledger", async () => {
    await expectTotalsExact();
  });

  it("the migration's backfill computes the same totals from the rows alone", async () => {
    await expectBackfillMatchesTriggers();
  });

  it("reads each total through totals.server.ts, and zeros for what has no hours", async () => {
    const [sample] = await db().execute<{ volunteer_id: string; organisation_id: string; community_id: string; street_id: string }>(sql`
      select e.volunteer_id, e.organisation_id, e.community_id, c.street_id from hour_entries e
      join communities c on c.id = e.community_id where e.organisation_id is not null limit 1`);
    const sumFor = async (where: ReturnType<typeof sql>) => {
      const [row] = await db().execute<{ approved: string; pending: string }>(sql`
        select coalesce(sum(e.minutes) filter (where r.decision = 'approved'), 0) as approved,
          coalesce(sum(e.minutes) filter (where r.hour_entry_id is null and e.kind <> 'reversal'), 0) as pending
        from hour_entries e join communities c on c.id = e.community_id
        left join hour_entry_reviews r on r.hour_entry_id = e.id where ${where}`);
      return { approvedMinutes: Number(row!.approved), pendingMinutes: Number(row!.pending) };
    };
    const { volunteer_id, organisation_id, community_id, street_id } = sample!;
    expect(await volunteerTotals(volunteer_id)).toEqual(await sumFor(sql`e.volunteer_id = ${volunteer_id}`));
    expect(await organisationTotals(organisation_id)).toEqual(await sumFor(sql`e.organisation_id = ${organisation_id}`));
    expect(await communityTotals(community_id)).toEqual(await sumFor(sql`e.community_id = ${community_id}`));
    expect(await streetTotals(street_id)).toEqual(await sumFor(sql`c.street_id = ${street_id}`));
    expect((await streetTotals(street_id)).approvedMinutes).toBeGreaterThan(0);

    const nobody = "00000000-0000-4000-8000-000000000000";
    const zero = { approvedMinutes: 0, pendingMinutes: 0 };
    expect(await volunteerTotals(nobody)).toEqual(zero);
    expect(await organisationTotals(nobody)).toEqual(zero);
    expect(await communityTotals(nobody)).toEqual(zero);
    expect(await streetTotals(nobody)).toEqual(zero);
  });

  it("gives a community's approved minutes month by month, Tianjin time, zeros included", async () => {
    const [busiest] = await db().execute<{ community_id: string }>(sql`
      select community_id from hour_entries group by 1 order by count(*) desc limit 1`);
    const communityId = busiest!.community_id;
    const months = await communityMonthlyApprovedMinutes(communityId, 24, SEED_NOW);
    expect(months).toHaveLength(24);
    expect(months[23]!.month).toBe("2026-11-01");
    expect(months[0]!.month).toBe("2024-12-01");
    const expected = await db().execute<{ month: string; minutes: string }>(sql`
      select to_char(date_trunc('month', e.starts_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as month, sum(e.minutes) as minutes
      from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
      where e.community_id = ${communityId} group by 1`);
    const byMonth = new Map(expected.map((r) => [r.month, Number(r.minutes)]));
    expect(months).toEqual(months.map((m) => ({ month: m.month, approvedMinutes: byMonth.get(m.month) ?? 0 })));
    expect(months.reduce((n, m) => n + m.approvedMinutes, 0)).toBeGreaterThan(0);
    expect(await communityMonthlyApprovedMinutes(communityId, 0, SEED_NOW)).toEqual([]);
  });

  it("names months in Tianjin time", () => {
    expect(firstDayOfTianjinMonth(new Date("2026-10-31T15:59:59Z"))).toBe("2026-10-01");
    expect(firstDayOfTianjinMonth(new Date("2026-10-31T16:00:00Z"))).toBe("2026-11-01");
    expect(firstDayOfTianjinMonth(new Date("2026-01-15T00:00:00Z"), 1)).toBe("2025-12-01");
    expect(firstDayOfTianjinMonth(new Date("2026-03-31T00:00:00Z"), 13)).toBe("2025-02-01");
  });
});

/** Where an activity is run: a community, and the team running it (null: the community itself). */
interface Organiser {
  communityId: string;
  organisationId: string | null;
}

describe("ledger totals under change", () => {
  let organiser: User;
  let volunteers: User[];
  let streetA: string;
  let streetB: string;
  let communities: (typeof s.communities.$inferSelect)[];
  let teams: (typeof s.organisations.$inferSelect)[];
  let places: Organiser[];
  const activityById = new Map<string, Activity>();
  const activityCache = new Map<string, Promise<Activity>>();
  // Hours lie within their activity (2 hours' slack) and activities within a year of today
  // (migration 0006): every entry gets an activity of its own organiser starting when it does. The
  // tests below take disjoint runs of days, starting 355 days ago, one entry per volunteer and day
  // at most but for deliberate overlaps, so no day comes near the 8-hour second-approval rule.
  const day0 = () => tianjinMidnight(clockNow()).getTime() - 355 * DAY;
  /** 09:00 Tianjin on the n-th day after day0. */
  const dayAt = (n: number) => new Date(day0() + n * DAY + 9 * HOUR);

  /** The 4-hour activity of `place` starting at `startsAt`, made on first use. */
  function activityAt(place: Organiser, startsAt: Date): Promise<Activity> {
    const key = `${place.communityId}|${place.organisationId}|${startsAt.getTime()}`;
    let activity = activityCache.get(key);
    if (!activity) {
      activity = createActivity(place.communityId, place.organisationId, organiser.id, startsAt).then((a) => {
        activityById.set(a.id, a);
        return a;
      });
      activityCache.set(key, activity);
    }
    return activity;
  }

  /** An entry of `minutes` from `startsAt`, on an activity of `place` starting then. */
  async function entryAt(place: Organiser, volunteerId: string, startsAt: Date, minutes: number) {
    return entryValues(await activityAt(place, startsAt), volunteerId, organiser.id, startsAt, minutes);
  }

  beforeAll(async () => {
    const a = await createPlaces();
    const b = await createPlaces();
    streetA = a.street.id;
    streetB = b.street.id;
    communities = [a.community, await createCommunity(streetA, "第二社区"), b.community];
    organiser = await createUser({ displayName: "组织者" });
    volunteers = [];
    for (let i = 0; i < 8; i++) volunteers.push(await createUser({ displayName: `志愿者${i}` }));
    teams = [await createOrganisation(streetA, "volunteer_team"), await createOrganisation(streetB, "volunteer_team")];
    // Each team also serves the other street, by agreement: teams' totals span both streets.
    for (const [team, streetId] of [
      [teams[0]!, streetB],
      [teams[1]!, streetA],
    ] as const) {
      await db()
        .insert(s.agreements)
        .values({
          organisationId: team.id,
          streetId,
          startsOn: tianjinDate(day0() - DAY),
          endsOn: tianjinDate(clockNow().getTime() + DAY),
          status: "active",
          proposedByUserId: organiser.id,
          acceptedByUserId: organiser.id,
          acceptedAt: clockNow(),
        });
    }
    places = [];
    for (const community of communities) {
      for (const team of [...teams, null]) places.push({ communityId: community.id, organisationId: team?.id ?? null });
    }
  });

  it("stays exact through 300 random operations, refused ones included", { timeout: 120_000 }, async () => {
    const rand = prng(0x11d6e7);
    const entries = new Map<string, Entry & { state: "pending" | "approved" | "rejected" | "reversed" }>();
    const byState = (state: string) => [...entries.values()].filter((e) => e.state === state);
    // Each new entry on a day of its own (days 0 to 249 after day0), on a fresh activity.
    let slot = 0;
    const nextActivity = () => activityAt(rand.pick(places), dayAt(slot++));
    const counts: Record<string, number> = {};
    const refused: Record<string, number> = {};

    /** A new entry; now and then (unless `fresh`) at the same time as one of the volunteer's (its approval may be refused). */
    const newEntry = async (fresh = false): Promise<ReturnType<typeof entryValues>> => {
      const volunteer = rand.pick(volunteers);
      const same =
        rand.next() < 0.1 && !fresh
          ? [...entries.values()].find((e) => e.volunteerId === volunteer.id && e.kind !== "reversal")
          : undefined;
      const minutes = rand.int(15, 240);
      if (same) return entryValues(activityById.get(same.activityId)!, volunteer.id, organiser.id, same.startsAt, minutes);
      const activity = await nextActivity();
      return entryValues(activity, volunteer.id, organiser.id, new Date(activity.startsAt.getTime() + rand.int(0, 59) * MINUTE), minutes);
    };
    const newEntries = async (n: number) => {
      const list: ReturnType<typeof entryValues>[] = [];
      for (let i = 0; i < n; i++) list.push(await newEntry());
      return list;
    };
    const remember = (inserted: Entry[]) => {
      for (const e of inserted) if (e.kind !== "reversal") entries.set(e.id, { ...e, state: "pending" });
    };
    const review = (ids: string[], decision: "approved" | "rejected") =>
      db()
        .insert(s.hourEntryReviews)
        .values(
          ids.map((hourEntryId) => ({
            hourEntryId,
            decision,
            reason: decision === "rejected" ? "不符" : null,
            reviewedByUserId: organiser.id,
          })),
        );

    const operations: Record<string, () => Promise<void>> = {
      insert: async () =>
        remember(
          await db()
            .insert(s.hourEntries)
            .values(await newEntry())
            .returning(),
        ),
      insertMany: async () =>
        remember(
          await db()
            .insert(s.hourEntries)
            .values(await newEntries(rand.int(2, 6)))
            .returning(),
        ),
      tooLong: async () => {
        // Five hours on a four-hour activity (within its slack, but longer than the activity).
        const activity = await nextActivity();
        await db()
          .insert(s.hourEntries)
          .values(entryValues(activity, rand.pick(volunteers).id, organiser.id, activity.startsAt, 5 * 60));
      },
      approve: async () => {
        const entry = rand.pick(byState("pending"));
        await review([entry.id], "approved");
        entry.state = "approved";
      },
      approveMany: async () => {
        const batch = byState("pending")
          .sort(() => rand.next() - 0.5)
          .slice(0, rand.int(2, 5));
        await review(
          batch.map((e) => e.id),
          "approved",
        );
        for (const e of batch) e.state = "approved";
      },
      reject: async () => {
        const entry = rand.pick(byState("pending"));
        await review([entry.id], "rejected");
        entry.state = "rejected";
      },
      reviewTwice: async () => {
        const entry = rand.pick([...byState("approved"), ...byState("rejected")]);
        await review([entry.id], rand.next() < 0.5 ? "approved" : "rejected");
      },
      reverse: async () => {
        const entry = rand.pick(byState("approved"));
        await db().insert(s.hourEntries).values(reversalOf(entry, organiser.id));
        entry.state = "reversed";
      },
      reverseWithNew: async () => {
        // A reversal and new entries in one statement: only the new ones start pending.
        const entry = rand.pick(byState("approved"));
        const inserted = await db()
          .insert(s.hourEntries)
          .values([reversalOf(entry, organiser.id), await newEntry()])
          .returning();
        remember(inserted);
        entry.state = "reversed";
      },
      reverseWrong: async () => {
        // Only approved, unreversed entries can be reversed.
        const entry = rand.pick([...byState("pending"), ...byState("rejected"), ...byState("reversed")]);
        await db().insert(s.hourEntries).values(reversalOf(entry, organiser.id));
      },
      change: async () => {
        const entry = rand.pick([...entries.values()]);
        if (rand.next() < 0.5) await db().update(s.hourEntries).set({ minutes: 1 }).where(eq(s.hourEntries.id, entry.id));
        else await db().delete(s.hourEntryReviews).where(eq(s.hourEntryReviews.hourEntryId, entry.id));
      },
      rolledBack: async () => {
        // Work done in a transaction that fails leaves nothing behind, totals included (on a time of its own,
        // so that its approval succeeds before the rollback).
        const values = await newEntry(true);
        const rolledBack = await db()
          .transaction(async (tx) => {
            const [entry] = await tx.insert(s.hourEntries).values(values).returning();
            await tx.insert(s.hourEntryReviews).values({ hourEntryId: entry!.id, decision: "approved", reviewedByUserId: organiser.id });
            tx.rollback();
          })
          .then(
            () => false,
            (error: unknown) => error instanceof TransactionRollbackError,
          );
        expect(rolledBack).toBe(true);
      },
    };
    const weights: [keyof typeof operations, number][] = [
      ["insert", 22],
      ["insertMany", 8],
      ["tooLong", 3],
      ["approve", 20],
      ["approveMany", 6],
      ["reject", 8],
      ["reviewTwice", 4],
      ["reverse", 8],
      ["reverseWithNew", 4],
      ["reverseWrong", 5],
      ["change", 4],
      ["rolledBack", 3],
    ];
    const total = weights.reduce((n, [, w]) => n + w, 0);
    for (let i = 0; i < 300; i++) {
      let roll = rand.next() * total;
      const name = weights.find(([, w]) => (roll -= w) < 0)?.[0] ?? "insert";
      counts[name] = (counts[name] ?? 0) + 1;
      try {
        await operations[name]!();
      } catch (error) {
        // An empty pick (nothing in that state yet) throws a TypeError; the database's refusals carry a code.
        const code = pgErrorCode(error) ?? (error instanceof TypeError ? "empty" : String(error));
        refused[code] = (refused[code] ?? 0) + 1;
      }
      if (i % 100 === 99) await expectTotalsExact();
    }

    expect(Object.keys(counts).sort()).toEqual(weights.map(([name]) => name).sort());
    // The days the tests below take stay free of this run's entries.
    expect(slot).toBeLessThan(250);
    // The run did exercise the refusals: append-only, too long, double review, wrong reversal, overlap.
    for (const code of ["LL001", "LL002", "LL003", "23505", "23P01"])
      expect(refused[code], `${code} in ${JSON.stringify(refused)}`).toBeGreaterThan(0);
    // …and nothing else went wrong (an empty pick is an operation with nothing to act on yet).
    expect(Object.keys(refused).filter((c) => !["LL001", "LL002", "LL003", "23505", "23P01", "empty"].includes(c))).toEqual([]);
    expect(byState("approved").length + byState("reversed").length).toBeGreaterThan(20);
    expect(byState("reversed").length).toBeGreaterThan(5);
    await expectTotalsExact();
    await expectBackfillMatchesTriggers();

    // And through the module: one volunteer's totals are their entries' sums.
    const someone = volunteers[0]!;
    const mine = [...entries.values()].filter((e) => e.volunteerId === someone.id);
    const [check] = await db().execute<{ approved: string; pending: string }>(sql`
      select coalesce(sum(e.minutes) filter (where r.decision = 'approved'), 0) as approved,
        coalesce(sum(e.minutes) filter (where r.hour_entry_id is null and e.kind <> 'reversal'), 0) as pending
      from hour_entries e left join hour_entry_reviews r on r.hour_entry_id = e.id where e.volunteer_id = ${someone.id}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(await volunteerTotals(someone.id)).toEqual({ approvedMinutes: Number(check!.approved), pendingMinutes: Number(check!.pending) });
  });

  it("stays exact when 20 approvals for one team run at once", async () => {
    const team = teams[0]!;
    const teamPlaces = places.filter((p) => p.organisationId === team.id);
    const base = dayAt(260).getTime();
    const values = [];
    for (let i = 0; i < 20; i++)
      values.push(
        await entryAt(teamPlaces[i % teamPlaces.length]!, volunteers[i % volunteers.length]!.id, new Date(base + i * 5 * HOUR), 60 + i),
      );
    const pending = await db().insert(s.hourEntries).values(values).returning();
    const before = await organisationTotals(team.id);

    // Each approval in its own transaction, holding its locks a moment so the others queue.
    await Promise.all(
      pending.map((entry) =>
        db().transaction(async (tx) => {
          await tx.insert(s.hourEntryReviews).values({ hourEntryId: entry.id, decision: "approved", reviewedByUserId: organiser.id });
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
    );
    const added = pending.reduce((n, e) => n + e.minutes, 0);
    expect(await organisationTotals(team.id)).toEqual({
      approvedMinutes: before.approvedMinutes + added,
      pendingMinutes: before.pendingMinutes - added,
    });
    await expectTotalsExact();
  });

  it("stays exact, without deadlocks, when batches of approvals in opposite orders run at once", async () => {
    const base = dayAt(270).getTime();
    const values = [];
    for (let i = 0; i < 40; i++)
      values.push(await entryAt(places[i % places.length]!, volunteers[i % volunteers.length]!.id, new Date(base + i * 5 * HOUR), 30 + i));
    const alongside = await entryAt(places[0]!, volunteers[0]!.id, new Date(base - 10 * HOUR), 45);
    const pending = await db().insert(s.hourEntries).values(values).returning();
    // Ten statements of four reviews each, spanning volunteers, teams, communities and both streets,
    // half of them listing their rows backwards, plus reversals and new entries alongside.
    const batches = Array.from({ length: 10 }, (_, b) => pending.filter((_, i) => i % 10 === b));
    const approvedEarlier = await db()
      .select()
      .from(s.hourEntries)
      .where(inArray(s.hourEntries.id, (await approvedUnreversed()).slice(0, 5)));
    await Promise.all([
      ...batches.map((batch, b) =>
        db()
          .insert(s.hourEntryReviews)
          .values(
            (b % 2 ? [...batch].reverse() : batch).map((e) => ({
              hourEntryId: e.id,
              decision: "approved" as const,
              reviewedByUserId: organiser.id,
            })),
          ),
      ),
      ...approvedEarlier.map((e) => db().insert(s.hourEntries).values(reversalOf(e, organiser.id))),
      db().insert(s.hourEntries).values(alongside),
    ]);
    await expectTotalsExact();
  });

  it("moves a community's totals when it changes street", async () => {
    const moving = communities[1]!;
    const place = places.find((p) => p.communityId === moving.id)!;
    const [approved, stillPending] = await db()
      .insert(s.hourEntries)
      .values([await entryAt(place, volunteers[2]!.id, dayAt(290), 70), await entryAt(place, volunteers[2]!.id, dayAt(291), 80)])
      .returning();
    await db().insert(s.hourEntryReviews).values({ hourEntryId: approved!.id, decision: "approved", reviewedByUserId: organiser.id });
    expect(stillPending).toBeDefined();
    const before = { a: await streetTotals(streetA), b: await streetTotals(streetB), c: await communityTotals(moving.id) };
    expect(before.c.approvedMinutes).toBeGreaterThan(0);
    expect(before.c.pendingMinutes).toBeGreaterThan(0);
    await db().update(s.communities).set({ streetId: streetB }).where(eq(s.communities.id, moving.id));
    expect(await streetTotals(streetA)).toEqual({
      approvedMinutes: before.a.approvedMinutes - before.c.approvedMinutes,
      pendingMinutes: before.a.pendingMinutes - before.c.pendingMinutes,
    });
    expect(await streetTotals(streetB)).toEqual({
      approvedMinutes: before.b.approvedMinutes + before.c.approvedMinutes,
      pendingMinutes: before.b.pendingMinutes + before.c.pendingMinutes,
    });
    // A street a community left may keep a row of zeros: no hours, as if there were no row.
    await expectTotalsExact(true);
    // New hours of the community count on its new street.
    const [entry] = await db()
      .insert(s.hourEntries)
      .values(await entryAt(place, volunteers[1]!.id, dayAt(300), 50))
      .returning();
    await db().insert(s.hourEntryReviews).values({ hourEntryId: entry!.id, decision: "approved", reviewedByUserId: organiser.id });
    expect((await streetTotals(streetB)).approvedMinutes).toBe(before.b.approvedMinutes + before.c.approvedMinutes + 50);
    // And back: the street it left returns to what it had.
    await db().update(s.communities).set({ streetId: streetA }).where(eq(s.communities.id, moving.id));
    expect(await streetTotals(streetB)).toEqual(before.b);
    await expectTotalsExact(true);
  });

  it("stays exact when a community changes street while its hours are being approved", async () => {
    const moving = communities[1]!;
    const place = places.find((p) => p.communityId === moving.id)!;
    const base = dayAt(310).getTime();
    const values = [];
    for (const [i, v] of volunteers.slice(0, 6).entries()) values.push(await entryAt(place, v.id, new Date(base + i * 5 * HOUR), 40 + i));
    const pending = await db().insert(s.hourEntries).values(values).returning();
    // Approvals still open (reviews written, not yet committed) when the community moves: the
    // move waits for them, then takes their minutes along.
    const written: Promise<void>[] = [];
    const approvals = pending.map((entry) => {
      let signal = () => {};
      written.push(new Promise<void>((resolve) => (signal = resolve)));
      return db().transaction(async (tx) => {
        await tx.insert(s.hourEntryReviews).values({ hourEntryId: entry.id, decision: "approved", reviewedByUserId: organiser.id });
        signal();
        await tx.execute(sql`select pg_sleep(0.2)`);
      });
    });
    await Promise.all(written);
    const move = db().update(s.communities).set({ streetId: streetB }).where(eq(s.communities.id, moving.id));
    await Promise.all([...approvals, move]);
    await expectTotalsExact(true);
    await db().update(s.communities).set({ streetId: streetA }).where(eq(s.communities.id, moving.id));
    await expectTotalsExact(true);
  });
});

async function approvedUnreversed(): Promise<string[]> {
  const list = await db().execute<{ id: string }>(sql`
    select e.id from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
    where e.kind <> 'reversal' and not exists (select 1 from hour_entries x where x.reverses_id = e.id)
    order by e.created_at desc, e.id limit 50`);
  return list.map((r) => r.id);
}
