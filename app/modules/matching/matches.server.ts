// Matches as the API and the pages show them: the ranked candidates joined with their current rows
// (PostgreSQL decides what is active and public), each with its score and the reasons in words.
import type { TFunction } from "i18next";
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { createI18n, defaultLocale, type Locale } from "~/lib/i18n";
import { AppError, forbidden, notFound } from "~/lib/errors";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { canSeeNeedMatches, canSeeOfferMatches } from "./matching.policy";
import { categories } from "~/modules/categories/categories";
import { getOffersByIds, type OfferView } from "~/modules/offers/offers.server";
import { getPublicNeedsByIds, type PublicNeed } from "~/modules/needs/needs.server";
import { getActivitiesByIds, type ActivityView } from "~/modules/activities/activities.server";
import {
  findCandidates,
  findCandidatesForMany,
  needSubject,
  needToOffers,
  placeOfNeed,
  placeOfOffer,
  profileOfVolunteer,
  upcomingNearby,
  volunteerToActivities,
  type MatchEngine,
} from "./matcher.server";
import { askedConcepts, askedWords, readOfferWithVocabulary, type MatchQuery, type MatchSubject } from "./query-builder.server";
import { offerFit } from "./offer-fit";
import { boundedMemo } from "~/lib/bounded-memo";
import { distanceMetres, MIN_SCORE, NEARBY_METRES, scoreOf, type Place, type RankedCandidate } from "./ranking";
import { now as clockNow } from "~/lib/clock.server";

export interface MatchExplanation {
  matchedWords: string[];
  category: string | null;
  categoryMatch: boolean;
  categorySource: MatchQuery["categorySource"];
  areaFit: RankedCandidate["areaFit"];
  wholeStreet: boolean;
  distanceMetres: number | null;
  capacityLeft?: number;
  /** An offer listed for a need whose area it does not serve (a nearby fallback). */
  outsideArea?: boolean;
}

export interface MatchOptions {
  engine?: MatchEngine;
  limit?: number;
  locale?: Locale;
  /** The raw score below which nothing is shown (ranking.ts's MIN_SCORE); calibration lowers it. */
  minScore?: number;
  /** Checked when given (pages and the API); scripts that own the data pass none. */
  viewer?: Viewer;
}

/** The API's need → offers may pass its session check still running: the need is read meanwhile. */
export type NeedMatchOptions = Omit<MatchOptions, "viewer"> & { viewer?: Viewer | Promise<Viewer> };

const categoryName = (t: TFunction, key: string | null) =>
  key ? phrase(t, `category.${key}`, { defaultValue: categories.find((c) => c.key === key)?.zh ?? key }) : "";

/**
 * A reason's phrase, kept per translator once made: i18next's t() costs 10–30 µs a call and a list
 * of ten offers asks for ~40 phrases, nearly all from a few fixed ones (area, category, places left).
 * Keyed by the translator itself: one per language, shared by every request (createI18n).
 */
const phrasesByTranslator = new WeakMap<TFunction, Map<string, string>>();
const PHRASES_KEPT = 5000;

function phrase(t: TFunction, key: string, values?: Record<string, string | number>): string {
  let phrases = phrasesByTranslator.get(t);
  if (!phrases) phrasesByTranslator.set(t, (phrases = new Map()));
  const id = values ? `${key}\u0000${JSON.stringify(values)}` : key;
  let text = phrases.get(id);
  if (text === undefined) {
    text = t(key, values);
    if (phrases.size < PHRASES_KEPT) phrases.set(id, text);
  }
  return text;
}

