// Activities (dated service events), sign-ups under a capacity, and attendance at the venue.
import { endOfTianjinDay, startOfTianjinDay } from "~/lib/tianjin-time";
import { and, asc, count, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { activities, activitySignups, attendances, communities, memberships, organisations } from "#db/schema";
import { db, type Transaction } from "~/lib/db.server";
import { now as clockNow } from "~/lib/clock.server";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { noticeActivitySignup } from "~/modules/messages/notices.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { adminOf, governsCommunity, hasRole, type Viewer } from "~/modules/accounts/accounts.policy";
import { writeHourEntry } from "~/modules/ledger/entries.server";
import type { ActivityInput, ActivityListQuery, AttendanceInput } from "./activities.schema";
import { scanVenueCode } from "./check-in.server";
import { activityTimesProblem, ATTENDANCE_SLACK_MS, attendanceTimesProblem, notYetProblem } from "./bounds";

function activityQuery() {
  return db()
    .select({
      id: activities.id,
      title: activities.title,
      description: activities.description,
      category: activities.category,
      communityId: activities.communityId,
      communityName: communities.name,
      streetId: communities.streetId,
      organisationId: activities.organisationId,
      organisationName: organisations.name,
      location: activities.location,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      capacity: activities.capacity,
      skills: activities.skills,
      status: activities.status,
      signedUp: sql<number>`(select count(*)::int from ${activitySignups} s where s.activity_id = ${activities.id} and s.status = 'signed_up')`,
      createdAt: activities.createdAt,
    })
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .leftJoin(organisations, eq(organisations.id, activities.organisationId));
}

type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>["execute"]>>[number];
const toView = ({ startsAt, endsAt, createdAt, ...row }: ActivityRow) => ({
  ...row,
  startsAt: startsAt.toISOString(),
  endsAt: endsAt.toISOString(),
  createdAt: createdAt.toISOString(),
  placesLeft: Math.max(0, row.capacity - row.signedUp),
});
export type ActivityView = ReturnType<typeof toView>;

/** The organisers: the running team's admins, and staff governing the community. */
export function isOrganiser(viewer: Viewer, activity: { organisationId: string | null; communityId: string; streetId: string }): boolean {
  return (!!activity.organisationId && adminOf(viewer, activity.organisationId)) || governsCommunity(viewer, activity);
}

export async function getActivity(id: string): Promise<ActivityView> {
  const [row] = await activityQuery().where(eq(activities.id, id));
  if (!row) throw notFound("activity");
  return toView(row);
}

/** Activities by id, in no particular order (the matcher orders them). */
export async function getActivitiesByIds(ids: string[]): Promise<ActivityView[]> {
  if (!ids.length) return [];
  return (await activityQuery().where(inArray(activities.id, ids))).map(toView);
}

export async function listActivities(query: ActivityListQuery) {
  const conditions: SQL[] = [];
  if (query.community) conditions.push(eq(activities.communityId, query.community));
  if (query.street) conditions.push(eq(communities.streetId, query.street));
  if (query.organisation) conditions.push(eq(activities.organisationId, query.organisation));
  if (query.category) conditions.push(eq(activities.category, query.category));
  if (query.from) conditions.push(gte(activities.startsAt, startOfTianjinDay(query.from)));
  if (query.to) conditions.push(lt(activities.startsAt, endOfTianjinDay(query.to)));
  const cursor = decodeCursor(query.cursor);
  if (query.cursor && !cursor) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  if (cursor) conditions.push(sql`(${activities.startsAt}, ${activities.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await activityQuery()
    .where(and(...conditions))
    .orderBy(asc(activities.startsAt), asc(activities.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? encodeCursor(last.startsAt, last.id) : null };
}

export async function createActivity(viewer: Viewer, input: ActivityInput): Promise<ActivityView> {
  const [community] = await db().select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, input.communityId));
  if (!community) throw new AppError("validation_failed", "unknown community", { communityId: "community_required" });
  if (input.organisationId) {
    const [team] = await db().select({ type: organisations.type }).from(organisations).where(eq(organisations.id, input.organisationId));
    if (!team || team.type !== "volunteer_team")
      throw new AppError("validation_failed", "activities are run by volunteer teams", { organisationId: "team_required" });
  }
  const place = { communityId: input.communityId, streetId: community.streetId };
  const allowed = input.organisationId
    ? adminOf(viewer, input.organisationId) || governsCommunity(viewer, place)
    : governsCommunity(viewer, place);
  // Named on the form's field: a team's admin who left 由社区组织 chosen is told to pick the team, not shown a 403 page.
  if (!allowed)
    throw new AppError("forbidden", "only a team's admins or the community's staff organise activities", {
      organisationId: input.organisationId ? "not_your_team" : "team_required",
    });
  const times = activityTimesProblem(input.startsAt, input.endsAt, clockNow());
  if (times) throw new AppError("validation_failed", "an activity lasts at most 24 hours and starts within a year of today", times);
  // The database refuses a team organising outside the places it serves (activities_team_serves_place → 403).
  const id = await db()
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(activities)
        .values({
          title: input.title,
          description: input.description ?? "",
          category: input.category,
          communityId: input.communityId,
          organisationId: input.organisationId ?? null,
          location: input.location ?? "",
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          capacity: input.capacity,
          skills: input.skills,
          createdByUserId: viewer.id,
        })
        .returning({ id: activities.id });
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: "activity.create",
        subjectType: "activity",
        subjectId: row!.id,
        data: { title: input.title },
      });
      return row!.id;
    })
    .catch((error: unknown) => {
      throw domainErrorFromDatabase(error) ?? error;
    });
  return getActivity(id);
}

function isVolunteer(viewer: Viewer) {
  return hasRole(viewer, "volunteer");
}

/** Exactly `capacity` sign-ups succeed when more try at once: the activity row is locked while counting. */
export async function signUpForActivity(viewer: Viewer, activityId: string) {
  if (!isVolunteer(viewer)) throw forbidden("only volunteers sign up");
  try {
    return await db().transaction(async (tx) => {
      const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId)).for("update");
      if (!activity) throw notFound("activity");
      if (activity.status !== "scheduled" || activity.endsAt <= clockNow())
        throw new AppError("invalid_transition", "this activity is over or cancelled", undefined, "activity_closed");
      const [existing] = await tx
        .select({ id: activitySignups.id })
        .from(activitySignups)
        .where(
          and(
            eq(activitySignups.activityId, activityId),
            eq(activitySignups.volunteerId, viewer.id),
            eq(activitySignups.status, "signed_up"),
          ),
        );
      if (existing) throw new AppError("conflict", "you are already signed up", undefined, "already_signed_up");
      const [taken] = await tx
        .select({ n: count() })
        .from(activitySignups)
        .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, "signed_up")));
      if ((taken?.n ?? 0) >= activity.capacity) throw new AppError("conflict", "this activity is full", undefined, "activity_full");
      const [signup] = await tx.insert(activitySignups).values({ activityId, volunteerId: viewer.id }).returning();
      await recordAudit(tx, { actorUserId: viewer.id, action: "activity.sign_up", subjectType: "activity", subjectId: activityId });
      await noticeActivitySignup(tx, { id: signup!.id, volunteerId: viewer.id, title: activity.title, startsAt: activity.startsAt });
      return { id: signup!.id, activityId, volunteerId: viewer.id, status: signup!.status, createdAt: signup!.createdAt.toISOString() };
    });
  } catch (error) {
    throw domainErrorFromDatabase(error) ?? error;
  }
}

export async function cancelSignUp(viewer: Viewer, activityId: string): Promise<void> {
  const rows = await db()
    .update(activitySignups)
    .set({ status: "cancelled", cancelledAt: clockNow() })
    .where(
      and(eq(activitySignups.activityId, activityId), eq(activitySignups.volunteerId, viewer.id), eq(activitySignups.status, "signed_up")),
    )
    .returning({ id: activitySignups.id });
  if (rows.length === 0) throw new AppError("invalid_transition", "you are not signed up", undefined, "not_signed_up");
}

async function activityForUpdate(tx: Transaction, activityId: string) {
  const [activity] = await tx
    .select({
      id: activities.id,
      organisationId: activities.organisationId,
      communityId: activities.communityId,
      streetId: communities.streetId,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
    })
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .where(eq(activities.id, activityId));
  if (!activity) throw notFound("activity");
  return activity;
}

/**
 * Attendance: the organiser enters check-in and check-out (or staff record it for a volunteer without a
 * phone), or a volunteer scans the venue code twice (in, then out: check-in.server.ts). Closing one writes a
 * pending hour entry.
 */
export async function recordAttendance(viewer: Viewer, activityId: string, input: AttendanceInput) {
  if ("token" in input) return scanVenueCode(viewer, activityId, input.token);
  try {
    return await db().transaction(async (tx) => {
      const activity = await activityForUpdate(tx, activityId);
      if (!isOrganiser(viewer, activity)) throw forbidden("only the activity's organisers record attendance");
      const [volunteer] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.userId, input.volunteerId), eq(memberships.role, "volunteer")));
      if (!volunteer) throw new AppError("validation_failed", "not a registered volunteer", { volunteerId: "volunteer_required" });
      const outside = attendanceTimesProblem(activity, input.checkIn, input.checkOut);
      if (outside) throw new AppError("validation_failed", "attendance lies within its activity (2 hours either side)", outside);
      const ahead = notYetProblem(input.checkIn, input.checkOut, clockNow());
      if (ahead) throw new AppError("validation_failed", "attendance is recorded once it has happened", ahead);
      const [attendance] = await tx
        .insert(attendances)
        .values({
          activityId,
          volunteerId: input.volunteerId,
          checkInAt: input.checkIn,
          checkOutAt: input.checkOut,
          source: input.proxy ? "proxy" : "organiser",
          recordedByUserId: viewer.id,
        })
        .returning({ id: attendances.id });
      const entry = await writeHourEntry(tx, {
        volunteerId: input.volunteerId,
        activityId,
        communityId: activity.communityId,
        attendanceId: attendance!.id,
        startsAt: input.checkIn,
        endsAt: input.checkOut,
        kind: input.proxy ? "proxy" : "attendance",
        recordedBy: viewer.id,
      });
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: input.proxy ? "attendance.proxy" : "attendance.record",
        subjectType: "activity",
        subjectId: activityId,
        data: { volunteerId: input.volunteerId, hourEntryId: entry.id },
      });
      return { attendanceId: attendance!.id, hourEntry: { id: entry.id, minutes: entry.minutes, status: "pending" } };
    });
  } catch (error) {
    throw domainErrorFromDatabase(error) ?? error;
  }
}

/** Check-ins left open for 24 hours are closed at the activity's end, pending, flagged for the organiser. */
export async function closeStaleCheckIns(now = clockNow()): Promise<number> {
  return db().transaction(async (tx) => {
    const stale = await tx
      .select({
        id: attendances.id,
        activityId: attendances.activityId,
        communityId: activities.communityId,
        volunteerId: attendances.volunteerId,
        checkInAt: attendances.checkInAt,
        endsAt: activities.endsAt,
        startsAt: activities.startsAt,
      })
      .from(attendances)
      .innerJoin(activities, eq(activities.id, attendances.activityId))
      .where(and(isNull(attendances.checkOutAt), lt(attendances.checkInAt, new Date(now.getTime() - 24 * 3_600_000))))
      .for("update", { of: attendances, skipLocked: true })
      .limit(500);
    for (const a of stale) {
      // Counted within the activity (a check-in in the slack before the start counts from the start), never
      // before the check-in, never past the slack after its end (the database's rule for attendance).
      const servedFrom = new Date(Math.max(a.checkInAt.getTime(), a.startsAt.getTime()));
      const checkOut = new Date(
        Math.min(Math.max(a.endsAt.getTime(), servedFrom.getTime() + 60_000), a.endsAt.getTime() + ATTENDANCE_SLACK_MS),
      );
      await tx
        .update(attendances)
        .set({ checkOutAt: checkOut, flaggedForOrganiser: true, source: "auto_closed" })
        .where(eq(attendances.id, a.id));
      await writeHourEntry(tx, {
        volunteerId: a.volunteerId,
        activityId: a.activityId,
        communityId: a.communityId,
        attendanceId: a.id,
        startsAt: servedFrom,
        endsAt: checkOut,
        kind: "attendance",
        recordedBy: a.volunteerId,
        note: "auto_closed",
      });
      await recordAudit(tx, {
        actorUserId: null,
        action: "attendance.auto_close",
        subjectType: "activity",
        subjectId: a.activityId,
        data: { attendanceId: a.id },
      });
    }
    return stale.length;
  });
}
