// The venue code: what the organiser's screen shows as a QR code at the activity, and what a volunteer's
// scan carries back. It rotates: a new code every minute, the previous one still accepted, so a code is
// good for one to two minutes and a photo of the screen soon goes stale. It is signed (HMAC-SHA256 with
// the app's secret, under a label of its own so no other signed token of the app can pass for one) and
// read strictly: exactly `payload.signature`, both canonical base64url of a fixed length.
//
// payload = version (1 byte, 1) ‖ activity id (16 bytes) ‖ minute of issue (uint32, minutes since 1970)
import { createHmac, timingSafeEqual } from "node:crypto";
import { nowMs } from "~/lib/clock.server";
import { appSecret } from "~/lib/secrets.server";

/** How often the shown code changes. */
export const VENUE_CODE_STEP_MS = 60_000;
/** Codes of this many earlier steps are still accepted (the one shown a moment ago). */
const PREVIOUS_STEPS_ACCEPTED = 1;

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 + 4;
const SIGNATURE_BYTES = 32;
const LABEL = "linli:venue-code:v1:";
// 21 bytes are 28 base64url characters exactly, 32 bytes 43 (the last one with two zero bits).
const SHAPE = /^([A-Za-z0-9_-]{28})\.([A-Za-z0-9_-]{43})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sign(payload: Buffer): Buffer {
  return createHmac("sha256", appSecret()).update(LABEL).update(payload).digest();
}

/** The step (minute) an instant falls in. */
export function venueCodeStep(atMs: number): number {
  return Math.floor(atMs / VENUE_CODE_STEP_MS);
}

/** The code to show for the activity at `atMs` (now by default). */
export function venueCode(activityId: string, atMs = nowMs()): string {
  if (!UUID.test(activityId)) throw new Error(`venueCode: not an activity id: ${activityId}`);
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  Buffer.from(activityId.replace(/-/g, ""), "hex").copy(payload, 1);
  payload.writeUInt32BE(venueCodeStep(atMs), 17);
  return `${payload.toString("base64url")}.${sign(payload).toString("base64url")}`;
}

/** When the code shown at `atMs` gives way to the next one, and when that shown code stops being accepted. */
export function venueCodeTimes(atMs = nowMs()): { refreshAt: Date; expiresAt: Date } {
  const next = (venueCodeStep(atMs) + 1) * VENUE_CODE_STEP_MS;
  return { refreshAt: new Date(next), expiresAt: new Date(next + PREVIOUS_STEPS_ACCEPTED * VENUE_CODE_STEP_MS) };
}

/** The link the QR code holds: the check-in page with the code. */
export function venueCodeUrl(origin: string, activityId: string, code: string): string {
  return `${origin}/activities/${activityId}/check-in?token=${encodeURIComponent(code)}`;
}

function canonicalBase64url(text: string, bytes: number): Buffer | null {
  const decoded = Buffer.from(text, "base64url");
  return decoded.length === bytes && decoded.toString("base64url") === text ? decoded : null;
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type VenueCodeReading =
  | { ok: true; activityId: string; issuedAt: Date }
  /** malformed: not the shape of a venue code; forged: the shape, but not signed by this app. */
  | { ok: false; reason: "malformed" | "forged" };

/** Reads a code strictly: anything but a code this app signed reads as malformed or forged. */
export function readVenueCode(code: unknown): VenueCodeReading {
  if (typeof code !== "string") return { ok: false, reason: "malformed" };
  const match = SHAPE.exec(code);
  if (!match) return { ok: false, reason: "malformed" };
  const payload = canonicalBase64url(match[1]!, PAYLOAD_BYTES);
  const signature = canonicalBase64url(match[2]!, SIGNATURE_BYTES);
  if (!payload || !signature) return { ok: false, reason: "malformed" };
  if (!timingSafeEqual(signature, sign(payload))) return { ok: false, reason: "forged" };
  if (payload.readUInt8(0) !== VERSION) return { ok: false, reason: "malformed" };
  return {
    ok: true,
    activityId: uuidOf(payload.subarray(1, 17)),
    issuedAt: new Date(payload.readUInt32BE(17) * VENUE_CODE_STEP_MS),
  };
}

/** Whether a code issued at `issuedAt` is still accepted at `atMs`: this step's or the previous one's, never a later one's. */
export function isCurrentVenueCode(issuedAt: Date, atMs = nowMs()): boolean {
  const age = venueCodeStep(atMs) - venueCodeStep(issuedAt.getTime());
  return age >= 0 && age <= PREVIOUS_STEPS_ACCEPTED;
}
