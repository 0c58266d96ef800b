import type { needStatuses } from "#db/schema/enums";

export type NeedStatus = (typeof needStatuses)[number];

/** Statuses anyone may see: the rest belong to the poster and the community's staff. */
export const publicNeedStatuses = ["published", "claimed", "fulfilled", "completed"] as const satisfies readonly NeedStatus[];

export function isPublicStatus(status: string): boolean {
  return (publicNeedStatuses as readonly string[]).includes(status);
}
