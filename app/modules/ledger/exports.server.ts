// Spreadsheet exports of the hour ledger for the people who answer for it: staff for their
// community or street, platform admins for all, volunteer teams' admins for their team's activities.
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { activities, communities, hourEntries, hourEntryReviews, organisations, users } from "#db/schema";
import { db } from "~/lib/db.server";
import { now } from "~/lib/clock.server";
import { forbidden } from "~/lib/errors";
import { isPlatformAdmin, type Viewer } from "~/modules/accounts/accounts.policy";

// The CSV helpers live in lib/csv.server.ts; re-exported for this module's users.
export { csvField, toCsv, csvResponse, type CsvValue } from "~/lib/csv.server";
import { toCsv } from "~/lib/csv.server";
import { endOfTianjinDay, startOfTianjinDay, tianjinClockTime, tianjinDate } from "~/lib/tianjin-time";

/** Minutes as hours with two decimals, for the totals sheet (exact minutes sit beside them). */
export function hoursOf(minutes: number): string {
  return (minutes / 60).toFixed(2);
}

// ---------------------------------------------------------------- input and scope

const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ error: "invalid_date" }).optional());

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional and inclusive, Tianjin dates of the service; `?community=`
 * narrows the export to one community (within what the viewer may export: another community gives an empty sheet).
 */
export const ExportRangeQuery = z
  .object({
    from: optionalDate,
    to: optionalDate,
    community: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "community_required" }).optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from_after_to", path: ["to"] });
export type ExportRangeQuery = z.infer<typeof ExportRangeQuery>;

/** Whose entries a viewer may export: all, or those of these communities, streets and teams. */
export interface ExportScope {
  all: boolean;
  communityIds: string[];
  streetIds: string[];
  teamIds: string[];
}

/** Staff, street and platform admins, and admins of volunteer teams (not of other partners); 403 for anyone else. */
export async function exportScopeFor(viewer: Viewer): Promise<ExportScope> {
  const of = (role: string, key: "communityId" | "streetId" | "organisationId") =>
    viewer.memberships.filter((m) => m.role === role && m[key]).map((m) => m[key]!);
  const administered = of("org_admin", "organisationId");
  const teamIds = administered.length
    ? (
        await db()
          .select({ id: organisations.id })
          .from(organisations)
          .where(and(inArray(organisations.id, administered), eq(organisations.type, "volunteer_team")))
      ).map((o) => o.id)
    : [];
  const scope: ExportScope = {
    all: isPlatformAdmin(viewer),
    communityIds: of("community_staff", "communityId"),
    streetIds: of("street_admin", "streetId"),
    teamIds,
  };
  if (!scope.all && !scope.communityIds.length && !scope.streetIds.length && !scope.teamIds.length)
    throw forbidden("exports are for staff and volunteer teams' admins");
  return scope;
}

function scopeCondition(scope: ExportScope): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.communityIds.length) parts.push(inArray(hourEntries.communityId, scope.communityIds));
  if (scope.streetIds.length) parts.push(inArray(communities.streetId, scope.streetIds));
  if (scope.teamIds.length) parts.push(inArray(hourEntries.organisationId, scope.teamIds));
  return or(...parts);
}

// Range bounds on the service's start, Tianjin midnight to midnight.
function rangeCondition(range: ExportRangeQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (range.community) parts.push(eq(hourEntries.communityId, range.community));
  if (range.from) parts.push(gte(hourEntries.startsAt, startOfTianjinDay(range.from)));
  if (range.to) parts.push(lt(hourEntries.startsAt, endOfTianjinDay(range.to)));
  return parts.length ? and(...parts) : undefined;
}

// ---------------------------------------------------------------- the two sheets

const statusLabels = { pending: "待核验", approved: "已核验", rejected: "未通过" } as const;
const kindLabels = { attendance: "签到签退", proxy: "代为登记", correction: "更正", reversal: "撤销工时" } as const;

