// Problem reports (问题上报): posting them, their deadlines and escalation, and the figures dashboards and the
// showcase show. The lifecycle itself (dispatch, accept, verify …) lives with the other needs' transitions.
import { and, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { attachments, claims, communities, dispatches, memberships, needs, organisations, searchOutbox, streets } from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { now as clockNow } from "~/lib/clock.server";
import { can, governsCommunity, type Viewer } from "~/modules/accounts/accounts.policy";
import { recordAudit } from "~/modules/audit/audit.server";
import { normaliseImage, storeImage } from "~/modules/attachments/attachments.server";
import { communityStaffIds, notify } from "~/modules/notifications/notifications.server";
import { notifyStaffOfPendingWish } from "~/modules/needs/review.server";
import { redactContactDetails } from "~/modules/needs/privacy";
import { limitsFor } from "./problem-types";
import { addWorkingDays } from "./working-days";
import type { ProblemInput } from "./problems.schema";

/** Statuses of a case someone still has to act on. */
export const OPEN_CASE_STATUSES = ["published", "dispatched", "claimed"] as const;

/** The deadline to resolve a case published at `from`, by its type's working days. */
export function resolveDeadline(problemType: string | null, from: Date): Date {
  return addWorkingDays(from, limitsFor(problemType).resolveDays);
}

/**
 * Residents report problems in their community (to review first); grid workers and staff report them published,
 * also for a resident who told them (with the resident's consent to keep a contact).
 */
export async function createProblem(viewer: Viewer, input: ProblemInput, photos: Uint8Array[] = []) {
  const [place] = await db()
    .select({ communityId: communities.id, streetId: communities.streetId })
    .from(communities)
    .where(eq(communities.id, input.communityId));
  if (!place) throw new AppError("validation_failed", "unknown community", { communityId: "community_required" });
  if (!can(viewer, "problem.report", place)) throw forbidden("report problems in your own community");
  const forOthers = can(viewer, "problem.report_for_others", place);
  const onBehalf = input.onBehalfOf;
  if (onBehalf && !forOthers) throw forbidden("only staff and grid workers report for someone else");
  if (onBehalf?.name && !onBehalf.consent)
    throw new AppError("validation_failed", "record the resident's consent", { "onBehalfOf.consent": "consent_required" });
  for (const photo of photos) await normaliseImage(photo);
  const now = clockNow();
  const published = forOthers;
  const type = limitsFor(input.problemType);
  return db().transaction(async (tx) => {
    const [need] = await tx
      .insert(needs)
      .values({
        kind: "problem",
        title: input.title,
        description: input.description,
        category: (input.category ?? type.category) as never,
        communityId: input.communityId,
        status: published ? "published" : "pending_review",
        postedByUserId: viewer.id,
        beneficiaryName: onBehalf?.name ?? null,
        contactPhone: onBehalf?.phone ?? input.contactPhone ?? null,
        consentRecordedAt: onBehalf?.name ? now : null,
        publishedAt: published ? now : null,
        problemType: input.problemType,
        location: input.location ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        resolveDueAt: published ? resolveDeadline(input.problemType, now) : null,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "need.create",
      subjectType: "need",
      subjectId: need!.id,
      data: { kind: "problem", status: need!.status, problemType: input.problemType, onBehalf: !!onBehalf },
    });
    for (const bytes of photos) await storeImage(tx, { bytes, uploadedByUserId: viewer.id, needId: need!.id });
    await tx.insert(searchOutbox).values({ entity: "need", entityId: need!.id });
    if (published)
      await notify(tx, await communityStaffIds(tx, need!.communityId), {
        kind: "problem.reported",
        subjectType: "need",
        subjectId: need!.id,
        data: { title: need!.title },
      });
    else await notifyStaffOfPendingWish(tx, need!);
    return need!;
  });
}

/** A case is overdue when its resolve deadline passed, or a dispatch went unanswered past its day to acknowledge. */
function overdueCondition(at: Date): SQL {
  return and(
    inArray(needs.status, [...OPEN_CASE_STATUSES]),
    or(
      lt(needs.resolveDueAt, at),
      sql`exists (select 1 from ${dispatches} d where d.need_id = ${needs.id} and d.status = 'pending' and d.acknowledge_due_at < ${at.toISOString()}::timestamptz)`,
    ),
  )!;
}

/**
 * The minute job: problems published through review get their deadline, and cases newly overdue are escalated
 * to their street's admins once (a notice and the dashboard flag). Safe on several instances (SKIP LOCKED), and
 * a second run finds nothing new.
 */
export async function escalateOverdueCases(at = clockNow()): Promise<{ deadlines: number; escalated: number }> {
  return db().transaction(async (tx) => {
    const undated = await tx
      .select({ id: needs.id, problemType: needs.problemType, publishedAt: needs.publishedAt, createdAt: needs.createdAt })
      .from(needs)
      .where(and(eq(needs.kind, "problem"), eq(needs.status, "published"), isNull(needs.resolveDueAt)))
      .for("update", { skipLocked: true })
      .limit(500);
    for (const row of undated)
      await tx
        .update(needs)
        .set({ resolveDueAt: resolveDeadline(row.problemType, row.publishedAt ?? row.createdAt) })
        .where(eq(needs.id, row.id));
    const overdue = await tx
      .select({ id: needs.id, title: needs.title, streetId: communities.streetId, communityId: needs.communityId })
      .from(needs)
      .innerJoin(communities, eq(communities.id, needs.communityId))
      .where(and(overdueCondition(at), isNull(needs.escalatedAt)))
      .for("update", { of: needs, skipLocked: true })
      .limit(200);
    for (const row of overdue) {
      await tx
        .update(needs)
        .set({ escalatedAt: at })
        .where(and(eq(needs.id, row.id), isNull(needs.escalatedAt)));
      const admins = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.role, "street_admin"), eq(memberships.streetId, row.streetId)));
      await notify(tx, [...admins.map((a) => a.userId), ...(await communityStaffIds(tx, row.communityId))], {
        kind: "case.overdue",
        subjectType: "need",
        subjectId: row.id,
        data: { title: row.title },
      });
      await recordAudit(tx, { actorUserId: null, action: "need.escalate", subjectType: "need", subjectId: row.id, data: {} });
    }
    return { deadlines: undated.length, escalated: overdue.length };
  });
}

