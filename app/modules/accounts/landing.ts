// Where each persona lands after signing in: where its work is. Pure, unit-tested.
import type { Viewer } from "./accounts.policy";

/**
 * Staff → the review queue; a street admin → their street; a partner's admin → the organisation
 * dashboard; a volunteer → activities (before a team membership, which every team volunteer has);
 * a resident → their wishes. Someone with several roles lands where the first of these applies.
 */
export function landingPath(viewer: Viewer): string {
  const has = (role: Viewer["memberships"][number]["role"]) => viewer.memberships.find((m) => m.role === role);
  const street = has("street_admin");
  if (has("community_staff") || has("platform_admin")) return "/review";
  if (street?.streetId) return `/streets/${street.streetId}`;
  if (has("org_admin")) return "/org";
  if (has("volunteer")) return "/activities";
  if (has("org_member")) return "/org";
  if (has("resident")) return "/my/wishes";
  return "/account";
}
