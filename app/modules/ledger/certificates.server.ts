// Service certificates: a volunteer's approved hours as of the moment of issue, with a code that
// proves it. No table holds certificates: the code is a signed digest of the certificate's content
// (volunteer, issue instant, total, entries), and verifying re-reads the append-only ledger as of
// that instant, so a certificate stays checkable for as long as the ledger exists.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { activities, communities, hourEntries, hourEntryReviews, organisations, users } from "#db/schema";
import { db } from "~/lib/db.server";
import { forbidden, notFound } from "~/lib/errors";
import { appSecret } from "~/lib/secrets.server";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { canSeeVolunteer } from "./hour-entries.server";
import { tianjinClockTime, tianjinDate } from "~/lib/tianjin-time";

export interface CertificateActivity {
  entryId: string;
  activityId: string;
  title: string;
  /** The organising team's name, or the community's for community-run activities. */
  organiser: string;
  /** Tianjin time: YYYY-MM-DD and HH:mm. */
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
}

export interface Certificate {
  number: string;
  code: string;
  volunteerName: string;
  totalApprovedMinutes: number;
  /** Tianjin date of issue (YYYY-MM-DD); issuedAt is the exact instant the ledger was read at. */
  issuedOn: string;
  issuedAt: string;
  activities: CertificateActivity[];
  /** The certifying organisers, in the order they first appear. */
  organisations: string[];
}

export interface VerifiedCertificate extends Certificate {
  /** Entries on the certificate that an organiser has reversed since it was issued. */
  reversedSinceIssue: number;
}

/** What a certificate's content identity holds; the code is this, signed. */
export interface CertificateIdentity {
  volunteerId: string;
  issuedAt: Date;
  totalApprovedMinutes: number;
  /** Hex digest of the ids of every approved entry counted (see entriesDigest). */
  entriesDigest: string;
}

// ---------------------------------------------------------------- pure: codes, numbers, dates

// Version 2 carries the total as a signed 64-bit integer; version 1 (a 32-bit total) is still read, so
// certificates issued before stay verifiable. A total beyond 2^53 minutes cannot occur (entries are
// 32-bit, at most a day each) and is refused rather than written wrong.
const CODE_VERSION = 2;
const DIGEST_BYTES = 16;
const TOTAL_BYTES = { 1: 4, 2: 8 } as const;
const bodyBytes = (version: 1 | 2) => 1 + 16 + 6 + TOTAL_BYTES[version] + DIGEST_BYTES;
const SIGNATURE_BYTES = 32;
// Keeps a certificate signature from ever being valid as another kind of token signed with the same secret.
const SIGNING_CONTEXT = "linli:certificate:v1\0";

/** A short digest of the entry ids a total was summed from; the order they come in does not matter. */
export function entriesDigest(entryIds: readonly string[]): string {
  return createHash("sha256")
    .update([...entryIds].sort().join("\n"))
    .digest()
    .subarray(0, DIGEST_BYTES)
    .toString("hex");
}

function signatureOf(body: Buffer, secret: string): Buffer {
  return createHmac("sha256", secret).update(SIGNING_CONTEXT).update(body).digest();
}

/** version · volunteer id · issue instant (ms) · total minutes (int64) · entries digest, then HMAC-SHA256 of it; base64url. */
export function signCertificateCode(identity: CertificateIdentity, secret: string): string {
  if (!Number.isSafeInteger(identity.totalApprovedMinutes)) throw new RangeError("a certificate total must be a safe integer");
  const body = Buffer.alloc(bodyBytes(CODE_VERSION));
  body.writeUInt8(CODE_VERSION, 0);
  Buffer.from(identity.volunteerId.replace(/-/g, ""), "hex").copy(body, 1);
  body.writeUIntBE(identity.issuedAt.getTime(), 17, 6);
  body.writeBigInt64BE(BigInt(identity.totalApprovedMinutes), 23);
  Buffer.from(identity.entriesDigest, "hex").copy(body, 31);
  return Buffer.concat([body, signatureOf(body, secret)]).toString("base64url");
}

