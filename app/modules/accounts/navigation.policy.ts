// What the header and the account page offer a signed-in person, from their roles alone (pure: the unit test
// walks every persona). Each page still checks its own audience on the server: a link shown is not a permission.
import { canManageUsers, hasRole, organisationsOf, type Role, type Viewer } from "./accounts.policy";

/** Those who look after places: a community's staff, a street's admin, the platform's admins. */
const GOVERNING = ["community_staff", "street_admin", "platform_admin"] as const satisfies readonly Role[];

const anyRole = (viewer: Viewer, roles: readonly Role[]) => roles.some((role) => hasRole(viewer, role));

/** The header's links: user management, review, posting, the organisation's dashboard, hours and wishes, and one's own place. */
export function navigationFor(viewer: Viewer) {
  return {
    canManage: canManageUsers(viewer),
    reviews: anyRole(viewer, GOVERNING),
    posts: anyRole(viewer, ["resident", "grid_worker", ...GOVERNING]),
    reportsProblems: anyRole(viewer, ["resident", "grid_worker", ...GOVERNING]),
    organisation: anyRole(viewer, ["org_admin", "org_member"]),
    volunteer: hasRole(viewer, "volunteer"),
    resident: hasRole(viewer, "resident"),
    communityId: viewer.memberships.find((m) => m.role === "community_staff")?.communityId ?? null,
    streetId: viewer.memberships.find((m) => m.role === "street_admin")?.streetId ?? null,
  };
}
export type Navigation = ReturnType<typeof navigationFor>;

/** The account page's links: registering residents, and "my things" (wishes, sign-ups, claims). */
export function accountLinksFor(viewer: Viewer) {
  return {
    registersResidents: anyRole(viewer, GOVERNING),
    mine: {
      wishes: anyRole(viewer, ["resident", "grid_worker", "community_staff"]),
      signups: hasRole(viewer, "volunteer"),
      claims: organisationsOf(viewer).length > 0,
    },
  };
}
