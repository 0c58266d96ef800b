import { describe, expect, it } from "vitest";
import { can, canInvite, type Viewer, type ViewerMembership } from "~/modules/accounts/accounts.policy";

const place = { communityId: "c-1", streetId: "s-1" };
const otherPlace = { communityId: "c-9", streetId: "s-9" };
const m = (role: ViewerMembership["role"], scope: Partial<ViewerMembership> = {}): ViewerMembership => ({
  role,
  communityId: null,
  streetId: null,
  organisationId: null,
  communityStreetId: null,
  ...scope,
});
const viewer = (...memberships: ViewerMembership[]): Viewer => ({ id: "u-1", displayName: "x", memberships });

const resident = viewer(m("resident", { communityId: "c-1", communityStreetId: "s-1" }));
const staff = viewer(m("community_staff", { communityId: "c-1", communityStreetId: "s-1" }));
const otherStaff = viewer(m("community_staff", { communityId: "c-9", communityStreetId: "s-9" }));
const streetAdmin = viewer(m("street_admin", { streetId: "s-1" }));
const admin = viewer(m("platform_admin"));
const bank = viewer(m("org_admin", { organisationId: "o-1" }));
const nobody = viewer();

describe("can()", () => {
  it("denies everything to anonymous users and to users without roles", () => {
    for (const action of [
      "need.create_wish",
      "need.review",
      "need.view_private",
      "resident.create",
      "users.manage",
      "organisation.act",
    ] as const) {
      expect(can(null, action, { ...place, organisationId: "o-1" })).toBe(false);
      expect(can(nobody, action, { ...place, organisationId: "o-1" })).toBe(false);
    }
  });

  it("lets staff, the street's admin and platform admins review, but not staff elsewhere or residents", () => {
    expect([staff, streetAdmin, admin].map((v) => can(v, "need.review", place))).toEqual([true, true, true]);
    expect([otherStaff, resident, bank].map((v) => can(v, "need.review", place))).toEqual([false, false, false]);
    expect(can(streetAdmin, "need.review", otherPlace)).toBe(false);
  });

  it("lets residents post wishes only in their own community", () => {
    expect(can(resident, "need.create_wish", place)).toBe(true);
    expect(can(resident, "need.create_wish", otherPlace)).toBe(false);
    expect(can(resident, "need.create_for_community", place)).toBe(false);
  });

  it("shows private fields to the owner, the community's staff and the claiming organisation", () => {
    expect(can(nobody, "need.view_private", { ...place, ownerId: "u-1" })).toBe(true);
    expect(can(bank, "need.view_private", { ...otherPlace, organisationId: "o-1" })).toBe(true);
    expect(can(bank, "need.view_private", { ...otherPlace, organisationId: "o-2" })).toBe(false);
  });
});

describe("canInvite", () => {
  it("platform and street admins invite community staff; org admins their own members only", () => {
    expect(canInvite(streetAdmin, { role: "community_staff", communityId: "c-1", communityStreetId: "s-1" })).toBe(true);
    expect(canInvite(streetAdmin, { role: "community_staff", communityId: "c-9", communityStreetId: "s-9" })).toBe(false);
    expect(canInvite(staff, { role: "community_staff", communityId: "c-1", communityStreetId: "s-1" })).toBe(false);
    expect(canInvite(streetAdmin, { role: "street_admin", streetId: "s-1" })).toBe(false);
    expect(canInvite(admin, { role: "street_admin", streetId: "s-1" })).toBe(true);
    expect(canInvite(bank, { role: "org_member", organisationId: "o-1" })).toBe(true);
    expect(canInvite(bank, { role: "org_member", organisationId: "o-2" })).toBe(false);
    expect(canInvite(admin, { role: "resident", communityId: "c-1" })).toBe(false);
  });
});
