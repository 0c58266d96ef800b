// Sign-up by code. The page answers the same whether or not a phone or e-mail already has an account
// ("we sent a code"): a new login is sent a 6-digit code, an existing one a message saying someone tried
// to sign up with it. The account, with its logins, is created only when every given login's code is
// confirmed, so nobody can register someone else's phone. Limited per network address and per login,
// counted under advisory locks in PostgreSQL, so parallel attempts cannot slip past.
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { memberships, signupRequests, users } from "#db/schema";
import { now, nowMs } from "~/lib/clock.server";
import { db, type Transaction } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { createI18n, defaultLocale, isLocale } from "~/lib/i18n";
import { recordAudit } from "~/modules/audit/audit.server";
import { kickMessageRelay, queueMessage } from "~/modules/messages/messages.server";
import type { SignupConfirmInput, SignupInput } from "./accounts.schema";
import { placeOfCommunity } from "~/modules/places/places.server";
import { hashPassword } from "./password.server";
import { codeHashMatches, keyedCodeHash, MAX_WRONG_CODES, newCode, RESET_CODE_MINUTES } from "./password-resets.server";

/** Sign-ups one network address may start per hour. */
export const SIGNUPS_PER_ADDRESS_HOUR = 10;
/** Sign-up messages one phone or e-mail may be sent per hour. */
export const SIGNUPS_PER_LOGIN_HOUR = 3;

const hash = (requestId: string, target: "phone" | "email", code: string) => keyedCodeHash(`signup-${target}`, requestId, code);

async function lock(tx: Transaction, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

async function recentCount(tx: Transaction, where: ReturnType<typeof eq>): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(signupRequests)
    .where(and(where, gt(signupRequests.createdAt, new Date(nowMs() - 3_600_000))));
  return row?.n ?? 0;
}

/**
 * Starts a sign-up: returns the request's id whether or not a login was taken (the page shows the same
 * "enter the code" form either way). Over a limit: 429, nothing written.
 */
export async function requestSignup(input: z.infer<typeof SignupInput>, address: string): Promise<string> {
  // The password is hashed on every path, so a taken login costs as long as a new one.
  await placeOfCommunity(input.communityId);
  const passwordHash = await hashPassword(input.password);
  const email = input.email?.toLowerCase() ?? null;
  const phone = input.phone ?? null;
  const id = await db().transaction(async (tx) => {
    // The address first, then the logins in a fixed order: parallel requests never wait on each other in a cycle.
    await lock(tx, `signup-address:${address}`);
    const targets = [phone && `signup-login:${phone}`, email && `signup-login:${email}`].filter((k): k is string => !!k).sort();
    for (const key of targets) await lock(tx, key);
    if ((await recentCount(tx, eq(signupRequests.address, address))) >= SIGNUPS_PER_ADDRESS_HOUR)
      throw new AppError("rate_limited", "too many sign-ups from this network: try again in an hour", { _form: "signup_rate_limited" });
    for (const [column, value] of [
      [signupRequests.phone, phone],
      [signupRequests.email, email],
    ] as const)
      if (value && (await recentCount(tx, eq(column, value))) >= SIGNUPS_PER_LOGIN_HOUR)
        throw new AppError("rate_limited", "too many codes sent to this phone or e-mail: try again in an hour", {
          _form: "signup_rate_limited",
        });
    const owners = await tx
      .select({ email: users.email, phone: users.phone, locale: users.locale, id: users.id })
      .from(users)
      .where(or(email ? sql`lower(${users.email}) = ${email}` : sql`false`, phone ? eq(users.phone, phone) : sql`false`));
    const ownerOf = (target: "phone" | "email") =>
      owners.find((o) => (target === "phone" ? phone && o.phone === phone : email && o.email?.toLowerCase() === email));
    const taken = owners.length > 0;
    const codes = { phone: newCode(6), email: newCode(6) };
    const [row] = await tx
      .insert(signupRequests)
      .values({
        address,
        displayName: input.displayName,
        email,
        phone,
        passwordHash: taken ? null : passwordHash,
        communityId: input.communityId,
        role: input.role,
        taken,
        expiresAt: new Date(nowMs() + RESET_CODE_MINUTES * 60_000),
        createdAt: now(),
      })
      .returning({ id: signupRequests.id });
    const requestId = row!.id;
    if (!taken)
      await tx
        .update(signupRequests)
        .set({
          phoneCodeHash: phone ? hash(requestId, "phone", codes.phone) : null,
          emailCodeHash: email ? hash(requestId, "email", codes.email) : null,
        })
        .where(eq(signupRequests.id, requestId));
    for (const target of ["phone", "email"] as const) {
      const to = target === "phone" ? phone : email;
      if (!to) continue;
      const owner = ownerOf(target);
      // A login that is free while another is taken gets nothing: the request can never be confirmed.
      if (taken && !owner) continue;
      const { t } = createI18n(owner && isLocale(owner.locale) ? owner.locale : defaultLocale);
      await queueMessage(tx, {
        channel: target === "phone" ? "sms" : "email",
        to,
        template: owner ? "signup_taken" : "signup_code",
        text: owner ? t("signupCode.takenText") : t("signupCode.messageText", { code: codes[target], minutes: RESET_CODE_MINUTES }),
        params: owner ? {} : { code: codes[target], minutes: RESET_CODE_MINUTES },
        idempotencyKey: `signup:${requestId}:${target}`,
        userId: owner?.id ?? null,
      });
    }
    return requestId;
  });
  kickMessageRelay();
  return id;
}

