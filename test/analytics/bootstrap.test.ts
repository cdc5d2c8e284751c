import { describe, expect, it } from "vitest";
import { bootstrapMedianDifferences, differenceOfMedians, resampledMedian } from "../../analytics/bootstrap.js";
import { seededRandom } from "../../analytics/random.js";
import { median } from "../../analytics/percentiles.js";

describe("differenceOfMedians", () => {
  const a = [12, 15, 9, 30, 22, 18, 14, 11, 25, 16, 13];
  const b = [8, 7, 12, 9, 15, 6, 10, 11, 5];

  it("is reproducible: same inputs and seed, same interval", () => {
    const one = differenceOfMedians(a, b, { resamples: 2000, seed: 42 });
    const two = differenceOfMedians([...a].reverse().reverse(), b, { resamples: 2000, seed: 42 });
    expect(two).toEqual(one);
    expect(one.difference).toBe(9 - 15);
    expect(one.low!).toBeLessThanOrEqual(one.difference!);
    expect(one.high!).toBeGreaterThanOrEqual(one.difference!);
    // Another seed draws other replicates (the interval of such discrete data may still coincide).
    const sa = [...a].sort((x, y) => x - y);
    const sb = [...b].sort((x, y) => x - y);
    expect(bootstrapMedianDifferences(sa, sb, 50, seededRandom(43))).not.toEqual(bootstrapMedianDifferences(sa, sb, 50, seededRandom(42)));
    expect(bootstrapMedianDifferences(sa, sb, 50, seededRandom(42))).toEqual(bootstrapMedianDifferences(sa, sb, 50, seededRandom(42)));
  });

  it("gives a zero-width interval when every value is the same", () => {
    expect(differenceOfMedians([1, 1, 1], [4, 4, 4, 4], { resamples: 100, seed: 1 })).toEqual({
      medianA: 1,
      medianB: 4,
      difference: 3,
      low: 3,
      high: 3,
      countA: 3,
      countB: 4,
      resamples: 100,
      seed: 1,
    });
  });

  it("returns nulls when a cohort is empty", () => {
    const r = differenceOfMedians([], [1, 2], { resamples: 10, seed: 1 });
    expect([r.medianA, r.medianB, r.difference, r.low, r.high]).toEqual([null, 1.5, null, null, null]);
  });

  it("draws resampled medians with the same distribution as resampling and sorting", () => {
    // The O(1) order-statistic draw against the obvious O(n) resampler: frequencies of each
    // resampled median agree within sampling error (20,000 draws each; 4 standard errors ≈ 0.014).
    for (const sample of [a, b, [1, 2, 2, 3, 5, 8, 13, 21, 34, 55]]) {
      const sorted = [...sample].sort((x, y) => x - y);
      const fast = seededRandom(11);
      const slow = seededRandom(12);
      const freq = (draw: () => number) => {
        const m = new Map<number, number>();
        for (let i = 0; i < 20_000; i++) {
          const v = draw();
          m.set(v, (m.get(v) ?? 0) + 1 / 20_000);
        }
        return m;
      };
      const f1 = freq(() => resampledMedian(sorted, fast));
      const f2 = freq(() => median(sorted.map(() => sorted[Math.floor(slow() * sorted.length)]!))!);
      for (const v of new Set([...f1.keys(), ...f2.keys()])) expect(Math.abs((f1.get(v) ?? 0) - (f2.get(v) ?? 0))).toBeLessThan(0.015);
    }
  });

  it("draws only values a resample could give", () => {
    const reps = bootstrapMedianDifferences([1, 3], [10, 20, 30], 500, seededRandom(3));
    // median(a*) ∈ {1, 2, 3}; median(b*) ∈ {10, 20, 30}
    for (const d of reps) expect([9, 8, 7, 19, 18, 17, 29, 28, 27]).toContain(d);
  });
});
