// The rules PostgreSQL itself holds, proven by going around the application code.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { db } from "~/lib/db.server";
import { pgErrorCode, pgConstraint } from "~/lib/db-errors.server";
import { createActivity, createOrganisation, createPlaces, createUser, createWish, hourEntry } from "../setup/fixtures";
import { nowMs, now as clockNow } from "~/lib/clock.server";
import { tianjinMidnight } from "~/lib/tianjin-time";

async function failureOf(promise: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: pgErrorCode(error), constraint: pgConstraint(error) };
  }
  throw new Error("expected the database to refuse this");
}

const HOUR = 3_600_000;
let places: Awaited<ReturnType<typeof createPlaces>>;
let resident: typeof s.users.$inferSelect;
let organiser: typeof s.users.$inferSelect;
let volunteer: typeof s.users.$inferSelect;
let orgA: typeof s.organisations.$inferSelect;
let orgB: typeof s.organisations.$inferSelect;

beforeAll(async () => {
  places = await createPlaces();
  resident = await createUser({ displayName: "刘大爷" });
  organiser = await createUser({ displayName: "队长" });
  volunteer = await createUser({ displayName: "志愿者" });
  orgA = await createOrganisation(places.street.id);
  orgB = await createOrganisation(places.street.id, "hospital");
});

function claim(needId: string, organisationId: string, extra: Partial<typeof s.claims.$inferInsert> = {}) {
  return db()
    .insert(s.claims)
    .values({ needId, organisationId, claimedByUserId: organiser.id, dueAt: new Date(nowMs() + 14 * 24 * HOUR), ...extra });
}

describe("claims: one holder per wish or project item", () => {
  it("refuses a second active claim on the same wish", async () => {
    const wish = await createWish(places.community.id, resident.id);
    await claim(wish.id, orgA.id);
    const failure = await failureOf(claim(wish.id, orgB.id));
    expect(failure).toEqual({ code: "23505", constraint: "claims_one_holder" });
    const rows = await db().select().from(s.claims).where(eq(s.claims.needId, wish.id));
    expect(rows).toHaveLength(1);
  });

  it("refuses a new claim while a fulfilled or completed claim holds the wish", async () => {
    const wish = await createWish(places.community.id, resident.id);
    await claim(wish.id, orgA.id, { status: "completed", fulfilledAt: clockNow(), completedAt: clockNow() });
    expect((await failureOf(claim(wish.id, orgB.id))).code).toBe("23505");
  });

  it("lets another partner claim once the first claim was released", async () => {
    const wish = await createWish(places.community.id, resident.id);
    await claim(wish.id, orgA.id, { status: "released", endedAt: clockNow() });
    await expect(claim(wish.id, orgB.id)).resolves.toBeDefined();
  });

  it("holds each project item separately", async () => {
    const project = await createWish(places.community.id, organiser.id, { kind: "project", title: "口袋公园" });
    const [road, fitness] = await db()
      .insert(s.needItems)
      .values([
        { needId: project.id, position: 0, title: "路面修补" },
        { needId: project.id, position: 1, title: "健身器材" },
      ])
      .returning();
    await claim(project.id, orgA.id, { itemId: road!.id });
    await claim(project.id, orgB.id, { itemId: fitness!.id });
    expect((await failureOf(claim(project.id, orgB.id, { itemId: road!.id }))).code).toBe("23505");
  });
});

