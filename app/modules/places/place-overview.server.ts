// Community and street pages for staff: partners, agreements, offers by category, and gaps.
import { eq, sql } from "drizzle-orm";
import { communities, streets } from "#db/schema";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { agreementsOfCommunity, agreementsOfStreet } from "~/modules/agreements/agreements.server";
import { listOffers } from "~/modules/offers/offers.server";

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
    db().execute<{ id: string; name: string; open_needs: number; completed: number }>(sql`
      select c.id, c.name,
        (select count(*)::int from needs n where n.community_id = c.id and n.status = 'published') as open_needs,
        (select count(*)::int from needs n where n.community_id = c.id and n.status = 'completed') as completed
      from communities c where c.street_id = ${streetId} order by c.name`),
  ]);
  return {
    street,
    agreements: agreementList,
    offersByCategory: groupByCategory(offerPage.items),
    gaps: [...gapRows],
    communities: [...communityRows],
  };
}

function groupByCategory<T extends { category: string }>(items: T[]): { category: string; offers: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return [...groups].map(([category, offers]) => ({ category, offers })).sort((a, b) => b.offers.length - a.offers.length);
}
