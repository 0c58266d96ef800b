// Sessions (lucia v3, kept behind this one module so it can be swapped without touching routes).
import { Lucia, TimeSpan } from "lucia";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { and, eq, isNull, lt, ne, sql } from "drizzle-orm";
import { communities, memberships, sessions, users } from "#db/schema";
import { db } from "~/lib/db.server";
import { redirect } from "@remix-run/node";
import { AppError } from "~/lib/errors";
import { isDatabaseUnavailable } from "~/lib/db-errors.server";
import { oncePerRequest } from "~/lib/request-scope.server";
import type { Viewer, ViewerMembership } from "./accounts.policy";

export const SESSION_COOKIE = "linli_session";
// Sliding expiry: lucia extends a session used in the second half of its life.
const SESSION_LIFETIME = new TimeSpan(30, "d");
// The memo of this request's validated session expiry (validatedSessionExpiry).
const SESSION_EXPIRY = {};

// One lucia per database handle (tests switch databases between files).
const instances = new WeakMap<object, Lucia>();

function lucia(): Lucia {
  const database = db();
  let instance = instances.get(database);
  if (!instance) {
    instance = new Lucia(new DrizzlePostgreSQLAdapter(database, sessions, users), {
      sessionExpiresIn: SESSION_LIFETIME,
      sessionCookie: { name: SESSION_COOKIE, expires: false },
    });
    instances.set(database, instance);
  }
  return instance;
}

/** The id of the session this request runs in (null when signed out). */
export function readSessionId(request: Request): string | null {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  return match?.[1] ?? null;
}

/** Secure whenever the request reached us over HTTPS (directly or through a proxy that says so). */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

function cookieHeader(request: Request, value: string, maxAgeSeconds: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}

export async function createSession(request: Request, userId: string): Promise<string> {
  const session = await lucia().createSession(userId, {});
  // The cookie outlives the session; the database's sliding expiry decides when it ends.
  return cookieHeader(request, session.id, 400 * 24 * 3600);
}

export function clearedSessionCookie(request: Request): string {
  return cookieHeader(request, "", 0);
}

export async function endSession(request: Request): Promise<void> {
  const id = readSessionId(request);
  if (id) await lucia().invalidateSession(id);
}

/** Signs the user out everywhere but here. */
export async function endOtherSessions(request: Request, userId: string): Promise<number> {
  const id = readSessionId(request) ?? "";
  const removed = await db()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, id)))
    .returning({ id: sessions.id });
  return removed.length;
}

export async function endAllSessions(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
}

/**
 * The session's user with their roles and scopes, in one query. Sliding expiry as lucia's
 * validateSession has it (and on lucia's clock, the wall clock that wrote the session's expiry): an
 * expired session is deleted; one in the second half of its life is extended, so a session is
 * written at most once per half-lifetime, never on every request.
 */
async function loadViewer(request: Request): Promise<Viewer | null> {
  const id = readSessionId(request);
  if (!id) return null;
  const [row] = await db().execute<{ expiresAt: string | Date; id: string; displayName: string; memberships: ViewerMembership[] }>(sql`
    select s.expires_at as "expiresAt", u.id, u.display_name as "displayName",
      coalesce(json_agg(json_build_object(
        'role', m.role, 'communityId', m.community_id, 'streetId', m.street_id,
        'organisationId', m.organisation_id, 'communityStreetId', c.street_id
      ) order by m.created_at, m.id) filter (where m.id is not null), '[]') as memberships
    from ${sessions} s
    join ${users} u on u.id = s.user_id and u.deleted_at is null
    left join ${memberships} m on m.user_id = u.id
    left join ${communities} c on c.id = m.community_id
    where s.id = ${id}
    group by s.expires_at, u.id`);
  if (!row) return null;
  const wallClock = Date.now();
  const expiresAt = new Date(row.expiresAt).getTime();
  if (expiresAt <= wallClock) {
    await lucia().invalidateSession(id);
    return null;
  }
  // Kept for the page cache: a signed-in page is never served from it past this (entry.server.tsx).
  oncePerRequest(request, SESSION_EXPIRY, () => expiresAt);
  if (expiresAt - SESSION_LIFETIME.milliseconds() / 2 <= wallClock) {
    const extended = new Date(wallClock + SESSION_LIFETIME.milliseconds());
    await db()
      .update(sessions)
      .set({ expiresAt: extended })
      .where(and(eq(sessions.id, id), lt(sessions.expiresAt, extended)));
  }
  return { id: row.id, displayName: row.displayName, memberships: row.memberships };
}

/** A user with their roles and scopes, as the permission checks see them (null when deleted or unknown). */
export async function viewerById(userId: string): Promise<Viewer | null> {
  const [row] = await db()
    .select({ id: users.id, displayName: users.displayName, deletedAt: users.deletedAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!row) return null;
  const rows = await db()
    .select({
      role: memberships.role,
      communityId: memberships.communityId,
      streetId: memberships.streetId,
      organisationId: memberships.organisationId,
      communityStreetId: communities.streetId,
    })
    .from(memberships)
    .leftJoin(communities, eq(communities.id, memberships.communityId))
    .where(eq(memberships.userId, row.id));
  const viewerMemberships: ViewerMembership[] = rows.map((m) => ({
    role: m.role,
    communityId: m.communityId,
    streetId: m.streetId,
    organisationId: m.organisationId,
    communityStreetId: m.communityStreetId,
  }));
  return { id: row.id, displayName: row.displayName, memberships: viewerMemberships };
}

// Several loaders of one page ask for the viewer (the root's and the route's): validate the session once per request.
const VIEWER = {};

/**
 * When this request's session ends (ms since the epoch, on the wall clock lucia writes it with), once a
 * loader has validated it (getViewer); null when signed out, invalid, or not validated in this request.
 */
export function validatedSessionExpiry(request: Request): number | null {
  return oncePerRequest<number | null>(request, SESSION_EXPIRY, () => null);
}

export function getViewer(request: Request): Promise<Viewer | null> {
  return oncePerRequest(request, VIEWER, () => loadViewer(request));
}

/** The signed-in user, or 401 unauthenticated. Every protected loader and action starts here. */
export async function requireUser(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw new AppError("unauthenticated", "sign in first");
  return viewer;
}

/** For pages: the signed-in user, or a redirect to the login page that comes back here. */
export async function requireUserForPage(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request).catch((error: unknown) => {
    // The first query of every signed-in page: while the database is away, the error boundary's 503 page, not a 500.
    if (isDatabaseUnavailable(error)) throw new Response("database unavailable", { status: 503 });
    throw error;
  });
  if (!viewer) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return viewer;
}
