import { describe, expect, it } from "vitest";
import { MAX_STARS, STAR_HOURS, STAR_MINUTES, nextStarAt, starLevel } from "~/modules/ledger/stars";

const H = 60;

describe("star levels", () => {
  it("are reached at 100, 300, 600, 1000 and 1500 hours", () => {
    expect(STAR_HOURS).toEqual([100, 300, 600, 1000, 1500]);
    expect(STAR_MINUTES).toEqual([6000, 18000, 36000, 60000, 90000]);
    expect(MAX_STARS).toBe(5);
  });

  it.each([
    [0, 0],
    [1, 0],
    [100 * H - 1, 0],
    [100 * H, 1],
    [100 * H + 1, 1],
    [300 * H - 1, 1],
    [300 * H, 2],
    [600 * H - 1, 2],
    [600 * H, 3],
    [1000 * H - 1, 3],
    [1000 * H, 4],
    [1500 * H - 1, 4],
    [1500 * H, 5],
    [1500 * H + 1, 5],
    [1_000_000 * H, 5],
  ])("%i approved minutes → %i stars", (minutes, stars) => {
    expect(starLevel(minutes)).toBe(stars);
  });

  it("gives no star for nothing, negative or non-finite input", () => {
    expect(starLevel(-1)).toBe(0);
    expect(starLevel(-90000)).toBe(0);
    expect(starLevel(Number.NaN)).toBe(0);
    expect(starLevel(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it("counts fractional minutes against the exact threshold", () => {
    expect(starLevel(5999.5)).toBe(0);
    expect(starLevel(6000.5)).toBe(1);
  });
});

describe("next star", () => {
  it.each([
    [0, 6000],
    [5999, 6000],
    [6000, 18000],
    [17999, 18000],
    [18000, 36000],
    [35999, 36000],
    [36000, 60000],
    [59999, 60000],
    [60000, 90000],
    [89999, 90000],
  ])("at %i minutes the next star comes at %i", (minutes, next) => {
    expect(nextStarAt(minutes)).toBe(next);
  });

  it("is null once all five stars are held", () => {
    expect(nextStarAt(90000)).toBeNull();
    expect(nextStarAt(200000)).toBeNull();
  });

  it("is always above the minutes given, and reaching it adds exactly one star", () => {
    for (let minutes = 0; minutes < 95000; minutes += 250) {
      const next = nextStarAt(minutes);
      if (next === null) {
        expect(starLevel(minutes)).toBe(5);
        continue;
      }
      expect(next).toBeGreaterThan(minutes);
      expect(starLevel(next)).toBe(starLevel(minutes) + 1);
      expect(starLevel(next - 1)).toBe(starLevel(minutes));
    }
  });
});
