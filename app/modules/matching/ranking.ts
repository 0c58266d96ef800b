// Scores the candidates one weighted query found, term by term. Pure: the engine (Meilisearch or
// the PostgreSQL baseline) supplies which documents each term found; this decides what fits.
import type { CategoryKey } from "~/modules/categories/categories";
import type { MatchQuery, QueryTerm } from "./query-builder.server";
import { kinOf } from "./vocabulary";

/** Beyond its own street a candidate counts only this close (metres). */
export const NEARBY_METRES = 2000;
/**
 * Below this raw score nothing is shown: better an honest "no match" than noise. Calibrated, not
 * picked: `npm run match:calibrate -- --sets DIR…` scores every candidate with no threshold and takes
 * the middle of the widest run of thresholds with the best balanced accuracy over the needs of all
 * sets pooled (needs with a fit still led by a fitting offer, needs without one answered empty).
 * Since session 25 it is calibrated on the sets as the code first saw them: tune-58…97 (40 sets,
 * 1,893 needs), each scored by the commit that reported it as held out (b94400f … 2d82d05, whose
 * scoring has the same scale as today's), saved and loaded together (`--save`/`--load`). A tuning
 * set's misreadings were mended once read, so today's code answers it better than it answers unseen
 * text, and a threshold fitted to those answers is fitted to mended ones. That gives 2.25 (balanced
 * accuracy 0.9095, against 0.9057 at 2.2; leaving any one set out chooses 2.25 again). The curve is
 * flat: on unseen text the answers to needs nothing fits score as high as the fitting ones, so no
 * threshold between 1.9 and 2.7 moves the balance by more than 0.01.
 * Before: 2.2 over the dev set and tune-12…57 with today's code (session 19, 2,239 needs, 0.951);
 * 2.15 over the dev set and tune-12…45 (1,665 needs), with nearby fallbacks at FALLBACK_FACTOR and MAIN_ASK_FACTOR
 * (balanced accuracy 0.945; 0.951 over tune-12…41, and 2.15 again over tune-12…53 in session 18). It was 2.0 over
 * tune-12…37 before MAIN_ASK_FACTOR (0.935), 1.95 on tune-12…25 and on tune-12…21, 1.75 on
 * tune-12…15 with no fallbacks, and 1.25 on wave 2's first tuning sets (lost with their machine).
 */
export const MIN_SCORE = 2.25;

export interface Place {
  streetId: string;
  communityId: string | null;
  lat: number | null;
  lng: number | null;
}

export interface CandidateDoc extends Place {
  id: string;
  category: string | null;
}

export interface TermResult {
  term: QueryTerm;
  /** Documents in the area containing the term (its rarity there). */
  total: number;
  hits: { doc: CandidateDoc; rankingScore: number }[];
}

export type AreaFit = "community" | "street" | "nearby";

/**
 * What a search ranks: a need's offers ("serving": DESIGN's "active offers that serve its area"
 * first, the nearby ones that do not only as fallbacks) or a volunteer's activities ("nearby": a
 * volunteer goes to an activity, wherever it is close).
 */
export type Reach = "serving" | "nearby";

export interface RankedCandidate {
  id: string;
  raw: number;
  score: number;
  matchedTerms: string[];
  /** The subject's own words behind the matched terms, strongest first (what the reasons quote). */
  matchedQuotes: string[];
  category: string | null;
  categoryMatch: boolean;
  areaFit: AreaFit;
  distanceMetres: number | null;
}

