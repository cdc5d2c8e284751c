import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MetricArgumentError, cohortOptions, cycleTimeOptions, flowOptions, signOffOptions } from "../../../analytics/metrics/index.js";

const NOW = Date.parse("2025-03-14T15:09:26Z");

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe("metric options", () => {
  it("apply the defaults: by STAGE, working days, p50/p85/p95, 2000 resamples, seed 1, as of now", () => {
    expect(cycleTimeOptions({})).toEqual({ groupBy: ["STAGE"], unit: "WORKING_DAYS", percentiles: [50, 85, 95], asOf: NOW });
    expect(cycleTimeOptions({ groupBy: null, unit: null, percentiles: null, asOf: null })).toEqual(cycleTimeOptions({}));
    expect(signOffOptions({})).toEqual({ unit: "WORKING_DAYS", asOf: NOW });
    expect(cohortOptions({})).toEqual({ unit: "WORKING_DAYS", resamples: 2000, seed: 1, asOf: NOW });
  });

  it("keep what was asked", () => {
    const asOf = new Date("2024-01-01T00:00:00Z");
    expect(cycleTimeOptions({ groupBy: ["TOOL"], unit: "CALENDAR_DAYS", percentiles: [0, 100], asOf })).toEqual({ groupBy: ["TOOL"], unit: "CALENDAR_DAYS", percentiles: [0, 100], asOf: asOf.getTime() });
    expect(cohortOptions({ resamples: 10_000, seed: 0, asOf })).toEqual({ unit: "WORKING_DAYS", resamples: 10_000, seed: 0, asOf: asOf.getTime() });
  });

  it("refuse a percentile outside [0, 100], resamples outside 1..10000 and an invalid instant", () => {
    expect(() => cycleTimeOptions({ percentiles: [50, 100.5] })).toThrow(new MetricArgumentError("percentiles", "each percentile must be within [0, 100], got 100.5"));
    expect(() => cycleTimeOptions({ percentiles: [NaN] })).toThrow("percentiles: each percentile must be within [0, 100], got NaN");
    expect(() => cohortOptions({ resamples: 0 })).toThrow("resamples: expected an integer from 1 to 10000, got 0");
    expect(() => cohortOptions({ resamples: 2.5 })).toThrow("resamples: expected an integer from 1 to 10000, got 2.5");
    expect(() => signOffOptions({ asOf: new Date(NaN) })).toThrow("asOf: expected an RFC 3339 date-time");
  });

  it("age a flow's open items at the end of `to` (London), or now when that is later", () => {
    const winter = flowOptions({ from: "2024-01-01", to: "2024-01-31" });
    expect(winter).toMatchObject({ interval: "MONTH", oldest: 20, asOf: Date.parse("2024-01-31T23:59:59.999Z") });
    expect(winter.intervals.map((i) => i.label)).toEqual(["2024-01"]);
    // British Summer Time: London's midnight is 23:00 UTC.
    expect(flowOptions({ from: new Date("2024-07-01T00:00:00Z"), to: new Date("2024-07-31T00:00:00Z"), interval: "WEEK", oldestLimit: 0 })).toMatchObject({
      interval: "WEEK",
      oldest: 0,
      asOf: Date.parse("2024-07-31T22:59:59.999Z"),
    });
    expect(flowOptions({ from: "2025-01-01", to: "2025-12-31" }).asOf).toBe(NOW);
  });

  it("refuse a flow range that runs backwards, too many intervals or too many oldest items", () => {
    expect(() => flowOptions({ from: "2024-02-01", to: "2024-01-01" })).toThrow("from: from (2024-02-01) is after to (2024-01-01); expected from ≤ to");
    expect(() => flowOptions({ from: "2000-01-01", to: "2024-01-01", interval: "WEEK" })).toThrow("interval: from..to spans 1254 WEEK intervals; at most 1000 — use a longer interval or a shorter range");
    expect(() => flowOptions({ from: "2024-01-01", to: "2024-02-01", oldestLimit: 1001 })).toThrow("oldest: expected an integer from 0 to 1000, got 1001");
    expect(() => flowOptions({ from: "2024-13-01", to: "2024-02-01" })).toThrow('from: expected a date YYYY-MM-DD, got "2024-13-01"');
  });
});
