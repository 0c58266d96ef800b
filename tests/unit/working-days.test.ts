import {
  addWorkingDays,
  hasOfficialCalendar,
  isWorkingDay,
  setMissingYearHandler,
  workingDaysBetween,
} from "~/modules/problems/working-days";
import { limitsFor, problemTypes } from "~/modules/problems/problem-types";
import { categoryKeys } from "~/modules/categories/categories";

const tianjin = (local: string) => new Date(`${local}+08:00`);

describe("working days (China's official calendar)", () => {
  it("ships 2026's schedule; 2027's is not in the installed package", () => {
    expect(hasOfficialCalendar(2026)).toBe(true);
    expect(hasOfficialCalendar(2027)).toBe(false);
  });

  it("National Day 2026: 1–7 October off, Sunday 20 September and Saturday 10 October worked", () => {
    expect(isWorkingDay("2026-10-01")).toBe(false);
    expect(isWorkingDay("2026-10-07")).toBe(false);
    expect(isWorkingDay("2026-10-08")).toBe(true);
    expect(isWorkingDay("2026-09-20")).toBe(true);
    expect(isWorkingDay("2026-10-10")).toBe(true);
    expect(isWorkingDay("2026-10-11")).toBe(false);
  });

  it("3 working days from the Friday before National Day end on Wednesday 30 September", () => {
    expect(addWorkingDays(tianjin("2026-09-25T16:00:00"), 3)).toEqual(tianjin("2026-10-01T00:00:00"));
  });

  it("3 working days from 30 September skip the holiday week and count the make-up Saturday", () => {
    // 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked) → due at the end of the 10th.
    expect(addWorkingDays(tianjin("2026-09-30T09:00:00"), 3)).toEqual(tianjin("2026-10-11T00:00:00"));
  });

  it("counts on Tianjin dates: 23:30 on Friday UTC is already Saturday in Tianjin", () => {
    // 2026-11-20T16:30Z is Saturday 00:30 in Tianjin: the next working day is Monday the 23rd.
    expect(addWorkingDays(new Date("2026-11-20T16:30:00Z"), 1)).toEqual(tianjin("2026-11-24T00:00:00"));
  });

  it("working days between two instants", () => {
    expect(workingDaysBetween(tianjin("2026-09-30T09:00:00"), tianjin("2026-10-09T09:00:00"))).toBe(2);
    expect(workingDaysBetween(tianjin("2026-10-09T09:00:00"), tianjin("2026-09-30T09:00:00"))).toBe(-2);
    expect(workingDaysBetween(tianjin("2026-10-09T09:00:00"), tianjin("2026-10-09T18:00:00"))).toBe(0);
  });

  it("a year without an official schedule counts Monday–Friday and says so once", () => {
    const missing: string[] = [];
    setMissingYearHandler((year) => missing.push(year));
    // 2031-12-31 is a Wednesday; 1 January 2032 (a Thursday) counts as a working day without the schedule.
    expect(addWorkingDays(tianjin("2031-12-31T10:00:00"), 2)).toEqual(tianjin("2032-01-03T00:00:00"));
    expect(isWorkingDay("2031-12-27")).toBe(false);
    expect(missing.sort()).toEqual(["2031", "2032"]);
  });
});

describe("problem types", () => {
  it("every type sits under one of the 13 categories with whole-day limits", () => {
    expect(problemTypes.map((t) => t.zh)).toEqual(
      expect.arrayContaining(["路灯", "井盖", "墙体", "电梯", "下水道", "违建", "噪声", "环境卫生", "消防通道"]),
    );
    for (const type of problemTypes) {
      expect(categoryKeys).toContain(type.category);
      expect(type.acknowledgeDays).toBe(1);
      expect(type.resolveDays).toBeGreaterThanOrEqual(1);
    }
  });

  it("a case without a type takes the limits of 其他", () => {
    expect(limitsFor(null).key).toBe("other");
    expect(limitsFor("manhole").resolveDays).toBe(1);
  });
});
