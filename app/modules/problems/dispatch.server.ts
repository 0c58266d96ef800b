// Dispatch (派单): staff push a published case to one organisation that serves its place, with a due date; the
// organisation's admin accepts (its claim) or declines with a reason. The steps here run inside the transition's
// transaction (needs/transitions.server.ts orchestrates; claims/claims.server.ts makes the claim).
import { and, desc, eq, sql } from "drizzle-orm";
import { dispatches, needs, organisations } from "#db/schema";
import { db, type Transaction } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { tianjinDate } from "~/lib/tianjin-time";
import type { Locale } from "~/lib/i18n";
import { governsCommunity, type Viewer } from "~/modules/accounts/accounts.policy";
import { matchOffersForNeed } from "~/modules/matching/matches.server";
import { communityStaffIds, notify, organisationMemberIds } from "~/modules/notifications/notifications.server";
import { limitsFor } from "./problem-types";
import { addWorkingDays } from "./working-days";
import { organisationServes } from "~/modules/organisations/serves.server";

export interface CasePlace {
  id: string;
  title: string;
  communityId: string;
  streetId: string;
}

/** The open dispatch of a case, locked for this transaction (accept and decline race on it). */
export async function pendingDispatch(tx: Transaction, needId: string) {
  const [row] = await tx
    .select()
    .from(dispatches)
    .where(and(eq(dispatches.needId, needId), eq(dispatches.status, "pending")))
    .for("update");
  return row;
}

/** Sends the case to the organisation: refuses one that does not serve it, or a due date in the past. */
export async function openDispatch(
  tx: Transaction,
  viewer: Viewer,
  need: CasePlace & { problemType: string | null },
  input: { organisationId?: string; dueAt?: string; note?: string },
  at: Date,
) {
  if (!input.organisationId)
    throw new AppError("validation_failed", "choose the organisation to dispatch to", { organisationId: "required" });
  const [organisation] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) throw new AppError("validation_failed", "unknown organisation", { organisationId: "organisation_required" });
  if (!(await organisationServes(tx, input.organisationId, need, at)))
    throw new AppError("validation_failed", "this organisation does not serve the case's community", {
      organisationId: "organisation_outside_area",
    });
  const limits = limitsFor(need.problemType);
  const dueAt = input.dueAt ? new Date(input.dueAt) : addWorkingDays(at, limits.resolveDays);
  if (!(dueAt.getTime() > at.getTime())) throw new AppError("validation_failed", "the due date has passed", { dueAt: "due_in_past" });
  const [row] = await tx
    .insert(dispatches)
    .values({
      needId: need.id,
      organisationId: input.organisationId,
      dispatchedByUserId: viewer.id,
      note: input.note ?? null,
      createdAt: at,
      acknowledgeDueAt: addWorkingDays(at, limits.acknowledgeDays),
      dueAt,
    })
    .returning();
  // The case's deadline is now the dispatch's; a new deadline may be escalated again.
  await tx.update(needs).set({ resolveDueAt: dueAt, escalatedAt: null }).where(eq(needs.id, need.id));
  await notify(tx, await organisationMemberIds(tx, input.organisationId), {
    kind: "need.dispatched",
    subjectType: "need",
    subjectId: need.id,
    data: { title: need.title, dueAt: dueAt.toISOString(), ...(input.note ? { note: input.note } : {}) },
  });
  return row!;
}

/** The organisation's admin took the case: the dispatch records the claim it became. */
export async function acceptDispatch(tx: Transaction, viewer: Viewer, dispatchId: string, claimId: string, at: Date) {
  await tx
    .update(dispatches)
    .set({ status: "accepted", decidedByUserId: viewer.id, decidedAt: at, claimId })
    .where(and(eq(dispatches.id, dispatchId), eq(dispatches.status, "pending")));
}

