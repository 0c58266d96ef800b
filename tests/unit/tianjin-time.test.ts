import { describe, expect, it } from "vitest";
import {
  endOfTianjinDay,
  formatTianjinDate,
  formatTianjinDateTime,
  fromTianjinLocal,
  startOfTianjinDay,
  tianjinDate,
  tianjinDateTimeLocal,
  tianjinMidnight,
} from "~/lib/tianjin-time";

describe("Tianjin time", () => {
  it("reads an instant as the Tianjin day and clock, across the UTC date line", () => {
    expect(tianjinDate("2026-11-23T16:30:00Z")).toBe("2026-11-24");
    expect(tianjinDateTimeLocal("2026-11-23T16:30:00Z")).toBe("2026-11-24T00:30");
    expect(tianjinMidnight(new Date("2026-11-23T16:30:00Z")).toISOString()).toBe("2026-11-23T16:00:00.000Z");
  });

  it("bounds a Tianjin day from midnight to midnight", () => {
    expect(startOfTianjinDay("2031-12-31").toISOString()).toBe("2031-12-30T16:00:00.000Z");
    expect(endOfTianjinDay("2031-12-31").toISOString()).toBe("2031-12-31T16:00:00.000Z");
  });

  it("reads a typed datetime-local as Tianjin time and passes anything else through for validation", () => {
    expect(new Date(fromTianjinLocal("2026-12-01T09:00")!).toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(fromTianjinLocal("tomorrow")).toBe("tomorrow");
    expect(fromTianjinLocal(undefined)).toBeUndefined();
  });

  it("formats in Tianjin whatever the style asked for", () => {
    const instant = "2026-11-23T16:30:00Z";
    expect(formatTianjinDateTime(instant, "en", {})).toBe(new Date(instant).toLocaleString("en", { timeZone: "Asia/Shanghai" }));
    expect(formatTianjinDateTime(instant, "en")).toContain("12:30");
    expect(formatTianjinDate(instant, "en", {})).toBe("11/24/2026");
    expect(formatTianjinDate(instant, "zh-CN")).toContain("24");
  });
});
