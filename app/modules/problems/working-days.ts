// Working days by China's official holiday calendar (the State Council's yearly schedule, shipped by the
// chinese-days package), counted on Tianjin dates. Pure: no clock, no database.
import calendar from "chinese-days/dist/chinese-days.json";
import { endOfTianjinDay, tianjinDate } from "../../lib/tianjin-time";

const holidays: Record<string, string> = calendar.holidays;
const makeUpDays: Record<string, string> = calendar.workdays;
const coveredYears = new Set(Object.keys(holidays).map((date) => date.slice(0, 4)));
const warnedYears = new Set<string>();

/** Whether the package ships the official schedule for that year (it has 2004–2026; 2027 is published in late 2026). */
export function hasOfficialCalendar(year: number | string): boolean {
  return coveredYears.has(String(year));
}

/** Called once per year without an official schedule; the default logs a warning. */
let onMissingYear = (year: string) =>
  console.warn(`working days: no official holiday schedule for ${year} in chinese-days; counting Monday–Friday only`);
export function setMissingYearHandler(handler: (year: string) => void) {
  onMissingYear = handler;
}

const DAY_MS = 86_400_000;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Is "YYYY-MM-DD" a working day? Official holidays off, make-up weekend days on; for a year the package lacks, weekends only. */
export function isWorkingDay(date: string): boolean {
  const year = date.slice(0, 4);
  if (!coveredYears.has(year)) {
    if (!warnedYears.has(year)) {
      warnedYears.add(year);
      onMissingYear(year);
    }
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }
  if (makeUpDays[date]) return true;
  if (holidays[date]) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

const nextDate = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);

/**
 * The deadline `days` working days after an instant: the end (Tianjin midnight) of the `days`-th working day
 * after the day it falls in. Reported on Friday 2026-09-25 with 3 days: due at the end of Wednesday the 30th.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("days must be a whole number ≥ 0");
  let date = tianjinDate(from);
  let left = days;
  while (left > 0) {
    date = nextDate(date);
    if (isWorkingDay(date)) left -= 1;
  }
  return endOfTianjinDay(date);
}

/** Working days from one instant's Tianjin day to another's (0 on the same day; negative when `to` is earlier). */
export function workingDaysBetween(from: Date, to: Date): number {
  let a = tianjinDate(from);
  const b = tianjinDate(to);
  if (a === b) return 0;
  if (a > b) return -workingDaysBetween(to, from);
  let n = 0;
  while (a < b) {
    a = nextDate(a);
    if (isWorkingDay(a)) n += 1;
  }
  return n;
}
