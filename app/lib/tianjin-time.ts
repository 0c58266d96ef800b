// Tianjin's civil time, used for every date a person reads or types: China Standard Time, UTC+8 all
// year (no daylight saving), so the offset is a constant. Safe in the browser and on the server.

export const TIANJIN_TIME_ZONE = "Asia/Shanghai";
export const TIANJIN_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const shifted = (instant: Date | string | number) => new Date(new Date(instant).getTime() + TIANJIN_OFFSET_MS).toISOString();

/** "YYYY-MM-DD" of the instant in Tianjin. */
export function tianjinDate(instant: Date | string | number): string {
  return shifted(instant).slice(0, 10);
}

/** "YYYY-MM" of the instant in Tianjin. */
export function tianjinMonth(instant: Date | string | number): string {
  return shifted(instant).slice(0, 7);
}

/** "YYYY-MM-01" of the month `back` months before the one the instant falls in, in Tianjin. */
export function firstDayOfTianjinMonth(instant: Date | string | number, back = 0): string {
  const local = new Date(new Date(instant).getTime() + TIANJIN_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}

/** "HH:MM" of the instant in Tianjin. */
export function tianjinClockTime(instant: Date | string | number): string {
  return shifted(instant).slice(11, 16);
}

/** "YYYY-MM-DDTHH:MM", the value of an <input type="datetime-local"> showing the instant in Tianjin. */
export function tianjinDateTimeLocal(instant: Date | string | number): string {
  return shifted(instant).slice(0, 16);
}

/** Midnight in Tianjin that starts the day of "YYYY-MM-DD". */
export function startOfTianjinDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Midnight in Tianjin that ends the day of "YYYY-MM-DD" (exclusive upper bound). */
export function endOfTianjinDay(date: string): Date {
  return new Date(startOfTianjinDay(date).getTime() + DAY_MS);
}

/** Midnight in Tianjin that starts the day the instant falls in. */
export function tianjinMidnight(instant: Date | number): Date {
  const ms = new Date(instant).getTime();
  return new Date(Math.floor((ms + TIANJIN_OFFSET_MS) / DAY_MS) * DAY_MS - TIANJIN_OFFSET_MS);
}

/** A form's "YYYY-MM-DDTHH:MM" read as Tianjin time, as an ISO string with its offset; anything else passes through for validation to refuse. */
export function fromTianjinLocal(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (toLocaleString builds one
// per call: a wish wall of cards spent more time there than in the rest of its render), so each
// language and style gets one, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(language: string, style: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(style)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { ...style, timeZone: TIANJIN_TIME_ZONE });
    formats.set(key, format);
  }
  return format;
}

/** A date and time for people to read, in Tianjin, in the page's language (`{}`: the language's plain numeric form). */
export function formatTianjinDateTime(
  instant: Date | string | number,
  language: string,
  style: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
): string {
  // toLocaleString's empty style means date and time, numeric.
  const effective = Object.keys(style).length
    ? style
    : ({ year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" } as const);
  return formatIn(language, effective).format(new Date(instant));
}

/** A date for people to read, in Tianjin, in the page's language (`{}`: the language's plain numeric form). */
export function formatTianjinDate(
  instant: Date | string | number,
  language: string,
  style: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  const effective = Object.keys(style).length ? style : ({ year: "numeric", month: "numeric", day: "numeric" } as const);
  return formatIn(language, effective).format(new Date(instant));
}

/** A short, numeric date (2026/11/23), in Tianjin, in the page's language: what toLocaleDateString gives. */
export function formatTianjinNumericDate(instant: Date | string | number, language: string): string {
  return formatTianjinDate(instant, language, {});
}
