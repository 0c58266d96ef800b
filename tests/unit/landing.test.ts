// Where each persona lands after signing in (app/modules/accounts/landing.ts).
import { describe, expect, it } from "vitest";
import type { Role, Viewer } from "~/modules/accounts/accounts.policy";
import { landingPath } from "~/modules/accounts/landing";

const STREET = "00000000-0000-4000-8000-000000000001";
const viewer = (...roles: Role[]): Viewer => ({
  id: "u",
  displayName: "u",
  memberships: roles.map((role) => ({
    role,
    communityId: role === "resident" || role === "volunteer" || role === "community_staff" ? "c" : null,
    streetId: role === "street_admin" ? STREET : null,
    organisationId: role === "org_admin" || role === "org_member" ? "o" : null,
    communityStreetId: null,
  })),
});

describe("landingPath", () => {
  it.each<[string, Role[], string]>([
    ["a resident: their wishes", ["resident"], "/my/wishes"],
    ["community staff: the review queue", ["community_staff"], "/review"],
    ["a platform admin: the review queue", ["platform_admin"], "/review"],
    ["a street admin: their street", ["street_admin"], `/streets/${STREET}`],
    ["a partner's admin: the organisation dashboard", ["org_admin"], "/org"],
    ["a volunteer in a team: activities, not the team's dashboard", ["volunteer", "org_member"], "/activities"],
    ["a volunteer team's admin who also volunteers: the dashboard", ["volunteer", "org_admin"], "/org"],
    ["an organisation member alone: the dashboard", ["org_member"], "/org"],
    ["staff who also live there: the review queue", ["resident", "community_staff"], "/review"],
    ["no role at all: the account page", [], "/account"],
  ])("%s", (_name, roles, path) => {
    expect(landingPath(viewer(...roles))).toBe(path);
  });
});
