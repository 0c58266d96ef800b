// Paper, for residents who do not use the website: a one-page statement of a resident's wishes and a
// slip for one wish that staff hand over. Only staff governing the community (its staff, the street's
// admin, a platform admin) may print them; every query is scoped to that community.
import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { claims, communities, memberships, needs, organisations, streets, users } from "#db/schema";
import { now } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { forbidden, notFound } from "~/lib/errors";
import { governsCommunity, hasRole, type Viewer } from "~/modules/accounts/accounts.policy";

const PAPER_ROLES = ["community_staff", "street_admin", "platform_admin"] as const;

/** Only staff print; others are refused before anything is looked up. */
function requireStaff(viewer: Viewer) {
  if (!PAPER_ROLES.some((role) => hasRole(viewer, role))) throw forbidden("staff only");
}

/**
 * The community, when the viewer governs it. Outside their scope a resident or a wish is "not found"
 * (its existence is not told); the community page itself answers 403 as the community page does.
 */
async function communityFor(viewer: Viewer, communityId: string, outside: "forbidden" | "not_found" = "forbidden") {
  const [c] = await db()
    .select({ id: communities.id, name: communities.name, streetId: communities.streetId, streetName: streets.name })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(communities.id, communityId));
  if (!c) throw notFound("community");
  if (!governsCommunity(viewer, { communityId: c.id, streetId: c.streetId }))
    throw outside === "forbidden" ? forbidden("not your community") : notFound("resident or wish");
  return c;
}

/** The community's staff, as the contact printed on paper (their phone, or else e-mail). */
async function staffContacts(communityId: string) {
  const rows = await db()
    .select({ name: users.displayName, phone: users.phone, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.role, "community_staff"), isNull(users.deletedAt)))
    .orderBy(users.displayName)
    .limit(3);
  return rows.map((r) => ({ name: r.name, contact: r.phone ?? r.email ?? "" }));
}

/** Who helped with each wish: the organisation of its latest claim that is not released or expired. */
async function helpersOf(needIds: string[]) {
  if (needIds.length === 0) return new Map<string, string>();
  const rows = await db()
    .select({ needId: claims.needId, name: organisations.name, contact: organisations.publicContact })
    .from(claims)
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(and(inArray(claims.needId, needIds), inArray(claims.status, ["active", "fulfilled", "completed"])))
    .orderBy(desc(claims.claimedAt));
  const map = new Map<string, string>();
  for (const r of rows) if (!map.has(r.needId)) map.set(r.needId, r.contact ? `${r.name}（${r.contact}）` : r.name);
  return map;
}

/** The printable index on the community page: residents with wishes, and the wishes under way. */
export async function communityPaper(viewer: Viewer, communityId: string) {
  requireStaff(viewer);
  const community = await communityFor(viewer, communityId);
  const residents = await db().execute<{ id: string; name: string; wishes: number }>(sql`
    select u.id, u.display_name as name, count(n.id)::int as wishes
    from users u join needs n on n.beneficiary_user_id = u.id or (n.posted_by_user_id = u.id and n.beneficiary_user_id is null)
    where n.community_id = ${communityId} and n.kind = 'micro_wish' and u.deleted_at is null
      and exists (select 1 from memberships m where m.user_id = u.id and m.role = 'resident' and m.community_id = ${communityId})
    group by u.id, u.display_name order by u.display_name limit 200`);
  const wishes = await db()
    .select({ id: needs.id, title: needs.title, status: needs.status })
    .from(needs)
    .where(
      and(eq(needs.communityId, communityId), eq(needs.kind, "micro_wish"), inArray(needs.status, ["published", "claimed", "fulfilled"])),
    )
    .orderBy(desc(needs.updatedAt))
    .limit(100);
  return { community, residents: [...residents], wishes };
}

/** A resident's statement: their wishes (for them or by them) in their community, status, who helped, whom to call. */
export async function residentStatement(viewer: Viewer, residentId: string) {
  requireStaff(viewer);
  const [resident] = await db()
    .select({ id: users.id, displayName: users.displayName, fullName: users.fullName, communityId: users.homeCommunityId })
    .from(users)
    .where(and(eq(users.id, residentId), isNull(users.deletedAt)));
  if (!resident?.communityId) throw notFound("resident");
  const community = await communityFor(viewer, resident.communityId, "not_found");
  const wishes = await db()
    .select({ id: needs.id, title: needs.title, status: needs.status, createdAt: needs.createdAt, completedAt: needs.completedAt })
    .from(needs)
    .where(
      and(
        eq(needs.communityId, community.id),
        or(eq(needs.beneficiaryUserId, residentId), and(eq(needs.postedByUserId, residentId), isNull(needs.beneficiaryUserId))),
      ),
    )
    .orderBy(desc(needs.createdAt))
    .limit(30);
  const helpers = await helpersOf(wishes.map((w) => w.id));
  return {
    resident: { name: resident.fullName ?? resident.displayName },
    community,
    staff: await staffContacts(community.id),
    printedAt: now().toISOString(),
    wishes: wishes.map((w) => ({
      id: w.id,
      title: w.title,
      status: w.status,
      createdAt: w.createdAt.toISOString(),
      completedAt: w.completedAt?.toISOString() ?? null,
      helper: helpers.get(w.id) ?? null,
    })),
  };
}

/** The slip for one wish: what it is, its status, who will help, whom to call. */
export async function wishSlip(viewer: Viewer, needId: string) {
  requireStaff(viewer);
  const [need] = await db()
    .select({
      id: needs.id,
      title: needs.title,
      description: needs.description,
      status: needs.status,
      communityId: needs.communityId,
      createdAt: needs.createdAt,
      beneficiaryName: needs.beneficiaryName,
      beneficiaryUserName: users.displayName,
    })
    .from(needs)
    .leftJoin(users, eq(users.id, needs.beneficiaryUserId))
    .where(eq(needs.id, needId));
  if (!need) throw notFound("wish");
  const community = await communityFor(viewer, need.communityId, "not_found");
  const helpers = await helpersOf([need.id]);
  return {
    wish: {
      id: need.id,
      title: need.title,
      description: need.description,
      status: need.status,
      createdAt: need.createdAt.toISOString(),
      for: need.beneficiaryUserName ?? need.beneficiaryName ?? null,
      helper: helpers.get(need.id) ?? null,
    },
    community,
    staff: await staffContacts(community.id),
    printedAt: now().toISOString(),
  };
}
