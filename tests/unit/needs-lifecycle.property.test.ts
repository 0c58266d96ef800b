// Random sequences of wish transitions by everyone who can stand to a wish (the resident, a neighbour,
// staff here and elsewhere, street and platform admins, partners, the claimer, anonymous) run through
// the real state machine and are held against the lifecycle written out from DESIGN.md in
// tests/setup/wish-lifecycle-model.ts. The claimer changes as the wish is claimed and released, so
// the standings each step checks come from the run so far, not from a fixed table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needStatuses } from "#db/schema/enums";
import { checkTransition, needActions, type NeedAction, type NeedStatus } from "~/modules/needs/lifecycle";
import {
  allowedMoves,
  applyMove,
  cast,
  heldStatuses,
  modelActions,
  modelOutcome,
  modelStatuses,
  moveKey,
  newWishModel,
  origins,
  personNames,
  reachableFrom,
  resolveStep,
  standingsOf,
  terminalStatuses,
  type Organisation,
  type PersonName,
  type Step,
  type WishModel,
} from "../setup/wish-lifecycle-model";

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("any" as const),
      action: fc.constantFrom(...needActions),
      person: fc.constantFrom(...personNames),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("allowed" as const), pick: fc.nat() }) },
);

/** The lifecycle's forward order; only `release` (claimed → published) and `not_done` (fulfilled → claimed) go back. */
// dispatched sits between published and claimed: declined, it goes back to published.
const rank: Partial<Record<NeedStatus, number>> = { draft: 0, pending_review: 1, published: 2, claimed: 3, fulfilled: 4, completed: 5 };

/** Nobody here governs the wish's community or belongs to an organisation. */
const outsiders: PersonName[] = ["neighbour", "staffElsewhere", "streetAdminElsewhere", "volunteer", "gridWorkerElsewhere", "anonymous"];

describe("the model the properties use", () => {
  it("names every status and action of the real module", () => {
    expect([...modelStatuses].sort()).toEqual([...needStatuses].sort());
    expect([...modelActions].sort()).toEqual([...needActions].sort());
  });

  it("reaches every status from a draft, and leaves no terminal status", () => {
    expect([...reachableFrom("draft")].sort()).toEqual([...needStatuses].sort());
    for (const status of terminalStatuses) expect(allowedMoves.filter((m) => m.from === status)).toEqual([]);
  });
});

describe("the cast", () => {
  it("has the standings the properties rely on", () => {
    const wish = newWishModel("residentPosts");
    expect(standingsOf("resident", wish)).toEqual(["poster"]);
    expect(standingsOf("staffAlsoMemberB", { ...wish, holder: "orgB" })).toEqual(["staff", "partner", "claimer"]);
    expect(standingsOf("adminA", { ...wish, holder: "orgA" })).toEqual(["partner", "claimer"]);
    for (const person of outsiders) expect(standingsOf(person, { ...wish, holder: "orgA" }), person).toEqual([]);
    const governing = personNames.filter((p) => standingsOf(p, wish).includes("staff"));
    expect(governing.sort()).toEqual(["platformAdmin", "staff", "staffAlsoMemberB", "streetAdmin"]);
    expect(cast.anonymous).toMatchObject({ anonymous: true });
  });
});

