// Accounts: login, sign-up, residents registered by staff, passwords, data export and deletion.
import { placeOfCommunity } from "~/modules/places/places.server";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import {
  activitySignups,
  auditEvents,
  communities,
  hourEntries,
  hourEntryReviews,
  invitations,
  memberships,
  needs,
  notifications,
  organisations,
  sessions,
  signupRequests,
  streets,
  users,
} from "#db/schema";
import { db } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { forgetMessagesOf } from "~/modules/messages/messages.server";
import { hashPassword, verifyPassword } from "./password.server";
import { clearLoginFailures, giveBackAddressTurn, isAccountLocked, recordLoginFailure, takeAddressTurn } from "./login-throttle.server";
import { normaliseLogin, type InvitationInput, type ResidentOnBehalfInput } from "./accounts.schema";
import { can, canInvite, governsStreet, isPlatformAdmin, type Role, type Viewer } from "./accounts.policy";
import { now as clockNow, nowMs } from "~/lib/clock.server";

// A hash to verify against when the login is unknown, so a wrong login costs as long as a wrong password.
let decoyHash: Promise<string> | null = null;

/** Checks a login (email or phone) and password under the throttle; returns the user id. */
export async function authenticate(login: string, password: string, address: string): Promise<string> {
  const { email, phone, key } = normaliseLogin(login);
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const decoy = await decoyHash;
  // The address's turn first, in its own statement (counted as a failure until the password is right).
  const turn = await takeAddressTurn(db(), address);
  if (!turn.ok)
    throw new AppError("rate_limited", `too many failed logins from this network: try again in ${turn.retryAfterSeconds} seconds`, {
      _form: "rate_limited",
    });
  // The outcome is decided inside the transaction and thrown after it commits, so failures are kept.
  const outcome = await db()
    .transaction(async (tx) => {
      // Serialise attempts on one account from one address so parallel guesses cannot slip past the limit.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${key}:${address}`}))`);
      if (await isAccountLocked(tx, key, address)) return { result: "throttled" as const };
      const [user] = await tx
        .select({ id: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(and(email ? sql`lower(${users.email}) = ${email}` : eq(users.phone, phone!), isNull(users.deletedAt)));
      const ok = await verifyPassword(user?.passwordHash ?? decoy, password);
      if (!user || !user.passwordHash || !ok) {
        await recordLoginFailure(tx, key, address);
        return { result: "wrong" as const };
      }
      await clearLoginFailures(tx, key, address);
      return { result: "ok" as const, userId: user.id };
    })
    .catch(async (error: unknown) => {
      await giveBackAddressTurn(db(), address, { success: false }).catch(() => {});
      throw error;
    });
  if (outcome.result !== "wrong") await giveBackAddressTurn(db(), address, { success: outcome.result === "ok" });
  if (outcome.result === "throttled") throw new AppError("rate_limited", "too many failed logins: try again in 15 minutes");
  if (outcome.result === "wrong") throw new AppError("unauthenticated", "wrong login or password");
  return outcome.userId;
}

/** A login already taken (users_phone_unique, users_email_unique) is the field's error: db-errors.server.ts. */
function uniqueViolation(error: unknown): never {
  throw domainErrorFromDatabase(error) ?? error;
}

// Residents and volunteers sign themselves up by code: signup.server.ts.

/** Staff register a resident who has no phone or cannot use one: phone login (set up later) or none. */
export async function createResidentOnBehalf(viewer: Viewer, input: z.infer<typeof ResidentOnBehalfInput>): Promise<string> {
  const place = await placeOfCommunity(input.communityId);
  if (!can(viewer, "resident.create", place)) throw forbidden("only staff of this community can register residents here");
  try {
    return await db().transaction(async (tx) => {
      const now = clockNow();
      const [user] = await tx
        .insert(users)
        .values({
          displayName: input.displayName,
          fullName: input.fullName ?? null,
          phone: input.phone ?? null,
          address: input.address ?? null,
          homeCommunityId: input.communityId,
          createdByUserId: viewer.id,
          consentRecordedAt: now,
        })
        .returning({ id: users.id });
      await tx
        .insert(memberships)
        .values({ userId: user!.id, role: "resident", communityId: input.communityId, createdByUserId: viewer.id });
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: "account.create_on_behalf",
        subjectType: "user",
        subjectId: user!.id,
        data: { consentRecordedAt: now.toISOString() },
      });
      return user!.id;
    });
  } catch (error) {
    uniqueViolation(error);
  }
}