export type CaseScope = { streetId: string } | { communityId: string };

function scopeCondition(scope: CaseScope): SQL {
  return "streetId" in scope ? eq(communities.streetId, scope.streetId) : eq(needs.communityId, scope.communityId);
}

export interface CaseFigures {
  key: string;
  name?: string;
  open: number;
  overdue: number;
  resolved: number;
  medianDaysToResolve: number | null;
}

/**
 * Problems and dispatched cases of a street or community: open, overdue and median days from report to
 * completion, per category and per organisation (the one holding or dispatched the case).
 */
export async function caseFigures(scope: CaseScope, at = clockNow()) {
  const cases = sql`(${needs.kind} = 'problem' or exists (select 1 from ${dispatches} d0 where d0.need_id = ${needs.id}))`;
  const isOpen = sql`${needs.status} in ('published', 'dispatched', 'claimed', 'fulfilled')`;
  const figures = (group: SQL) => sql`
    count(*) filter (where ${isOpen})::int as open,
    count(*) filter (where ${overdueCondition(at)})::int as overdue,
    count(*) filter (where ${needs.status} = 'completed')::int as resolved,
    round((percentile_cont(0.5) within group (order by extract(epoch from (${needs.completedAt} - ${needs.publishedAt})) / 86400)
      filter (where ${needs.status} = 'completed'))::numeric, 1)::float as median,
    ${group} as key`;
  const where = sql`${scopeCondition(scope)} and ${cases}`;
  const categoryRows = await db().execute<{ key: string; open: number; overdue: number; resolved: number; median: number | null }>(sql`
    select ${figures(sql`coalesce(${needs.category}::text, 'other')`)}
    from ${needs} join ${communities} on ${communities.id} = ${needs.communityId}
    where ${where}
    group by 5 order by 1 desc, 5`);
  // The organisation a case belongs to: the one whose claim holds it, else the one it waits on.
  const organisationRows = await db().execute<{
    key: string;
    name: string;
    open: number;
    overdue: number;
    resolved: number;
    median: number | null;
  }>(sql`
    select ${figures(sql`o.id::text`)}, o.name
    from ${needs} join ${communities} on ${communities.id} = ${needs.communityId}
    join ${organisations} o on o.id = coalesce(
      (select c.organisation_id from ${claims} c where c.need_id = ${needs.id} and c.item_id is null
         and c.status in ('active', 'fulfilled', 'completed') limit 1),
      (select d.organisation_id from ${dispatches} d where d.need_id = ${needs.id} and d.status = 'pending' limit 1))
    where ${where}
    group by 5, o.name order by 1 desc, o.name`);
  const shape = (r: {
    key: string;
    name?: string;
    open: number;
    overdue: number;
    resolved: number;
    median: number | null;
  }): CaseFigures => ({
    key: r.key,
    ...(r.name ? { name: r.name } : {}),
    open: r.open,
    overdue: r.overdue,
    resolved: r.resolved,
    medianDaysToResolve: r.median,
  });
  return { byCategory: [...categoryRows].map(shape), byOrganisation: [...organisationRows].map(shape) };
}