export const HOURS_HEADER = [
  "记录编号",
  "日期",
  "志愿者",
  "活动",
  "组织方",
  "社区",
  "开始",
  "结束",
  "分钟",
  "状态",
  "类型",
  "被撤销的记录编号",
];
export const TOTALS_HEADER = ["志愿者编号", "志愿者", "已核验时长（小时）", "待核验时长（小时）", "已核验分钟", "待核验分钟"];

/** Every ledger entry in scope, oldest service first, as CSV. */
export async function hoursCsv(viewer: Viewer, range: ExportRangeQuery): Promise<string> {
  const scope = await exportScopeFor(viewer);
  const rows = await db()
    .select({
      id: hourEntries.id,
      volunteer: users.displayName,
      activity: activities.title,
      teamName: organisations.name,
      communityName: communities.name,
      startsAt: hourEntries.startsAt,
      endsAt: hourEntries.endsAt,
      minutes: hourEntries.minutes,
      decision: hourEntryReviews.decision,
      kind: hourEntries.kind,
      reversesId: hourEntries.reversesId,
    })
    .from(hourEntries)
    .innerJoin(users, eq(users.id, hourEntries.volunteerId))
    .innerJoin(activities, eq(activities.id, hourEntries.activityId))
    .innerJoin(communities, eq(communities.id, hourEntries.communityId))
    .leftJoin(organisations, eq(organisations.id, hourEntries.organisationId))
    .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
    .where(and(scopeCondition(scope), rangeCondition(range)))
    .orderBy(asc(hourEntries.startsAt), asc(hourEntries.createdAt), asc(hourEntries.id));
  return toCsv(
    HOURS_HEADER,
    rows.map((r) => [
      r.id,
      tianjinDate(r.startsAt),
      r.volunteer,
      r.activity,
      r.teamName ?? r.communityName,
      r.communityName,
      tianjinClockTime(r.startsAt),
      tianjinClockTime(r.endsAt),
      r.minutes,
      statusLabels[r.decision ?? "pending"],
      kindLabels[r.kind],
      r.reversesId,
    ]),
  );
}

/** Approved and pending time per volunteer over the entries in scope, as CSV. */
export async function totalsCsv(viewer: Viewer, range: ExportRangeQuery): Promise<string> {
  const scope = await exportScopeFor(viewer);
  const rows = await db()
    .select({
      volunteerId: hourEntries.volunteerId,
      volunteer: users.displayName,
      // bigint sums (postgres.js gives int8 as a string): Number is exact to 2^53.
      approved:
        sql<number>`coalesce(sum(${hourEntries.minutes}) filter (where ${hourEntryReviews.decision} = 'approved'), 0)::bigint`.mapWith(
          Number,
        ),
      pending:
        sql<number>`coalesce(sum(${hourEntries.minutes}) filter (where ${hourEntryReviews.hourEntryId} is null and ${hourEntries.kind} <> 'reversal'), 0)::bigint`.mapWith(
          Number,
        ),
    })
    .from(hourEntries)
    .innerJoin(users, eq(users.id, hourEntries.volunteerId))
    .innerJoin(communities, eq(communities.id, hourEntries.communityId))
    .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
    .where(and(scopeCondition(scope), rangeCondition(range)))
    .groupBy(hourEntries.volunteerId, users.displayName)
    .orderBy(asc(users.displayName), asc(hourEntries.volunteerId));
  return toCsv(
    TOTALS_HEADER,
    rows.map((r) => [r.volunteerId, r.volunteer, hoursOf(r.approved), hoursOf(r.pending), r.approved, r.pending]),
  );
}

/** The download's file name, e.g. linli-hours-2026-01-01_2026-03-31.csv. */
export function exportFileName(sheet: "hours" | "totals", range: ExportRangeQuery, today = now()): string {
  const span = range.from || range.to ? `${range.from ?? "start"}_${range.to ?? tianjinDate(today)}` : tianjinDate(today);
  return `linli-${sheet}-${span}.csv`;
}
