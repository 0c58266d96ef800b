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
  needToOffers,
  offerToNeeds,
  placeOfNeed,
  placeOfOffer,
  profileOfVolunteer,
  upcomingNearby,
  volunteerToActivities,
  type MatchEngine,
} from "./matcher.server";
import type { MatchQuery } from "./query-builder.server";
import type { RankedCandidate } from "./ranking";
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
}

export interface MatchOptions {
  engine?: MatchEngine;
  limit?: number;
  locale?: Locale;
  /** Checked when given (pages and the API); scripts that own the data pass none. */
  viewer?: Viewer;
}

const categoryName = (t: TFunction, key: string | null) =>
  key ? t(`category.${key}`, categories.find((c) => c.key === key)?.zh ?? key) : "";

export function reasonsText(t: TFunction, e: MatchExplanation): string[] {
  const reasons: string[] = [];
  if (e.matchedWords.length)
    reasons.push(t("matching.reason.words", { words: e.matchedWords.slice(0, 4).join(t("matching.listSeparator")) }));
  if (e.categoryMatch)
    reasons.push(
      t(e.categorySource === "inferred" ? "matching.reason.categoryInferred" : "matching.reason.category", {
        category: categoryName(t, e.category),
      }),
    );
  if (e.areaFit === "community") reasons.push(t(e.wholeStreet ? "matching.reason.wholeStreet" : "matching.reason.community"));
  else if (e.areaFit === "street") reasons.push(t("matching.reason.street"));
  if (e.areaFit === "nearby" && e.distanceMetres !== null)
    reasons.push(t("matching.reason.distance", { km: (e.distanceMetres / 1000).toFixed(1) }));
  if (e.capacityLeft !== undefined)
    reasons.push(e.capacityLeft > 0 ? t("matching.reason.capacity", { count: e.capacityLeft }) : t("matching.reason.capacityFull"));
  return reasons;
}

function explain(query: MatchQuery, c: RankedCandidate, wholeStreet: boolean, capacityLeft?: number): MatchExplanation {
  return {
    matchedWords: c.matchedTerms,
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

/** "Who could fulfil this?" Active offers serving the need's area, best first; empty when nothing fits. */
export async function matchOffersForNeed(
  needId: string,
  { engine = "meili", limit = 10, locale = defaultLocale, viewer }: MatchOptions = {},
) {
  const located = await placeOfNeed(needId);
  if (!located) throw notFound("need");
  if (viewer !== undefined && !canSeeNeedMatches(viewer, located.access))
    throw forbidden("only the poster and the community's staff see a wish's matches");
  // A few spare candidates: the database may know an offer was paused since it was indexed.
  const { query, ranked } = await findCandidates(located.subject, located.place, await needToOffers(located.place), {
    engine,
    limit: limit + 5,
  });
  const rows = new Map((await getOffersByIds(ranked.map((c) => c.id))).map((o) => [o.id, o]));
  const t = createI18n(locale).t;
  const items: OfferMatch[] = [];
  for (const candidate of ranked) {
    const offer = rows.get(candidate.id);
    if (!offer?.active) continue;
    const explanation = explain(query, candidate, offer.wholeStreet, offer.capacityLeft);
    items.push({ ...offer, score: candidate.score, reasons: reasonsText(t, explanation), explanation });
  }
  // Relevance, then distance (already the order), then capacity left: a full offer goes after its equals.
  const stepOf = (m: OfferMatch) => Math.round(m.score * 20);
  items.sort((a, b) => stepOf(b) - stepOf(a) || (a.capacityLeft > 0 ? 0 : 1) - (b.capacityLeft > 0 ? 0 : 1));
  return { items: items.slice(0, limit), query };
}

/** "Which open needs fit what we give?" Published needs in the offer's area, best first. */
export async function matchNeedsForOffer(
  offerId: string,
  { engine = "meili", limit = 10, locale = defaultLocale, viewer }: MatchOptions = {},
) {
  const located = await placeOfOffer(offerId);
  if (!located) throw notFound("offer");
  if (viewer !== undefined && !canSeeOfferMatches(viewer, located.access))
    throw forbidden("only the organisation's members and the area's staff see an offer's matches");
  const { query, ranked } = await findCandidates(located.subject, located.place, await offerToNeeds(located.place), {
    engine,
    limit: limit + 5,
  });
  const rows = new Map((await getPublicNeedsByIds(ranked.map((c) => c.id))).map((n) => [n.id, n]));
  const t = createI18n(locale).t;
  const items: NeedMatch[] = [];
  for (const candidate of ranked) {
    const need = rows.get(candidate.id);
    if (need?.status !== "published") continue;
    const explanation = explain(query, candidate, located.place.communityId === null);
    items.push({ ...need, score: candidate.score, reasons: reasonsText(t, explanation), explanation });
  }
  return { items: items.slice(0, limit), query };
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

/** The dashboard's "needs that fit us": each active offer's matches, merged (best score per need). */
export async function needsForOrganisation(offers: { id: string; title: string; active: boolean }[], locale: Locale, limit = 10) {
  return matchPanel(async () => {
    const active = offers.filter((o) => o.active);
    const perOffer = await Promise.all(active.map((offer) => matchNeedsForOffer(offer.id, { locale, limit })));
    const best = new Map<string, OrganisationNeedMatch>();
    for (const [i, { items }] of perOffer.entries()) {
      const offer = active[i]!;
      for (const need of items) {
        const known = best.get(need.id);
        if (!known || need.score > known.score) best.set(need.id, { ...need, offerId: offer.id, offerTitle: offer.title });
      }
    }
    return { items: [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit) };
  });
}

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