export function reasonsText(t: TFunction, e: MatchExplanation): string[] {
  const reasons: string[] = [];
  // The words quoted are the asker's own: seldom the same twice, so not kept.
  if (e.matchedWords.length)
    reasons.push(t("matching.reason.words", { words: e.matchedWords.slice(0, 4).join(phrase(t, "matching.listSeparator")) }));
  if (e.categoryMatch)
    reasons.push(
      phrase(t, e.categorySource === "inferred" ? "matching.reason.categoryInferred" : "matching.reason.category", {
        category: categoryName(t, e.category),
      }),
    );
  if (e.areaFit === "community") reasons.push(phrase(t, e.wholeStreet ? "matching.reason.wholeStreet" : "matching.reason.community"));
  else if (e.areaFit === "street") reasons.push(phrase(t, "matching.reason.street"));
  if (e.areaFit === "nearby" && e.distanceMetres !== null)
    reasons.push(phrase(t, "matching.reason.distance", { km: (e.distanceMetres / 1000).toFixed(1) }));
  // An offer that does not serve the need's area is a fallback: say so, the partner decides.
  if (e.outsideArea) reasons.push(phrase(t, "matching.reason.outsideArea"));
  if (e.capacityLeft !== undefined)
    reasons.push(
      e.capacityLeft > 0 ? phrase(t, "matching.reason.capacity", { count: e.capacityLeft }) : phrase(t, "matching.reason.capacityFull"),
    );
  return reasons;
}

function explain(query: MatchQuery, c: RankedCandidate, wholeStreet: boolean, capacityLeft?: number): MatchExplanation {
  return {
    matchedWords: c.matchedQuotes,
    category: c.category,
    categoryMatch: c.categoryMatch,
    categorySource: query.categorySource,
    areaFit: c.areaFit,
    wholeStreet,
    distanceMetres: c.distanceMetres,
    capacityLeft,
  };
}

export type OfferMatch = OfferView & { score: number; reasons: string[]; explanation: MatchExplanation };
export type NeedMatch = PublicNeed & { score: number; reasons: string[]; explanation: MatchExplanation };

/** How many offers a need's list holds (GET /api/needs/:id/matches by default): "O is in N's list". */
export const NEED_LIST_LENGTH = 10;

interface LocatedNeed {
  id: string;
  subject: MatchSubject;
  place: Place;
}

/** Community names by id, kept once read (an offer limited to "丰年里社区" is read against them). */
const knownCommunityNames = new Map<string, string>();

async function communityNames(ids: string[]): Promise<Map<string, string>> {
  const missing = [...new Set(ids)].filter((id) => !knownCommunityNames.has(id));
  if (missing.length)
    for (const row of await db().execute<{ id: string; name: string }>(
      sql`select id, name from communities where id = any(${sql.param(missing)}::uuid[])`,
    ))
      knownCommunityNames.set(row.id, row.name);
  return knownCommunityNames;
}

/** Offers read by their text: the same offers come up for need after need (a read takes ~0.2 ms). */
const readingOf = boundedMemo(20_000, (text: string) => text, readOfferWithVocabulary);

/**
 * Each need's offers, best first, exactly as "who could fulfil this?" lists them. Needs in the same
 * community share one place, so their term searches go to Meilisearch once.
 */