/** The overdue cases of a street or community, oldest deadline first: the dashboard's flag. */
export async function overdueCases(scope: CaseScope, at = clockNow()) {
  const rows = await db()
    .select({
      id: needs.id,
      title: needs.title,
      status: needs.status,
      communityName: communities.name,
      problemType: needs.problemType,
      resolveDueAt: needs.resolveDueAt,
      escalatedAt: needs.escalatedAt,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(and(scopeCondition(scope), overdueCondition(at)))
    .orderBy(needs.resolveDueAt)
    .limit(100);
  return rows.map((r) => ({
    ...r,
    title: redactContactDetails(r.title),
    resolveDueAt: r.resolveDueAt?.toISOString() ?? null,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
  }));
}

/** Staff of the photo's community choose whether a photo of a resolved problem shows on the public showcase. */
export async function setShowcasePhoto(viewer: Viewer, attachmentId: string, showcase: boolean) {
  const [photo] = await db()
    .select({
      id: attachments.id,
      needId: sql<string>`coalesce(${attachments.needId}, ${claims.needId})`,
    })
    .from(attachments)
    .leftJoin(claims, eq(claims.id, attachments.claimId))
    .where(eq(attachments.id, attachmentId));
  if (!photo?.needId) throw notFound("photo");
  const [need] = await db()
    .select({ id: needs.id, kind: needs.kind, communityId: needs.communityId, streetId: communities.streetId })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(eq(needs.id, photo.needId));
  if (!need || !governsCommunity(viewer, need)) throw forbidden("only the community's staff choose showcase photos");
  if (need.kind !== "problem")
    throw new AppError("validation_failed", "only problem photos go on the showcase", { attachmentId: "not_a_problem" });
  await db().transaction(async (tx) => {
    await tx.update(attachments).set({ showcase }).where(eq(attachments.id, attachmentId));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: showcase ? "photo.showcase" : "photo.unshowcase",
      subjectType: "need",
      subjectId: need.id,
      data: { attachmentId },
    });
  });
}

export interface ResolvedProblem {
  id: string;
  title: string;
  problemType: string | null;
  communityId: string;
  communityName: string;
  organisationName: string | null;
  completedAt: string;
  before: string[];
  after: string[];
}

/**
 * Resolved problems for the public: only completed ones, with only the photos staff marked public (before: the
 * report's; after: the completion photo). No names, contacts, addresses or locations.
 */