/** The identity a code carries, or null when it is malformed or its signature is not ours. */
export function readCertificateCode(code: unknown, secret: string): CertificateIdentity | null {
  if (typeof code !== "string" || !/^[A-Za-z0-9_-]{1,200}$/.test(code)) return null;
  const bytes = Buffer.from(code, "base64url");
  // Only the canonical spelling: no second code for the same certificate.
  if (bytes.length < 1 || bytes.toString("base64url") !== code) return null;
  const version = bytes.readUInt8(0);
  if (version !== 1 && version !== 2) return null;
  const length = bodyBytes(version);
  if (bytes.length !== length + SIGNATURE_BYTES) return null;
  const body = bytes.subarray(0, length);
  if (!timingSafeEqual(bytes.subarray(length), signatureOf(body, secret))) return null;
  const total = version === 1 ? body.readInt32BE(23) : Number(body.readBigInt64BE(23));
  if (!Number.isSafeInteger(total)) return null;
  const hex = body.subarray(1, 17).toString("hex");
  return {
    volunteerId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    issuedAt: new Date(body.readUIntBE(17, 6)),
    totalApprovedMinutes: total,
    entriesDigest: body.subarray(23 + TOTAL_BYTES[version]).toString("hex"),
  };
}

// Crockford's base32: no I, L, O or U, so the number reads aloud and types back without mix-ups.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The human-readable certificate number, LL-<year of issue>-XXXXXXXX, derived from the code. */
export function certificateNumber(code: string, issuedAt: Date): string {
  const hash = createHash("sha256").update(code).digest();
  let bits = 0n;
  for (const byte of hash.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let suffix = "";
  for (let i = 0; i < 8; i++) suffix = CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)]! + suffix;
  return `LL-${tianjinDate(issuedAt).slice(0, 4)}-${suffix}`;
}