/** Changes the password and ends every other session of the account (a thief signed in elsewhere is out). */
export async function changePassword(
  viewer: Viewer,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<void> {
  const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("validation_failed", "the current password is wrong", { currentPassword: "password_wrong" });
  }
  const passwordHash = await hashPassword(newPassword);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, viewer.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, viewer.id), ne(sessions.id, keepSessionId ?? "")));
    await recordAudit(tx, { actorUserId: viewer.id, action: "account.password_change", subjectType: "user", subjectId: viewer.id });
  });
}

export interface MeView {
  id: string;
  displayName: string;
  memberships: { role: Role; communityId: string | null; streetId: string | null; organisationId: string | null }[];
}

export function meView(viewer: Viewer): MeView {
  return {
    id: viewer.id,
    displayName: viewer.displayName,
    memberships: viewer.memberships.map(({ role, communityId, streetId, organisationId }) => ({
      role,
      communityId,
      streetId,
      organisationId,
    })),
  };
}

/** Everything the platform holds about the user, as one JSON document (PIPL's right of access). */
export async function exportPersonalData(viewer: Viewer) {
  const [profile] = await db()
    .select({
      id: users.id,
      displayName: users.displayName,
      fullName: users.fullName,
      email: users.email,
      phone: users.phone,
      address: users.address,
      locale: users.locale,
      showOnLeaderboard: users.showOnLeaderboard,
      createdAt: users.createdAt,
      consentRecordedAt: users.consentRecordedAt,
    })
    .from(users)
    .where(eq(users.id, viewer.id));
  const [roles, posted, entries, signups, inbox, activity] = await Promise.all([
    db().select().from(memberships).where(eq(memberships.userId, viewer.id)),
    db()
      .select()
      .from(needs)
      .where(or(eq(needs.postedByUserId, viewer.id), eq(needs.beneficiaryUserId, viewer.id))),
    db()
      .select({ entry: hourEntries, decision: hourEntryReviews.decision })
      .from(hourEntries)
      .leftJoin(hourEntryReviews, eq(hourEntryReviews.hourEntryId, hourEntries.id))
      .where(eq(hourEntries.volunteerId, viewer.id)),
    db().select().from(activitySignups).where(eq(activitySignups.volunteerId, viewer.id)),
    db().select().from(notifications).where(eq(notifications.userId, viewer.id)),
    db().select().from(auditEvents).where(eq(auditEvents.actorUserId, viewer.id)).orderBy(desc(auditEvents.createdAt)).limit(1000),
  ]);
  return {
    exportedAt: clockNow().toISOString(),
    profile,
    memberships: roles,
    needs: posted,
    hourEntries: entries.map((e) => ({ ...e.entry, status: e.decision ?? "pending" })),
    activitySignups: signups,
    notifications: inbox,
    auditEvents: activity,
  };
}

/**
 * Deletes an account: personal fields erased, sessions and roles gone; what the person did for others
 * (wishes, claims, the hour ledger) stays, anonymised, because the ledger must stay whole.
 */
export async function deleteAccount(viewer: Viewer, password: string | null): Promise<void> {
  const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
  if (user?.passwordHash && !(password && (await verifyPassword(user.passwordHash, password)))) {
    throw new AppError("validation_failed", "confirm with your password", { password: "password_wrong" });
  }
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        displayName: "已注销用户",
        fullName: null,
        email: null,
        phone: null,
        address: null,
        passwordHash: null,
        showOnLeaderboard: false,
        deletedAt: clockNow(),
      })
      .where(eq(users.id, viewer.id));
    // Contact details written on their wishes go too.
    await tx
      .update(needs)
      .set({ contactPhone: null, address: null, beneficiaryName: null })
      .where(or(eq(needs.postedByUserId, viewer.id), eq(needs.beneficiaryUserId, viewer.id)));
    await tx.delete(sessions).where(eq(sessions.userId, viewer.id));
    await tx.delete(memberships).where(eq(memberships.userId, viewer.id));
    await tx.delete(notifications).where(eq(notifications.userId, viewer.id));
    await forgetMessagesOf(tx, viewer.id);
    await tx.delete(signupRequests).where(eq(signupRequests.userId, viewer.id));
    await recordAudit(tx, { actorUserId: viewer.id, action: "account.delete", subjectType: "user", subjectId: viewer.id });
  });
}

