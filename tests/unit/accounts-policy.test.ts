import { describe, expect, it } from "vitest";
import { can, canInvite, type Viewer, type ViewerMembership } from "~/modules/accounts/accounts.policy";
import { accountLinksFor, navigationFor } from "~/modules/accounts/navigation.policy";

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
const gridWorker = viewer(m("grid_worker", { communityId: "c-1", communityStreetId: "s-1" }));

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

  it("lets the community's grid workers and staff post a wish for a resident (代办), and no one else", () => {
    expect([gridWorker, staff, streetAdmin, admin].map((v) => can(v, "need.post_for_resident", place))).toEqual([true, true, true, true]);
    expect([resident, otherStaff, bank, nobody].map((v) => can(v, "need.post_for_resident", place))).toEqual([false, false, false, false]);
    expect(can(gridWorker, "need.post_for_resident", otherPlace)).toBe(false);
    expect(can(gridWorker, "need.create_wish", place)).toBe(true);
    expect(can(gridWorker, "need.create_wish", otherPlace)).toBe(false);
    expect(can(gridWorker, "need.create_for_community", place)).toBe(false);
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

// What the header and the account page offer each persona (navigation.policy.ts).
const volunteer = viewer(m("volunteer", { communityId: "c-1", communityStreetId: "s-1" }));
const bankMember = viewer(m("org_member", { organisationId: "o-1" }));

describe("navigationFor", () => {
  it("shows review and posting to those who govern a place, posting to residents, neither to volunteers or partners", () => {
    const flags = (v: Viewer) => [navigationFor(v).reviews, navigationFor(v).posts];
    expect([staff, streetAdmin, admin].map(flags)).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
    expect(flags(resident)).toEqual([false, true]);
    // A grid worker posts (for residents) and reports problems, but reviews nothing.
    expect(flags(gridWorker)).toEqual([false, true]);
    expect(accountLinksFor(gridWorker).mine.wishes).toBe(true);
    expect([volunteer, bankMember, bank, nobody].map(flags)).toEqual([
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  it("shows the organisation's dashboard to its admins and members only, hours to volunteers, wishes to residents", () => {
    expect([bank, bankMember, staff, volunteer].map((v) => navigationFor(v).organisation)).toEqual([true, true, false, false]);
    expect([volunteer, resident].map((v) => navigationFor(v).volunteer)).toEqual([true, false]);
    expect([resident, volunteer].map((v) => navigationFor(v).resident)).toEqual([true, false]);
  });

  it("links staff to their community and a street's admin to their street", () => {
    expect(navigationFor(staff)).toMatchObject({ communityId: "c-1", streetId: null });
    expect(navigationFor(streetAdmin)).toMatchObject({ communityId: null, streetId: "s-1" });
    expect(navigationFor(resident)).toMatchObject({ communityId: null, streetId: null });
  });

  it("offers user management as canManageUsers does: not to residents or partners", () => {
    expect(navigationFor(admin).canManage).toBe(true);
    expect([resident, volunteer, bank, nobody].map((v) => navigationFor(v).canManage)).toEqual([false, false, false, false]);
  });
});

describe("accountLinksFor", () => {
  it("lets those who govern a place register residents", () => {
    expect([staff, streetAdmin, admin, resident, bank].map((v) => accountLinksFor(v).registersResidents)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it("lists each persona's own things: wishes, sign-ups, claims", () => {
    expect(accountLinksFor(resident).mine).toEqual({ wishes: true, signups: false, claims: false });
    expect(accountLinksFor(staff).mine).toEqual({ wishes: true, signups: false, claims: false });
    expect(accountLinksFor(volunteer).mine).toEqual({ wishes: false, signups: true, claims: false });
    expect(accountLinksFor(bankMember).mine).toEqual({ wishes: false, signups: false, claims: true });
  });
});
