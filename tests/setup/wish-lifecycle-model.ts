// The micro-wish lifecycle as DESIGN.md ("Lifecycles") tells it, written out by hand and not derived
// from app/modules/needs/lifecycle.ts, and a cast of people who stand to one wish in every way the
// product knows. The property tests drive the real code with random (action, person) sequences and
// hold every outcome against this model.
import type { NeedAction, NeedStatus, Standing } from "~/modules/needs/lifecycle";

/** One allowed move: from a status, by an action, to a status, by whom. Nothing else is allowed. */
export interface AllowedMove {
  from: NeedStatus;
  action: NeedAction;
  to: NeedStatus;
  who: readonly Standing[];
}

/**
 * draft → pending_review → published → claimed → fulfilled → completed; staff approve or reject what
 * residents post; a rejected wish is changed and submitted again by its poster (or staff for them);
 * the poster (or staff for them) withdraws before anyone claims; partners claim; the claimer or staff
 * give a claim back; only the claimer reports delivery; the resident or staff confirm, or the resident
 * says it is not done yet and it goes back to the same claimer.
 */
export const allowedMoves: readonly AllowedMove[] = [
  { from: "draft", action: "submit", to: "pending_review", who: ["poster", "staff"] },
  { from: "draft", action: "withdraw", to: "withdrawn", who: ["poster", "staff"] },
  { from: "pending_review", action: "approve", to: "published", who: ["staff"] },
  { from: "pending_review", action: "reject", to: "rejected", who: ["staff"] },
  { from: "pending_review", action: "withdraw", to: "withdrawn", who: ["poster", "staff"] },
  { from: "published", action: "claim", to: "claimed", who: ["partner"] },
  { from: "published", action: "withdraw", to: "withdrawn", who: ["poster", "staff"] },
  { from: "claimed", action: "release", to: "published", who: ["claimer", "staff"] },
  { from: "claimed", action: "fulfil", to: "fulfilled", who: ["claimer"] },
  { from: "fulfilled", action: "confirm", to: "completed", who: ["poster", "staff"] },
  { from: "rejected", action: "submit", to: "pending_review", who: ["poster", "staff"] },
  { from: "fulfilled", action: "not_done", to: "claimed", who: ["poster"] },
  // Dispatch (派单): staff send a published case to one organisation (orgA in this model); its admin accepts
  // (it holds the case) or declines (back to published). The poster, the grid worker or staff verify or reopen.
  { from: "published", action: "dispatch", to: "dispatched", who: ["staff"] },
  { from: "dispatched", action: "accept", to: "claimed", who: ["dispatchee"] },
  { from: "dispatched", action: "decline", to: "published", who: ["dispatchee"] },
  // Staff take back a dispatch nobody has answered yet (recall, 收回): back to published, waiting on no one.
  { from: "dispatched", action: "recall", to: "published", who: ["staff"] },
  { from: "fulfilled", action: "verify", to: "completed", who: ["poster", "inspector", "staff"] },
  { from: "fulfilled", action: "reopen", to: "claimed", who: ["poster", "inspector", "staff"] },
];

export const modelStatuses = [
  "draft",
  "pending_review",
  "published",
  "claimed",
  "fulfilled",
  "completed",
  "rejected",
  "withdrawn",
  "dispatched",
] as const satisfies readonly NeedStatus[];
export const modelActions = [
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
] as const satisfies readonly NeedAction[];
export const terminalStatuses: readonly NeedStatus[] = ["completed", "withdrawn"];
/** A claim holds the wish in these statuses, and only in these. */
export const heldStatuses: readonly NeedStatus[] = ["claimed", "fulfilled", "completed"];

export const moveKey = (m: Pick<AllowedMove, "from" | "action" | "to">) => `${m.from} -${m.action}-> ${m.to}`;

/** Statuses reachable from `start` through the allowed moves (start included). */
export function reachableFrom(start: NeedStatus): Set<NeedStatus> {
  const seen = new Set<NeedStatus>([start]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of allowedMoves) {
      if (seen.has(m.from) && !seen.has(m.to)) {
        seen.add(m.to);
        grew = true;
      }
    }
  }
  return seen;
}

export type ModelOutcome = { ok: true; to: NeedStatus; move: AllowedMove } | { ok: false; error: "forbidden" | "invalid_transition" };

/** Whoever may never take the action is refused for that (403) before the status is looked at (409). */
export function modelOutcome(action: NeedAction, status: NeedStatus, standings: readonly Standing[]): ModelOutcome {
  const mayEver = allowedMoves.some((m) => m.action === action && m.who.some((w) => standings.includes(w)));
  if (!mayEver) return { ok: false, error: "forbidden" };
  const move = allowedMoves.find((m) => m.action === action && m.from === status && m.who.some((w) => standings.includes(w)));
  return move ? { ok: true, to: move.to, move } : { ok: false, error: "invalid_transition" };
}

// ---------------------------------------------------------------- the people

export type Organisation = "orgA" | "orgB";