export function distanceMetres(a: { lat: number | null; lng: number | null }, b: { lat: number | null; lng: number | null }) {
  if (a.lat === null || a.lng === null || b.lat === null || b.lng === null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

/**
 * How well the candidate's area serves the subject's place. Offers serve one community or a
 * whole street (communityId null); a need is in one community.
 */
export function areaFit(subject: Place, candidate: Place): AreaFit {
  if (candidate.streetId === subject.streetId) {
    if (!candidate.communityId || !subject.communityId || candidate.communityId === subject.communityId) return "community";
    return "street";
  }
  return "nearby";
}

/**
 * A need's offer that does not serve its area (another community of the street, or another street
 * within NEARBY_METRES) is still worth a call when it fits well: a fallback, listed after the offers
 * that serve the need, and only when this share of its relevance still reaches MIN_SCORE. The
 * labelled sets, the dev set included, grade such offers 1 ("partial or a fallback"); an offer from
 * farther away is never shown. Calibrated with MIN_SCORE: of 0.5, 0.65 and 0.8, `npm run
 * match:calibrate` reaches the best balanced accuracy at 0.8 (0.917, 0.923, 0.926; 1.95 each time).
 */
export const FALLBACK_FACTOR = 0.8;
/** By what is ranked: how much a candidate of each area fit keeps of its relevance. */
const AREA_FACTOR: Record<Reach, Record<AreaFit, number>> = {
  serving: { community: 1, street: FALLBACK_FACTOR, nearby: FALLBACK_FACTOR },
  // A volunteer's activity elsewhere is at best a side match.
  nearby: { community: 1, street: 0.3, nearby: 0.25 },
};
/** The same category strengthens textual evidence; it never stands in for it. */
const CATEGORY_FACTOR = { given: 1.4, inferred: 1.25 } as const;
/**
 * A candidate that meets the query's strongest concept (what it mainly asks for) and is of the
 * category asked: two kinds of evidence agree. Short wishes evoke one concept, and a fitting offer
 * that meets only it scored below the threshold (1.6–1.99) as often as noise did; measured over the
 * dev set and tune-12…41 with the threshold recalibrated (see MIN_SCORE).
 */
const MAIN_ASK_FACTOR = 1.25;
/**
 * Kinds of help partners file either way: a property company's 公共部位维修 (楼道灯、单元门) is repair
 * to it and infrastructure to the community that asks. An offer of the neighbouring kind that meets
 * the main ask counts as of the kind asked (the category factor, not the main ask's).
 */
const NEIGHBOUR_CATEGORIES: [CategoryKey, CategoryKey][] = [["infrastructure", "repair"]];
const neighbours = (a: string, b: string | null) => NEIGHBOUR_CATEGORIES.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
/** A candidate that misses everything the title asks for is at best a side match. */
const MISSED_PRIMARY_FACTOR = 0.5;
/** A concept's hit counts at least this much, whichever of its words (synonyms) it matched. */
const CONCEPT_SCORE_FLOOR = 0.8;

/** The shown score (0–1) of a raw score, and back (for calibration, which reads shown scores). */
const SCORE_SCALE = 2.5;
export const scoreOf = (raw: number) => Math.round((1 - Math.exp(-raw / SCORE_SCALE)) * 1000) / 1000;
export const rawOf = (score: number) => -SCORE_SCALE * Math.log(1 - Math.min(score, 0.9999));

function rarity(total: number, areaSize: number): number {
  if (areaSize <= 1) return 1;
  return Math.log(1 + areaSize / (1 + total)) / Math.log(1 + areaSize);
}

/**
 * The query's strongest concept, what it mainly asks for; of concepts evoked as strongly, the one of
 * the category asked (楼道灯坏了: the shared light, not the electrician indoors, both at title weight).
 * Read among the concepts asked for (title, asking sentence) when there are any.
 */
function mainConceptOf(query: MatchQuery): QueryTerm | undefined {
  // Of those asked for, when any is: a quarrel's cause told at length (楼上漏水…渗水) is not what it asks.
  const evoked = query.terms.filter((t) => t.source === "concept");
  const asked = evoked.filter((t) => t.primary);
  const concepts = asked.length ? asked : evoked;
  const strongest = concepts[0];
  if (!strongest || !query.category) return strongest;
  return concepts.find((t) => t.weight >= strongest.weight - 1e-9 && t.category === query.category) ?? strongest;
}

export function rankCandidates(
  query: MatchQuery,
  results: TermResult[],
  subject: Place,
  areaSize: number,
  { limit = 10, minScore = MIN_SCORE, reach = "nearby" }: { limit?: number; minScore?: number; reach?: Reach } = {},
): RankedCandidate[] {
  const byId = new Map<string, { doc: CandidateDoc; text: number; matched: QueryTerm[] }>();
  for (const { term, total, hits } of results) {
    const weight = term.weight * (0.4 + 0.6 * rarity(total, areaSize));
    // A concept is met by any of its words: a hit through a synonym counts nearly as an exact one.
    const floor = term.source === "concept" ? CONCEPT_SCORE_FLOOR : 0;
    for (const { doc, rankingScore } of hits) {
      const entry = byId.get(doc.id) ?? { doc, text: 0, matched: [] };
      entry.text += weight * Math.max(floor, rankingScore);
      entry.matched.push(term);
      byId.set(doc.id, entry);
    }
  }
  const hasPrimary = query.terms.some((t) => t.primary);
  const mainConcept = mainConceptOf(query);
  // Asked terms of the main ask's kin (a visit for 睡不着也不说话，想找人去陪陪她): an offer of their kind
  // is of a kind asked for, as the category is.
  const kinAsked = mainConcept ? query.terms.filter((t) => t.primary && kinOf(mainConcept.term).includes(t.term)) : [];
  const ranked: RankedCandidate[] = [];
  for (const { doc, text, matched } of byId.values()) {
    const categoryMatch = !!query.category && doc.category === (query.category as CategoryKey);
    const kinMatch = !categoryMatch && kinAsked.some((t) => t.category === doc.category && matched.includes(t));
    const neighbourMatch =
      !categoryMatch && !kinMatch && !!query.category && neighbours(query.category, doc.category) && !!mainConcept && matched.includes(mainConcept);
    const fit = areaFit(subject, doc);
    const distance = distanceMetres(subject, doc);
    if (fit === "nearby" && (distance === null || distance > NEARBY_METRES)) continue;
    let relevance = text;
    if (hasPrimary && !matched.some((t) => t.primary)) relevance *= MISSED_PRIMARY_FACTOR;
    if ((categoryMatch || kinMatch || neighbourMatch) && query.categorySource) relevance *= CATEGORY_FACTOR[query.categorySource];
    // Meeting the main ask in its kin's kind (a counsellor for 想找人陪他聊聊) meets it as well.
    if (query.categorySource && ((categoryMatch && mainConcept && matched.includes(mainConcept)) || kinMatch)) relevance *= MAIN_ASK_FACTOR;
    const raw = relevance * AREA_FACTOR[reach][fit];
    if (raw < minScore) continue;
    ranked.push({
      id: doc.id,
      raw,
      score: scoreOf(raw),
      matchedTerms: matched.sort((a, b) => b.weight - a.weight).map((t) => t.term),
      matchedQuotes: [...new Set(matched.flatMap((t) => t.quotes))],
      category: doc.category,
      categoryMatch,
      areaFit: fit,
      distanceMetres: distance,
    });
  }
  // Relevance first (in steps, so near-equal relevance falls to the next key), then distance.
  return ranked
    .sort(
      (a, b) =>
        Math.round(b.raw * 10) - Math.round(a.raw * 10) || (a.distanceMetres ?? Infinity) - (b.distanceMetres ?? Infinity) || b.raw - a.raw,
    )
    .slice(0, limit);
}
