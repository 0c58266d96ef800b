// The matcher: for a need, the offers that could fulfil it; for an offer, the open needs it could
// serve; for a volunteer, activities near them that fit. One query builder and one ranking for all
// directions; Meilisearch finds the documents, PostgreSQL has the final word on what is shown.
import { sql } from "drizzle-orm";
import type { MultiSearchQuery } from "meilisearch";
import { db } from "~/lib/db.server";
import { unavailable } from "~/lib/errors";
import { indexName, searchClient, type IndexBase } from "~/lib/search.server";
import { buildQuery, type MatchQuery, type MatchSubject } from "./query-builder.server";
import {
  distanceMetres,
  NEARBY_METRES,
  rankCandidates,
  type CandidateDoc,
  type Place,
  type RankedCandidate,
  type TermResult,
} from "./ranking";
import { baselineRanking } from "./baseline.server";
import { nowMs } from "~/lib/clock.server";

export type MatchEngine = "meili" | "baseline";

export interface TermSearch {
  index: IndexBase;
  /** Meilisearch filter for the area and state (the baseline reads `scope` instead). */
  filter: string;
  scope: BaselineScope;
}

export interface BaselineScope {
  table: "offers" | "needs";
  streetId: string;
}

const RETRIEVE = ["id", "category", "streetId", "communityId", "_geo"];
const PER_TERM = 30;

function quote(value: string): string {
  return JSON.stringify(value);
}

/** Streets whose centre lies this close may hold candidates within NEARBY_METRES (a street spans ~2 km). */
const STREET_REACH_METRES = NEARBY_METRES + 2500;
let streetCache: { at: number; streets: { id: string; lat: number; lng: number }[] } | null = null;

async function streetCentres() {
  if (!streetCache || nowMs() - streetCache.at > 300_000)
    streetCache = {
      at: nowMs(),
      streets: await db().execute<{ id: string; lat: number; lng: number }>(sql`select id, lat, lng from streets`),
    };
  return streetCache.streets;
}

/**
 * The place's street and the streets near it, as a plain filter: a `_geoRadius` filter costs
 * Meilisearch several milliseconds per query at 100,000 offers, a street list next to nothing.
 * The exact distance of candidates from other streets is checked when ranking.
 */
export async function areaFilter(place: Place): Promise<string> {
  const ids = new Set([place.streetId]);
  if (place.lat !== null && place.lng !== null)
    for (const street of await streetCentres()) if ((distanceMetres(place, street) ?? Infinity) <= STREET_REACH_METRES) ids.add(street.id);
  return `streetId IN [${[...ids].map(quote).join(", ")}]`;
}

type Hit = {
  id: string;
  category: string | null;
  streetId: string;
  communityId: string | null;
  _geo?: { lat: number; lng: number } | null;
};

function toCandidate(hit: Hit): CandidateDoc {
  return {
    id: hit.id,
    category: hit.category,
    streetId: hit.streetId,
    communityId: hit.communityId,
    lat: hit._geo?.lat ?? null,
    lng: hit._geo?.lng ?? null,
  };
}

/** One multi-search: the area's size, then each term on its own (OR semantics with our own weights). */
async function meiliTermResults(query: MatchQuery, search: TermSearch): Promise<{ results: TermResult[]; areaSize: number }> {
  const indexUid = indexName(search.index);
  const queries: MultiSearchQuery[] = [
    { indexUid, q: "", filter: search.filter, limit: 0 },
    ...query.terms.map((term) => ({
      indexUid,
      q: term.term,
      filter: search.filter,
      limit: PER_TERM,
      attributesToRetrieve: RETRIEVE,
      showRankingScore: true,
      matchingStrategy: "all" as const,
      locales: ["cmn" as const],
    })),
  ];
  let response;
  try {
    response = await searchClient().multiSearch({ queries });
  } catch (error) {
    throw unavailable(`the search engine is temporarily unavailable (${error instanceof Error ? error.message : String(error)})`);
  }
  const [area, ...perTerm] = response.results;
  return {
    areaSize: area?.estimatedTotalHits ?? 0,
    results: perTerm.map((result, i) => ({
      term: query.terms[i]!,
      total: result.estimatedTotalHits ?? result.hits.length,
      hits: result.hits.map((hit) => ({ doc: toCandidate(hit as unknown as Hit), rankingScore: hit._rankingScore ?? 0 })),
    })),
  };
}

export async function findCandidates(
  subject: MatchSubject,
  place: Place,
  search: TermSearch,
  { engine = "meili", limit = 10, minScore }: { engine?: MatchEngine; limit?: number; minScore?: number } = {},
): Promise<{ query: MatchQuery; ranked: RankedCandidate[] }> {
  const query = buildQuery(subject);
  if (!query.terms.length) return { query, ranked: [] };
  if (engine === "baseline") return { query, ranked: await baselineRanking(subject, place, search.scope, limit) };
  const { results, areaSize } = await meiliTermResults(query, search);
  return { query, ranked: rankCandidates(query, results, place, areaSize, { limit, minScore }) };
}

