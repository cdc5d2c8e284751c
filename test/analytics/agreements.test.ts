import { describe, expect, it } from "vitest";
import { addMonths, agreementReview, reviewDueDay, reviewState } from "../../analytics/agreements.js";
import { dayNumberToIso, isoToDayNumber } from "../../analytics/working-days.js";

const day = isoToDayNumber;
const plus = (iso: string, months: number) => dayNumberToIso(addMonths(day(iso), months));

describe("addMonths", () => {
  it("keeps the day of the month, or takes the month's last day", () => {
    expect(plus("2024-03-15", 12)).toBe("2025-03-15");
    expect(plus("2023-01-31", 1)).toBe("2023-02-28");
    expect(plus("2024-01-31", 1)).toBe("2024-02-29"); // leap year
    expect(plus("2024-02-29", 12)).toBe("2025-02-28");
    expect(plus("2028-02-29", 48)).toBe("2032-02-29");
    expect(plus("2024-08-31", 1)).toBe("2024-09-30");
    expect(plus("2024-12-31", 2)).toBe("2025-02-28"); // across the year end
    expect(plus("2024-11-30", 3)).toBe("2025-02-28");
    expect(plus("2024-03-31", -1)).toBe("2024-02-29");
    expect(plus("2024-01-15", -13)).toBe("2022-12-15");
    expect(plus("2024-05-31", 0)).toBe("2024-05-31");
  });

  it("rejects a fractional month", () => {
    expect(() => addMonths(day("2024-01-01"), 1.5)).toThrow(RangeError);
  });
});

describe("reviewDueDay", () => {
  it("takes the recorded review-by date when there is one", () => {
    expect(reviewDueDay(day("2024-01-31"), day("2024-06-30"))).toEqual({ dueDay: day("2024-06-30"), source: "RECORDED" });
  });

  it("else adds the review interval to the ISA's approval (12 months by default)", () => {
    expect(reviewDueDay(day("2024-02-29"), null)).toEqual({ dueDay: day("2025-02-28"), source: "INTERVAL" });
    expect(reviewDueDay(day("2024-01-31"), null, 1)).toEqual({ dueDay: day("2024-02-29"), source: "INTERVAL" });
    expect(reviewDueDay(day("2023-05-31"), null, 6)).toEqual({ dueDay: day("2023-11-30"), source: "INTERVAL" });
  });

  it("rejects an interval that is not a whole number of months from 1", () => {
    expect(() => reviewDueDay(day("2024-01-01"), null, 0)).toThrow("review interval must be a whole number of months, at least 1, got 0");
    expect(() => reviewDueDay(day("2024-01-01"), null, 2.5)).toThrow(RangeError);
  });
});

describe("reviewState", () => {
  const asOf = day("2025-01-10");

  it("is OVERDUE after the due date, DUE_SOON within the window (both ends included), else OK", () => {
    expect(reviewState(asOf - 1, asOf)).toBe("OVERDUE");
    expect(reviewState(asOf, asOf)).toBe("DUE_SOON");
    expect(reviewState(asOf + 90, asOf)).toBe("DUE_SOON");
    expect(reviewState(asOf + 91, asOf)).toBe("OK");
    expect(reviewState(asOf + 30, asOf, 30)).toBe("DUE_SOON");
    expect(reviewState(asOf + 31, asOf, 30)).toBe("OK");
    expect(reviewState(asOf, asOf, 0)).toBe("DUE_SOON");
  });

  it("rejects a negative or fractional window", () => {
    expect(() => reviewState(asOf, asOf, -1)).toThrow(RangeError);
    expect(() => reviewState(asOf, asOf, 0.5)).toThrow(RangeError);
  });
});

describe("agreementReview", () => {
  it("gives a register row's due date, its source, days to go and state", () => {
    // Approved 31 Jan 2024, no review-by date: due 31 Jan 2025; as of 10 Jan 2025, 21 days to go.
    expect(agreementReview({ isaApprovedDay: day("2024-01-31"), reviewByDay: null }, day("2025-01-10"))).toEqual({
      dueDay: day("2025-01-31"),
      source: "INTERVAL",
      daysUntilDue: 21,
      state: "DUE_SOON",
    });
    expect(agreementReview({ isaApprovedDay: day("2024-01-31"), reviewByDay: day("2024-12-01") }, day("2025-01-10"))).toEqual({
      dueDay: day("2024-12-01"),
      source: "RECORDED",
      daysUntilDue: -40,
      state: "OVERDUE",
    });
    expect(agreementReview({ isaApprovedDay: day("2024-01-31"), reviewByDay: null }, day("2025-01-10"), { intervalMonths: 24, withinDays: 30 })).toEqual({
      dueDay: day("2026-01-31"),
      source: "INTERVAL",
      daysUntilDue: 386,
      state: "OK",
    });
  });
});
