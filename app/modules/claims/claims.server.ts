// A wish is claimed here: an organisation takes a case (a wish, a community need or one project item), holds
// it while it works, and gives it up (released) or loses it (expired); the claim row follows the case through
// fulfilled and completed. Where the rest lives:
// - the rules (which action moves a wish, an item or a claim from which status, and who may take it):
//   app/modules/needs/lifecycle.ts (pure; tests/unit/needs-lifecycle.test.ts, tests/unit/claims-lifecycle.test.ts);
// - one active claim per wish or item: the unique index `claims_one_holder` (db/schema/needs.ts) guarantees it,
//   behind the conditional UPDATE of the wish or item, so of organisations claiming at once exactly one wins
//   (tests/integration/claims-race.test.ts);
// - the caller: app/modules/needs/transitions.server.ts loads the wish, works out how the viewer stands to it,
//   moves the wish or item and calls these functions in the same transaction, then audits and notifies; it is
//   reached from POST /api/needs/:id/transitions (app/routes/api.needs.$id.transitions.ts) and the wish page's
//   buttons (app/routes/wishes.$wishId.tsx);
// - expiry: expireOverdueClaims below, run once a minute by app/modules/jobs/jobs.server.ts;
// - an organisation's own list of claims: ./my-claims.server.ts; the resident's contact: needs/contact.server.ts.
import { and, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { claims, needItems, needs, offers, searchOutbox } from "#db/schema";
import { db, type Transaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { AppError, forbidden } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { adminOf, memberOf, organisationsOf, type Viewer } from "~/modules/accounts/accounts.policy";
import { notify, organisationMemberIds } from "~/modules/notifications/notifications.server";
import { now as clockNow } from "~/lib/clock.server";
import { organisationServes, type ServedPlace } from "~/modules/organisations/serves.server";
import { activeOffersServing } from "~/modules/offers/offers.server";
import {
  claimTransitions,
  expiryTransitions,
  holdingClaimStatuses,
  isClaimAction,
  newClaimStatus,
  type ClaimAction,
  type NeedAction,
} from "~/modules/needs/lifecycle";

/** The claim that holds a wish or item now (active, fulfilled or completed). */
export interface Holder {
  id: string;
  organisationId: string;
  status: string;
  idempotencyKey: string | null;
}

/**
 * The claim holding this need, or (with itemId) this project item. Without an item, any claim holding the
 * need or one of its items counts: its organisation stands as the claimer.
 */
export async function findHolder(tx: Transaction, needId: string, itemId?: string): Promise<Holder | undefined> {
  const [holder] = await tx
    .select({ id: claims.id, organisationId: claims.organisationId, status: claims.status, idempotencyKey: claims.idempotencyKey })
    .from(claims)
    .where(
      and(
        eq(claims.needId, needId),
        itemId ? eq(claims.itemId, itemId) : eq(claims.needId, needId),
        inArray(claims.status, [...holdingClaimStatuses]),
      ),
    );
  return holder;
}

/** Every claim holding the need or one of its items (itemId null: the need itself). */
export async function holdersOf(tx: Transaction, needId: string) {
  return tx
    .select({ itemId: claims.itemId, organisationId: claims.organisationId })
    .from(claims)
    .where(and(eq(claims.needId, needId), inArray(claims.status, [...holdingClaimStatuses])));
}

/** The organisations this viewer may claim for: those they administer. */
export function claimingOrganisationsOf(viewer: Viewer): string[] {
  return organisationsOf(viewer).filter((organisationId) => adminOf(viewer, organisationId));
}

/** A retried claim (same key, or the same organisation already holding it) answers as the first did. */
export function isRetriedClaim(viewer: Viewer, holder: Holder | undefined, idempotencyKey: string | undefined): holder is Holder {
  return (
    !!holder &&
    holder.status === "active" &&
    memberOf(viewer, holder.organisationId) &&
    (!idempotencyKey || holder.idempotencyKey === idempotencyKey)
  );
}

/** Claims an organisation may give up in seven days (by the app clock) before it may claim no more that week. */
export const FREE_RELEASES_PER_WEEK = 3;
const WEEK_MS = 7 * 86_400_000;

/**
 * Past its free releases, an organisation claims nothing until the week has passed (the community's staff can
 * help meanwhile): claiming and releasing wish after wish would otherwise harvest residents' contacts.
 */
async function refuseClaimPastReleaseLimit(tx: Transaction, organisationId: string, now: Date) {
  const [row] = await tx
    .select({ n: count() })
    .from(claims)
    .where(
      and(eq(claims.organisationId, organisationId), eq(claims.status, "released"), gte(claims.endedAt, new Date(now.getTime() - WEEK_MS))),
    );
  const released = Number(row?.n ?? 0);
  if (released > FREE_RELEASES_PER_WEEK)
    throw new AppError("conflict", `本周已放弃 ${released} 个认领，请联系社区工作人员`, undefined, "release_limit");
}

function claimingOrganisation(viewer: Viewer, requested: string | undefined): string {
  const mine = claimingOrganisationsOf(viewer);
  if (requested) {
    if (!mine.includes(requested)) throw forbidden("only your organisation's admins claim for it");
    return requested;
  }
  if (mine.length !== 1) throw new AppError("validation_failed", "choose which organisation claims", { organisationId: "required" });
  return mine[0]!;
}

/**
 * The offer a claim draws on (its monthly capacity is what the claim spends):
 * - named (the claim form's choice, the API's `offerId`): an active offer of the claiming organisation that
 *   serves the case's place, or a field error;
 * - `null`: none, the organisation serves the place by agreement or by its street alone;
 * - not given (older API callers, an accepted dispatch): its offer there of the case's category, else, for a
 *   case without one, its only offer there; none when that leaves a choice the organisation did not make.
 */
async function offerDrawnOn(
  tx: Transaction,
  organisationId: string,
  place: ServedPlace,
  caseOf: { needId: string; itemId: string | null },
  requested: string | null | undefined,
): Promise<string | null> {
  if (requested === null) return null;
  const serving = await activeOffersServing(tx, [organisationId], place);
  if (requested !== undefined) {
    if (!serving.some((offer) => offer.id === requested))
      throw new AppError("validation_failed", "the offer is not an active offer of this organisation serving the place", {
        offerId: "offer_not_here",
      });
    return requested;
  }
  if (!serving.length) return null;
  const [row] = await tx
    .select({ category: sql<string | null>`coalesce(${needItems.category}, ${needs.category})` })
    .from(needs)
    .leftJoin(needItems, caseOf.itemId ? eq(needItems.id, caseOf.itemId) : sql`false`)
    .where(eq(needs.id, caseOf.needId));
  return defaultOffer(serving, row?.category ?? null, []);
}

/**
 * The offer a claim draws on unless the claimer says otherwise: the matcher's pick, else the case's category, else
 * (a case with none, as most residents' wishes) the only one. A bank's one talk is not spent on a lamp to change.
 */
function defaultOffer(serving: { id: string; category: string }[], category: string | null, matchedIds: string[]): string | null {
  return (
    serving.find((offer) => matchedIds.includes(offer.id))?.id ??
    serving.find((offer) => category !== null && offer.category === category)?.id ??
    (serving.length === 1 && category === null ? serving[0]!.id : null)
  );
}

/**
 * The claim form's choice of offer: the viewer's organisations' active offers serving the case's place, with
 * what each has left this month, and the one chosen unless they change it (matchedIds: the matcher's offers for the case).
 */
export async function offersToDrawOn(
  viewer: Viewer,
  place: ServedPlace & { category: string | null },
  matchedIds: string[],
): Promise<{ offers: { id: string; title: string; organisationName: string; capacityLeft: number }[]; chosen: string }> {
  const serving = await activeOffersServing(db(), claimingOrganisationsOf(viewer), place);
  return {
    offers: serving.map((o) => ({ id: o.id, title: o.title, organisationName: o.organisationName, capacityLeft: o.capacityLeft })),
    chosen: defaultOffer(serving, place.category, matchedIds) ?? "",
  };
}

/** For a viewer claiming for several organisations, an offer of one of them named alone names that one. */
async function organisationNamedByOffer(tx: Transaction, viewer: Viewer, offerId: string | null | undefined): Promise<string | undefined> {
  const mine = claimingOrganisationsOf(viewer);
  if (!offerId || mine.length < 2) return undefined;
  const [row] = await tx.select({ organisationId: offers.organisationId }).from(offers).where(eq(offers.id, offerId));
  return row && mine.includes(row.organisationId) ? row.organisationId : undefined;
}

/** A claim's deadline: LINLI_CLAIM_DAYS from now. */
function dueFrom(now: Date): Date {
  return new Date(now.getTime() + env().LINLI_CLAIM_DAYS * 86_400_000);
}

/**
 * The viewer's organisation takes the wish (itemId null) or item: the one it names, or the only one the viewer
 * administers. Call it after the wish or item itself has moved to claimed, in the same transaction.
 */
export async function createClaim(
  tx: Transaction,
  viewer: Viewer,
  claim: {
    needId: string;
    itemId: string | null;
    organisationId: string | undefined;
    /** The offer it draws on: see offerDrawnOn. */
    offerId?: string | null;
    idempotencyKey: string | undefined;
    now: Date;
    place: ServedPlace;
  },
): Promise<{ claimId: string; organisationId: string }> {
  const organisationId = claimingOrganisation(viewer, claim.organisationId ?? (await organisationNamedByOffer(tx, viewer, claim.offerId)));
  // The claimer reads the resident's contact: only an organisation that serves the wish's place claims it.
  if (!(await organisationServes(tx, organisationId, claim.place, claim.now)))
    throw new AppError("forbidden", "this organisation does not serve the wish's place", { organisationId: "organisation_outside_area" });
  await refuseClaimPastReleaseLimit(tx, organisationId, claim.now);
  const offerId = await offerDrawnOn(tx, organisationId, claim.place, claim, claim.offerId);
  const [row] = await tx
    .insert(claims)
    .values({
      needId: claim.needId,
      itemId: claim.itemId,
      organisationId,
      offerId,
      claimedByUserId: viewer.id,
      status: newClaimStatus,
      idempotencyKey: claim.idempotencyKey ?? null,
      claimedAt: claim.now,
      dueAt: dueFrom(claim.now),
    })
    .returning({ id: claims.id });
  return { claimId: row!.id, organisationId };
}

/** What each move writes on the claim row beside its status. */
const stampsOf: Record<ClaimAction, (now: Date, note: string | undefined) => Partial<typeof claims.$inferInsert>> = {
  release: (now) => ({ endedAt: now }),
  fulfil: (now, note) => ({ fulfilledAt: now, fulfilmentNote: note ?? null }),
  confirm: (now) => ({ completedAt: now }),
  // Not done yet: a fresh deadline; the old report stays in the history, not on the claim.
  not_done: (now) => ({ fulfilledAt: null, fulfilmentNote: null, dueAt: dueFrom(now) }),
  verify: (now) => ({ completedAt: now }),
  reopen: (now) => ({ fulfilledAt: null, fulfilmentNote: null, dueAt: dueFrom(now) }),
  expire: (now) => ({ endedAt: now }),
};

/**
 * The claim follows its wish or item by the claim table of lifecycle.ts: released, fulfilled (with the note),
 * completed, or active again after "not done yet". Actions that move no claim (approve, withdraw…) leave it be.
 */
export async function advanceClaim(tx: Transaction, claimId: string, action: NeedAction, now: Date, note: string | undefined) {
  if (!isClaimAction(action)) return;
  const rule = claimTransitions[action];
  const extra = stampsOf[action](now, note);
  await tx
    .update(claims)
    .set({ status: rule.to, ...extra })
    .where(and(eq(claims.id, claimId), eq(claims.status, rule.from)));
}

/** Expires active claims past their due time, giving their wish or item back to the wall; returns how many. */
export async function expireOverdueClaims(now = clockNow()): Promise<number> {
  const rule = claimTransitions.expire;
  return db().transaction(async (tx) => {
    // SKIP LOCKED: another instance running the same job takes other rows, never the same ones.
    const overdue = await tx
      .select({
        id: claims.id,
        needId: claims.needId,
        itemId: claims.itemId,
        organisationId: claims.organisationId,
        claimedByUserId: claims.claimedByUserId,
      })
      .from(claims)
      .where(and(eq(claims.status, rule.from), lt(claims.dueAt, now)))
      .for("update", { skipLocked: true })
      .limit(200);
    for (const claim of overdue) {
      await tx
        .update(claims)
        .set({ status: rule.to, ...stampsOf.expire(now, undefined) })
        .where(eq(claims.id, claim.id));
      if (claim.itemId) {
        await tx
          .update(needItems)
          .set({ status: expiryTransitions.item.to })
          .where(and(eq(needItems.id, claim.itemId), eq(needItems.status, expiryTransitions.item.from)));
      } else {
        await tx
          .update(needs)
          .set({ status: expiryTransitions.need.to, updatedAt: now })
          .where(and(eq(needs.id, claim.needId), eq(needs.status, expiryTransitions.need.from)));
      }
      await recordAudit(tx, {
        actorUserId: null,
        action: "claim.expire",
        subjectType: "need",
        subjectId: claim.needId,
        data: { claimId: claim.id, ...(claim.itemId ? { itemId: claim.itemId } : {}) },
      });
      const [need] = await tx
        .select({ postedByUserId: needs.postedByUserId, beneficiaryUserId: needs.beneficiaryUserId, title: needs.title })
        .from(needs)
        .where(eq(needs.id, claim.needId));
      await notify(tx, [need?.postedByUserId, need?.beneficiaryUserId, ...(await organisationMemberIds(tx, claim.organisationId))], {
        kind: "claim.expired",
        subjectType: "need",
        subjectId: claim.needId,
        data: { title: need?.title },
      });
      await tx.insert(searchOutbox).values({ entity: "need", entityId: claim.needId });
    }
    return overdue.length;
  });
}

/**
 * An organisation takes a case dispatched to it (派单 accepted): its claim holds the case from now, for the usual
 * hold; the case's own deadline is the dispatch's. The one-holder index refuses a second holder.
 */
export async function claimDispatchedCase(
  tx: Transaction,
  claim: { needId: string; organisationId: string; claimedByUserId: string; now: Date; place: ServedPlace },
): Promise<string> {
  const [row] = await tx
    .insert(claims)
    .values({
      needId: claim.needId,
      organisationId: claim.organisationId,
      offerId: await offerDrawnOn(tx, claim.organisationId, claim.place, { needId: claim.needId, itemId: null }, undefined),
      claimedByUserId: claim.claimedByUserId,
      claimedAt: claim.now,
      dueAt: dueFrom(claim.now),
    })
    .returning({ id: claims.id });
  return row!.id;
}