/** Which codes the confirm form asks for (from what the visitor typed, the same whether or not a login was taken). */
export async function signupRequestShape(id: string): Promise<{ phone: boolean; email: boolean } | null> {
  const [row] = await db()
    .select({ phone: signupRequests.phone, email: signupRequests.email })
    .from(signupRequests)
    .where(eq(signupRequests.id, id));
  return row ? { phone: !!row.phone, email: !!row.email } : null;
}

/**
 * Confirms a sign-up with its code(s) and creates the account; returns its id. A wrong, used, expired
 * or unknown request is one and the same 400; each wrong try counts, and the fifth ends the request.
 */
export async function confirmSignup(input: z.infer<typeof SignupConfirmInput>): Promise<string> {
  const outcome = await db().transaction(async (tx) => {
    const at = now();
    const [request] = await tx
      .select()
      .from(signupRequests)
      .where(
        and(
          eq(signupRequests.id, input.request),
          isNull(signupRequests.usedAt),
          isNull(signupRequests.endedAt),
          gt(signupRequests.expiresAt, at),
        ),
      )
      .for("update");
    if (!request) return { result: "invalid" as const };
    // With both a phone and an e-mail, `code` is the phone's and `emailCode` the e-mail's.
    const phoneOk = !request.phone || codeHashMatches(request.phoneCodeHash, hash(request.id, "phone", input.code));
    const emailGiven = request.phone ? input.emailCode : input.code;
    const emailOk = !request.email || (!!emailGiven && codeHashMatches(request.emailCodeHash, hash(request.id, "email", emailGiven)));
    if (request.taken || !request.passwordHash || !phoneOk || !emailOk) {
      const failedAttempts = request.failedAttempts + 1;
      await tx
        .update(signupRequests)
        .set({ failedAttempts, ...(failedAttempts >= MAX_WRONG_CODES ? { endedAt: at, passwordHash: null } : {}) })
        .where(eq(signupRequests.id, request.id));
      return { result: "invalid" as const };
    }
    // An account made with the same login since the request was sent wins: this one ends unused.
    const [user] = await tx
      .insert(users)
      .values({
        displayName: request.displayName,
        email: request.email,
        phone: request.phone,
        passwordHash: request.passwordHash,
        homeCommunityId: request.communityId,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) {
      await tx.update(signupRequests).set({ endedAt: at, passwordHash: null }).where(eq(signupRequests.id, request.id));
      return { result: "invalid" as const };
    }
    await tx.insert(memberships).values({ userId: user.id, role: request.role, communityId: request.communityId });
    await tx.update(signupRequests).set({ usedAt: at, userId: user.id, passwordHash: null }).where(eq(signupRequests.id, request.id));
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "account.sign_up",
      subjectType: "user",
      subjectId: user.id,
      data: { role: request.role, verified: [request.phone && "phone", request.email && "email"].filter(Boolean) },
    });
    return { result: "done" as const, userId: user.id };
  });
  if (outcome.result === "invalid")
    throw new AppError("validation_failed", "the code is wrong or has expired: sign up again for a new one", { code: "code_invalid" });
  return outcome.userId;
}
