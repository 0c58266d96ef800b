// Forgotten passwords: a one-time code, sent through the message outbox (SMS for a phone login, e-mail
// otherwise) or printed by staff for a resident of their community. Only a keyed hash of the code is
// stored; a code is single use, expires, ends after 5 wrong tries or when a newer one is issued, and
// using it ends every session of the account.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { communities, loginFailures, memberships, passwordResetCodes, sessions, users } from "#db/schema";
import { now, nowMs } from "~/lib/clock.server";
import { db, type Transaction } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { createI18n, defaultLocale, isLocale } from "~/lib/i18n";
import { appSecret } from "~/lib/secrets.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { kickMessageRelay, queueMessage } from "~/modules/messages/messages.server";
import { governsCommunity, type Viewer } from "./accounts.policy";
import { normaliseLogin } from "./accounts.schema";
import { hashPassword } from "./password.server";

/** A code sent by SMS or e-mail lives 15 minutes; one printed by staff, to be handed over, 3 days. */
export const RESET_CODE_MINUTES = 15;
export const PRINTED_CODE_HOURS = 72;
/** Wrong codes after which the code ends. */
export const MAX_WRONG_CODES = 5;
/** Codes one account can be sent per hour: a bound on messages (and cost) anyone can trigger. */
const MAX_CODES_PER_HOUR = 5;
/** Roles an account may hold and still have a code printed for it by staff. */
const PRINTABLE_ROLES = new Set(["resident", "volunteer"]);

/** A keyed hash of a one-time code, bound to what it is for and to whom (only this is stored). */
export function keyedCodeHash(purpose: string, subject: string, code: string): string {
  return createHmac("sha256", appSecret()).update(`${purpose}:${subject}:${code}`).digest("hex");
}

/** Whether a code matches a stored keyed hash, in constant time. */
export function codeHashMatches(stored: string | null, given: string): boolean {
  if (!stored) return false;
  const a = Buffer.from(stored, "hex");
  const b = Buffer.from(given, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

function codeHash(userId: string, code: string): string {
  return keyedCodeHash("password-reset", userId, code);
}

export function newCode(digits: number): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, "0");
}

async function findUserByLogin(tx: Transaction, login: string) {
  const { email, phone } = normaliseLogin(login);
  const [user] = await tx
    .select({ id: users.id, email: users.email, phone: users.phone, locale: users.locale })
    .from(users)
    .where(and(email ? sql`lower(${users.email}) = ${email}` : eq(users.phone, phone!), isNull(users.deletedAt)));
  return user ? { ...user, channel: email ? ("email" as const) : ("sms" as const), to: email ?? phone! } : null;
}

/** Open codes of the account end: only the newest one counts. */
async function endOpenCodes(tx: Transaction, userId: string) {
  await tx
    .update(passwordResetCodes)
    .set({ endedAt: now() })
    .where(and(eq(passwordResetCodes.userId, userId), isNull(passwordResetCodes.usedAt), isNull(passwordResetCodes.endedAt)));
}

/**
 * Sends a reset code to the login, when it is an account's; answers the same either way (the caller
 * answers 202), so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(login: string): Promise<void> {
  const queued = await db().transaction(async (tx) => {
    const user = await findUserByLogin(tx, login);
    if (!user) return false;
    // One request at a time per account, so the hourly bound holds under parallel requests.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`password-reset:${user.id}`}))`);
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResetCodes)
      .where(and(eq(passwordResetCodes.userId, user.id), gt(passwordResetCodes.createdAt, new Date(nowMs() - 3_600_000))));
    if ((recent?.n ?? 0) >= MAX_CODES_PER_HOUR) return false;
    await endOpenCodes(tx, user.id);
    const code = newCode(6);
    const [row] = await tx
      .insert(passwordResetCodes)
      .values({
        userId: user.id,
        codeHash: codeHash(user.id, code),
        expiresAt: new Date(nowMs() + RESET_CODE_MINUTES * 60_000),
        createdAt: now(),
      })
      .returning({ id: passwordResetCodes.id });
    const t = createI18n(isLocale(user.locale) ? user.locale : defaultLocale).t;
    await queueMessage(tx, {
      channel: user.channel,
      to: user.to,
      template: "password_reset",
      text: t("passwordReset.messageText", { code, minutes: RESET_CODE_MINUTES }),
      params: { code, minutes: RESET_CODE_MINUTES },
      idempotencyKey: `password_reset:${row!.id}`,
      userId: user.id,
    });
    await recordAudit(tx, {
      actorUserId: null,
      action: "account.password_reset_request",
      subjectType: "user",
      subjectId: user.id,
      data: { channel: user.channel },
    });
    return true;
  });
  if (queued) kickMessageRelay();
}

/**
 * Sets a new password with a code and ends every session of the account. A wrong, used or expired
 * code (or an unknown login) is one and the same 400; each wrong try counts, and is kept.
 */
