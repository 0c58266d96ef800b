// The one clock the app reads. `now()` is the wall clock moved by a fixed offset: zero in real use,
// set by LINLI_NOW (the demo, browser tests) or setClock (unit and integration tests), so nothing
// depends on the day it runs. It keeps ticking from the set instant, so order and durations stay real.
// PostgreSQL reads the same clock through linli_now() (migration 0005): the pool passes the offset
// as the connection setting linli.clock_offset_ms.

// On globalThis: the test process and the app build it serves hold separate copies of this module,
// and both must read the same clock.
const holder = globalThis as unknown as { __linliClockOffsetMs?: number | null; __linliClockBaseOffsetMs?: number };

function initialOffset(): number {
  const fixed = process.env.LINLI_NOW;
  if (!fixed) return 0;
  const at = Date.parse(fixed);
  if (Number.isNaN(at)) throw new Error(`Invalid environment:\n  LINLI_NOW: must be an ISO 8601 instant, got "${fixed}"`);
  return at - Date.now();
}

/** Milliseconds the app's clock is ahead of the wall clock (negative when behind). */
export function clockOffsetMs(): number {
  holder.__linliClockBaseOffsetMs ??= initialOffset();
  holder.__linliClockOffsetMs ??= holder.__linliClockBaseOffsetMs;
  return holder.__linliClockOffsetMs;
}

export function now(): Date {
  return new Date(nowMs());
}

export function nowMs(): number {
  return Date.now() + clockOffsetMs();
}

/** Moves the clock so that now() reads `at` at this moment; the database pool follows on its next use. */
export function setClock(at: Date | string | number): void {
  const target = new Date(at).getTime();
  if (Number.isNaN(target)) throw new Error(`setClock: not a time: ${String(at)}`);
  // Whole milliseconds keep the database's copy of the offset exact.
  holder.__linliClockOffsetMs = Math.round(target - Date.now());
}

/** Back to the environment's clock (LINLI_NOW or the wall clock), as if it had never been moved: it never jumps back to where it started. */
export function resetClock(): void {
  holder.__linliClockOffsetMs = null;
}
