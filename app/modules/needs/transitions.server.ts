// Moving needs through their lifecycle: this file orchestrates. It loads the wish, works out how the viewer
// stands to it, checks the move against the rules (./lifecycle.ts) and applies it with a conditional UPDATE so
// concurrent requests cannot both win; the claim row moves in the claims module
// (app/modules/claims/claims.server.ts); then it audits and notifies. Posting a need: ./posting.server.ts.
import { and, count, eq, inArray } from "drizzle-orm";
import { attachments, communities, dispatches, needItems, needs, searchOutbox } from "#db/schema";
import { db, type Transaction } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { detachNeedPhotos, MAX_PHOTOS, normaliseImage, removeStoredFiles, storeImage } from "~/modules/attachments/attachments.server";
import { adminOf, governsCommunity, gridWorkerOf, memberOf, type Viewer } from "~/modules/accounts/accounts.policy";
import { claimDispatchedCase } from "~/modules/claims/claims.server";
import { organisationServes } from "~/modules/organisations/serves.server";
import { acceptDispatch, declineDispatch, openDispatch, pendingDispatch, recallDispatch } from "~/modules/problems/dispatch.server";
import { communityStaffIds, notify, organisationMemberIds, type NotificationKind } from "~/modules/notifications/notifications.server";
import { advanceClaim, claimingOrganisationsOf, createClaim, findHolder, holdersOf, isRetriedClaim } from "~/modules/claims/claims.server";
import { now as clockNow } from "~/lib/clock.server";
import { notifyStaffOfPendingWish } from "./review.server";
import {
  checkTransition,
  itemActionAsWishStatus,
  itemTransitions,
  needTransitions,
  projectCompletion,
  type NeedStatus,
  type Standing,
} from "./lifecycle";
import type { NeedEditInput, TransitionInput } from "./needs.schema";

interface NeedState {
  id: string;
  kind: string;
  title: string;
  status: NeedStatus;
  communityId: string;
  streetId: string;
  postedByUserId: string;
  beneficiaryUserId: string | null;
  problemType: string | null;
}