export async function confirmPasswordReset(input: { login: string; code: string; newPassword: string }): Promise<void> {
  const passwordHash = await hashPassword(input.newPassword);
  const outcome = await db().transaction(async (tx) => {
    const user = await findUserByLogin(tx, input.login);
    if (!user) return "invalid" as const;
    const at = now();
    const [code] = await tx
      .select()
      .from(passwordResetCodes)
      .where(
        and(
          eq(passwordResetCodes.userId, user.id),
          isNull(passwordResetCodes.usedAt),
          isNull(passwordResetCodes.endedAt),
          gt(passwordResetCodes.expiresAt, at),
        ),
      )
      .orderBy(desc(passwordResetCodes.createdAt))
      .limit(1)
      .for("update");
    if (!code) return "invalid" as const;
    const given = Buffer.from(codeHash(user.id, input.code), "hex");
    if (!timingSafeEqual(given, Buffer.from(code.codeHash, "hex"))) {
      const failedAttempts = code.failedAttempts + 1;
      await tx
        .update(passwordResetCodes)
        .set({ failedAttempts, ...(failedAttempts >= MAX_WRONG_CODES ? { endedAt: at } : {}) })
        .where(eq(passwordResetCodes.id, code.id));
      return "invalid" as const;
    }
    await tx.update(passwordResetCodes).set({ usedAt: at }).where(eq(passwordResetCodes.id, code.id));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    // The account's run of failed logins is over too: its owner has just proven who they are.
    await tx.delete(loginFailures).where(eq(loginFailures.login, normaliseLogin(input.login).key));
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "account.password_reset",
      subjectType: "user",
      subjectId: user.id,
      data: { printedBy: code.issuedByUserId },
    });
    return "done" as const;
  });
  if (outcome === "invalid")
    throw new AppError("validation_failed", "the code is wrong or has expired: ask for a new one", { code: "code_invalid" });
}

export interface PrintedCode {
  userId: string;
  displayName: string;
  login: string | null;
  code: string | null;
  expiresAt: string | null;
  firstPassword: boolean;
}

/**
 * The account staff would print a code for: a resident of a community they govern (or one they
 * registered). Never their own, and never one that holds a staff, admin or partner role.
 */
export async function printableResident(viewer: Viewer, userId: string) {
  const [user] = await db()
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      phone: users.phone,
      passwordHash: users.passwordHash,
      createdByUserId: users.createdByUserId,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user) throw notFound("resident");
  const roles = await db()
    .select({
      role: memberships.role,
      communityId: memberships.communityId,
      streetId: communities.streetId,
      communityName: communities.name,
    })
    .from(memberships)
    .leftJoin(communities, eq(communities.id, memberships.communityId))
    .where(eq(memberships.userId, userId));
  const onlyResidentRoles = roles.every((r) => PRINTABLE_ROLES.has(r.role));
  const home = roles.find(
    (r) =>
      r.role === "resident" &&
      r.communityId &&
      r.streetId &&
      governsCommunity(viewer, { communityId: r.communityId, streetId: r.streetId }),
  );
  const registeredByMe = user.createdByUserId === viewer.id;
  if (user.id === viewer.id || !onlyResidentRoles || !(home || registeredByMe))
    throw forbidden("staff print codes only for residents of their own community");
  return {
    userId: user.id,
    displayName: user.displayName,
    login: user.phone ?? user.email,
    firstPassword: !user.passwordHash,
    communityName: home?.communityName ?? roles.find((r) => r.role === "resident")?.communityName ?? null,
  };
}

export type PrintableResident = Awaited<ReturnType<typeof printableResident>>;

/**
 * Staff print a one-time code for a resident, to hand over on paper: the resident's first password,
 * or a new one. It replaces any open code of the account. Audited.
 */
export async function issuePrintedResetCode(
  viewer: Viewer,
  userId: string,
): Promise<PrintableResident & { code: string; expiresAt: string }> {
  const resident = await printableResident(viewer, userId);
  if (!resident.login)
    throw new AppError("validation_failed", "the resident has no phone or e-mail to sign in with", { _form: "no_login" });
  const code = newCode(8);
  const expiresAt = new Date(nowMs() + PRINTED_CODE_HOURS * 3_600_000);
  await db().transaction(async (tx) => {
    await endOpenCodes(tx, resident.userId);
    await tx.insert(passwordResetCodes).values({
      userId: resident.userId,
      codeHash: codeHash(resident.userId, code),
      issuedByUserId: viewer.id,
      expiresAt,
      createdAt: now(),
    });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "account.reset_code_print",
      subjectType: "user",
      subjectId: resident.userId,
      data: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { ...resident, code, expiresAt: expiresAt.toISOString() };
}
