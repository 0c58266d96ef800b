// The venue code: signed, rotating every minute (the previous one still accepted), read strictly.
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { signToken } from "~/lib/secrets.server";
import { isCurrentVenueCode, readVenueCode, venueCode, venueCodeTimes, VENUE_CODE_STEP_MS } from "~/modules/activities/venue-code.server";

const activity = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
const other = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
// 2026-04-20 09:00:30 in Tianjin, half a minute into a step.
const at = Date.parse("2026-04-20T01:00:30Z");

beforeAll(() => {
  process.env.LINLI_SECRET = "unit-test-venue-code-secret";
});

/** Replaces the character at `index` with another base64url character. */
function changeAt(code: string, index: number, to: string): string {
  return code.slice(0, index) + to + code.slice(index + 1);
}

describe("venue codes", () => {
  it("read back as the activity and the minute they were issued in", () => {
    const code = venueCode(activity, at);
    expect(code).toMatch(/^[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}$/);
    expect(readVenueCode(code)).toEqual({ ok: true, activityId: activity, issuedAt: new Date(Date.parse("2026-04-20T01:00:00Z")) });
  });

  it("change every minute; the current and the previous one are accepted, older and later ones are not", () => {
    const issued = (ms: number) => {
      const reading = readVenueCode(venueCode(activity, ms));
      if (!reading.ok) throw new Error("a fresh code must read");
      return reading.issuedAt;
    };
    expect(venueCode(activity, at)).toBe(venueCode(activity, at + 20_000));
    expect(venueCode(activity, at)).not.toBe(venueCode(activity, at + 30_000));
    expect(isCurrentVenueCode(issued(at), at)).toBe(true);
    expect(isCurrentVenueCode(issued(at - VENUE_CODE_STEP_MS), at)).toBe(true);
    expect(isCurrentVenueCode(issued(at - 2 * VENUE_CODE_STEP_MS), at)).toBe(false);
    expect(isCurrentVenueCode(issued(at - 60 * VENUE_CODE_STEP_MS), at)).toBe(false);
    expect(isCurrentVenueCode(issued(at + VENUE_CODE_STEP_MS), at)).toBe(false);
    // The code shown at 09:00:30 is replaced at 09:01 and refused from 09:02.
    expect(venueCodeTimes(at)).toEqual({ refreshAt: new Date("2026-04-20T01:01:00Z"), expiresAt: new Date("2026-04-20T01:02:00Z") });
    expect(isCurrentVenueCode(issued(at), Date.parse("2026-04-20T01:01:59.999Z"))).toBe(true);
    expect(isCurrentVenueCode(issued(at), Date.parse("2026-04-20T01:02:00Z"))).toBe(false);
  });

  it("differ between activities", () => {
    expect(venueCode(activity, at)).not.toBe(venueCode(other, at));
    expect(readVenueCode(venueCode(other, at))).toMatchObject({ ok: true, activityId: other });
  });

  it("refuse anything but the exact shape: extra or missing segments, wrong lengths, other alphabets, padding", () => {
    const code = venueCode(activity, at);
    const [payload, signature] = code.split(".") as [string, string];
    const malformed = [
      "",
      "garbage",
      payload,
      `${code}.`,
      `${code}.abc`,
      `x.${code}`,
      `${payload}.${signature}.${signature}`,
      `${payload}..${signature}`,
      code.slice(0, -1),
      `${code}A`,
      `${payload}A.${signature}`,
      `${payload.slice(1)}.${signature}`,
      `${payload}=.${signature}`,
      `${payload}.${signature}=`,
      changeAt(code, 3, "+"),
      changeAt(code, 40, "/"),
      ` ${code}`,
      `${code}\n`,
      code.replace(".", "%2E"),
      code.toUpperCase() === code ? code.toLowerCase() : code.toUpperCase(),
    ];
    for (const candidate of malformed) expect(readVenueCode(candidate).ok, JSON.stringify(candidate)).toBe(false);
    for (const notAString of [null, undefined, 42, {}, [code]])
      expect(readVenueCode(notAString)).toEqual({ ok: false, reason: "malformed" });
    // 43 characters carry 258 bits for a 256-bit signature: the 2 spare bits must be zero, so each signature has one spelling.
    const last = signature.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(readVenueCode(`${payload}.${signature.slice(0, -1)}${sibling}`)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuse a forged signature: a changed activity or minute, another secret, or the app's other signed tokens", () => {
    const code = venueCode(activity, at);
    const [payload, signature] = code.split(".") as [string, string];
    // Another activity's id put into this code's payload, with this code's signature.
    const [otherPayload] = venueCode(other, at).split(".");
    expect(readVenueCode(`${otherPayload}.${signature}`)).toEqual({ ok: false, reason: "forged" });
    // A later minute, to make an old code current.
    const [laterPayload] = venueCode(activity, at + 10 * VENUE_CODE_STEP_MS).split(".");
    expect(readVenueCode(`${laterPayload}.${signature}`)).toEqual({ ok: false, reason: "forged" });
    // Signed with another key.
    const bytes = Buffer.from(payload, "base64url");
    const foreignKey = createHmac("sha256", "not-the-app-secret").update("linli:venue-code:v1:").update(bytes).digest("base64url");
    expect(readVenueCode(`${payload}.${foreignKey}`)).toEqual({ ok: false, reason: "forged" });
    // The old 12-hour codes and certificate codes, signed with the same secret, are not venue codes.
    expect(readVenueCode(signToken({ a: activity, e: at + 12 * 3_600_000 })).ok).toBe(false);
    // The right key without the venue-code label.
    const unlabelled = createHmac("sha256", process.env.LINLI_SECRET!).update(bytes).digest("base64url");
    expect(readVenueCode(`${payload}.${unlabelled}`)).toEqual({ ok: false, reason: "forged" });
  });

  it("never read a code with any one character changed", () => {
    const code = venueCode(activity, at);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    fc.assert(
      fc.property(fc.nat({ max: code.length - 1 }), fc.constantFrom(...alphabet), (index, to) => {
        fc.pre(code[index] !== to);
        expect(readVenueCode(changeAt(code, index, to)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