async function loadNeed(tx: Transaction, needId: string): Promise<NeedState> {
  const [row] = await tx
    .select({
      id: needs.id,
      kind: needs.kind,
      title: needs.title,
      status: needs.status,
      communityId: needs.communityId,
      streetId: communities.streetId,
      postedByUserId: needs.postedByUserId,
      beneficiaryUserId: needs.beneficiaryUserId,
      problemType: needs.problemType,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(eq(needs.id, needId));
  if (!row) throw notFound("need");
  return row;
}

function standingsOf(viewer: Viewer, need: NeedState, holder: { organisationId: string } | undefined, dispatchedTo?: string): Standing[] {
  const standings: Standing[] = [];
  if (need.postedByUserId === viewer.id || need.beneficiaryUserId === viewer.id) standings.push("poster");
  if (governsCommunity(viewer, need)) standings.push("staff");
  // Only an organisation's admins claim: a plain member or volunteer never reads a resident's contact this way.
  if (claimingOrganisationsOf(viewer).length > 0) standings.push("partner");
  if (holder && memberOf(viewer, holder.organisationId)) standings.push("claimer");
  // A dispatched case is answered by the admins of the organisation it was sent to.
  if (dispatchedTo && adminOf(viewer, dispatchedTo)) standings.push("dispatchee");
  if (gridWorkerOf(viewer, need.communityId)) standings.push("inspector");
  return standings;
}

const noticeFor: Partial<Record<TransitionInput["action"], NotificationKind>> = {
  approve: "need.approved",
  reject: "need.rejected",
  claim: "need.claimed",
  release: "need.released",
  fulfil: "need.fulfilled",
  confirm: "need.completed",
  not_done: "need.not_done",
  accept: "dispatch.accepted",
  verify: "need.completed",
  reopen: "need.reopened",
};

/**
 * Tells the resident about their wish's progress, and the claiming organisation that it was confirmed, or (byStaff)
 * that staff took the case back from it.
 */
async function announce(
  tx: Transaction,
  need: NeedState,
  action: TransitionInput["action"],
  organisationId: string | undefined,
  data: Record<string, unknown>,
  byStaff = false,
) {
  const kind = noticeFor[action];
  if (!kind) return;
  // "Not done yet" goes back to the organisation, and the community's staff are told.
  const recipients =
    (action === "not_done" || action === "reopen") && organisationId
      ? [...(await organisationMemberIds(tx, organisationId)), ...(await communityStaffIds(tx, need.communityId))]
      : (action === "confirm" || action === "verify") && organisationId
        ? await organisationMemberIds(tx, organisationId)
        : action === "accept"
          ? await communityStaffIds(tx, need.communityId)
          : action === "release" && byStaff && organisationId
            ? [need.postedByUserId, need.beneficiaryUserId, ...(await organisationMemberIds(tx, organisationId))]
            : [need.postedByUserId, need.beneficiaryUserId];
  await notify(tx, recipients, { kind, subjectType: "need", subjectId: need.id, data: { title: need.title, ...data } });
}

export interface TransitionResult {
  id: string;
  status: NeedStatus;
  itemId?: string;
  itemStatus?: string;
  claimId?: string;
}

/** Photos go with a fulfilment report (the claimer's proof of delivery); other actions take none. */
export async function transitionNeed(
  viewer: Viewer,
  needId: string,
  input: TransitionInput,
  photos: Uint8Array[] = [],
): Promise<TransitionResult> {
  if (photos.length && input.action !== "fulfil")
    throw new AppError("validation_failed", "photos go with a fulfilment report", { photos: "image_type" });
  for (const photo of photos) await normaliseImage(photo);
  try {
    return await db().transaction(async (tx) => {
      const result = await applyTransition(tx, viewer, needId, input);
      if (result.claimId) for (const bytes of photos) await storeImage(tx, { bytes, uploadedByUserId: viewer.id, claimId: result.claimId });
      return result;
    });
  } catch (error) {
    throw domainErrorFromDatabase(error) ?? error;
  }
}

async function applyTransition(tx: Transaction, viewer: Viewer, needId: string, input: TransitionInput): Promise<TransitionResult> {
  const need = await loadNeed(tx, needId);
  const itemAction = need.kind === "project" && input.action in itemTransitions;
  if (itemAction && !input.itemId) throw new AppError("validation_failed", "name the project item", { itemId: "required" });
  const holder = await findHolder(tx, needId, itemAction ? input.itemId! : undefined);
  // The open dispatch, locked: an accept and a decline (or two accepts) wait for each other here.
  const dispatch = need.status === "dispatched" ? await pendingDispatch(tx, needId) : undefined;
  if (need.status === "dispatched" && !dispatch)
    throw new AppError("conflict", "someone else answered this dispatch first", undefined, "changed_meanwhile");
  const standings = standingsOf(viewer, need, holder, dispatch?.organisationId);
  const audit = (action: string, data: Record<string, unknown> = {}) =>
    recordAudit(tx, {
      actorUserId: viewer.id,
      action: `need.${action}`,
      subjectType: "need",
      subjectId: needId,
      data: { ...data, ...(input.itemId ? { itemId: input.itemId } : {}) },
    });

  // A retried claim (same key, or the same organisation already holding it) answers as the first did.
  if (input.action === "claim" && isRetriedClaim(viewer, holder, input.idempotencyKey)) {
    return { id: needId, status: need.status, itemId: input.itemId, claimId: holder.id, ...(itemAction ? { itemStatus: "claimed" } : {}) };
  }

  if (itemAction) return applyItemTransition(tx, viewer, need, input, standings, holder, audit);

  const check = checkTransition(input.action, need.status, standings);
  if (!check.ok)
    throw new AppError(
      check.error,
      check.error === "forbidden" ? `you may not ${input.action} this need` : `cannot ${input.action} a need that is ${need.status}`,
    );
  if (input.action === "reject" && !input.reason)
    throw new AppError("validation_failed", "give the resident a reason", { reason: "required" });
  if (input.action === "claim" && need.kind === "project")
    throw new AppError("validation_failed", "claim one of the project's items", { itemId: "required" });
  if (input.action === "not_done" && !input.note)
    throw new AppError("validation_failed", "tell the organisation what is still missing", { note: "required" });
  if (input.action === "not_done" && !holder) throw new AppError("invalid_transition", "no organisation holds this wish");
  if ((input.action === "decline" || input.action === "reopen" || input.action === "recall") && !input.reason)
    throw new AppError("validation_failed", "give the reason", { reason: "required" });
  if (input.action === "reopen" && !holder) throw new AppError("invalid_transition", "no organisation holds this case");
  if (input.action === "dispatch" && need.kind === "project")
    throw new AppError("validation_failed", "dispatch a problem, need or wish", { organisationId: "not_dispatchable" });

  const now = clockNow();
  const extra: Partial<typeof needs.$inferInsert> = { updatedAt: now };
  if (input.action === "approve") extra.publishedAt = now;
  if (input.action === "reject") extra.rejectReason = input.reason!;
  // Submitted again after a rejection: the old reason stays in the history, not on the wish.
  if (input.action === "submit") extra.rejectReason = null;
  if (input.action === "confirm") Object.assign(extra, { completedAt: now, thanks: input.thanks ?? null, rating: input.rating ?? null });
  if (input.action === "verify") extra.completedAt = now;
  const [moved] = await tx
    .update(needs)
    .set({ status: check.to, ...extra })
    .where(and(eq(needs.id, needId), eq(needs.status, need.status)))
    .returning({ status: needs.status });
  if (!moved) throw new AppError("conflict", "someone else changed this need first", undefined, "changed_meanwhile");

  let claimId: string | undefined;
  let organisationId = holder?.organisationId;
  if (input.action === "claim") {
    ({ claimId, organisationId } = await createClaim(tx, viewer, {
      needId,
      itemId: null,
      organisationId: input.organisationId,
      offerId: input.offerId,
      idempotencyKey: input.idempotencyKey,
      now,
      place: need,
    }));
  } else if (input.action === "dispatch") {
    organisationId = (await openDispatch(tx, viewer, need, input, now)).organisationId;
  } else if (input.action === "accept" && dispatch) {
    organisationId = dispatch.organisationId;
    claimId = await claimDispatchedCase(tx, { needId, organisationId, claimedByUserId: viewer.id, now, place: need });
    await acceptDispatch(tx, viewer, dispatch.id, claimId, now);
  } else if (input.action === "decline" && dispatch) {
    organisationId = dispatch.organisationId;
    await declineDispatch(tx, viewer, need, dispatch.id, input.reason!, now);
  } else if (input.action === "recall" && dispatch) {
    organisationId = dispatch.organisationId;
    await recallDispatch(tx, viewer, need, dispatch.id, input.reason!, now);
  } else if (holder) {
    await advanceClaim(tx, holder.id, input.action, now, input.note);
    claimId = holder.id;
  }
  await audit(input.action, {
    from: need.status,
    to: check.to,
    ...(["dispatch", "accept", "decline", "recall", "release"].includes(input.action) ? { organisationId } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.note ? { note: input.note } : {}),
    ...(input.rating ? { rating: input.rating } : {}),
  });
  await announce(
    tx,
    need,
    input.action,
    organisationId,
    {
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.action === "not_done" ? { note: input.note } : {}),
    },
    // Staff took the case back from the organisation holding it: it hears so, with the reason.
    !standings.includes("claimer"),
  );
  if (check.to === "pending_review") await notifyStaffOfPendingWish(tx, need);
  await tx.insert(searchOutbox).values({ entity: "need", entityId: needId });
  return { id: needId, status: check.to, ...(claimId ? { claimId } : {}) };
}

/** What the edit page needs: the wish as its resident may change it, and whether it may be changed now. */
export async function editableNeed(viewer: Viewer, needId: string) {
  const need = await db().transaction((tx) => loadNeed(tx, needId));
  const standings = standingsOf(viewer, need, undefined);
  // Only the resident it belongs to (or who posted it) and the community's staff see it here at all.
  if (!standings.includes("poster") && !standings.includes("staff")) throw notFound("need");
  const [row] = await db()
    .select({ description: needs.description, category: needs.category, rejectReason: needs.rejectReason })
    .from(needs)
    .where(eq(needs.id, needId));
  return {
    id: need.id,
    kind: need.kind,
    title: need.title,
    status: need.status,
    description: row!.description,
    category: row!.category,
    rejectReason: row!.rejectReason,
    editable: need.kind === "micro_wish" && checkTransition("submit", need.status, standings).ok,
  };
}

/**
 * A rejected (or draft) wish changed by its resident and sent to review again, in one transaction:
 * the changes, the photos taken off and added, and the submit transition (which checks who and from where).
 */
export async function editAndResubmitNeed(
  viewer: Viewer,
  needId: string,
  input: NeedEditInput,
  photos: Uint8Array[] = [],
): Promise<TransitionResult> {
  for (const photo of photos) await normaliseImage(photo);
  let removedFiles: string[] = [];
  const result = await db()
    .transaction(async (tx) => {
      const need = await loadNeed(tx, needId);
      const check = checkTransition("submit", need.status, standingsOf(viewer, need, undefined));
      if (!check.ok)
        throw new AppError(
          check.error,
          check.error === "forbidden" ? "you may not change this wish" : `a ${need.status} wish cannot be changed`,
        );
      if (need.kind !== "micro_wish") throw new AppError("invalid_transition", "only micro-wishes are changed here");
      const [changed] = await tx
        .update(needs)
        .set({ title: input.title, description: input.description, category: input.category ?? null, updatedAt: clockNow() })
        .where(and(eq(needs.id, needId), eq(needs.status, need.status)))
        .returning({ id: needs.id });
      if (!changed) throw new AppError("conflict", "someone else changed this wish first");
      removedFiles = await detachNeedPhotos(tx, needId, input.removePhotoIds);
      const [kept] = await tx.select({ n: count() }).from(attachments).where(eq(attachments.needId, needId));
      if (kept!.n + photos.length > MAX_PHOTOS)
        throw new AppError("validation_failed", `at most ${MAX_PHOTOS} photos`, { photos: "too_many_photos" });
      for (const bytes of photos) await storeImage(tx, { bytes, uploadedByUserId: viewer.id, needId });
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: "need.edit",
        subjectType: "need",
        subjectId: needId,
        data: { previousTitle: need.title, photosAdded: photos.length, photosRemoved: removedFiles.length },
      });
      return applyTransition(tx, viewer, needId, { action: "submit" });
    })
    .catch((error: unknown) => {
      throw domainErrorFromDatabase(error) ?? error;
    });
  await removeStoredFiles(removedFiles);
  return result;
}

