// Minimal rows for integration tests, written straight to the test file's own database.
import { randomUUID } from "node:crypto";
import * as s from "#db/schema";
import { db } from "~/lib/db.server";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { createSession, getViewer } from "~/modules/accounts/auth.server";
import { now as clockNow } from "~/lib/clock.server";

export async function createPlaces() {
  const [district] = await db()
    .insert(s.districts)
    .values({ name: `区${randomUUID().slice(0, 6)}` })
    .returning();
  const [street] = await db().insert(s.streets).values({ districtId: district!.id, name: "测试街道", lat: 39.1, lng: 117.2 }).returning();
  const [community] = await db()
    .insert(s.communities)
    .values({ streetId: street!.id, name: "测试社区", lat: 39.1, lng: 117.2 })
    .returning();
  return { district: district!, street: street!, community: community! };
}

export async function createUser(overrides: Partial<typeof s.users.$inferInsert> = {}) {
  const [user] = await db()
    .insert(s.users)
    .values({ displayName: "测试用户", ...overrides })
    .returning();
  return user!;
}

export async function createOrganisation(streetId: string, type = "bank") {
  const [org] = await db()
    .insert(s.organisations)
    .values({ type, name: `测试单位${randomUUID().slice(0, 4)}`, streetId })
    .returning();
  return org!;
}

export async function createWish(communityId: string, postedByUserId: string, overrides: Partial<typeof s.needs.$inferInsert> = {}) {
  const [need] = await db()
    .insert(s.needs)
    .values({
      kind: "micro_wish",
      title: "灯坏了",
      description: "厨房灯不亮",
      communityId,
      status: "published",
      postedByUserId,
      publishedAt: clockNow(),
      ...overrides,
    })
    .returning();
  return need!;
}

export async function createActivity(communityId: string, createdByUserId: string, startsAt: Date, hours: number) {
  const [activity] = await db()
    .insert(s.activities)
    .values({
      communityId,
      createdByUserId,
      title: "环境清整",
      category: "environment",
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
      capacity: 10,
    })
    .returning();
  return activity!;
}

export function hourEntry(
  activity: typeof s.activities.$inferSelect,
  volunteerId: string,
  recordedByUserId: string,
  startsAt: Date,
  endsAt: Date,
) {
  return {
    volunteerId,
    activityId: activity.id,
    communityId: activity.communityId,
    kind: "attendance" as const,
    startsAt,
    endsAt,
    minutes: Math.floor((endsAt.getTime() - startsAt.getTime()) / 60_000),
    recordedByUserId,
  };
}

type MembershipScope = Pick<typeof s.memberships.$inferInsert, "communityId" | "streetId" | "organisationId">;

export async function addMembership(userId: string, role: (typeof s.memberships.$inferInsert)["role"], scope: MembershipScope = {}) {
  await db()
    .insert(s.memberships)
    .values({ userId, role, ...scope });
}

/** The viewer the app sees for this user: a real session, loaded the way every request loads it. */
export async function signedInViewer(userId: string): Promise<Viewer> {
  const cookie = await createSession(new Request("http://localhost/"), userId);
  const viewer = await getViewer(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]! } }));
  if (!viewer) throw new Error(`no viewer for ${userId}`);
  return viewer;
}
