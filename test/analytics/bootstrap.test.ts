import { describe, expect, it } from "vitest";
import { bootstrapMedianDifferences, differenceOfMedians, seededRandom } from "../../analytics/bootstrap.js";
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
    const other = differenceOfMedians(a, b, { resamples: 2000, seed: 43 });
    expect([other.low, other.high]).not.toEqual([one.low, one.high]);
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

  it("draws the same replicates as a plain sort-based resampler", () => {
    // The fast path uses quickselect; check it against the obvious implementation, same PRNG.
    const reps = bootstrapMedianDifferences(a, b, 200, seededRandom(7));
    const rnd = seededRandom(7);
    for (let r = 0; r < 200; r++) {
      const ra = a.map(() => a[Math.floor(rnd() * a.length)]!);
      const rb = b.map(() => b[Math.floor(rnd() * b.length)]!);
      expect(reps[r]).toBe(median(rb)! - median(ra)!);
    }
  });

  it("seededRandom is deterministic and within [0, 1)", () => {
    const r1 = seededRandom(1);
    const r2 = seededRandom(1);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(Array.from({ length: 1000 }, () => r2())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