describe("random transitions through the real state machine", () => {
  it("accept exactly the moves the lifecycle allows, to the status it names, and refuse the rest for the right reason", () => {
    const accepted = new Set<string>();
    const refusals = new Set<string>();
    const tried = new Set<PersonName>();

    fc.assert(
      fc.property(fc.constantFrom(...origins), fc.array(stepArb, { minLength: 1, maxLength: 30 }), (origin, steps) => {
        let wish: WishModel = newWishModel(origin);
        const reachable = reachableFrom(wish.status);
        const path: { status: NeedStatus; action?: NeedAction }[] = [{ status: wish.status }];

        for (const step of steps) {
          const { action, person } = resolveStep(step, wish);
          tried.add(person);
          const standings = standingsOf(person, wish);
          const actual = checkTransition(action, wish.status, standings);
          const expected = modelOutcome(action, wish.status, standings);
          const context = `${action} by ${person} (${standings.join("+") || "no standing"}) from ${wish.status}`;

          // The exact answer the lifecycle gives, refusals and their reason included.
          expect(actual, context).toEqual(expected.ok ? { ok: true, to: expected.to } : { ok: false, error: expected.error });

          if (actual.ok) {
            // Said directly: an accepted move is in the table, for this person, and leaves no terminal status.
            const move = allowedMoves.find((m) => m.from === wish.status && m.action === action && m.to === actual.to);
            expect(move, context).toBeDefined();
            expect(
              move!.who.some((w) => standings.includes(w)),
              context,
            ).toBe(true);
            expect(terminalStatuses, context).not.toContain(wish.status);
            expect(outsiders, context).not.toContain(person);
            accepted.add(moveKey(move!));
            wish = applyMove(wish, person, move!);
            path.push({ status: wish.status, action });
          } else {
            refusals.add(actual.error);
            // A refusal for permission means nobody standing like this may ever take the action.
            if (actual.error === "forbidden")
              expect(allowedMoves.filter((m) => m.action === action && m.who.some((w) => standings.includes(w)))).toEqual([]);
          }

          expect(needStatuses, context).toContain(wish.status);
          expect(reachable.has(wish.status), `${wish.status} from ${origin}`).toBe(true);
          // A claim holds the wish exactly while it is claimed, fulfilled or completed through a claim.
          expect(wish.holder !== null, `holder in ${wish.status}`).toBe(heldStatuses.includes(wish.status));
        }

        const statuses = path.map((p) => p.status);
        for (let i = 1; i < path.length; i++) {
          const [before, after] = [path[i - 1]!.status, path[i]!.status];
          if (rank[before] !== undefined && rank[after] !== undefined && rank[after]! < rank[before]!) {
            expect([
              { before: "claimed", after: "published", action: "release" },
              { before: "fulfilled", after: "claimed", action: "not_done" },
              { before: "fulfilled", after: "claimed", action: "reopen" },
            ]).toContainEqual({ before, after, action: path[i]!.action });
          }
          // A rejected wish only ever goes back to review; nothing is rejected that was not under review.
          if (after === "rejected") expect(before).toBe("pending_review");
          if (before === "rejected") expect({ after, action: path[i]!.action }).toEqual({ after: "pending_review", action: "submit" });
          // Once terminal, nothing follows.
          expect(terminalStatuses).not.toContain(before);
        }
        // Nothing is completed that was not delivered, nor rejected that was not under review.
        if (statuses.includes("completed")) expect(statuses.slice(-2, -1)).toEqual(["fulfilled"]);
      }),
      { numRuns: 400 },
    );

    // The runs did walk the whole lifecycle and met both kinds of refusal, from everyone.
    expect([...accepted].sort()).toEqual(allowedMoves.map(moveKey).sort());
    expect([...refusals].sort()).toEqual(["forbidden", "invalid_transition"]);
    expect([...tried].sort()).toEqual([...personNames].sort());
  });

  it("leave no dead end: from wherever a run stops, the real machine can still take the wish to completed, or it is terminal", () => {
    fc.assert(
      fc.property(fc.constantFrom(...origins), fc.array(stepArb, { maxLength: 20 }), (origin, steps) => {
        let wish = newWishModel(origin);
        for (const step of steps) {
          const { action, person } = resolveStep(step, wish);
          const outcome = checkTransition(action, wish.status, standingsOf(person, wish));
          if (outcome.ok)
            wish = applyMove(
              wish,
              person,
              allowedMoves.find((m) => m.from === wish.status && m.action === action)!,
            );
        }
        const ends = statusesTheMachineReaches(wish);
        if (terminalStatuses.includes(wish.status)) expect([...ends]).toEqual([wish.status]);
        else expect(ends.has("completed"), `completed from ${wish.status}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("never move a wish out of completed or withdrawn, whoever tries whatever", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...terminalStatuses),
        fc.constantFrom(...origins),
        fc.constantFrom<Organisation>("orgA", "orgB"),
        fc.array(fc.record({ action: fc.constantFrom(...needActions), person: fc.constantFrom(...personNames) }), {
          minLength: 1,
          maxLength: 30,
        }),
        (status, origin, holder, steps) => {
          const wish: WishModel = { ...newWishModel(origin), status, holder: heldStatuses.includes(status) ? holder : null };
          for (const { action, person } of steps) {
            const standings = standingsOf(person, wish);
            const outcome = checkTransition(action, status, standings);
            expect(outcome.ok, `${action} by ${person} from ${status}`).toBe(false);
            expect(outcome).toEqual(modelOutcome(action, status, standings));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Every status the real machine can take the wish to (its own included), trying every action by everyone. */
function statusesTheMachineReaches(start: WishModel): Set<NeedStatus> {
  const key = (w: WishModel) => `${w.status}/${w.holder ?? "-"}`;
  const seen = new Map<string, WishModel>([[key(start), start]]);
  const queue = [start];
  while (queue.length) {
    const wish = queue.shift()!;
    for (const action of needActions) {
      for (const person of personNames) {
        const outcome = checkTransition(action, wish.status, standingsOf(person, wish));
        if (!outcome.ok) continue;
        const move = allowedMoves.find((m) => m.from === wish.status && m.action === action && m.to === outcome.to);
        expect(move, `${action} from ${wish.status} by ${person}`).toBeDefined();
        const next = applyMove(wish, person, move!);
        if (!seen.has(key(next))) {
          seen.set(key(next), next);
          queue.push(next);
        }
      }
    }
  }
  return new Set([...seen.values()].map((w) => w.status));
}
