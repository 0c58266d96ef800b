// The micro-wish lifecycle (DESIGN.md): which action moves a need from which state, and who may take it.
// Pure and table-tested; transitions.server.ts applies it inside a transaction, and the claims module
// (app/modules/claims/claims.server.ts) moves the claim rows by the claim table at the end of this file.
import type { claimStatuses, needStatuses } from "#db/schema/enums";

export type NeedStatus = (typeof needStatuses)[number];

/** Statuses anyone may see: the rest belong to the poster and the community's staff. */
export const publicNeedStatuses = ["published", "dispatched", "claimed", "fulfilled", "completed"] as const satisfies readonly NeedStatus[];

export function isPublicStatus(status: string): boolean {
  return (publicNeedStatuses as readonly string[]).includes(status);
}

export const needActions = [
  "submit",
  "approve",
  "reject",
  "withdraw",
  "claim",
  "release",
  "fulfil",
  "confirm",
  "not_done",
  "dispatch",
  "accept",
  "decline",
  "verify",
  "reopen",
  "recall",
] as const;
export type NeedAction = (typeof needActions)[number];

/** How the acting user stands to this need. One user can stand in several ways at once. */
export type Standing =
  | "poster" // posted it, or it is posted for them
  | "staff" // staff of its community, its street's admin, or a platform admin
  | "partner" // a member of an organisation (may claim)
  | "claimer" // a member of the organisation whose claim holds it (or the item)
  | "dispatchee" // an admin of the organisation the case is dispatched to (waiting for its answer)
  | "inspector"; // a grid worker of its community: checks the work on site

interface Rule {
  from: readonly NeedStatus[];
  to: NeedStatus;
  who: readonly Standing[];
}

export const needTransitions: Record<NeedAction, Rule> = {
  // A rejected wish is edited and submitted again (the reason stays in its history).
  submit: { from: ["draft", "rejected"], to: "pending_review", who: ["poster", "staff"] },
  approve: { from: ["pending_review"], to: "published", who: ["staff"] },
  reject: { from: ["pending_review"], to: "rejected", who: ["staff"] },
  withdraw: { from: ["draft", "pending_review", "published"], to: "withdrawn", who: ["poster", "staff"] },
  claim: { from: ["published"], to: "claimed", who: ["partner"] },
  release: { from: ["claimed"], to: "published", who: ["claimer", "staff"] },
  fulfil: { from: ["claimed"], to: "fulfilled", who: ["claimer"] },
  confirm: { from: ["fulfilled"], to: "completed", who: ["poster", "staff"] },
  // The resident's "not done yet" (还没办好): back to the same organisation's claim, with a note.
  not_done: { from: ["fulfilled"], to: "claimed", who: ["poster"] },
  // Dispatch (派单): staff push a published case to one organisation; its admin accepts (its claim) or declines.
  dispatch: { from: ["published"], to: "dispatched", who: ["staff"] },
  accept: { from: ["dispatched"], to: "claimed", who: ["dispatchee"] },
  decline: { from: ["dispatched"], to: "published", who: ["dispatchee"] },
  // Staff take back a dispatch not yet answered (sent to the wrong partner, or overdue to accept), with a reason.
  recall: { from: ["dispatched"], to: "published", who: ["staff"] },
  // Closing on site: the poster, the community's grid worker or staff check the work, then verify or reopen it.
  verify: { from: ["fulfilled"], to: "completed", who: ["poster", "inspector", "staff"] },
  reopen: { from: ["fulfilled"], to: "claimed", who: ["poster", "inspector", "staff"] },
};

export type TransitionCheck = { ok: true; to: NeedStatus } | { ok: false; error: "forbidden" | "invalid_transition" };

/** Permission first (403), then state (409): someone who may never act learns nothing about the state. */
export function checkTransition(action: NeedAction, status: NeedStatus, standings: readonly Standing[]): TransitionCheck {
  const rule = needTransitions[action];
  if (!rule.who.some((w) => standings.includes(w))) return { ok: false, error: "forbidden" };
  if (!rule.from.includes(status)) return { ok: false, error: "invalid_transition" };
  return { ok: true, to: rule.to };
}

/** Project items move on their own: claim, release, fulfil, confirm. */
export type ItemStatus = "open" | "claimed" | "fulfilled" | "completed";
export const itemTransitions: Partial<Record<NeedAction, { from: ItemStatus; to: ItemStatus }>> = {
  claim: { from: "open", to: "claimed" },
  release: { from: "claimed", to: "open" },
  fulfil: { from: "claimed", to: "fulfilled" },
  confirm: { from: "fulfilled", to: "completed" },
};

/** Who may move an item: whoever may make the same move on a wish standing where the item's move starts. */
export function itemActionAsWishStatus(action: NeedAction): NeedStatus {
  return action === "claim" ? "published" : action === "confirm" ? "fulfilled" : "claimed";
}

/** A project completes when its last item does. */
export const projectCompletion = { from: "published", to: "completed" } as const satisfies { from: NeedStatus; to: NeedStatus };

/** The claim row follows its wish or item; expiry is the system's own move (a claim past its due time). */
export type ClaimStatus = (typeof claimStatuses)[number];
export type ClaimAction = "release" | "fulfil" | "confirm" | "not_done" | "verify" | "reopen" | "expire";

/** A claim is created active (by "claim"); these hold the wish or item (the unique index claims_one_holder). */
export const newClaimStatus: ClaimStatus = "active";
export const holdingClaimStatuses = ["active", "fulfilled", "completed"] as const satisfies readonly ClaimStatus[];

export const claimTransitions: Record<ClaimAction, { from: ClaimStatus; to: ClaimStatus }> = {
  release: { from: "active", to: "released" },
  fulfil: { from: "active", to: "fulfilled" },
  confirm: { from: "fulfilled", to: "completed" },
  // Not done yet: the same claim holds the wish again.
  not_done: { from: "fulfilled", to: "active" },
  // Closing on site: verified is a confirmation, reopened a "not done yet" (the same claim holds the case again).
  verify: { from: "fulfilled", to: "completed" },
  reopen: { from: "fulfilled", to: "active" },
  expire: { from: "active", to: "expired" },
};

export function isClaimAction(action: string): action is ClaimAction {
  return action in claimTransitions;
}

/** An expired claim gives its wish (or project item) back to the wall. */
export const expiryTransitions = {
  need: { from: "claimed", to: "published" },
  item: { from: "claimed", to: "open" },
} as const satisfies { need: { from: NeedStatus; to: NeedStatus }; item: { from: ItemStatus; to: ItemStatus } };