// ------------------------------------------------------------------ invitations

const INVITATION_DAYS = 14;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function communityStreet(communityId: string | undefined | null) {
  if (!communityId) return null;
  const [row] = await db().select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, communityId));
  if (!row) throw new AppError("validation_failed", "unknown community", { communityId: "community_required" });
  return row.streetId;
}

/** Creates an invitation link; the token is shown once and only its hash is stored. */
export async function createInvitation(
  viewer: Viewer,
  input: z.infer<typeof InvitationInput>,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const scope = {
    role: input.role,
    communityId: ["community_staff", "resident"].includes(input.role) ? (input.communityId ?? null) : null,
    streetId: input.role === "street_admin" ? (input.streetId ?? null) : null,
    organisationId: input.role === "org_admin" || input.role === "org_member" ? (input.organisationId ?? null) : null,
  };
  const missing =
    (input.role === "community_staff" && !scope.communityId && "communityId") ||
    (input.role === "street_admin" && !scope.streetId && "streetId") ||
    ((input.role === "org_admin" || input.role === "org_member") && !scope.organisationId && "organisationId");
  if (missing) throw new AppError("validation_failed", `${missing} is required for this role`, { [missing]: "required" });
  if (!canInvite(viewer, { ...scope, communityStreetId: await communityStreet(scope.communityId) }))
    throw forbidden("you cannot invite to this role here");
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(nowMs() + INVITATION_DAYS * 86_400_000);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        tokenHash: tokenHash(token),
        ...scope,
        email: input.email ?? null,
        phone: input.phone ?? null,
        invitedByUserId: viewer.id,
        expiresAt,
      })
      .returning({ id: invitations.id });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "invitation.create",
      subjectType: "invitation",
      subjectId: row!.id,
      data: scope,
    });
    return { id: row!.id, token, expiresAt };
  });
}

export async function findInvitation(token: string) {
  const [row] = await db()
    .select({
      id: invitations.id,
      role: invitations.role,
      communityName: communities.name,
      streetName: streets.name,
      organisationName: organisations.name,
      email: invitations.email,
      phone: invitations.phone,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .leftJoin(communities, eq(communities.id, invitations.communityId))
    .leftJoin(streets, eq(streets.id, invitations.streetId))
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, tokenHash(token)));
  if (!row || row.revokedAt) throw notFound("invitation");
  return { ...row, usable: !row.acceptedAt && row.expiresAt > clockNow() };
}

/**
 * Accepts an invitation: a signed-in user gains the role; otherwise a new account is made with the
 * invitation's email or phone as its login. Exactly once, even when the link is opened twice at once.
 */
export async function acceptInvitation(
  token: string,
  viewer: Viewer | null,
  account: { displayName?: string; password?: string },
): Promise<string> {
  const passwordHash = !viewer && account.password ? await hashPassword(account.password) : null;
  try {
    return await db().transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, tokenHash(token)), isNull(invitations.revokedAt)))
        .for("update");
      if (!invitation) throw notFound("invitation");
      if (invitation.acceptedAt) throw new AppError("conflict", "this invitation was already used", undefined, "invitation_used");
      if (invitation.expiresAt <= clockNow())
        throw new AppError("invalid_transition", "this invitation has expired", undefined, "invitation_expired");
      let userId = viewer?.id;
      if (!userId) {
        const fields: Record<string, string> = {};
        if (!account.displayName) fields.displayName = "required";
        if (!passwordHash) fields.password = "required";
        if (!invitation.email && !invitation.phone) fields._form = "sign_in_to_accept";
        if (Object.keys(fields).length)
          throw new AppError("validation_failed", "name and password are needed to create the account", fields);
        const [created] = await tx
          .insert(users)
          .values({
            displayName: account.displayName!,
            email: invitation.email,
            phone: invitation.phone,
            passwordHash,
            homeCommunityId: invitation.communityId,
          })
          .returning({ id: users.id });
        userId = created!.id;
      }
      await tx
        .insert(memberships)
        .values({
          userId,
          role: invitation.role,
          communityId: invitation.communityId,
          streetId: invitation.streetId,
          organisationId: invitation.organisationId,
          createdByUserId: invitation.invitedByUserId,
        })
        .onConflictDoNothing();
      await tx.update(invitations).set({ acceptedAt: clockNow(), acceptedByUserId: userId }).where(eq(invitations.id, invitation.id));
      await recordAudit(tx, {
        actorUserId: userId,
        action: "invitation.accept",
        subjectType: "invitation",
        subjectId: invitation.id,
        data: { role: invitation.role },
      });
      return userId;
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    uniqueViolation(error);
  }
}

