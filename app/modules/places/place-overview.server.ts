// Community and street pages for staff: partners, agreements, offers by category, and gaps.
import { eq, sql } from "drizzle-orm";
import { communities, streets } from "#db/schema";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { agreementsOfCommunity, agreementsOfStreet } from "~/modules/agreements/agreements.server";
import { listOffers } from "~/modules/offers/offers.server";
import { now } from "~/lib/clock.server";
import { tianjinDate } from "~/lib/tianjin-time";
import { isPartner } from "~/modules/organisations/partners.server";
import { lastTwelveMonths } from "./months";
import { publicNeedStatuses } from "~/modules/needs/lifecycle";
import { toCsv } from "~/lib/csv.server";
import type { TFunction } from "i18next";

/** Categories with open needs and no active offer serving the place: where partners are missing. */
async function gaps(needScope: ReturnType<typeof sql>, offerScope: ReturnType<typeof sql>) {
  return db().execute<{ category: string; open_needs: number }>(sql`
    select n.category::text as category, count(*)::int as open_needs
    from needs n join communities c on c.id = n.community_id
    where n.status = 'published' and n.category is not null and ${needScope}
      and not exists (
        select 1 from offers o left join communities oc on oc.id = o.community_id
        where o.active and o.category = n.category and ${offerScope})
    group by n.category order by open_needs desc`);
}

export async function communityOverview(communityId: string) {
  const [community] = await db()
    .select({ id: communities.id, name: communities.name, streetId: communities.streetId, streetName: streets.name })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(communities.id, communityId));
  if (!community) throw notFound("community");
  const [agreementList, offerPage, gapRows] = await Promise.all([
    agreementsOfCommunity(communityId),
    listOffers({ community: communityId, active: true, limit: 100 }),
    gaps(sql`n.community_id = ${communityId}`, sql`(o.community_id = ${communityId} or o.street_id = ${community.streetId})`),
  ]);
  return { community, agreements: agreementList, offersByCategory: groupByCategory(offerPage.items), gaps: [...gapRows] };
}

export async function streetOverview(streetId: string) {
  const [street] = await db().select({ id: streets.id, name: streets.name }).from(streets).where(eq(streets.id, streetId));
  if (!street) throw notFound("street");
  const [agreementList, offerPage, gapRows, communityRows] = await Promise.all([
    agreementsOfStreet(streetId),
    listOffers({ street: streetId, active: true, limit: 100 }),
    gaps(sql`c.street_id = ${streetId}`, sql`coalesce(o.street_id, oc.street_id) = ${streetId}`),
    streetCommunityTable(streetId),
  ]);
  return {
    street,
    agreements: agreementList,
    offersByCategory: groupByCategory(offerPage.items),
    gaps: [...gapRows],
    communities: communityRows,
    /** The months of `hoursByMonth`, oldest first. */
    months: lastTwelveMonths(now()),
  };
}

function groupByCategory<T extends { category: string }>(items: T[]): { category: string; offers: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return [...groups].map(([category, offers]) => ({ category, offers })).sort((a, b) => b.offers.length - a.offers.length);
}

/**
 * The street admin's table, one row per community: wishes posted (those the wish wall lists, which the number
 * links to: not those waiting for review, rejected or withdrawn) and cases completed, median days from
 * publication to first claim, open needs by category, partners (the one definition, organisations/partners.server.ts)
 * and agreements in force, approved hours for each of the last twelve months (from the ledger's monthly totals).
 */
export async function streetCommunityTable(streetId: string) {
  const today = tianjinDate(now());
  const months = lastTwelveMonths(now());
  const rows = await db().execute<{
    id: string;
    name: string;
    posted: number;
    completed: number;
    open_needs: number;
    median_days_to_claim: number | null;
    open_by_category: Record<string, number> | null;
    partners: number;
    agreements: number;
    hours_by_month: Record<string, number> | null;
  }>(sql`
    select c.id, c.name,
      (select count(*)::int from needs n where n.community_id = c.id and n.kind = 'micro_wish'
         and n.status::text = any(${sql.param([...publicNeedStatuses])}::text[])) as posted,
      (select count(*)::int from needs n where n.community_id = c.id and n.status = 'completed') as completed,
      (select count(*)::int from needs n where n.community_id = c.id and n.status = 'published') as open_needs,
      (select round((percentile_cont(0.5) within group (order by extract(epoch from (f.first_claim - n.published_at)) / 86400))::numeric, 1)::float
         from needs n join lateral (select min(cl.claimed_at) as first_claim from claims cl where cl.need_id = n.id) f on f.first_claim is not null
         where n.community_id = c.id and n.published_at is not null) as median_days_to_claim,
      (select jsonb_object_agg(x.category, x.n) from (select n.category::text as category, count(*)::int as n from needs n
         where n.community_id = c.id and n.status = 'published' and n.category is not null group by n.category) x) as open_by_category,
      (select count(*)::int from organisations org where ${isPartner(sql`org.id`, { community: sql`c.id` })}) as partners,
      (select count(*)::int from agreements a
         where a.status = 'active' and a.starts_on <= ${today}::date and a.ends_on >= ${today}::date
           and (a.community_id = c.id or a.street_id = c.street_id)) as agreements,
      (select jsonb_object_agg(to_char(h.month, 'YYYY-MM'), h.approved_minutes) from hour_totals_by_community_month h
         where h.community_id = c.id and h.month >= ${`${months[0]}-01`}::date) as hours_by_month
    from communities c where c.street_id = ${streetId} order by c.name`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    posted: r.posted,
    completed: r.completed,
    openNeeds: r.open_needs,
    medianDaysToClaim: r.median_days_to_claim,
    openByCategory: r.open_by_category ?? {},
    partners: r.partners,
    agreements: r.agreements,
    // Exactly the last twelve months (Tianjin), oldest first, months without hours as 0.
    // Rounded once, from the minutes: the sum of twelve rounded months drifted from the ledger's total.
    minutesByMonth: Object.fromEntries(months.map((m) => [m, Number(r.hours_by_month?.[m] ?? 0)])),
    hoursTotal: Math.round(months.reduce((sum, m) => sum + Number(r.hours_by_month?.[m] ?? 0), 0) / 60),
  }));
}

/**
 * The street table as a spreadsheet, in the reader's language (`t` of zh-CN or en): category names, not
 * keys. Its file name carries the Tianjin date of the app's clock.
 */
export async function streetReportCsv(streetId: string, t: TFunction): Promise<{ body: string; fileName: string }> {
  const rows = await streetCommunityTable(streetId);
  const header = ["community", "posted", "completed", "medianDays", "openByCategory", "partners", "agreements", "hours"].map((key) =>
    t(`streetReport.header.${key}`),
  );
  const body = toCsv(
    header,
    rows.map((c) => [
      c.name,
      c.posted,
      c.completed,
      c.medianDaysToClaim,
      Object.entries(c.openByCategory)
        .map(([category, n]) => `${t(`category.${category}`)}: ${n}`)
        .join("; "),
      c.partners,
      c.agreements,
      c.hoursTotal,
    ]),
  );
  return { body, fileName: `linli-street-${tianjinDate(now())}.csv` };
}
