// The claim table of lifecycle.ts agrees with the wish table: a claim holds its wish exactly while the wish
// stands claimed, fulfilled or completed, and expiry undoes a claim.
import { describe, expect, it } from "vitest";
import { claimStatuses } from "#db/schema/enums";
import {
  claimTransitions,
  expiryTransitions,
  holdingClaimStatuses,
  itemTransitions,
  needTransitions,
  newClaimStatus,
  type ClaimAction,
} from "~/modules/needs/lifecycle";

const wishHeld = ["claimed", "fulfilled", "completed"];
const holds = (status: string) => (holdingClaimStatuses as readonly string[]).includes(status);

describe("the claim table", () => {
  it("uses only the database's claim statuses, and a new claim holds its wish", () => {
    for (const rule of Object.values(claimTransitions)) {
      expect(claimStatuses).toContain(rule.from);
      expect(claimStatuses).toContain(rule.to);
    }
    expect(holds(newClaimStatus)).toBe(true);
    expect(needTransitions.claim.to).toBe("claimed");
  });

  it.each(["release", "fulfil", "confirm", "not_done"] as const satisfies readonly ClaimAction[])(
    "%s moves the claim as it moves the wish: the claim holds afterwards exactly when the wish is held",
    (action) => {
      const wish = needTransitions[action];
      const claim = claimTransitions[action];
      expect(wish.from.every((status) => wishHeld.includes(status))).toBe(true);
      expect(holds(claim.from)).toBe(true);
      expect(holds(claim.to)).toBe(wishHeld.includes(wish.to));
    },
  );

  it("expiry ends a holding claim and undoes the claim of the wish and of the item", () => {
    expect(holds(claimTransitions.expire.from)).toBe(true);
    expect(holds(claimTransitions.expire.to)).toBe(false);
    expect(expiryTransitions.need).toEqual({ from: needTransitions.claim.to, to: needTransitions.claim.from[0] });
    expect(expiryTransitions.item).toEqual({ from: itemTransitions.claim!.to, to: itemTransitions.claim!.from });
  });
});
