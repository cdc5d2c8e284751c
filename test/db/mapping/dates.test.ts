import { describe, expect, it } from "vitest";
import { readDate } from "../../../db/mapping/index.js";
import { londonDateOf } from "../../../db/mapping/mapping.dates.js";

describe("readDate", () => {
  it("reads UK day-first dates, numeric and long, with an optional London time", () => {
    const uk = ["31/03/2024", "1/4/2024", "31.03.2024", "31-03-2024", "31 March 2024", "1st Apr 2024", "2 September, 2024", "31/03/2024 14:05", "01/07/2024 09:30:15", "15/01/2024 09:30"];
    expect(uk.map((v) => readDate(v, ["uk"]))).toEqual([
      "2024-03-31",
      "2024-04-01",
      "2024-03-31",
      "2024-03-31",
      "2024-03-31",
      "2024-04-01",
      "2024-09-02",
      // 31 March 2024: the clocks went forward at 01:00 GMT, so 14:05 is summer time.
      "2024-03-31T14:05:00+01:00",
      "2024-07-01T09:30:15+01:00",
      "2024-01-15T09:30:00+00:00",
    ]);
  });

  it("reads Excel's 1900 serial dates, the fraction as the London time of day", () => {
    expect(["45382", "45383.5", "45306.25", "61", "2958465"].map((v) => readDate(v, ["excel-serial"]))).toEqual([
      "2024-03-31",
      "2024-04-01T12:00:00+01:00",
      "2024-01-15T06:00:00+00:00",
      "1900-03-01",
      "9999-12-31",
    ]);
  });

  it("passes ISO dates and zoned date-times through; a time without a zone is London time", () => {
    expect(["2024-03-31", "2024-03-31T14:05:00Z", "2024-07-01T09:00:00+01:00", "2024-07-01T09:00:00", "2024-12-01 09:00"].map((v) => readDate(v, ["iso"]))).toEqual([
      "2024-03-31",
      "2024-03-31T14:05:00Z",
      "2024-07-01T09:00:00+01:00",
      "2024-07-01T09:00:00+01:00",
      "2024-12-01T09:00:00+00:00",
    ]);
  });

  it("takes the first of several formats that reads the value", () => {
    expect(readDate("2024-03-31", ["uk", "iso"])).toBe("2024-03-31");
    expect(readDate("31/03/2024", ["iso", "uk"])).toBe("2024-03-31");
    expect(readDate("45382", ["iso", "excel-serial"])).toBe("2024-03-31");
  });

  it("reads ISO whatever the formats (an XLSX date cell arrives as ISO)", () => {
    expect([readDate("2024-03-31", ["uk"]), readDate("2024-03-31T09:00:00", ["excel-serial"]), readDate("2024-02-30", ["uk"])]).toEqual(["2024-03-31", "2024-03-31T09:00:00+01:00", null]);
  });

  it("refuses what the formats do not describe, and impossible dates", () => {
    const refused = [
      ["31/02/2024", "uk"],
      ["03/31/2024", "uk"],
      ["31 Ma 2024", "uk"],
      ["24/13/2024 10:00", "uk"],
      ["31/03/2024 24:00", "uk"],
      ["2024-02-30", "iso"],
      ["2024-03-31T25:00:00Z", "iso"],
      ["31/03/2024", "iso"],
      ["yesterday", "iso"],
      ["60", "excel-serial"],
      ["2958466", "excel-serial"],
      ["-5", "excel-serial"],
      ["45,382", "excel-serial"],
    ] as const;
    expect(refused.map(([v, f]) => readDate(v, [f]))).toEqual(refused.map(() => null));
  });
});

describe("londonDateOf", () => {
  it("is the London calendar date of a date or date-time", () => {
    expect(["2024-03-31", "2024-06-30T23:30:00Z", "2024-12-31T23:30:00Z", "2024-07-01T00:30:00+01:00"].map(londonDateOf)).toEqual(["2024-03-31", "2024-07-01", "2024-12-31", "2024-07-01"]);
  });
});
