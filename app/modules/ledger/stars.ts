// Star levels of a volunteer's record (DESIGN.md, "Hour ledger rules"): one to five stars at
// 100 / 300 / 600 / 1000 / 1500 cumulative approved hours. Pure: no database, safe in the browser.

/** Hours needed for stars one to five. */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

/** The same thresholds in minutes, the ledger's unit. */
export const STAR_MINUTES: readonly number[] = STAR_HOURS.map((h) => h * 60);

export const MAX_STARS = STAR_HOURS.length;

/** 0 to 5: how many thresholds the approved minutes have reached (exactly reaching one counts). */
export function starLevel(approvedMinutes: number): number {
  if (!Number.isFinite(approvedMinutes)) return 0;
  let level = 0;
  while (level < MAX_STARS && approvedMinutes >= STAR_MINUTES[level]!) level++;
  return level;
}

/** Approved minutes at which the next star is reached; null once all five are held. */
export function nextStarAt(approvedMinutes: number): number | null {
  const level = starLevel(approvedMinutes);
  return level < MAX_STARS ? STAR_MINUTES[level]! : null;
}

/** What the volunteer reads about the next star: which star and how many whole hours are still missing; null at five stars. */
export function nextStar(approvedMinutes: number): { star: number; hoursToGo: number; atHours: number } | null {
  const minutes = Number.isFinite(approvedMinutes) ? Math.max(0, approvedMinutes) : 0;
  const at = nextStarAt(minutes);
  if (at === null) return null;
  return { star: starLevel(minutes) + 1, hoursToGo: Math.ceil((at - minutes) / 60), atHours: at / 60 };
}