async function offerListsFor(
  located: LocatedNeed[],
  {
    engine = "meili",
    limit = NEED_LIST_LENGTH,
    locale = defaultLocale,
    minScore,
  }: Pick<MatchOptions, "engine" | "limit" | "locale" | "minScore">,
) {
  const byPlace = new Map<string, LocatedNeed[]>();
  for (const need of located) {
    const key = JSON.stringify([need.place.streetId, need.place.communityId, need.place.lat, need.place.lng]);
    byPlace.set(key, [...(byPlace.get(key) ?? []), need]);
  }
  const ranked = new Map<string, { query: MatchQuery; ranked: RankedCandidate[] }>();
  for (const group of byPlace.values()) {
    const place = group[0]!.place;
    // Spare candidates: the database may know an offer was paused since it was indexed. The threshold
    // applies already, as what an offer says of itself only ever lowers its score (offerFit ≤ 1):
    // below it now is below it then, and needs no row read nor reading.
    const results = await findCandidatesForMany(
      group.map((n) => n.subject),
      place,
      await needToOffers(place),
      { engine, limit: limit + 10, minScore: engine === "baseline" ? undefined : (minScore ?? MIN_SCORE) },
    );
    group.forEach((need, i) => ranked.set(need.id, results[i]!));
  }
  const rows = new Map(
    (await getOffersByIds([...new Set([...ranked.values()].flatMap((r) => r.ranked.map((c) => c.id)))])).map((o) => [o.id, o]),
  );
  const t = createI18n(locale).t;
  const lists = new Map<string, { query: MatchQuery; items: OfferMatch[] }>();
  const subjects = new Map(located.map((n) => [n.id, n.subject]));
  const places = new Map(located.map((n) => [n.id, n.place]));
  const names = await communityNames(located.flatMap((n) => (n.place.communityId ? [n.place.communityId] : [])));
  const readings = new Map([...rows.values()].map((o) => [o.id, readingOf([o.title, o.description, ...o.tags].join("。"))]));
  for (const [needId, { query, ranked: candidates }] of ranked) {
    const items: OfferMatch[] = [];
    const subject = subjects.get(needId)!;
    const place = places.get(needId)!;
    const wish = {
      text: [subject.title, subject.description, ...(subject.tags ?? [])].join("。"),
      title: subject.title,
      kind: subject.kind,
      asked: askedWords(query),
      askedConcepts: askedConcepts(query),
      community: place.communityId ? (names.get(place.communityId) ?? null) : null,
    };
    for (const candidate of candidates) {
      const offer = rows.get(candidate.id);
      // Shown only while it takes requests (active, places left this month by the claims counted)
      // and as far as what it says of itself fits the wish (paused, full, only lectures, not at home, "不接…").
      if (!offer?.active || offer.capacityLeft <= 0) continue;
      const reading = readings.get(offer.id)!;
      const outsideArea = candidate.areaFit === "community" ? undefined : candidate.areaFit;
      const fit = engine === "baseline" ? 1 : offerFit(reading, { ...wish, outsideArea }, offer);
      const raw = candidate.raw * fit;
      if (fit === 0 || (engine !== "baseline" && raw < (minScore ?? MIN_SCORE))) continue;
      const adjusted = fit === 1 ? candidate : { ...candidate, raw, score: scoreOf(raw) };
      const explanation = {
        ...explain(query, adjusted, offer.wholeStreet, reading.full ? 0 : offer.capacityLeft),
        ...(outsideArea ? { outsideArea: true } : {}),
      };
      items.push({ ...offer, score: adjusted.score, reasons: reasonsText(t, explanation), explanation });
    }
    // The offers serving the need's area before any fallback; then relevance (in steps, so near-equal
    // relevance falls to the next key), then distance.
    const stepOf = (m: OfferMatch) => Math.round(m.score * 20);
    items.sort(
      (a, b) =>
        Number(!!a.explanation.outsideArea) - Number(!!b.explanation.outsideArea) ||
        stepOf(b) - stepOf(a) ||
        (a.explanation.distanceMetres ?? Infinity) - (b.explanation.distanceMetres ?? Infinity) ||
        b.score - a.score,
    );
    lists.set(needId, { query, items: items.slice(0, limit) });
  }
  return lists;
}

/**
 * "Who could fulfil this?" Active offers serving the need's area, best first, then nearby ones that
 * fit well as fallbacks (saying so); empty when nothing fits.
 */
