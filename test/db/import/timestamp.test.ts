import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatEventTime, parseEventTime } from "../../../db/import/timestamp.js";

describe("parseEventTime", () => {
  it("reads the export form exactly as the general ISO 8601 parser does (same instant as +00:00, null for impossible values)", () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0"));
    const value = fc
      .tuple(fc.integer({ min: 1000, max: 2999 }), two, two, two, two, two, fc.integer({ min: 0, max: 999 }))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, "0")}`);
    fc.assert(
      fc.property(value, (v) => {
        expect(parseEventTime(`${v}Z`)).toBe(parseEventTime(`${v}+00:00`));
      }),
      { numRuns: 5000 },
    );
  });

  it("hand-computed instants and refusals of the export form", () => {
    expect(parseEventTime("2024-03-01T09:30:15.250Z")).toBe(Date.UTC(2024, 2, 1, 9, 30, 15, 250));
    expect(parseEventTime("2024-02-29T23:59:59.999Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseEventTime("2023-02-29T00:00:00.000Z")).toBeNull();
    expect(parseEventTime("2024-03-01T24:00:00.000Z")).toBeNull();
    expect(parseEventTime("2024-03-01T09:60:00.000Z")).toBeNull();
    expect(parseEventTime("2024-03-01T09:30:00,000Z")).toBeNull();
    expect(parseEventTime("2024-03-01 09:30:00.000Z")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseEventTime("2024-3-01T09:30:00.0000Z")).toBeNull();
    expect(parseEventTime("2024-03-01T09:30:0a.000Z")).toBeNull();
  });
});

describe("years 0000–0099 (Date.UTC would read them as 1900–1999)", () => {
  it("round-trips 0001-01-01 and 0099-12-31, as UTC instants and as London dates", () => {
    for (const iso of ["0001-01-01T00:00:00.000Z", "0099-12-31T23:59:59.999Z", "0000-02-29T12:00:00.000Z"]) {
      expect(formatEventTime(parseEventTime(iso)!)).toBe(iso);
      expect(formatEventTime(parseEventTime(iso.replace(".000Z", "+00:00").replace(".999Z", ".999+00:00"))!)).toBe(iso);
    }
    // A date alone is London midnight: local mean time then, 1 min 15 s behind UTC (Intl rounds to minutes: 23:58).
    expect(formatEventTime(parseEventTime("0001-01-01")!)).toBe("0001-01-01T00:02:00.000Z");
    expect(formatEventTime(parseEventTime("0099-12-31")!)).toBe("0099-12-31T00:02:00.000Z");
    expect(formatEventTime(parseEventTime("1800-01-01")!)).toBe("1800-01-01T00:02:00.000Z");
    expect(formatEventTime(parseEventTime("2024-07-01")!)).toBe("2024-06-30T23:00:00.000Z");
    expect(formatEventTime(parseEventTime("2024-01-01")!)).toBe("2024-01-01T00:00:00.000Z");
  });
});
