// Public figures: counts, by category and by month, for the city, a street or a community.
// Aggregates come from summary queries and a short-lived in-process cache, never a scan per request.
import { problemFiguresByCommunity, resolvedProblems } from "~/modules/problems/problems.server";
import { TIANJIN_ZONE } from "~/lib/tianjin-time.server";
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { startOfTianjinDay, tianjinDate, tianjinMonth } from "~/lib/tianjin-time";
import { maskName } from "~/modules/needs/privacy";
import { now, nowMs } from "~/lib/clock.server";
import { countPartners, isPartner } from "~/modules/organisations/partners.server";
import { lastTwelveMonths } from "~/modules/places/months";
import { listActivities } from "~/modules/activities/activities.server";
import { agreementsOfCommunity, agreementsOfStreet } from "~/modules/agreements/agreements.server";
import { listPublicNeeds } from "~/modules/needs/needs.server";

export interface PlatformFigures {
  wishesCompleted: number;
  needsOpen: number;
  partners: number;
  activeAgreements: number;
  volunteers: number;
  approvedHours: number;
}

export interface ShowcaseSummary extends PlatformFigures {
  scope: { street: string | null; community: string | null };
  byCategory: { category: string; completed: number; open: number }[];
  byMonth: { month: string; completed: number }[];
  generatedAt: string;
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<ShowcaseSummary> }>();

/** Where the figures are taken: needs and agreements by community; hours by the activity's community. */
function scopeFilter(scope: { street?: string; community?: string }, communityColumn: SQL) {
  if (scope.community) return sql`${communityColumn} = ${scope.community}`;
  if (scope.street) return sql`${communityColumn} in (select id from communities where street_id = ${scope.street})`;
  return sql`true`;
}

async function computeSummary(scope: { street?: string; community?: string }): Promise<ShowcaseSummary> {
  const needs = scopeFilter(scope, sql`n.community_id`);
  // Approved hours from the ledger's summary tables (kept exact by the database), not a scan of 10M entries.
  const approvedMinutes = scope.community
    ? sql`(select coalesce(sum(approved_minutes), 0)::bigint from hour_totals_by_community where community_id = ${scope.community})`
    : scope.street
      ? sql`(select coalesce(sum(approved_minutes), 0)::bigint from hour_totals_by_street where street_id = ${scope.street})`
      : sql`(select coalesce(sum(approved_minutes), 0)::bigint from hour_totals_by_street)`;
  const agreementsScope = scope.community
    ? sql`(a.community_id = ${scope.community} or a.street_id = (select street_id from communities where id = ${scope.community}))`
    : scope.street
      ? sql`(a.street_id = ${scope.street} or a.community_id in (select id from communities where street_id = ${scope.street}))`
      : sql`true`;
  const today = tianjinDate(now());
  const [figures] = await db().execute<{
    wishes_completed: number;
    needs_open: number;
    partners: number;
    active_agreements: number;
    volunteers: number;
    approved_minutes: number;
  }>(sql`
    select
      (select count(*)::int from needs n where n.kind = 'micro_wish' and n.status = 'completed' and ${needs}) as wishes_completed,
      (select count(*)::int from needs n where n.status = 'published' and ${needs}) as needs_open,
      (select count(*)::int from organisations org where ${isPartner(sql`org.id`, scope)}) as partners,
      (select count(*)::int from agreements a
         where a.status = 'active' and a.starts_on <= ${today}::date and a.ends_on >= ${today}::date and ${agreementsScope}) as active_agreements,
      (select count(distinct m.user_id)::int from memberships m where m.role = 'volunteer' and ${scopeFilter(scope, sql`m.community_id`)}) as volunteers,
      ${approvedMinutes} as approved_minutes`);
  const byCategory = await db().execute<{ category: string; completed: number; open: number }>(sql`
    select n.category::text as category,
      count(*) filter (where n.status = 'completed')::int as completed,
      count(*) filter (where n.status = 'published')::int as open
    from needs n where n.category is not null and ${needs}
    group by n.category order by completed desc, open desc`);
  // The twelve months up to this one (Tianjin, the app's clock), oldest first.
  const months = lastTwelveMonths(now());
  const completedByMonth = await db().execute<{ month: string; completed: number }>(sql`
    select to_char(n.completed_at at time zone ${TIANJIN_ZONE}, 'YYYY-MM') as month, count(*)::int as completed
    from needs n where n.status = 'completed' and n.completed_at >= ${startOfTianjinDay(`${months[0]}-01`).toISOString()}::timestamptz and ${needs}
    group by 1`);
  const byMonth = months.map((month) => ({ month, completed: completedByMonth.find((r) => r.month === month)?.completed ?? 0 }));
  return {
    scope: { street: scope.street ?? null, community: scope.community ?? null },
    wishesCompleted: figures!.wishes_completed,
    needsOpen: figures!.needs_open,
    partners: figures!.partners,
    activeAgreements: figures!.active_agreements,
    volunteers: figures!.volunteers,
    approvedHours: Math.round(Number(figures!.approved_minutes) / 60),
    byCategory: [...byCategory],
    byMonth,
    generatedAt: now().toISOString(),
  };
}

