import { describe, expect, it } from "vitest";
import { durationHistory } from "../../analytics/forecast.js";
import { defaultServiceLevelDays, percentileRank, serviceLevelState } from "../../analytics/service-level.js";

/*
 * The history of forecast.test.ts: 2, 3, 3, 4*, 5, 6*, 8, 8, 10*, 12 (* = still open), by hand
 * S(2) = 0.9, S(3) = 0.7, S(5) = 7/12, S(8) = 7/24, S(12) = 0. Doubled for 20 items (same S).
 */
const small: [number, boolean][] = [
  [2, true], [3, true], [3, true], [4, false], [5, true], [6, false], [8, true], [8, true], [10, false], [12, true],
];
const historyOf = (items: [number, boolean][]) =>
  durationHistory(
    items.map(([t]) => t),
    items.map(([, approved]) => approved),
  );
const ten = historyOf(small);
const twenty = historyOf([...small, ...small]);

describe("percentileRank", () => {
  it("is 100·(1 − S(age)) of the Kaplan–Meier curve", () => {
    expect([0, 1, 2, 3, 4].map((a) => percentileRank(twenty, a))).toEqual([0, 0, 10, 30, 30].map((x) => expect.closeTo(x, 9)));
    expect(percentileRank(twenty, 7)).toBeCloseTo(100 * (1 - 7 / 12), 9);
    expect(percentileRank(twenty, 8)).toBeCloseTo(100 * (1 - 7 / 24), 9);
    expect(percentileRank(twenty, 12)).toBe(100);
    expect(percentileRank(historyOf([]), 3)).toBeNull();
  });

  it("is the share of durations ≤ age when none is censored", () => {
    const h = historyOf([1, 2, 2, 3, 7].map((t) => [t, true]));
    expect([0, 1, 2, 2.5, 3, 6, 7, 9].map((a) => percentileRank(h, a))).toEqual([0, 20, 60, 60, 80, 80, 100, 100].map((x) => expect.closeTo(x, 9)));
  });

  it("is the inverse of the Kaplan–Meier quantile: rank(a) ≥ p exactly when a ≥ quantile(p)", () => {
    for (const p of [10, 30, 50, 70, 85, 95]) {
      const q = twenty.curve.quantile(p)!;
      for (let a = 0; a <= 13; a += 0.5) expect([p, a, percentileRank(twenty, a)! >= p - 1e-9]).toEqual([p, a, a >= q]);
    }
  });
});

describe("defaultServiceLevelDays", () => {
  it("is the Kaplan–Meier p85", () => {
    expect(defaultServiceLevelDays(twenty)).toBe(12);
    expect(defaultServiceLevelDays(twenty, 50)).toBe(8);
    // With the 12s still open S stops at 7/24 > 0.15: no p85 to default to.
    expect(defaultServiceLevelDays(historyOf(small.map(([t, a]) => [t, t === 12 ? false : a])))).toBeNull();
  });

  it("agrees with the rank: an item older than the default N ranks at 85 or above", () => {
    const n = defaultServiceLevelDays(twenty)!;
    for (let a = 0; a <= 20; a++) {
      expect(serviceLevelState(twenty, a, n).state === "BREACHED").toBe(a > n);
      if (a > n) expect(percentileRank(twenty, a)!).toBeGreaterThanOrEqual(85);
    }
  });
});

describe("serviceLevelState", () => {
  it("is BREACHED past N, AT_RISK when more likely than not to miss N, else ON_TRACK", () => {
    // N = 5: P(T ≤ 5 | T > 3) = 1 − (7/12)/0.7 = 1/6; P(T ≤ 5 | T > 0) = 5/12. Both below 1/2.
    expect(serviceLevelState(twenty, 3, 5)).toEqual({ state: "AT_RISK", serviceLevelDays: 5, withinLevelProbability: expect.closeTo(1 / 6, 12) });
    expect(serviceLevelState(twenty, 0, 5)).toEqual({ state: "AT_RISK", serviceLevelDays: 5, withinLevelProbability: expect.closeTo(5 / 12, 12) });
    expect(serviceLevelState(twenty, 5, 5)).toEqual({ state: "AT_RISK", serviceLevelDays: 5, withinLevelProbability: 0 });
    expect(serviceLevelState(twenty, 6, 5)).toEqual({ state: "BREACHED", serviceLevelDays: 5, withinLevelProbability: 0 });
    // N = 8: from age 0, 1 − 7/24 = 17/24; from 3, 1 − (7/24)/0.7 = 7/12; from 5, exactly 1/2 (not below).
    expect(serviceLevelState(twenty, 0, 8)).toEqual({ state: "ON_TRACK", serviceLevelDays: 8, withinLevelProbability: expect.closeTo(17 / 24, 12) });
    expect(serviceLevelState(twenty, 3, 8)).toEqual({ state: "ON_TRACK", serviceLevelDays: 8, withinLevelProbability: expect.closeTo(7 / 12, 12) });
    expect(serviceLevelState(twenty, 5, 8)).toEqual({ state: "ON_TRACK", serviceLevelDays: 8, withinLevelProbability: 0.5 });
    expect(serviceLevelState(twenty, 7, 8).state).toBe("ON_TRACK");
    expect(serviceLevelState(twenty, 9, 8).state).toBe("BREACHED");
  });

  it("judges on the age alone when the history is below the forecast minimum", () => {
    expect(serviceLevelState(ten, 3, 5)).toEqual({ state: "ON_TRACK", serviceLevelDays: 5, withinLevelProbability: null });
    expect(serviceLevelState(ten, 6, 5)).toEqual({ state: "BREACHED", serviceLevelDays: 5, withinLevelProbability: 0 });
    // Age 8 of 20: only 4 lasted beyond it (fewer than 5).
    expect(serviceLevelState(twenty, 8, 10)).toEqual({ state: "ON_TRACK", serviceLevelDays: 10, withinLevelProbability: null });
    // With the minimum lowered: S(10) = S(8), so nothing of that age is approved by 10 (P = 0).
    expect(serviceLevelState(twenty, 8, 10, { minAtRisk: 4 })).toEqual({ state: "AT_RISK", serviceLevelDays: 10, withinLevelProbability: 0 });
  });
});