export async function matchOffersForNeed(
  needId: string,
  { engine = "meili", limit = NEED_LIST_LENGTH, locale = defaultLocale, viewer, minScore }: NeedMatchOptions = {},
) {
  const locating = placeOfNeed(needId);
  // Read while the caller's session is checked (the API passes its check unsettled); a viewer who is
  // refused is refused first, and the need's read, settled or not, is then left alone.
  locating.catch(() => {});
  const who = await viewer;
  const located = await locating;
  if (!located) throw notFound("need");
  if (who !== undefined && !canSeeNeedMatches(who, located.access))
    throw forbidden("only the poster and the community's staff see a wish's matches");
  const lists = await offerListsFor([{ id: needId, subject: located.subject, place: located.place }], { engine, limit, locale, minScore });
  return lists.get(needId)!;
}

/**
 * The communities whose needs could list an offer working at one of these places: those of its street
 * (the area it serves, and its other communities, where it may be a fallback) and those of other
 * streets within NEARBY_METRES (see needToOffers). Each need's own list then decides.
 */
async function communitiesInReach(places: Place[]): Promise<string[]> {
  if (!places.length) return [];
  const all = await db().execute<{ id: string; street_id: string; lat: number; lng: number }>(
    sql`select id, street_id, lat, lng from communities`,
  );
  return all
    .filter((c) => places.some((p) => p.streetId === c.street_id || (distanceMetres(p, c) ?? Infinity) <= NEARBY_METRES))
    .map((c) => c.id);
}

/** The open needs (in review or published) whose lists an offer at this place could enter: what to recompute when it changes. */
export async function openNeedsInReach(place: Place): Promise<string[]> {
  const near = await communitiesInReach([place]);
  if (!near.length) return [];
  const rows = await db().execute<{ id: string }>(sql`
    select id from needs
    where status in ('pending_review', 'published') and community_id = any(${sql.param(near)}::uuid[])`);
  return rows.map((r) => r.id);
}

async function publishedNeedsNear(places: Place[]): Promise<LocatedNeed[]> {
  const near = await communitiesInReach(places);
  if (!near.length) return [];
  const rows = await db().execute<{
    id: string;
    title: string;
    description: string;
    category: string | null;
    kind: MatchSubject["kind"];
    community_id: string;
    street_id: string;
    lat: number;
    lng: number;
    items: string[] | null;
  }>(sql`
    select n.id, n.title, n.description, n.category, n.kind, n.community_id, c.street_id, c.lat, c.lng,
           (select array_agg(i.title order by i.position) from need_items i where i.need_id = n.id) as items
    from needs n join communities c on c.id = n.community_id
    where n.status = 'published' and n.community_id = any(${sql.param(near)}::uuid[])`);
  return rows.map((r) => ({
    id: r.id,
    subject: needSubject(r),
    place: { streetId: r.street_id, communityId: r.community_id, lat: r.lat, lng: r.lng },
  }));
}

/**
 * "Which open needs fit what we give?" — read off the needs' own lists: a published need is an
 * offer's match exactly when the offer is in the need's list (NEED_LIST_LENGTH long), with the
 * score and reasons it has there. Both directions agree by construction.
 */
