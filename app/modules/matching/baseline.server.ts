// The baseline engine: what a simple app does. PostgreSQL ILIKE over the same candidates in the
// subject's street, ranked by how many of its keywords each contains (a title hit counts double).
// Kept to measure the real engine against (match:eval --engine baseline, bench:match).
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { redactContactDetails } from "~/modules/needs/privacy";
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
  const rows =
    scope.table === "offers"
      ? await db().execute<Row>(sql`
          select * from (
            select o.id, o.category, coalesce(o.street_id, c.street_id) as street_id, o.community_id,
                   o.title || ' ' || o.description || ' ' || array_to_string(o.tags, ' ') as text,
                   coalesce(o.lat, c.lat) as lat, coalesce(o.lng, c.lng) as lng,
                   ${hitsOf(sql`o.title`, sql`(o.description || ' ' || array_to_string(o.tags, ' '))`)} as hits
            from offers o left join communities c on c.id = o.community_id
            where o.active and (o.street_id = ${scope.streetId} or c.street_id = ${scope.streetId})
          ) ranked where hits > 0 order by hits desc, id limit ${limit}`)
      : await needRows(keywords, scope.streetId, limit);
  return rows.map((r) => {
    const candidate = { streetId: r.street_id, communityId: r.community_id, lat: r.lat, lng: r.lng };
    const text = r.text.toLowerCase();
    const matchedTerms = keywords.filter((k) => text.includes(k.toLowerCase()));
    return {
      id: r.id,
      raw: r.hits,
      score: Math.round(Math.min(1, r.hits / (2 * keywords.length)) * 1000) / 1000,
      matchedTerms,
      category: r.category,
      categoryMatch: !!subject.category && r.category === subject.category,
      areaFit: areaFit(place, candidate),
      distanceMetres: distanceMetres(place, candidate),
    };
  });
}

/**
 * Needs are scored on their redacted text, the text anyone may read: a keyword that is a piece of a
 * phone number or an e-mail address in a wish never finds it. PostgreSQL narrows by the stored text.
 */
async function needRows(keywords: string[], streetId: string, limit: number): Promise<Row[]> {
  const patterns = keywords.map(likePattern);
  const rows = await db().execute<Omit<Row, "text" | "hits"> & { title: string; description: string }>(sql`
    select n.id, n.category, c.street_id, n.community_id, c.lat, c.lng, n.title, n.description
    from needs n join communities c on c.id = n.community_id
    where n.status = 'published' and c.street_id = ${streetId}
      and (${sql.join(
        patterns.map((p) => sql`n.title ilike ${p} or n.description ilike ${p}`),
        sql` or `,
      )})`);
  const words = keywords.map((k) => k.toLowerCase());
  return rows
    .map(({ title, description, ...row }) => {
      const [shownTitle, shownDescription] = [redactContactDetails(title).toLowerCase(), redactContactDetails(description).toLowerCase()];
      const hits = words.reduce((sum, w) => sum + (shownTitle.includes(w) ? 2 : shownDescription.includes(w) ? 1 : 0), 0);
      return { ...row, text: `${shownTitle} ${shownDescription}`, hits };
    })
    .filter((r) => r.hits > 0)
    .sort((a, b) => b.hits - a.hits || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
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