export async function resolvedProblems(filter: { communityId?: string; streetId?: string; organisationId?: string }, limit = 12) {
  const conditions: SQL[] = [eq(needs.kind, "problem"), eq(needs.status, "completed")];
  if (filter.communityId) conditions.push(eq(needs.communityId, filter.communityId));
  if (filter.streetId) conditions.push(eq(communities.streetId, filter.streetId));
  if (filter.organisationId) conditions.push(eq(claims.organisationId, filter.organisationId));
  const rows = await db()
    .select({
      id: needs.id,
      title: needs.title,
      problemType: needs.problemType,
      communityId: needs.communityId,
      communityName: communities.name,
      organisationName: organisations.name,
      claimId: claims.id,
      completedAt: needs.completedAt,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .leftJoin(claims, and(eq(claims.needId, needs.id), isNull(claims.itemId), eq(claims.status, "completed")))
    .leftJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(and(...conditions))
    .orderBy(sql`${needs.completedAt} desc`)
    .limit(limit);
  const needIds = rows.map((r) => r.id);
  const claimIds = rows.map((r) => r.claimId).filter((id): id is string => !!id);
  const photos = needIds.length
    ? await db()
        .select({ id: attachments.id, needId: attachments.needId, claimId: attachments.claimId })
        .from(attachments)
        .where(
          and(
            eq(attachments.showcase, true),
            or(inArray(attachments.needId, needIds), claimIds.length ? inArray(attachments.claimId, claimIds) : sql`false`),
          ),
        )
    : [];
  return rows.map((r): ResolvedProblem => ({
    id: r.id,
    title: redactContactDetails(r.title),
    problemType: r.problemType,
    communityId: r.communityId,
    communityName: r.communityName,
    organisationName: r.organisationName,
    completedAt: r.completedAt!.toISOString(),
    before: photos.filter((p) => p.needId === r.id).map((p) => p.id),
    after: photos.filter((p) => !!p.claimId && p.claimId === r.claimId).map((p) => p.id),
  }));
}

/** Per community of a street (or one community): problems reported, resolved, open, and median days to resolve. */
export async function problemFiguresByCommunity(filter: { streetId?: string; communityId?: string }) {
  const where = filter.communityId ? sql`c.id = ${filter.communityId}` : sql`c.street_id = ${filter.streetId ?? null}`;
  const rows = await db().execute<{
    id: string;
    name: string;
    reported: number;
    resolved: number;
    open: number;
    median: number | null;
  }>(sql`
    select c.id, c.name,
      count(n.id) filter (where n.status not in ('draft', 'pending_review', 'rejected', 'withdrawn'))::int as reported,
      count(n.id) filter (where n.status = 'completed')::int as resolved,
      count(n.id) filter (where n.status in ('published', 'dispatched', 'claimed', 'fulfilled'))::int as open,
      round((percentile_cont(0.5) within group (order by extract(epoch from (n.completed_at - n.published_at)) / 86400)
        filter (where n.status = 'completed'))::numeric, 1)::float as median
    from ${communities} c left join ${needs} n on n.community_id = c.id and n.kind = 'problem'
    where ${where}
    group by c.id, c.name order by c.name`);
  return [...rows].map((r) => ({ ...r, medianDaysToResolve: r.median }));
}

export type DispatchedWork = Awaited<ReturnType<typeof dispatchedWorkOf>>[number];

/** An organisation's dispatched work: waiting for its answer, or accepted and not yet completed, with due dates. */
export async function dispatchedWorkOf(tx: DbOrTx, organisationId: string, at = clockNow()) {
  const rows = await tx
    .select({
      dispatchId: dispatches.id,
      needId: needs.id,
      title: needs.title,
      status: dispatches.status,
      needStatus: needs.status,
      communityName: communities.name,
      streetName: streets.name,
      problemType: needs.problemType,
      acknowledgeDueAt: dispatches.acknowledgeDueAt,
      dueAt: dispatches.dueAt,
      note: dispatches.note,
    })
    .from(dispatches)
    .innerJoin(needs, eq(needs.id, dispatches.needId))
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(
      and(
        eq(dispatches.organisationId, organisationId),
        or(eq(dispatches.status, "pending"), and(eq(dispatches.status, "accepted"), inArray(needs.status, ["claimed", "fulfilled"]))),
      ),
    )
    .orderBy(dispatches.dueAt)
    .limit(100);
  return rows.map((r) => ({
    ...r,
    title: redactContactDetails(r.title),
    acknowledgeDueAt: r.acknowledgeDueAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === "pending" ? r.acknowledgeDueAt < at : r.needStatus === "claimed" && r.dueAt < at,
  }));
}

/** The communities this viewer reports problems in, and those where they report for residents (staff, grid workers). */
export async function reportingChoices(viewer: Viewer) {
  const all = await db().select({ id: communities.id, streetId: communities.streetId }).from(communities);
  const place = (c: { id: string; streetId: string }) => ({ communityId: c.id, streetId: c.streetId });
  return {
    reportCommunities: all.filter((c) => can(viewer, "problem.report", place(c))).map((c) => c.id),
    forOthersCommunities: all.filter((c) => can(viewer, "problem.report_for_others", place(c))).map((c) => c.id),
  };
}

/** What a street or community dashboard shows of its cases: the overdue flag and the figures. */
export async function caseDashboard(scope: CaseScope) {
  const [figures, overdue] = await Promise.all([caseFigures(scope), overdueCases(scope)]);
  return { ...figures, overdue };
}
export type CaseDashboardData = Awaited<ReturnType<typeof caseDashboard>>;
