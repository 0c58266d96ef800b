// The baseline engine: what a simple app does. PostgreSQL ILIKE over the active offers in the
// subject's street, ranked by how many of its keywords each contains (a title hit counts double).
// Kept to measure the real engine against (match:eval --engine baseline, bench:match).
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { plainKeywords, type MatchSubject } from "./query-builder.server";
import { areaFit, distanceMetres, type Place, type RankedCandidate } from "./ranking";
import type { BaselineScope } from "./matcher.server";

const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function baselineRanking(
  subject: MatchSubject,
  place: Place,
  scope: BaselineScope,
  limit: number,
): Promise<RankedCandidate[]> {
  const keywords = plainKeywords(subject);
  if (!keywords.length) return [];
  const patterns = keywords.map(likePattern);
  const hitsOf = (title: ReturnType<typeof sql>, rest: ReturnType<typeof sql>) =>
    sql.join(
      patterns.map((p) => sql`(case when ${title} ilike ${p} then 2 when ${rest} ilike ${p} then 1 else 0 end)`),
      sql` + `,
    );
  const rows = await db().execute<Row>(sql`
    select * from (
      select o.id, o.category, coalesce(o.street_id, c.street_id) as street_id, o.community_id,
             o.title || ' ' || o.description || ' ' || array_to_string(o.tags, ' ') as text,
             coalesce(o.lat, c.lat) as lat, coalesce(o.lng, c.lng) as lng,
             ${hitsOf(sql`o.title`, sql`(o.description || ' ' || array_to_string(o.tags, ' '))`)} as hits
      from offers o left join communities c on c.id = o.community_id
      where o.active and (o.street_id = ${scope.streetId} or c.street_id = ${scope.streetId})
    ) ranked where hits > 0 order by hits desc, id limit ${limit}`);
  return rows.map((r) => {
    const candidate = { streetId: r.street_id, communityId: r.community_id, lat: r.lat, lng: r.lng };
    const text = r.text.toLowerCase();
    const matchedTerms = keywords.filter((k) => text.includes(k.toLowerCase()));
    return {
      id: r.id,
      raw: r.hits,
      score: Math.round(Math.min(1, r.hits / (2 * keywords.length)) * 1000) / 1000,
      matchedTerms,
      matchedQuotes: matchedTerms,
      category: r.category,
      categoryMatch: !!subject.category && r.category === subject.category,
      areaFit: areaFit(place, candidate),
      distanceMetres: distanceMetres(place, candidate),
    };
  });
}

type Row = {
  id: string;
  category: string | null;
  street_id: string;
  community_id: string | null;
  lat: number | null;
  lng: number | null;
  text: string;
  hits: number;
};