async function applyItemTransition(
  tx: Transaction,
  viewer: Viewer,
  need: NeedState,
  input: TransitionInput,
  standings: Standing[],
  holder: { id: string; organisationId: string } | undefined,
  audit: (action: string, data?: Record<string, unknown>) => Promise<void>,
): Promise<TransitionResult> {
  const rule = itemTransitions[input.action]!;
  const [item] = await tx
    .select({ id: needItems.id, status: needItems.status })
    .from(needItems)
    .where(and(eq(needItems.id, input.itemId!), eq(needItems.needId, need.id)));
  if (!item) throw notFound("project item");
  // Permission as for a wish; the project itself must be published for its items to move.
  const asWish = checkTransition(input.action, itemActionAsWishStatus(input.action), standings);
  if (!asWish.ok) throw new AppError("forbidden", `you may not ${input.action} this item`);
  if (need.status !== "published" || item.status !== rule.from)
    throw new AppError("invalid_transition", `cannot ${input.action} an item that is ${item.status}`);
  const now = clockNow();
  const [moved] = await tx
    .update(needItems)
    .set({ status: rule.to })
    .where(and(eq(needItems.id, item.id), eq(needItems.status, rule.from)))
    .returning({ id: needItems.id });
  if (!moved) throw new AppError("conflict", "someone else changed this item first", undefined, "changed_meanwhile");
  let claimId = holder?.id;
  let organisationId = holder?.organisationId;
  if (input.action === "claim") {
    ({ claimId, organisationId } = await createClaim(tx, viewer, {
      needId: need.id,
      itemId: item.id,
      organisationId: input.organisationId,
      offerId: input.offerId,
      idempotencyKey: input.idempotencyKey,
      now,
      place: need,
    }));
  } else if (holder) {
    await advanceClaim(tx, holder.id, input.action, now, input.note);
  }
  await audit(`item_${input.action}`, { from: item.status, to: rule.to });
  await announce(tx, need, input.action, organisationId, { itemId: item.id });
  // The project completes when its last item does.
  let status: NeedStatus = need.status;
  if (input.action === "confirm") {
    const open = await tx
      .select({ id: needItems.id })
      .from(needItems)
      .where(and(eq(needItems.needId, need.id), inArray(needItems.status, ["open", "claimed", "fulfilled"])));
    if (open.length === 0) {
      await tx.update(needs).set({ status: projectCompletion.to, completedAt: now, updatedAt: now }).where(eq(needs.id, need.id));
      await audit("complete");
      status = projectCompletion.to;
    }
  }
  await tx.insert(searchOutbox).values({ entity: "need", entityId: need.id });
  return { id: need.id, status, itemId: item.id, itemStatus: rule.to, ...(claimId ? { claimId } : {}) };
}

