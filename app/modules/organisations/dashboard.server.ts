// The organisation dashboard: its offers and capacity, its claims, what it achieved, and what it could do next.
import { TIANJIN_ZONE } from "~/lib/tianjin-time.server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { claims, communities, needs, organisations } from "#db/schema";
import { db } from "~/lib/db.server";
import { listOffers } from "~/modules/offers/offers.server";
import { agreementsOfOrganisation } from "~/modules/agreements/agreements.server";
import { defaultLocale, type Locale } from "~/lib/i18n";
import { suggestedNeedsForOrganisation } from "~/modules/suggestions/suggestions.server";

export async function organisationDashboard(organisationId: string, locale: Locale = defaultLocale) {
  const [org] = await db()
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, streetId: organisations.streetId })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) return null;
  const [offerPage, agreementList, claimRows, [figures]] = await Promise.all([
    listOffers({ organisation: organisationId, limit: 100 }),
    agreementsOfOrganisation(organisationId),
    db()
      .select({
        id: claims.id,
        needId: claims.needId,
        title: needs.title,
        status: claims.status,
        dueAt: claims.dueAt,
        communityName: communities.name,
      })
      .from(claims)
      .innerJoin(needs, eq(needs.id, claims.needId))
      .innerJoin(communities, eq(communities.id, needs.communityId))
      .where(and(eq(claims.organisationId, organisationId), inArray(claims.status, ["active", "fulfilled"])))
      .orderBy(claims.dueAt),
    db().execute<{ done_this_year: number; done_total: number; volunteer_minutes: string }>(sql`
      select
        (select count(*)::int from claims c where c.organisation_id = ${organisationId} and c.status = 'completed'
           and c.completed_at >= date_trunc('year', linli_now() at time zone ${TIANJIN_ZONE}) at time zone ${TIANJIN_ZONE}) as done_this_year,
        (select count(*)::int from claims c where c.organisation_id = ${organisationId} and c.status = 'completed') as done_total,
        (select coalesce(sum(e.minutes), 0)::bigint from hour_entries e
           join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
           where e.volunteer_id in (select user_id from memberships where organisation_id = ${organisationId})) as volunteer_minutes`),
  ]);
  const nextUp = await suggestedNeedsForOrganisation(organisationId, offerPage.items, locale);
  return {
    organisation: org,
    offers: offerPage.items,
    agreements: agreementList,
    claimsInProgress: claimRows.map((c) => ({ ...c, dueAt: c.dueAt.toISOString() })),
    figures: {
      activeOffers: offerPage.items.filter((o) => o.active).length,
      claimsInProgress: claimRows.length,
      wishesFulfilledThisYear: figures?.done_this_year ?? 0,
      wishesFulfilledTotal: figures?.done_total ?? 0,
      volunteerHours: Math.round(Number(figures?.volunteer_minutes ?? 0) / 60),
    },
    nextUp,
  };
}
