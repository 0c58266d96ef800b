// Who may do what, by role and place or organisation scope. Pure functions; deny by default.
import type { roles } from "#db/schema/enums";

export type Role = (typeof roles)[number];

export interface ViewerMembership {
  role: Role;
  communityId: string | null;
  streetId: string | null;
  organisationId: string | null;
  /** The street of communityId, so street-level checks need no extra query. */
  communityStreetId: string | null;
}

export interface Viewer {
  id: string;
  displayName: string;
  memberships: ViewerMembership[];
}

/** Where a record lives: its community and street. */
export interface PlaceScope {
  communityId: string;
  streetId: string;
}

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.memberships.some((m) => m.role === role);
}

export function isPlatformAdmin(viewer: Viewer): boolean {
  return hasRole(viewer, "platform_admin");
}

/** Community staff of that community, the street's admin, or a platform admin. */
export function governsCommunity(viewer: Viewer, place: PlaceScope): boolean {
  return viewer.memberships.some(
    (m) =>
      m.role === "platform_admin" ||
      (m.role === "community_staff" && m.communityId === place.communityId) ||
      (m.role === "street_admin" && m.streetId === place.streetId),
  );
}

/** The street's admin or a platform admin. */
export function governsStreet(viewer: Viewer, streetId: string): boolean {
  return viewer.memberships.some((m) => m.role === "platform_admin" || (m.role === "street_admin" && m.streetId === streetId));
}

export function memberOf(viewer: Viewer, organisationId: string): boolean {
  return viewer.memberships.some((m) => (m.role === "org_admin" || m.role === "org_member") && m.organisationId === organisationId);
}

export function adminOf(viewer: Viewer, organisationId: string): boolean {
  return viewer.memberships.some((m) => m.role === "org_admin" && m.organisationId === organisationId);
}

export function organisationsOf(viewer: Viewer): string[] {
  return [...new Set(viewer.memberships.filter((m) => m.role === "org_admin" || m.role === "org_member").map((m) => m.organisationId!))];
}

export function residentOf(viewer: Viewer, communityId: string): boolean {
  return viewer.memberships.some((m) => m.role === "resident" && m.communityId === communityId);
}

/** A grid worker (网格员) of that community: reports problems and checks their repair on site. */
export function gridWorkerOf(viewer: Viewer, communityId: string): boolean {
  return viewer.memberships.some((m) => m.role === "grid_worker" && m.communityId === communityId);
}

/** A role someone may be invited to, with the scope it carries. */
export interface InvitationScope {
  role: Role;
  communityId?: string | null;
  streetId?: string | null;
  organisationId?: string | null;
  /** The street of communityId, filled in by the caller. */
  communityStreetId?: string | null;
}

/**
 * Platform and street admins invite community staff; platform admins invite street admins;
 * organisation admins invite their members. Residents and volunteers sign up themselves.
 */
export function canInvite(viewer: Viewer, scope: InvitationScope): boolean {
  switch (scope.role) {
    case "community_staff":
      return !!scope.communityId && !!scope.communityStreetId && governsStreet(viewer, scope.communityStreetId);
    case "street_admin":
    case "platform_admin":
      return isPlatformAdmin(viewer);
    case "org_admin":
    case "org_member":
      return !!scope.organisationId && (adminOf(viewer, scope.organisationId) || isPlatformAdmin(viewer));
    default:
      return false;
  }
}

/** Staff create resident accounts (phone-only or without login) for people who cannot themselves. */
export function canCreateResidentFor(viewer: Viewer, place: PlaceScope): boolean {
  return governsCommunity(viewer, place);
}

/** Admins see and manage accounts: platform admins all, street admins their street's, staff their community's residents. */
export function canManageUsers(viewer: Viewer): boolean {
  return viewer.memberships.some((m) => m.role === "platform_admin" || m.role === "street_admin" || m.role === "community_staff");
}

/** The resource a permission is asked about: where it lives, and which organisation it belongs to. */
export interface Resource {
  communityId?: string;
  streetId?: string;
  organisationId?: string;
  /** The user the resource belongs to (a wish's poster, an account's owner). */
  ownerId?: string | null;
  role?: Role;
}

export type Action =
  | "need.create_wish"
  | "need.post_for_resident"
  | "need.create_for_community"
  | "need.review"
  | "need.view_private"
  | "resident.create"
  | "invitation.create"
  | "users.manage"
  | "organisation.act"
  | "problem.report"
  | "problem.report_for_others";

/**
 * The one permission question: may this user do this to this resource? Keyed by role and scope;
 * anything not granted here is denied.
 */
export function can(viewer: Viewer | null, action: Action, resource: Resource = {}): boolean {
  if (!viewer) return false;
  const place = resource.communityId && resource.streetId ? { communityId: resource.communityId, streetId: resource.streetId } : null;
  switch (action) {
    case "need.create_wish":
      return (
        !!place && (residentOf(viewer, place.communityId) || gridWorkerOf(viewer, place.communityId) || governsCommunity(viewer, place))
      );
    // 代办 (DESIGN): the community's staff and its grid workers post a wish on a resident's behalf.
    case "need.post_for_resident":
      return !!place && (gridWorkerOf(viewer, place.communityId) || governsCommunity(viewer, place));
    case "need.create_for_community":
    case "need.review":
    case "resident.create":
      return !!place && governsCommunity(viewer, place);
    case "need.view_private":
      return (
        (!!resource.ownerId && resource.ownerId === viewer.id) ||
        (!!place && governsCommunity(viewer, place)) ||
        (!!resource.organisationId && memberOf(viewer, resource.organisationId))
      );
    case "invitation.create":
      return (
        !!resource.role &&
        canInvite(viewer, {
          role: resource.role,
          communityId: resource.communityId,
          communityStreetId: resource.streetId,
          streetId: resource.streetId,
          organisationId: resource.organisationId,
        })
      );
    case "users.manage":
      return canManageUsers(viewer);
    case "problem.report":
      return (
        !!place && (residentOf(viewer, place.communityId) || gridWorkerOf(viewer, place.communityId) || governsCommunity(viewer, place))
      );
    case "problem.report_for_others":
      return !!place && (gridWorkerOf(viewer, place.communityId) || governsCommunity(viewer, place));
    case "organisation.act":
      return !!resource.organisationId && memberOf(viewer, resource.organisationId);
    default:
      return false;
  }
}
