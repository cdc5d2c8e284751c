import { describe, expect, it } from "vitest";
import {
  bankHolidays,
  calendarDays,
  civilFromDays,
  isoToDayNumber,
  isWorkingDay,
  londonDate,
  londonMidnightMs,
  monthIndexOfDay,
  workingDaysBetween,
  workingDaysBetweenDays,
} from "../../analytics/working-days.js";

const at = (iso: string) => Date.parse(iso);
const day = isoToDayNumber;

describe("working days", () => {
  it("counts Friday → Monday as 1 and the same day as 0", () => {
    expect(workingDaysBetween(at("2024-03-01T16:00:00Z"), at("2024-03-04T09:00:00Z"))).toBe(1);
    expect(workingDaysBetween(at("2024-03-04T09:00:00Z"), at("2024-03-04T17:00:00Z"))).toBe(0);
    // Monday → Friday of the same week: Tue, Wed, Thu, Fri.
    expect(workingDaysBetweenDays(day("2024-03-04"), day("2024-03-08"))).toBe(4);
  });

  it("skips Christmas and Boxing Day substitute days", () => {
    // 2021: 25th and 26th fall on a weekend; Mon 27 and Tue 28 are the substitutes.
    expect(bankHolidays(2021)).toEqual(expect.arrayContaining(["2021-12-27", "2021-12-28"]));
    expect(workingDaysBetweenDays(day("2021-12-24"), day("2021-12-29"))).toBe(1);
    // 2022: Christmas on Sunday → Tue 27 is the substitute; Boxing Day is Mon 26.
    expect(workingDaysBetweenDays(day("2022-12-23"), day("2022-12-28"))).toBe(1);
    // New Year's Day 2022 was a Saturday → Mon 3 January.
    expect(isWorkingDay(day("2022-01-03"))).toBe(false);
  });

  it("includes the four one-off holidays from the library", () => {
    for (const d of ["2020-05-08", "2022-06-03", "2022-09-19", "2023-05-08"]) {
      expect(bankHolidays(Number(d.slice(0, 4)))).toContain(d);
      expect(isWorkingDay(day(d))).toBe(false);
    }
    // 2020's early May bank holiday moved from Monday 4 to Friday 8 May (VE day).
    expect(bankHolidays(2020)).not.toContain("2020-05-04");
    expect(isWorkingDay(day("2020-05-04"))).toBe(true);
    expect(workingDaysBetweenDays(day("2020-05-07"), day("2020-05-11"))).toBe(1);
  });

  it("counts 251 working days in 2023 (coronation year)", () => {
    // 365 − 105 weekend days − 9 weekday bank holidays (2 Jan, 7 & 10 Apr, 1, 8 & 29 May, 28 Aug, 25 & 26 Dec).
    expect(workingDaysBetweenDays(day("2022-12-31"), day("2023-12-31"))).toBe(251);
  });

  it("uses London dates across the clock changes", () => {
    // 23:30 UTC on 1 April 2024 is 00:30 BST on 2 April in London.
    expect(londonDate(at("2024-04-01T23:30:00Z"))).toBe("2024-04-02");
    expect(londonDate(at("2024-03-31T00:30:00Z"))).toBe("2024-03-31"); // 00:30 GMT, before the change
    expect(londonDate(at("2024-10-26T23:30:00Z"))).toBe("2024-10-27"); // still BST
    expect(londonDate(at("2024-10-27T23:30:00Z"))).toBe("2024-10-27"); // GMT again
    expect(londonDate(at("2024-01-15T23:59:59Z"))).toBe("2024-01-15");
    // Thu 28 Mar → Tue 2 Apr (London): Good Friday, the weekend and Easter Monday are not counted.
    expect(workingDaysBetween(at("2024-03-28T12:00:00Z"), at("2024-04-01T23:30:00Z"))).toBe(1);
    expect(londonMidnightMs(day("2024-07-01"))).toBe(at("2024-06-30T23:00:00Z"));
    expect(londonMidnightMs(day("2024-01-01"))).toBe(at("2024-01-01T00:00:00Z"));
  });

  it("gives the London date Intl gives, hour by hour across clock changes and outside the cached years", () => {
    const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
    const starts = ["1899-12-30T12:00:00Z", "1971-10-30T12:00:00Z", "2024-03-30T00:00:00Z", "2024-10-26T00:00:00Z", "2199-12-30T12:00:00Z"];
    for (const start of starts) {
      for (let hour = 0; hour < 72; hour++) {
        const ms = at(start) + hour * 3_600_000 + 59 * 60_000 + 59_999;
        expect(londonDate(ms), new Date(ms).toISOString()).toBe(intl.format(ms));
      }
    }
  });

  it("measures calendar days as exact elapsed time / 24 h, even across a clock change", () => {
    expect(calendarDays(at("2024-03-30T12:00:00Z"), at("2024-03-31T12:00:00Z"))).toBe(1);
    expect(calendarDays(at("2024-03-01T00:00:00Z"), at("2024-03-01T06:00:00Z"))).toBe(0.25);
  });

  it("grows its index for dates far from today", () => {
    expect(workingDaysBetweenDays(day("1999-12-31"), day("2000-01-04"))).toBe(1); // 3 Jan 2000 a bank holiday
    expect(workingDaysBetweenDays(day("2090-01-05"), day("2090-01-06"))).toBe(1); // Thu → Fri
  });

  it("rejects malformed dates", () => {
    expect(() => isoToDayNumber("2024-02-30")).toThrow(RangeError);
    expect(() => isoToDayNumber("24-1-1")).toThrow(RangeError);
  });
});

describe("civilFromDays", () => {
  it("gives the calendar date Date gives, from year 0000 to 9999", () => {
    const first = at("0000-01-01T00:00:00Z") / 86_400_000; // (Date.UTC reads year 0 as 1900)
    const last = day("9999-12-31");
    const days = [first, last, -1, 0, day("1900-02-28"), day("1900-03-01"), day("2000-02-29"), day("2100-03-01")];
    for (let d = first; d <= last; d += 97) days.push(d);
    for (const d of days) {
      const date = new Date(d * 86_400_000);
      expect(civilFromDays(d), date.toISOString()).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
    }
  });
});

describe("monthIndexOfDay", () => {
  it("matches the calendar for every day of several years", () => {
    for (let d = day("1999-12-01"); d <= day("2026-03-01"); d++) {
      const date = new Date(d * 86_400_000);
      expect(monthIndexOfDay(d)).toBe(date.getUTCFullYear() * 12 + date.getUTCMonth());
    }
  });
});
