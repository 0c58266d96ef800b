import { inArray } from "drizzle-orm";
import { communities, organisations, streets } from "#db/schema";
import { db } from "~/lib/db.server";
import type { Viewer } from "./accounts.policy";

/** The viewer's roles with the names of their places and organisations, for display. */
export async function membershipLabels(viewer: Viewer) {
  const ids = (key: "communityId" | "streetId" | "organisationId") => viewer.memberships.map((m) => m[key]).filter((v): v is string => !!v);
  const [c, s, o] = await Promise.all([
    ids("communityId").length
      ? db()
          .select({ id: communities.id, name: communities.name })
          .from(communities)
          .where(inArray(communities.id, ids("communityId")))
      : [],
    ids("streetId").length
      ? db()
          .select({ id: streets.id, name: streets.name })
          .from(streets)
          .where(inArray(streets.id, ids("streetId")))
      : [],
    ids("organisationId").length
      ? db()
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, ids("organisationId")))
      : [],
  ]);
  const name = new Map([...c, ...s, ...o].map((r) => [r.id, r.name]));
  return viewer.memberships.map((m, i) => ({
    key: `${m.role}-${i}`,
    role: m.role,
    scope: name.get(m.organisationId ?? m.communityId ?? m.streetId ?? "") ?? null,
  }));
}
