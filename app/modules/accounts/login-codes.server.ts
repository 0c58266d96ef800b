// Logging in by SMS code, for phone logins (many residents never set or remember a password). The code
// goes out through the message outbox; only a keyed hash is stored; it lives 10 minutes, works once,
// ends after 5 wrong tries or when a newer one is sent, and a number is sent at most 5 an hour.
import { timingSafeEqual } from "node:crypto";
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { loginCodes, users } from "#db/schema";
import { now, nowMs } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { createI18n, defaultLocale, isLocale } from "~/lib/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { kickMessageRelay, queueMessage, CODES_PER_HOUR } from "~/modules/messages/messages.server";
import { keyedCodeHash, MAX_WRONG_CODES, newCode } from "./password-resets.server";

export const LOGIN_CODE_MINUTES = 10;

const hashOf = (userId: string, code: string) => keyedCodeHash("login-code", userId, code);

/** Sends a login code to the phone when it is an account's login; the same answer (202) either way. */
export async function requestLoginCode(phone: string): Promise<void> {
  const queued = await db().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(and(eq(users.phone, phone), isNull(users.deletedAt)));
    if (!user) return false;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login-code:${user.id}`}))`);
    const [recent] = await tx
      .select({ n: count() })
      .from(loginCodes)
      .where(and(eq(loginCodes.userId, user.id), gt(loginCodes.createdAt, new Date(nowMs() - 3_600_000))));
    if ((recent?.n ?? 0) >= CODES_PER_HOUR) return false;
    await tx
      .update(loginCodes)
      .set({ endedAt: now() })
      .where(and(eq(loginCodes.userId, user.id), isNull(loginCodes.usedAt), isNull(loginCodes.endedAt)));
    const code = newCode(6);
    const [row] = await tx
      .insert(loginCodes)
      .values({
        userId: user.id,
        codeHash: hashOf(user.id, code),
        expiresAt: new Date(nowMs() + LOGIN_CODE_MINUTES * 60_000),
        createdAt: now(),
      })
      .returning({ id: loginCodes.id });
    const t = createI18n(isLocale(user.locale) ? user.locale : defaultLocale).t;
    await queueMessage(tx, {
      channel: "sms",
      to: phone,
      template: "login_code",
      text: t("messages.text.login_code", { code, minutes: LOGIN_CODE_MINUTES }),
      params: { code, minutes: LOGIN_CODE_MINUTES },
      idempotencyKey: `login_code:${row!.id}`,
      userId: user.id,
    });
    return true;
  });
  if (queued) kickMessageRelay();
}

/** The account the code logs in to; a wrong, used or expired code (or an unknown phone) is one and the same 400. */
export async function authenticateWithCode(phone: string, code: string): Promise<string> {
  const outcome = await db().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.phone, phone), isNull(users.deletedAt)));
    if (!user) return null;
    const at = now();
    const [open] = await tx
      .select()
      .from(loginCodes)
      .where(and(eq(loginCodes.userId, user.id), isNull(loginCodes.usedAt), isNull(loginCodes.endedAt), gt(loginCodes.expiresAt, at)))
      .orderBy(desc(loginCodes.createdAt))
      .limit(1)
      .for("update");
    if (!open) return null;
    if (!timingSafeEqual(Buffer.from(hashOf(user.id, code), "hex"), Buffer.from(open.codeHash, "hex"))) {
      const failedAttempts = open.failedAttempts + 1;
      await tx
        .update(loginCodes)
        .set({ failedAttempts, ...(failedAttempts >= MAX_WRONG_CODES ? { endedAt: at } : {}) })
        .where(eq(loginCodes.id, open.id));
      return null;
    }
    await tx.update(loginCodes).set({ usedAt: at }).where(eq(loginCodes.id, open.id));
    await recordAudit(tx, { actorUserId: user.id, action: "account.login_code", subjectType: "user", subjectId: user.id, data: {} });
    return user.id;
  });
  if (!outcome) throw new AppError("validation_failed", "the code is wrong or has expired: ask for a new one", { code: "code_invalid" });
  return outcome;
}