async function needsServedBy(
  offers: { id: string; place: Place }[],
  { engine = "meili", locale = defaultLocale }: Pick<MatchOptions, "engine" | "locale">,
) {
  const lists = await offerListsFor(await publishedNeedsNear(offers.map((o) => o.place)), { engine, limit: NEED_LIST_LENGTH, locale });
  const wanted = new Set(offers.map((o) => o.id));
  const found: { needId: string; offerId: string; position: number; match: OfferMatch }[] = [];
  for (const [needId, { items }] of lists)
    items.forEach((match, position) => {
      if (wanted.has(match.id)) found.push({ needId, offerId: match.id, position, match });
    });
  const rows = new Map((await getPublicNeedsByIds([...new Set(found.map((f) => f.needId))])).map((n) => [n.id, n]));
  const t = createI18n(locale).t;
  const byOffer = new Map<string, (NeedMatch & { position: number })[]>(offers.map((o) => [o.id, []]));
  for (const { needId, offerId, position, match } of found) {
    const need = rows.get(needId);
    if (need?.status !== "published") continue;
    // The need's reasons for this offer, less the offer's own capacity (its organisation knows it).
    const explanation = { ...match.explanation, capacityLeft: undefined };
    byOffer.get(offerId)!.push({ ...need, score: match.score, reasons: reasonsText(t, explanation), explanation, position });
  }
  for (const list of byOffer.values())
    list.sort(
      (a, b) =>
        b.score - a.score ||
        a.position - b.position ||
        (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") ||
        a.id.localeCompare(b.id),
    );
  return byOffer;
}

/** "Which open needs fit what we give?" Published needs whose list holds this offer, best first. */
export async function matchNeedsForOffer(
  offerId: string,
  { engine = "meili", limit = 10, locale = defaultLocale, viewer }: MatchOptions = {},
) {
  const located = await placeOfOffer(offerId);
  if (!located) throw notFound("offer");
  if (viewer !== undefined && !canSeeOfferMatches(viewer, located.access))
    throw forbidden("only the organisation's members and the area's staff see an offer's matches");
  const served = await needsServedBy([{ id: offerId, place: located.place }], { engine, locale });
  const items: NeedMatch[] = served.get(offerId)!.map(({ position: _position, ...match }) => match);
  return { items: items.slice(0, limit) };
}

export type MatchPanel<T> = { state: "ok"; items: T[] } | { state: "unavailable" };

/** For pages: the matches, or "unavailable" while the search engine is down (the page still renders). */
export async function matchPanel<T>(load: () => Promise<{ items: T[] }>): Promise<MatchPanel<T>> {
  try {
    return { state: "ok", items: (await load()).items };
  } catch (error) {
    if (error instanceof AppError && error.code === "unavailable") return { state: "unavailable" };
    throw error;
  }
}

/** The wish page's "partners who might help": for its poster and the community's staff, while it is open. */
export async function partnersForWish(viewer: Viewer | null, needId: string, status: string, locale: Locale) {
  if (!viewer || !["pending_review", "published"].includes(status)) return null;
  try {
    // The matcher checks who may see matches; for anyone else the section is simply not there.
    return await matchPanel(() => matchOffersForNeed(needId, { locale, limit: 5, viewer }));
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  }
}

export type OrganisationNeedMatch = NeedMatch & { offerId: string; offerTitle: string };

export type ActivityMatch = ActivityView & { score: number | null; reasons: string[] };

/**
 * "Activities near you that fit": scheduled, not yet signed up for, near the volunteer's home,
 * ranked against what they did before; without a history, the soonest ones nearby.
 */
export async function activitiesForVolunteer(userId: string, { limit = 5, locale = defaultLocale, now = clockNow() } = {}) {
  const profile = await profileOfVolunteer(userId);
  if (!profile.place) return { items: [] as ActivityMatch[] };
  const t = createI18n(locale).t;
  const { query, ranked } = await findCandidates(profile.subject, profile.place, await volunteerToActivities(profile.place, now), {
    limit: limit + 10,
  });
  const ids = ranked.length ? ranked.map((c) => c.id) : await upcomingNearby(profile.place, now, limit + 10);
  const rows = new Map((await getActivitiesByIds(ids)).map((a) => [a.id, a]));
  const signedUp = new Set(
    (
      await db().execute<{ id: string }>(
        sql`select activity_id as id from activity_signups where volunteer_id = ${userId} and status = 'signed_up'`,
      )
    ).map((r) => r.id),
  );
  const items: ActivityMatch[] = [];
  for (const [i, id] of ids.entries()) {
    const activity = rows.get(id);
    if (!activity || signedUp.has(id) || activity.status !== "scheduled") continue;
    const candidate = ranked[i];
    items.push({
      ...activity,
      score: candidate?.score ?? null,
      reasons: candidate ? reasonsText(t, explain(query, candidate, false)) : [t("matching.reason.upcomingNearby")],
    });
  }
  return { items: items.slice(0, limit) };
}