/** An approved ledger row as the certificate reads it. */
export interface ApprovedEntryRow {
  id: string;
  kind: "attendance" | "proxy" | "correction" | "reversal";
  minutes: number;
  reversesId: string | null;
  activityId: string;
  title: string;
  organiser: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The certificate's content from a volunteer's approved rows: the total is the exact sum (reversals
 * count negative); an entry and its reversal cancel out, so only entries still standing are listed.
 */
export function summariseApprovedEntries(rows: readonly ApprovedEntryRow[]) {
  const reversed = new Set(rows.filter((r) => r.kind === "reversal" && r.reversesId).map((r) => r.reversesId!));
  const standing = rows.filter((r) => r.kind !== "reversal" && !reversed.has(r.id));
  return {
    totalApprovedMinutes: rows.reduce((sum, r) => sum + r.minutes, 0),
    entriesDigest: entriesDigest(rows.map((r) => r.id)),
    activities: standing.map((r): CertificateActivity => ({
      entryId: r.id,
      activityId: r.activityId,
      title: r.title,
      organiser: r.organiser,
      date: tianjinDate(r.startsAt),
      startTime: tianjinClockTime(r.startsAt),
      endTime: tianjinClockTime(r.endsAt),
      minutes: r.minutes,
    })),
    organisations: [...new Set(standing.map((r) => r.organiser))],
  };
}

/**
 * What /verify shows: the certificate without times, ids or the code. The name is shown in full, as
 * printed on the certificate, so the verifier can match the paper to the person (against an ID card);
 * only someone holding the certificate's unguessable code reaches it, and no contact detail is shown.
 */
export function publicCertificate(certificate: Certificate) {
  return {
    number: certificate.number,
    issuedOn: certificate.issuedOn,
    volunteerName: certificate.volunteerName,
    totalApprovedMinutes: certificate.totalApprovedMinutes,
    organisations: certificate.organisations,
    activities: certificate.activities.map((a) => ({ title: a.title, organiser: a.organiser, date: a.date, minutes: a.minutes })),
  };
}

export type PublicCertificate = ReturnType<typeof publicCertificate>;

// ---------------------------------------------------------------- the ledger as of an instant

async function volunteerName(volunteerId: string): Promise<string | null> {
  const [user] = await db()
    .select({ displayName: users.displayName, fullName: users.fullName })
    .from(users)
    .where(eq(users.id, volunteerId));
  if (!user) return null;
  return user.fullName?.trim() || user.displayName;
}

/** The volunteer's approved entries (reversals included) as the ledger stood at `asOf`. */
async function approvedEntriesAsOf(volunteerId: string, asOf: Date): Promise<ApprovedEntryRow[]> {
  const rows = await db()
    .select({
      id: hourEntries.id,
      kind: hourEntries.kind,
      minutes: hourEntries.minutes,
      reversesId: hourEntries.reversesId,
      activityId: hourEntries.activityId,
      title: activities.title,
      teamName: organisations.name,
      communityName: communities.name,
      startsAt: hourEntries.startsAt,
      endsAt: hourEntries.endsAt,
    })
    .from(hourEntries)
    .innerJoin(
      hourEntryReviews,
      and(
        eq(hourEntryReviews.hourEntryId, hourEntries.id),
        eq(hourEntryReviews.decision, "approved"),
        lte(hourEntryReviews.reviewedAt, asOf),
      ),
    )
    .innerJoin(activities, eq(activities.id, hourEntries.activityId))
    .innerJoin(communities, eq(communities.id, hourEntries.communityId))
    .leftJoin(organisations, eq(organisations.id, hourEntries.organisationId))
    .where(and(eq(hourEntries.volunteerId, volunteerId), lte(hourEntries.createdAt, asOf)))
    .orderBy(asc(hourEntries.startsAt), asc(hourEntries.id));
  return rows.map(({ teamName, communityName, ...r }) => ({ ...r, organiser: teamName ?? communityName }));
}

/**
 * The instant a certificate is issued at: the database's clock (the one entries are stamped with),
 * a few seconds back so that a transaction still committing cannot add to the past later.
 */
async function issueInstant(): Promise<Date> {
  const [row] = await db().execute<{ ms: string }>(
    sql`select (extract(epoch from date_trunc('milliseconds', linli_now() - interval '5 seconds')) * 1000)::bigint::text as ms`,
  );
  return new Date(Number(row!.ms));
}

function certificateOf(code: string, name: string, identity: CertificateIdentity, summary: ReturnType<typeof summariseApprovedEntries>) {
  return {
    number: certificateNumber(code, identity.issuedAt),
    code,
    volunteerName: name,
    totalApprovedMinutes: summary.totalApprovedMinutes,
    issuedOn: tianjinDate(identity.issuedAt),
    issuedAt: identity.issuedAt.toISOString(),
    activities: summary.activities,
    organisations: summary.organisations,
  } satisfies Certificate;
}

/** A certificate of the volunteer's approved hours as of now. */
export async function issueCertificate(volunteerId: string): Promise<Certificate> {
  const name = await volunteerName(volunteerId);
  if (name === null) throw notFound("volunteer");
  const issuedAt = await issueInstant();
  const summary = summariseApprovedEntries(await approvedEntriesAsOf(volunteerId, issuedAt));
  const identity: CertificateIdentity = {
    volunteerId,
    issuedAt,
    totalApprovedMinutes: summary.totalApprovedMinutes,
    entriesDigest: summary.entriesDigest,
  };
  return certificateOf(signCertificateCode(identity, appSecret()), name, identity, summary);
}

/** The certificate page: the volunteer, staff of their home community, and admins of a team they are in. */
export async function issueCertificateFor(viewer: Viewer, volunteerId: string): Promise<Certificate> {
  if (!(await canSeeVolunteer(viewer, volunteerId))) throw forbidden("not your volunteer");
  return issueCertificate(volunteerId);
}

/**
 * The certificate a code stands for, re-read from the ledger as of its issue; null when the code is
 * not ours or the ledger no longer holds what was certified.
 */
export async function verifyCertificate(code: string): Promise<VerifiedCertificate | null> {
  const identity = readCertificateCode(code, appSecret());
  if (!identity) return null;
  const name = await volunteerName(identity.volunteerId);
  if (name === null) return null;
  const summary = summariseApprovedEntries(await approvedEntriesAsOf(identity.volunteerId, identity.issuedAt));
  if (summary.totalApprovedMinutes !== identity.totalApprovedMinutes || summary.entriesDigest !== identity.entriesDigest) return null;
  const listed = new Set(summary.activities.map((a) => a.entryId));
  const laterReversals = await db()
    .select({ reversesId: hourEntries.reversesId })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.volunteerId, identity.volunteerId),
        eq(hourEntries.kind, "reversal"),
        gt(hourEntries.createdAt, identity.issuedAt),
      ),
    );
  return {
    ...certificateOf(code, name, identity, summary),
    reversedSinceIssue: laterReversals.filter((r) => r.reversesId && listed.has(r.reversesId)).length,
  };
}

/** The QR code printed on a certificate, as an SVG data URI for an <img>. */
export async function qrCodeDataUri(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
