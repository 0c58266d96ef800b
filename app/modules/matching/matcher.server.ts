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
  type Reach,
  type TermResult,
} from "./ranking";
import { baselineRanking } from "./baseline.server";
import { nowMs } from "~/lib/clock.server";
import { boundedMemo } from "~/lib/bounded-memo";
import { redactContactDetails } from "~/modules/needs/privacy";

export type MatchEngine = "meili" | "baseline";

export interface TermSearch {
  index: IndexBase;
  /** Meilisearch filter for the area and state (the baseline reads `scope` instead). */
  filter: string;
  scope: BaselineScope;
  /** Offers for a need: those serving its area, nearby ones as fallbacks; activities for a volunteer: anything nearby. */
  reach: Reach;
}

export interface BaselineScope {
  table: "offers";
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

/** Queries per multi-search request when many subjects are ranked at once. */
const TERMS_PER_REQUEST = 100;
/**
 * Multi-search requests in flight at once: a need's ten terms as two requests, served side by side
 * while the app only waits (measured alone at 100,000 offers: p50 5.2 → 4.1 ms for the same results).
 */
const REQUESTS_IN_FLIGHT = 2;

/** The area's size, then each term on its own (OR semantics with our own weights), in few multi-searches. */
async function meiliTermResults(terms: string[], search: TermSearch) {
  const indexUid = indexName(search.index);
  const termQuery = (term: string): MultiSearchQuery => ({
    indexUid,
    q: term,
    filter: search.filter,
    limit: PER_TERM,
    attributesToRetrieve: RETRIEVE,
    showRankingScore: true,
    matchingStrategy: "all" as const,
    locales: ["cmn" as const],
  });
  const perRequest = Math.min(TERMS_PER_REQUEST, Math.ceil(terms.length / REQUESTS_IN_FLIGHT));
  const chunks: string[][] = [];
  for (let start = 0; start < terms.length; start += perRequest) chunks.push(terms.slice(start, start + perRequest));
  const byTerm = new Map<string, Omit<TermResult, "term">>();
  let areaSize = 0;
  const searchChunk = async (chunk: string[], withAreaSize: boolean) => {
    const queries = [...(withAreaSize ? [{ indexUid, q: "", filter: search.filter, limit: 0 }] : []), ...chunk.map(termQuery)];
    const results = (await searchClient().multiSearch({ queries })).results;
    if (withAreaSize) areaSize = results.shift()?.estimatedTotalHits ?? 0;
    results.forEach((result, i) =>
      byTerm.set(chunk[i]!, {
        total: result.estimatedTotalHits ?? result.hits.length,
        hits: result.hits.map((hit) => ({ doc: toCandidate(hit as unknown as Hit), rankingScore: hit._rankingScore ?? 0 })),
      }),
    );
  };
  try {
    for (let first = 0; first < chunks.length; first += REQUESTS_IN_FLIGHT)
      await Promise.all(chunks.slice(first, first + REQUESTS_IN_FLIGHT).map((chunk, i) => searchChunk(chunk, first + i === 0)));
  } catch (error) {
    throw unavailable(`the search engine is temporarily unavailable (${error instanceof Error ? error.message : String(error)})`);
  }
  return { byTerm, areaSize };
}

/** Built queries by subject text: ranking an offer's area builds the same needs' queries again and again. */
const queryOf = boundedMemo(
  5000,
  (subject: MatchSubject) => JSON.stringify([subject.title, subject.description, subject.category, subject.tags ?? []]),
  buildQuery,
);

export interface CandidateOptions {
  engine?: MatchEngine;
  limit?: number;
  minScore?: number;
}

/**
 * Ranks the candidates of several subjects at the same place. Each term is searched once for all
 * of them; a term's results depend only on the term and the place, so each subject gets exactly
 * the ranking it would get alone.
 */
export async function findCandidatesForMany(
  subjects: MatchSubject[],
  place: Place,
  search: TermSearch,
  { engine = "meili", limit = 10, minScore }: CandidateOptions = {},
): Promise<{ query: MatchQuery; ranked: RankedCandidate[] }[]> {
  const queries = subjects.map(queryOf);
  if (engine === "baseline") {
    const out = [];
    for (const [i, query] of queries.entries())
      out.push({ query, ranked: query.terms.length ? await baselineRanking(subjects[i]!, place, search.scope, limit) : [] });
    return out;
  }
  const terms = [...new Set(queries.flatMap((q) => q.terms.map((t) => t.term)))];
  if (!terms.length) return queries.map((query) => ({ query, ranked: [] }));
  const { byTerm, areaSize } = await meiliTermResults(terms, search);
  return queries.map((query) => ({
    query,
    ranked: query.terms.length
      ? rankCandidates(
          query,
          query.terms.map((term) => ({ term, ...byTerm.get(term.term)! })),
          place,
          areaSize,
          { limit, minScore, reach: search.reach },
        )
      : [],
  }));
}

export async function findCandidates(
  subject: MatchSubject,
  place: Place,
  search: TermSearch,
  options: CandidateOptions = {},
): Promise<{ query: MatchQuery; ranked: RankedCandidate[] }> {
  const [one] = await findCandidatesForMany([subject], place, search, options);
  return one!;
}

/**
 * What the matcher reads of a need, the same in both directions: its public text (a phone number or
 * e-mail is never a reason to match, nor shown as one) and its items as tags.
 */
export function needSubject(row: {
  title: string;
  description: string;
  category: string | null;
  items: string[] | null;
  kind?: MatchSubject["kind"];
}): MatchSubject {
  return {
    title: redactContactDetails(row.title),
    description: redactContactDetails(row.description),
    category: row.category,
    tags: (row.items ?? []).map(redactContactDetails),
    kind: row.kind,
  };
}

/** Where a need is: its community. */
export async function placeOfNeed(needId: string) {
  const [row] = await db().execute<{
    title: string;
    description: string;
    category: string | null;
    kind: MatchSubject["kind"];
    community_id: string;
    street_id: string;
    lat: number;
    lng: number;
    items: string[] | null;
    posted_by_user_id: string;
    beneficiary_user_id: string | null;
  }>(sql`
    select n.title, n.description, n.category, n.kind, n.community_id, c.street_id, c.lat, c.lng, n.posted_by_user_id, n.beneficiary_user_id,
           (select array_agg(i.title order by i.position) from need_items i where i.need_id = n.id) as items
    from needs n join communities c on c.id = n.community_id where n.id = ${needId}`);
  if (!row) return null;
  return {
    subject: needSubject(row),
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

/** A need's offers: those serving its area, and those near it as fallbacks (ranking.ts FALLBACK_FACTOR). */
export const needToOffers = async (place: Place): Promise<TermSearch> => ({
  index: "offers",
  filter: `active = true AND ${await areaFilter(place)}`,
  scope: { table: "offers", streetId: place.streetId },
  reach: "serving",
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
  reach: "nearby",
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