describe("the hour ledger", () => {
  // Activities are dated within a year of the clock's today (migration 0006): 09:00 Tianjin, `n` days ago.
  const daysAgo = (n: number) => new Date(tianjinMidnight(nowMs()).getTime() - n * 24 * HOUR + 9 * HOUR);
  const start = daysAgo(170);

  it("refuses an UPDATE, a DELETE and a TRUNCATE of an hour entry", async () => {
    const activity = await createActivity(places.community.id, organiser.id, daysAgo(200), 2);
    const [entry] = await db()
      .insert(s.hourEntries)
      .values(hourEntry(activity, volunteer.id, organiser.id, activity.startsAt, activity.endsAt))
      .returning();
    expect((await failureOf(db().update(s.hourEntries).set({ minutes: 600 }).where(eq(s.hourEntries.id, entry!.id)))).code).toBe("LL001");
    expect((await failureOf(db().delete(s.hourEntries).where(eq(s.hourEntries.id, entry!.id)))).code).toBe("LL001");
    expect((await failureOf(db().execute(sql`truncate hour_entries cascade`))).code).toBe("LL001");
    await db().insert(s.hourEntryReviews).values({ hourEntryId: entry!.id, decision: "approved", reviewedByUserId: organiser.id });
    expect((await failureOf(db().update(s.hourEntryReviews).set({ decision: "rejected", reason: "x" }))).code).toBe("LL001");
    const [still] = await db().select().from(s.hourEntries).where(eq(s.hourEntries.id, entry!.id));
    expect(still!.minutes).toBe(120);
  });

  it("refuses overlapping approved entries of one volunteer, but not pending ones or another volunteer's", async () => {
    const morning = await createActivity(places.community.id, organiser.id, start, 3);
    const overlapping = await createActivity(places.community.id, organiser.id, new Date(start.getTime() + 2 * HOUR), 3);
    const [first] = await db()
      .insert(s.hourEntries)
      .values(hourEntry(morning, volunteer.id, organiser.id, morning.startsAt, morning.endsAt))
      .returning();
    await db().insert(s.hourEntryReviews).values({ hourEntryId: first!.id, decision: "approved", reviewedByUserId: organiser.id });

    // A pending entry for the same time may exist (the organiser decides); approving it is refused.
    const [second] = await db()
      .insert(s.hourEntries)
      .values(hourEntry(overlapping, volunteer.id, organiser.id, overlapping.startsAt, overlapping.endsAt))
      .returning();
    const failure = await failureOf(
      db().insert(s.hourEntryReviews).values({ hourEntryId: second!.id, decision: "approved", reviewedByUserId: organiser.id }),
    );
    expect(failure).toEqual({ code: "23P01", constraint: "approved_hour_periods_no_overlap" });

    const other = await createUser({ displayName: "另一位志愿者" });
    const [theirs] = await db()
      .insert(s.hourEntries)
      .values(hourEntry(overlapping, other.id, organiser.id, overlapping.startsAt, overlapping.endsAt))
      .returning();
    await expect(
      db().insert(s.hourEntryReviews).values({ hourEntryId: theirs!.id, decision: "approved", reviewedByUserId: organiser.id }),
    ).resolves.toBeDefined();
  });

  it("refuses an entry longer than its activity", async () => {
    const activity = await createActivity(places.community.id, organiser.id, daysAgo(140), 2);
    const tooLong = hourEntry(activity, volunteer.id, organiser.id, activity.startsAt, new Date(activity.startsAt.getTime() + 3 * HOUR));
    expect((await failureOf(db().insert(s.hourEntries).values(tooLong))).code).toBe("LL002");
  });

  it("corrects by reversal: the total returns, a row is added, and the freed time can be re-approved", async () => {
    const activity = await createActivity(places.community.id, organiser.id, daysAgo(110), 4);
    const [entry] = await db()
      .insert(s.hourEntries)
      .values(hourEntry(activity, volunteer.id, organiser.id, activity.startsAt, activity.endsAt))
      .returning();
    const approvedMinutes = async () => {
      const [row] = await db().execute<{ total: string }>(sql`
        select coalesce(sum(e.minutes), 0) as total from hour_entries e
        join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
        where e.volunteer_id = ${volunteer.id} and e.activity_id = ${activity.id}`);
      return Number(row!.total);
    };
    // A pending entry cannot be reversed.
    const reversal = {
      ...hourEntry(activity, volunteer.id, organiser.id, activity.startsAt, activity.endsAt),
      kind: "reversal" as const,
      minutes: -240,
      reversesId: entry!.id,
    };
    expect((await failureOf(db().insert(s.hourEntries).values(reversal))).code).toBe("LL003");

    await db().insert(s.hourEntryReviews).values({ hourEntryId: entry!.id, decision: "approved", reviewedByUserId: organiser.id });
    expect(await approvedMinutes()).toBe(240);
    // A reversal that does not mirror the entry is refused.
    expect(
      (
        await failureOf(
          db()
            .insert(s.hourEntries)
            .values({ ...reversal, minutes: -100 }),
        )
      ).code,
    ).toBe("LL003");
    await db().insert(s.hourEntries).values(reversal);
    expect(await approvedMinutes()).toBe(0);
    // Reversing twice is refused.
    expect((await failureOf(db().insert(s.hourEntries).values(reversal))).code).toMatch(/LL003|23505/);

    const corrected = {
      ...hourEntry(activity, volunteer.id, organiser.id, activity.startsAt, new Date(activity.startsAt.getTime() + 3 * HOUR)),
      kind: "correction" as const,
    };
    const [fixed] = await db().insert(s.hourEntries).values(corrected).returning();
    await db().insert(s.hourEntryReviews).values({ hourEntryId: fixed!.id, decision: "approved", reviewedByUserId: organiser.id });
    expect(await approvedMinutes()).toBe(180);
    const rows = await db().select().from(s.hourEntries).where(eq(s.hourEntries.activityId, activity.id));
    expect(rows.map((r) => r.minutes).sort((a, b) => a - b)).toEqual([-240, 180, 240]);
  });
});

describe("checks and keys", () => {
  it("refuses a membership whose scope does not fit its role", async () => {
    const user = await createUser();
    const failure = await failureOf(
      db().insert(s.memberships).values({ userId: user.id, role: "community_staff", streetId: places.street.id }),
    );
    expect(failure).toEqual({ code: "23514", constraint: "memberships_scope_fits_role" });
  });

  it("refuses an offer serving both a community and a street, or none", async () => {
    const base = { organisationId: orgA.id, title: "反诈宣传", category: "finance", capacityPerMonth: 5 };
    expect(
      (
        await failureOf(
          db()
            .insert(s.offers)
            .values({ ...base, communityId: places.community.id, streetId: places.street.id }),
        )
      ).constraint,
    ).toBe("offers_one_area");
    expect((await failureOf(db().insert(s.offers).values(base))).constraint).toBe("offers_one_area");
  });

  it("refuses a rejected wish without a reason, and an unknown category", async () => {
    expect((await failureOf(createWish(places.community.id, resident.id, { status: "rejected" }))).constraint).toBe(
      "needs_rejected_has_reason",
    );
    expect((await failureOf(createWish(places.community.id, resident.id, { category: "not_a_category" }))).code).toBe("22P02");
  });

  it("refuses two accounts with the same email in different case", async () => {
    await createUser({ email: "Same@Example.com" });
    expect((await failureOf(createUser({ email: "same@example.com" }))).code).toBe("23505");
  });
});