/** Where a need is: its community. */
export async function placeOfNeed(needId: string) {
  const [row] = await db().execute<{
    title: string;
    description: string;
    category: string | null;
    community_id: string;
    street_id: string;
    lat: number;
    lng: number;
    items: string[] | null;
    posted_by_user_id: string;
    beneficiary_user_id: string | null;
  }>(sql`
    select n.title, n.description, n.category, n.community_id, c.street_id, c.lat, c.lng, n.posted_by_user_id, n.beneficiary_user_id,
           (select array_agg(i.title order by i.position) from need_items i where i.need_id = n.id) as items
    from needs n join communities c on c.id = n.community_id where n.id = ${needId}`);
  if (!row) return null;
  return {
    subject: { title: row.title, description: row.description, category: row.category, tags: row.items ?? [] } satisfies MatchSubject,
    place: { streetId: row.street_id, communityId: row.community_id, lat: row.lat, lng: row.lng } satisfies Place,
    access: {
      postedByUserId: row.posted_by_user_id,
      beneficiaryUserId: row.beneficiary_user_id,
      communityId: row.community_id,
      streetId: row.street_id,
    },
  };
}

/** Where an offer works: its community, or its whole street (community null). */
export async function placeOfOffer(offerId: string) {
  const [row] = await db().execute<{
    title: string;
    description: string;
    category: string;
    tags: string[];
    community_id: string | null;
    street_id: string;
    lat: number | null;
    lng: number | null;
    organisation_id: string;
  }>(sql`
    select o.title, o.description, o.category, o.tags, o.community_id, o.organisation_id, coalesce(o.street_id, c.street_id) as street_id,
           coalesce(o.lat, c.lat, s.lat) as lat, coalesce(o.lng, c.lng, s.lng) as lng
    from offers o left join communities c on c.id = o.community_id
    join streets s on s.id = coalesce(o.street_id, c.street_id) where o.id = ${offerId}`);
  if (!row) return null;
  return {
    subject: { title: row.title, description: row.description, category: row.category, tags: row.tags } satisfies MatchSubject,
    place: { streetId: row.street_id, communityId: row.community_id, lat: row.lat, lng: row.lng } satisfies Place,
    access: { organisationId: row.organisation_id, communityId: row.community_id, streetId: row.street_id },
  };
}

export const needToOffers = async (place: Place): Promise<TermSearch> => ({
  index: "offers",
  filter: `active = true AND ${await areaFilter(place)}`,
  scope: { table: "offers", streetId: place.streetId },
});

export const offerToNeeds = async (place: Place): Promise<TermSearch> => ({
  index: "needs",
  filter: `status = "published" AND ${await areaFilter(place)}`,
  scope: { table: "needs", streetId: place.streetId },
});

/**
 * What a volunteer is good at and cares about, read from what they signed up for (the skills and
 * titles of their activities), and where they live (home community, else their membership's).
 */
export async function profileOfVolunteer(userId: string) {
  const history = await db().execute<{ title: string; category: string; skills: string[] }>(sql`
    select a.title, a.category, a.skills from activity_signups s join activities a on a.id = s.activity_id
    where s.volunteer_id = ${userId} order by a.starts_at desc limit 20`);
  const [home] = await db().execute<{ community_id: string; street_id: string; lat: number; lng: number }>(sql`
    select c.id as community_id, c.street_id, c.lat, c.lng from users u
    left join memberships m on m.user_id = u.id and m.community_id is not null
    join communities c on c.id = coalesce(u.home_community_id, m.community_id)
    where u.id = ${userId} limit 1`);
  const counts = new Map<string, number>();
  for (const h of history) counts.set(h.category, (counts.get(h.category) ?? 0) + 1);
  const favourite = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return {
    subject: {
      title: "",
      description: history.map((h) => h.title).join("。"),
      category: favourite,
      tags: [...new Set(history.flatMap((h) => h.skills))],
    } satisfies MatchSubject,
    place: home ? ({ streetId: home.street_id, communityId: home.community_id, lat: home.lat, lng: home.lng } satisfies Place) : null,
  };
}

export const volunteerToActivities = async (place: Place, now: Date): Promise<TermSearch> => ({
  index: "activities",
  filter: `status = "scheduled" AND startsAt > ${now.getTime()} AND ${await areaFilter(place)}`,
  scope: { table: "offers", streetId: place.streetId },
});

/** Upcoming activities in the area, soonest first: for a volunteer with no history yet. */
export async function upcomingNearby(place: Place, now: Date, limit: number): Promise<string[]> {
  try {
    const result = await searchClient()
      .index(indexName("activities"))
      .search("", {
        filter: `status = "scheduled" AND startsAt > ${now.getTime()} AND ${await areaFilter(place)}`,
        sort: ["startsAt:asc"],
        limit,
        attributesToRetrieve: ["id"],
      });
    return result.hits.map((h) => String(h.id));
  } catch (error) {
    throw unavailable(`the search engine is temporarily unavailable (${error instanceof Error ? error.message : String(error)})`);
  }
}
