// Where a volunteer's sign-up stands (/my/signups), from their latest attendance and hour entry at the activity.
import { describe, expect, it } from "vitest";
import { signupState, signupStates, type Entry } from "~/modules/activities/signup-state";

const at = (iso: string) => new Date(iso);
const open = { checkInAt: at("2026-05-01T01:00:00Z"), checkOutAt: null };
const closed = { checkInAt: at("2026-05-01T01:00:00Z"), checkOutAt: at("2026-05-01T03:00:00Z") };
const entry = (over: Partial<Entry> = {}): Entry => ({ kind: "attendance", minutes: 120, decision: null, reversed: false, ...over });

describe("signupState", () => {
  it.each<[string, Parameters<typeof signupState>[0], Entry | undefined, string]>([
    ["nothing yet", undefined, undefined, "signed_up"],
    ["checked in, not out", open, undefined, "checked_in"],
    ["an open check-in wins over an earlier entry", open, entry({ decision: "approved" }), "checked_in"],
    ["checked out without an entry", closed, undefined, "checked_out"],
    ["entry waiting for the organiser", closed, entry(), "hours_pending"],
    ["entry approved", closed, entry({ decision: "approved" }), "hours_approved"],
    ["entry rejected", closed, entry({ decision: "rejected" }), "hours_rejected"],
    ["approved entry reversed", closed, entry({ decision: "approved", reversed: true }), "hours_reversed"],
    ["organiser recorded hours without a check-in", undefined, entry({ kind: "proxy", decision: "approved" }), "hours_approved"],
  ])("%s", (_name, attendance, latest, state) => {
    expect(signupState(attendance, latest)).toBe(state);
  });

  it("names only the states the page has words for", () => {
    expect([...signupStates].sort()).toEqual(
      ["checked_in", "checked_out", "hours_approved", "hours_pending", "hours_rejected", "hours_reversed", "signed_up"].sort(),
    );
  });
});