/** The summary for a scope, from a one-minute in-process cache (failures are not cached). */
export function showcaseSummary(scope: { street?: string; community?: string } = {}): Promise<ShowcaseSummary> {
  const key = `${scope.street ?? ""}|${scope.community ?? ""}`;
  const hit = cache.get(key);
  if (hit && nowMs() - hit.at < TTL_MS) return hit.value;
  const value = computeSummary(scope);
  cache.set(key, { at: nowMs(), value });
  value.catch(() => cache.delete(key));
  return value;
}

export async function platformFigures(): Promise<PlatformFigures> {
  const { wishesCompleted, needsOpen, partners, activeAgreements, volunteers, approvedHours } = await showcaseSummary();
  return { wishesCompleted, needsOpen, partners, activeAgreements, volunteers, approvedHours };
}

/** A strong validator for a JSON body. */
export function etagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

export function clearShowcaseCache() {
  cache.clear();
}

/**
 * The honour roll: partners (the one definition, organisations/partners.server.ts) with something to
 * show, ranked by wishes fulfilled (completed claims) and approved volunteer hours of the activities they
 * ran (the ledger's exact totals, reversals included). Partners with neither are left out; `partners`
 * says how many there are in all. Minutes are bigint end to end: postgres.js hands int8 over as a
 * string, read with Number (exact to 2^53).
 */
export async function honourRoll(scope: { street?: string } = {}, limit = 100) {
  const rows = await db().execute<{ id: string; name: string; type: string; fulfilled: number; minutes: string }>(sql`
    select * from (
      select org.id, org.name, org.type::text as type,
        (select count(*)::int from claims c where c.organisation_id = org.id and c.status = 'completed') as fulfilled,
        coalesce((select t.approved_minutes from hour_totals_by_organisation t where t.organisation_id = org.id), 0)::bigint as minutes
      from organisations org
      where ${isPartner(sql`org.id`, scope)}
    ) roll
    where roll.fulfilled > 0 or roll.minutes >= 30
    order by roll.fulfilled desc, roll.minutes desc, roll.name limit ${limit}`);
  return {
    partners: await countPartners(scope),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      wishesFulfilled: r.fulfilled,
      volunteerHours: Math.round(Number(r.minutes) / 60),
    })),
  };
}

/** 本月共建之星: the partners who completed most wishes in this calendar month (Tianjin time); empty early in a month. */
export async function partnersOfTheMonth(limit = 5) {
  const start = startOfTianjinDay(`${tianjinMonth(now())}-01`).toISOString();
  const rows = await db().execute<{ id: string; name: string; type: string; fulfilled: number }>(sql`
    select o.id, o.name, o.type::text as type, count(*)::int as fulfilled
    from claims c join organisations o on o.id = c.organisation_id
    where c.status = 'completed' and c.completed_at >= ${start}::timestamptz
      and c.completed_at < (${start}::timestamptz + interval '1 month')
    group by o.id order by fulfilled desc, o.name limit ${limit}`);
  return [...rows];
}

/** Volunteers who opted in, names masked, by approved hours (the ledger's totals per volunteer; bigint minutes). */
export async function volunteerLeaderboard(limit = 50) {
  const rows = await db().execute<{ display_name: string; community: string | null; minutes: string }>(sql`
    select u.display_name, c.name as community, t.approved_minutes::bigint as minutes
    from hour_totals_by_volunteer t
    join users u on u.id = t.volunteer_id
    left join communities c on c.id = u.home_community_id
    where u.show_on_leaderboard and u.deleted_at is null and t.approved_minutes > 0
    order by t.approved_minutes desc, u.id limit ${limit}`);
  return rows.map((r, i) => ({
    rank: i + 1,
    name: maskName(r.display_name),
    community: r.community,
    hours: Math.round(Number(r.minutes) / 6) / 10,
  }));
}

/** A street's or a community's showcase page: its figures, six open wishes, six coming activities and its active partners. */
export async function placeShowcase(scope: { street: string } | { community: string }) {
  const today = tianjinDate(now());
  const problemScope = "street" in scope ? { streetId: scope.street } : { communityId: scope.community };
  const [summary, open, upcoming, agreements, resolved, problemFigures] = await Promise.all([
    showcaseSummary(scope),
    listPublicNeeds({ ...scope, status: "published", limit: 6 }),
    listActivities({ ...scope, from: today, limit: 6 }),
    "street" in scope ? agreementsOfStreet(scope.street) : agreementsOfCommunity(scope.community),
    resolvedProblems(problemScope, 6),
    problemFiguresByCommunity(problemScope),
  ]);
  return {
    summary,
    open: open.items,
    upcoming: upcoming.items,
    resolved,
    problemFigures,
    partners: [...new Map(agreements.filter((a) => a.status === "active").map((a) => [a.organisationId, a.organisationName])).entries()],
  };
}