/** Declined with a reason: the case goes back to the community's staff, who are told why. */
export async function declineDispatch(tx: Transaction, viewer: Viewer, need: CasePlace, dispatchId: string, reason: string, at: Date) {
  await tx
    .update(dispatches)
    .set({ status: "declined", decidedByUserId: viewer.id, decidedAt: at, declineReason: reason })
    .where(and(eq(dispatches.id, dispatchId), eq(dispatches.status, "pending")));
  await notify(tx, await communityStaffIds(tx, need.communityId), {
    kind: "dispatch.declined",
    subjectType: "need",
    subjectId: need.id,
    data: { title: need.title, reason },
  });
}

/**
 * Staff took the dispatch back before it was answered (the wrong partner, or no answer in time): the case is
 * theirs to send again, and the organisation is told why (the reason is kept where a decline's is).
 */
export async function recallDispatch(tx: Transaction, viewer: Viewer, need: CasePlace, dispatchId: string, reason: string, at: Date) {
  const [dispatch] = await tx
    .update(dispatches)
    .set({ status: "withdrawn", decidedByUserId: viewer.id, decidedAt: at, declineReason: reason })
    .where(and(eq(dispatches.id, dispatchId), eq(dispatches.status, "pending")))
    .returning({ organisationId: dispatches.organisationId });
  if (!dispatch) return;
  await notify(tx, await organisationMemberIds(tx, dispatch.organisationId), {
    kind: "dispatch.recalled",
    subjectType: "need",
    subjectId: need.id,
    data: { title: need.title, reason },
  });
}

/** A case's dispatches, newest first: who it went to, when it is due, and any decline reason (staff and that organisation). */
export async function dispatchHistory(needId: string) {
  const rows = await db()
    .select({
      id: dispatches.id,
      organisationId: dispatches.organisationId,
      organisationName: organisations.name,
      status: dispatches.status,
      note: dispatches.note,
      createdAt: dispatches.createdAt,
      acknowledgeDueAt: dispatches.acknowledgeDueAt,
      dueAt: dispatches.dueAt,
      declineReason: dispatches.declineReason,
    })
    .from(dispatches)
    .innerJoin(organisations, eq(organisations.id, dispatches.organisationId))
    .where(eq(dispatches.needId, needId))
    .orderBy(desc(dispatches.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    acknowledgeDueAt: r.acknowledgeDueAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
  }));
}

export interface DispatchSuggestion {
  organisationId: string;
  organisationName: string;
  /** Why: the matcher's reasons for its best offer, or its agreement with the place. */
  reasons: string[];
  viaAgreement: boolean;
}

/**
 * Whom staff might dispatch to: the organisations of the offers the matcher ranks for the case (best first, one
 * entry per organisation), then those with an active agreement for the place. Only organisations that serve it.
 */
export async function dispatchSuggestions(viewer: Viewer, need: CasePlace, at: Date, locale?: Locale) {
  if (!governsCommunity(viewer, need)) return [];
  const suggestions: DispatchSuggestion[] = [];
  const seen = new Set<string>();
  try {
    const { items } = await matchOffersForNeed(need.id, { limit: 10, viewer, ...(locale ? { locale } : {}) });
    for (const offer of items) {
      if (seen.has(offer.organisationId)) continue;
      seen.add(offer.organisationId);
      suggestions.push({
        organisationId: offer.organisationId,
        organisationName: offer.organisationName,
        reasons: offer.reasons,
        viaAgreement: false,
      });
    }
  } catch (error) {
    // The matcher may be unavailable (Meilisearch down): agreements still suggest partners.
    if (!(error instanceof AppError)) throw error;
  }
  const today = tianjinDate(at);
  const partners = await db().execute<{ id: string; name: string }>(sql`
    select distinct o.id, o.name from agreements a join organisations o on o.id = a.organisation_id
    where a.status = 'active' and a.starts_on <= ${today}::date and a.ends_on >= ${today}::date
      and (a.community_id = ${need.communityId} or a.street_id = ${need.streetId})
    order by o.name`);
  for (const p of partners) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    suggestions.push({ organisationId: p.id, organisationName: p.name, reasons: [], viaAgreement: true });
  }
  const serving = await Promise.all(suggestions.map((s) => organisationServes(db(), s.organisationId, need, at)));
  return suggestions.filter((_, i) => serving[i]);
}