/**
 * After delivery one pair of buttons, not two: confirm/not done and verify/reopen move a wish alike. Those
 * who check work (staff, the community's grid worker) get 核查通过/核查未通过; a resident who posted it
 * gets 确认完成/还没办好. The API still takes either.
 */
function oneWayToClose(allowed: TransitionInput["action"][], standings: Standing[]): TransitionInput["action"][] {
  const checks = standings.includes("staff") || standings.includes("inspector");
  const hidden = new Set<TransitionInput["action"]>();
  if (allowed.includes("verify") && allowed.includes("reopen") && checks) hidden.add("confirm").add("not_done");
  else if (allowed.includes("confirm")) hidden.add("verify").add("reopen");
  return allowed.filter((action) => !hidden.has(action));
}

/** What this viewer may do next with the need and each of its items: the buttons a page shows. */
export async function availableActions(
  viewer: Viewer | null,
  needId: string,
): Promise<{ need: TransitionInput["action"][]; items: Record<string, TransitionInput["action"][]>; takesBack: boolean }> {
  if (!viewer) return { need: [], items: {}, takesBack: false };
  return db().transaction(async (tx) => {
    const need = await loadNeed(tx, needId);
    const holders = await holdersOf(tx, needId);
    const wishHolder = holders.find((h) => h.itemId === null);
    const [dispatch] =
      need.status === "dispatched"
        ? await tx
            .select({ organisationId: dispatches.organisationId })
            .from(dispatches)
            .where(and(eq(dispatches.needId, needId), eq(dispatches.status, "pending")))
        : [];
    const actions = Object.keys(needTransitions) as TransitionInput["action"][];
    const isProject = need.kind === "project";
    // A claim button only where one of the viewer's organisations serves the place (the claim checks it too);
    // asked only of a published case, the one a wish or its items are claimed from.
    const at = clockNow();
    const servesHere =
      need.status === "published" &&
      (await Promise.all(claimingOrganisationsOf(viewer).map((organisationId) => organisationServes(tx, organisationId, need, at)))).some(
        Boolean,
      );
    const standings = standingsOf(viewer, need, wishHolder, dispatch?.organisationId);
    const allowed = actions.filter((action) => {
      if (action === "claim" && !servesHere) return false;
      if (isProject && action in itemTransitions) return false;
      return checkTransition(action, need.status, standings).ok;
    });
    const needActions = oneWayToClose(allowed, standings);
    const items: Record<string, TransitionInput["action"][]> = {};
    if (isProject && need.status === "published") {
      const rows = await tx.select({ id: needItems.id, status: needItems.status }).from(needItems).where(eq(needItems.needId, needId));
      for (const item of rows) {
        const holder = holders.find((h) => h.itemId === item.id);
        const standings = standingsOf(viewer, need, holder);
        items[item.id] = (Object.keys(itemTransitions) as TransitionInput["action"][]).filter((action) => {
          if (action === "claim" && !servesHere) return false;
          const rule = itemTransitions[action]!;
          return rule.from === item.status && checkTransition(action, itemActionAsWishStatus(action), standings).ok;
        });
      }
    }
    // Staff releasing a case another organisation holds take it back (收回), and say why.
    return { need: needActions, items, takesBack: needActions.includes("release") && !standings.includes("claimer") };
  });
}
