import type { Role } from "~/modules/accounts/accounts.policy";

/**
 * Who may call a route's loader and action, declared beside it. The loader/action enforce it
 * themselves (requireUser, policy checks); tests/integration/authorization-matrix.test.ts checks
 * every route of the manifest against its declaration, and fails for a route without one.
 * "user": any signed-in user (object-level checks happen inside); a role list: only those roles.
 */
export type Audience = "public" | "user" | readonly Role[];

export interface RouteAccess {
  loader?: Audience;
  action?: Audience;
}