export interface Person {
  /** Staff of the wish's community, its street's admin, or a platform admin. */
  governs: boolean;
  /** The one organisation the person is a member of (partners claim for it). */
  organisation: Organisation | null;
  /** An admin of that organisation: only admins claim for it (issue 14). */
  admin?: true;
  /** Has no session at all. */
  anonymous?: true;
  /** A grid worker of the wish's community (checks work on site). */
  gridWorker?: true;
}

/** Everyone who can stand to a wish in a different way; `resident` is the one the wish is for. */
export const cast = {
  resident: { governs: false, organisation: null },
  neighbour: { governs: false, organisation: null },
  staff: { governs: true, organisation: null },
  staffElsewhere: { governs: false, organisation: null },
  streetAdmin: { governs: true, organisation: null },
  streetAdminElsewhere: { governs: false, organisation: null },
  platformAdmin: { governs: true, organisation: null },
  memberA: { governs: false, organisation: "orgA" },
  adminA: { governs: false, organisation: "orgA", admin: true },
  // orgB's people administer it (they claim); memberA is orgA's plain member, who may not.
  memberB: { governs: false, organisation: "orgB", admin: true },
  staffAlsoMemberB: { governs: true, organisation: "orgB", admin: true },
  volunteer: { governs: false, organisation: null },
  gridWorker: { governs: false, organisation: null, gridWorker: true },
  gridWorkerElsewhere: { governs: false, organisation: null },
  anonymous: { governs: false, organisation: null, anonymous: true },
} as const satisfies Record<string, Person>;

export type PersonName = keyof typeof cast;
export const personNames = Object.keys(cast) as PersonName[];

/** How a wish came to be: a draft, posted by the resident (to review), or by staff for the resident. */
export const origins = ["draft", "residentPosts", "staffPostsForResident"] as const;
export type Origin = (typeof origins)[number];

export interface WishModel {
  status: NeedStatus;
  /** Who posted it or is its beneficiary. */
  posters: ReadonlySet<PersonName>;
  /** The organisation whose claim holds it, if one does. */
  holder: Organisation | null;
  /** The organisation it is dispatched to, while that one has not answered. */
  dispatchedTo?: Organisation | null;
}

export function newWishModel(origin: Origin): WishModel {
  if (origin === "draft") return { status: "draft", posters: new Set(["resident"]), holder: null };
  if (origin === "residentPosts") return { status: "pending_review", posters: new Set(["resident"]), holder: null };
  return { status: "published", posters: new Set(["resident", "staff"]), holder: null };
}

export function standingsOf(name: PersonName, wish: WishModel): Standing[] {
  const person: Person = cast[name];
  if (person.anonymous) return [];
  const standings: Standing[] = [];
  if (wish.posters.has(name)) standings.push("poster");
  if (person.governs) standings.push("staff");
  if (person.organisation && person.admin) standings.push("partner");
  if (person.organisation && person.organisation === wish.holder) standings.push("claimer");
  if (person.organisation && person.admin && person.organisation === wish.dispatchedTo) standings.push("dispatchee");
  if (person.gridWorker) standings.push("inspector");
  return standings;
}

/** The wish after an accepted move by this person. */
export function applyMove(wish: WishModel, name: PersonName, move: AllowedMove): WishModel {
  let holder = wish.holder;
  if (move.action === "claim") holder = cast[name].organisation;
  if (move.action === "release") holder = null;
  if (move.action === "accept") holder = wish.dispatchedTo ?? null;
  // Dispatched to orgA; answered (accepted or declined) or taken back, it waits on no one.
  const dispatchedTo =
    move.action === "dispatch" ? "orgA" : ["accept", "decline", "recall"].includes(move.action) ? null : (wish.dispatchedTo ?? null);
  // not_done and reopen keep the holder: the same organisation's claim holds the wish again.
  return { ...wish, status: move.to, holder, dispatchedTo };
}

// ---------------------------------------------------------------- random steps

/**
 * A step is either any (action, person) at all, most of them refused, or "the n-th move the model
 * allows now", so that runs get deep into the lifecycle instead of bouncing off its first status.
 */
export type Step = { kind: "any"; action: NeedAction; person: PersonName } | { kind: "allowed"; pick: number };

export function resolveStep(step: Step, wish: WishModel): { action: NeedAction; person: PersonName } {
  if (step.kind === "any") return step;
  const mayTake = (action: NeedAction) => personNames.filter((person) => modelOutcome(action, wish.status, standingsOf(person, wish)).ok);
  const actions = modelActions.filter((action) => mayTake(action).length > 0);
  // Nothing moves a terminal wish: try something anyway.
  if (actions.length === 0)
    return { action: modelActions[step.pick % modelActions.length]!, person: personNames[step.pick % personNames.length]! };
  // The action first, then who takes it, so a move open to many people is not favoured.
  const action = actions[step.pick % actions.length]!;
  const people = mayTake(action);
  return { action, person: people[Math.floor(step.pick / actions.length) % people.length]! };
}
