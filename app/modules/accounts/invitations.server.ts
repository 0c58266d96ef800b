import { asc, inArray } from "drizzle-orm";
import { organisations } from "#db/schema";
import { db } from "~/lib/db.server";
import { hasRole, type Role, type Viewer } from "./accounts.policy";

/** The roles this viewer can invite people to (their scopes are checked again on submit). */
export function invitableRoles(viewer: Viewer): Role[] {
  const roles = new Set<Role>();
  if (hasRole(viewer, "platform_admin"))
    ["community_staff", "street_admin", "org_admin", "org_member"].forEach((r) => roles.add(r as Role));
  if (hasRole(viewer, "street_admin")) roles.add("community_staff");
  if (hasRole(viewer, "org_admin")) ["org_admin", "org_member"].forEach((r) => roles.add(r as Role));
  return [...roles];
}

export async function listOrganisationsByIds(ids: string[] | null) {
  const query = db().select({ id: organisations.id, name: organisations.name }).from(organisations);
  if (ids && ids.length === 0) return [];
  return (ids ? query.where(inArray(organisations.id, ids)) : query).orderBy(asc(organisations.name));
}
