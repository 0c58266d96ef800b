// The months a monthly chart covers, in Tianjin time. Pure: safe in the browser and in unit tests.
import { tianjinMonth } from "~/lib/tianjin-time";

/** The twelve months ending with the month of `today` (Tianjin), oldest first, as "YYYY-MM". */
export function lastTwelveMonths(today: Date): string[] {
  const [year, month] = tianjinMonth(today).split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** How a chart names "YYYY-MM": the month ("1月", "Jan") over its year, and both in one ("2026年1月", "Jan 2026"). */
export function monthLabel(month: string, language: string): { label: string; sublabel: string; full: string } {
  const [year, m] = month.split("-").map(Number) as [number, number];
  if (language.startsWith("zh")) return { label: `${m}月`, sublabel: String(year), full: `${year}年${m}月` };
  const short = new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString("en", { month: "short", timeZone: "UTC" });
  return { label: short, sublabel: String(year), full: `${short} ${year}` };
}