// ------------------------------------------------------------------ user and role management

/** The accounts an admin may see: all for platform admins, their street's for street admins, their community's for staff. */
function userScopeCondition(viewer: Viewer): SQL | undefined {
  if (isPlatformAdmin(viewer)) return undefined;
  const streetIds = viewer.memberships.filter((m) => m.role === "street_admin").map((m) => m.streetId!);
  const communityIds = viewer.memberships.filter((m) => m.role === "community_staff").map((m) => m.communityId!);
  const inCommunities = (ids: SQL) =>
    sql`${users.homeCommunityId} in ${ids} or exists (select 1 from ${memberships} m where m.user_id = ${users.id} and m.community_id in ${ids})`;
  const parts: SQL[] = [];
  if (streetIds.length) parts.push(inCommunities(sql`(select id from ${communities} where street_id in ${streetIds})`));
  if (communityIds.length) parts.push(inCommunities(sql`${communityIds}`));
  return parts.length ? or(...parts) : sql`false`;
}

export async function listManagedUsers(viewer: Viewer, query: { q?: string; limit: number }) {
  if (!can(viewer, "users.manage")) throw forbidden();
  const conditions = [isNull(users.deletedAt), userScopeCondition(viewer)];
  if (query.q)
    conditions.push(or(ilike(users.displayName, `%${query.q}%`), ilike(users.email, `%${query.q}%`), ilike(users.phone, `%${query.q}%`)));
  const rows = await db()
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      phone: users.phone,
      homeCommunityId: users.homeCommunityId,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(...conditions))
    .orderBy(desc(users.createdAt))
    .limit(query.limit);
  const roles = rows.length
    ? await db()
        .select({
          userId: memberships.userId,
          id: memberships.id,
          role: memberships.role,
          communityName: communities.name,
          streetName: streets.name,
          organisationName: organisations.name,
        })
        .from(memberships)
        .leftJoin(communities, eq(communities.id, memberships.communityId))
        .leftJoin(streets, eq(streets.id, memberships.streetId))
        .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(
          inArray(
            memberships.userId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, memberships: roles.filter((m) => m.userId === r.id) }));
}

/** Removes one role from someone, when the viewer could have granted it. */
export async function revokeMembership(viewer: Viewer, membershipId: string): Promise<void> {
  const [m] = await db()
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      communityId: memberships.communityId,
      streetId: memberships.streetId,
      organisationId: memberships.organisationId,
    })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  if (!m) throw notFound("membership");
  const street = await communityStreet(m.communityId);
  const allowed =
    m.userId !== viewer.id &&
    (canInvite(viewer, { ...m, communityStreetId: street }) ||
      (m.role === "resident" && !!street && governsStreet(viewer, street)) ||
      isPlatformAdmin(viewer));
  if (!allowed) throw forbidden("you cannot remove this role");
  await db().transaction(async (tx) => {
    await tx.delete(memberships).where(eq(memberships.id, membershipId));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "membership.revoke",
      subjectType: "user",
      subjectId: m.userId,
      data: { role: m.role },
    });
  });
}

// ------------------------------------------------------------------ residents for staff

/** Residents of these communities (staff pick one to post a wish for, or to print a code for). */
export async function residentsOfCommunities(communityIds: string[]) {
  if (communityIds.length === 0) return [];
  return db()
    .select({
      id: users.id,
      displayName: users.displayName,
      fullName: users.fullName,
      phone: users.phone,
      communityId: memberships.communityId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, "resident"), inArray(memberships.communityId, communityIds), isNull(users.deletedAt)))
    .orderBy(users.displayName)
    .limit(2000);
}
