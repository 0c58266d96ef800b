// The micro-wish state machine, checked against a table written here from DESIGN.md ("Lifecycles"),
// not derived from lifecycle.ts: every status × every action × every way a user can stand to a need.
import { describe, expect, it } from "vitest";
import { needStatuses } from "#db/schema/enums";
import {
  checkTransition,
  itemTransitions,
  needActions,
  needTransitions,
  type NeedAction,
  type NeedStatus,
  type Standing,
  type TransitionCheck,
} from "~/modules/needs/lifecycle";

// ------------------------------------------------------------------ the expected lifecycle (DESIGN.md)

const allActions = [
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
const allStatuses = [
  "draft",
  "pending_review",
  "published",
  "claimed",
  "fulfilled",
  "completed",
  "rejected",
  "withdrawn",
  "dispatched",
] as const;
const terminalStatuses = ["completed", "withdrawn"] as const;

/**
 * From each status, which action leads where:
 * draft → pending_review → published → claimed → fulfilled → completed; reject from pending_review;
 * withdraw from draft, pending_review and published; release from claimed back to published; a
 * rejected wish is submitted again (after changes) to pending_review; "not done yet" (not_done) takes a
 * fulfilled wish back to claimed. Nothing leads out of completed or withdrawn.
 */
const graph: Record<NeedStatus, Partial<Record<NeedAction, NeedStatus>>> = {
  draft: { submit: "pending_review", withdraw: "withdrawn" },
  pending_review: { approve: "published", reject: "rejected", withdraw: "withdrawn" },
  published: { claim: "claimed", withdraw: "withdrawn", dispatch: "dispatched" },
  claimed: { fulfil: "fulfilled", release: "published" },
  fulfilled: { confirm: "completed", not_done: "claimed", verify: "completed", reopen: "claimed" },
  completed: {},
  rejected: { submit: "pending_review" },
  withdrawn: {},
  dispatched: { accept: "claimed", decline: "published", recall: "published" },
};

/**
 * Who may take each action. Submitting a draft is the poster's (residents post their wishes) or
 * the staff's (they post on a resident's behalf); approve and reject are the staff's alone; only
 * partners claim; the claimer or staff release; only the claimer reports delivery; the resident
 * (poster) or staff confirm; the poster or staff withdraw; only the resident (poster) says it is not
 * done yet: staff are told, they do not say it for the resident.
 */
const mayAct: Record<NeedAction, readonly Standing[]> = {
  submit: ["poster", "staff"],
  approve: ["staff"],
  reject: ["staff"],
  withdraw: ["poster", "staff"],
  claim: ["partner"],
  release: ["claimer", "staff"],
  fulfil: ["claimer"],
  confirm: ["poster", "staff"],
  not_done: ["poster"],
  // Dispatch (DESIGN.md): staff dispatch; the organisation dispatched to (its admin) accepts or declines;
  // the poster, the community's grid worker (inspector) or staff verify or reopen a fulfilled case.
  dispatch: ["staff"],
  accept: ["dispatchee"],
  decline: ["dispatchee"],
  verify: ["poster", "inspector", "staff"],
  reopen: ["poster", "inspector", "staff"],
  // Staff (of the community or its street) take back a dispatch nobody has answered yet.
  recall: ["staff"],
};

const standingSets: Record<string, readonly Standing[]> = {
  none: [],
  poster: ["poster"],
  staff: ["staff"],
  partner: ["partner"],
  claimer: ["claimer"],
  "poster+staff": ["poster", "staff"],
  "partner+claimer": ["partner", "claimer"],
  "poster+partner": ["poster", "partner"],
  "staff+claimer": ["staff", "claimer"],
  dispatchee: ["dispatchee"],
  inspector: ["inspector"],
  "partner+dispatchee": ["partner", "dispatchee"],
  "claimer+inspector": ["claimer", "inspector"],
  all: ["poster", "staff", "partner", "claimer", "dispatchee", "inspector"],
};

/** Permission first: someone who may never take the action learns nothing about the state. */
function expected(action: NeedAction, status: NeedStatus, standings: readonly Standing[]): TransitionCheck {
  if (!standings.some((s) => mayAct[action].includes(s))) return { ok: false, error: "forbidden" };
  const to = graph[status][action];
  if (!to) return { ok: false, error: "invalid_transition" };
  return { ok: true, to };
}

// ------------------------------------------------------------------ the tests

describe("the lists the table is built on", () => {
  it("covers every status of the database enum", () => {
    expect([...needStatuses].sort()).toEqual([...allStatuses].sort());
  });

  it("has exactly the API contract's actions (and recall, ours), each with a rule", () => {
    expect([...needActions].sort()).toEqual([...allActions].sort());
    expect(Object.keys(needTransitions).sort()).toEqual([...allActions].sort());
  });
});

describe.each([...needStatuses])("checkTransition from %s", (status) => {
  it.each([...needActions])("%s: exact outcome for every standing", (action) => {
    const actual = Object.fromEntries(Object.entries(standingSets).map(([name, set]) => [name, checkTransition(action, status, set)]));
    const wanted = Object.fromEntries(Object.entries(standingSets).map(([name, set]) => [name, expected(action, status, set)]));
    expect(actual).toEqual(wanted);
  });
});

describe("spot checks of the table itself", () => {
  // Guards against the expected table and the code agreeing on a mistake.
  it.each<[NeedAction, NeedStatus, readonly Standing[], TransitionCheck]>([
    ["submit", "draft", ["poster"], { ok: true, to: "pending_review" }],
    ["approve", "pending_review", ["staff"], { ok: true, to: "published" }],
    ["approve", "pending_review", ["poster"], { ok: false, error: "forbidden" }],
    ["reject", "pending_review", ["staff"], { ok: true, to: "rejected" }],
    ["reject", "published", ["staff"], { ok: false, error: "invalid_transition" }],
    ["withdraw", "published", ["poster"], { ok: true, to: "withdrawn" }],
    ["withdraw", "claimed", ["poster"], { ok: false, error: "invalid_transition" }],
    ["withdraw", "draft", ["partner"], { ok: false, error: "forbidden" }],
    ["claim", "published", ["partner"], { ok: true, to: "claimed" }],
    ["claim", "published", ["staff"], { ok: false, error: "forbidden" }],
    ["claim", "claimed", ["partner"], { ok: false, error: "invalid_transition" }],
    ["release", "claimed", ["claimer"], { ok: true, to: "published" }],
    ["release", "claimed", ["staff"], { ok: true, to: "published" }],
    ["release", "claimed", ["partner"], { ok: false, error: "forbidden" }],
    ["fulfil", "claimed", ["claimer"], { ok: true, to: "fulfilled" }],
    ["fulfil", "claimed", ["staff"], { ok: false, error: "forbidden" }],
    ["fulfil", "claimed", ["partner"], { ok: false, error: "forbidden" }],
    ["confirm", "fulfilled", ["poster"], { ok: true, to: "completed" }],
    ["confirm", "fulfilled", ["staff"], { ok: true, to: "completed" }],
    ["confirm", "fulfilled", ["claimer"], { ok: false, error: "forbidden" }],
    ["confirm", "claimed", ["poster"], { ok: false, error: "invalid_transition" }],
    ["submit", "rejected", ["poster"], { ok: true, to: "pending_review" }],
    ["submit", "rejected", ["staff"], { ok: true, to: "pending_review" }],
    ["submit", "rejected", ["partner"], { ok: false, error: "forbidden" }],
    ["approve", "rejected", ["staff"], { ok: false, error: "invalid_transition" }],
    ["not_done", "fulfilled", ["poster"], { ok: true, to: "claimed" }],
    ["not_done", "fulfilled", ["staff"], { ok: false, error: "forbidden" }],
    ["not_done", "fulfilled", ["claimer"], { ok: false, error: "forbidden" }],
    ["not_done", "claimed", ["poster"], { ok: false, error: "invalid_transition" }],
    ["not_done", "completed", ["poster"], { ok: false, error: "invalid_transition" }],
    ["dispatch", "published", ["staff"], { ok: true, to: "dispatched" }],
    ["dispatch", "published", ["partner"], { ok: false, error: "forbidden" }],
    ["dispatch", "claimed", ["staff"], { ok: false, error: "invalid_transition" }],
    ["accept", "dispatched", ["dispatchee"], { ok: true, to: "claimed" }],
    ["accept", "dispatched", ["partner"], { ok: false, error: "forbidden" }],
    ["accept", "dispatched", ["staff"], { ok: false, error: "forbidden" }],
    ["decline", "dispatched", ["dispatchee"], { ok: true, to: "published" }],
    ["decline", "claimed", ["dispatchee"], { ok: false, error: "invalid_transition" }],
    ["claim", "dispatched", ["partner"], { ok: false, error: "invalid_transition" }],
    ["recall", "dispatched", ["staff"], { ok: true, to: "published" }],
    ["recall", "dispatched", ["dispatchee"], { ok: false, error: "forbidden" }],
    ["recall", "claimed", ["staff"], { ok: false, error: "invalid_transition" }],
    ["verify", "fulfilled", ["inspector"], { ok: true, to: "completed" }],
    ["verify", "fulfilled", ["claimer"], { ok: false, error: "forbidden" }],
    ["reopen", "fulfilled", ["inspector"], { ok: true, to: "claimed" }],
    ["reopen", "claimed", ["staff"], { ok: false, error: "invalid_transition" }],
    // Permission before state: a stranger is refused even where the state would not allow it anyway.
    ["approve", "completed", [], { ok: false, error: "forbidden" }],
    ["fulfil", "draft", ["poster"], { ok: false, error: "forbidden" }],
  ])("%s from %s as %j", (action, status, standings, outcome) => {
    expect(checkTransition(action, status, standings)).toEqual(outcome);
  });
});

describe("terminal statuses", () => {
  const everyone: Standing[] = ["poster", "staff", "partner", "claimer", "dispatchee", "inspector"];

  it.each([...terminalStatuses])("no action leads out of %s, whoever acts", (status) => {
    for (const action of needActions) {
      for (const set of Object.values(standingSets)) {
        expect(checkTransition(action, status, set).ok, `${action} as ${set.join("+") || "none"}`).toBe(false);
      }
      expect(checkTransition(action, status, everyone), action).toEqual({ ok: false, error: "invalid_transition" });
    }
  });

  it("no rule starts from a terminal status", () => {
    for (const [action, rule] of Object.entries(needTransitions)) {
      for (const status of terminalStatuses) expect(rule.from, action).not.toContain(status);
    }
  });

  it("every rule leads to a status of the enum, and every non-terminal status has a way out", () => {
    for (const rule of Object.values(needTransitions)) expect(needStatuses).toContain(rule.to);
    for (const status of needStatuses) {
      const ways = needActions.filter((a) => checkTransition(a, status, everyone).ok);
      if ((terminalStatuses as readonly string[]).includes(status)) expect(ways, status).toEqual([]);
      else expect(ways.length, status).toBeGreaterThan(0);
    }
  });
});

describe("itemTransitions (project items)", () => {
  it("moves items only by claim, release, fulfil and confirm", () => {
    expect(itemTransitions).toEqual({
      claim: { from: "open", to: "claimed" },
      release: { from: "claimed", to: "open" },
      fulfil: { from: "claimed", to: "fulfilled" },
      confirm: { from: "fulfilled", to: "completed" },
    });
  });

  it.each(["submit", "approve", "reject", "withdraw", "not_done"] as const)("has no item rule for %s", (action) => {
    expect(itemTransitions[action]).toBeUndefined();
  });

  it("never leads out of a completed item", () => {
    for (const rule of Object.values(itemTransitions)) expect(rule.from).not.toBe("completed");
  });
});
