import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mean, median, percentile, percentileOfCounts, percentileSelect, percentileSorted, percentiles, sortedCopy } from "../../analytics/percentiles.js";

// Expected values computed by hand with numpy's default (linear, R type 7):
// h = (n − 1)·p/100, value = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
describe("percentiles", () => {
  it("interpolates between closest ranks like numpy.percentile", () => {
    expect(percentiles([4, 1, 3, 2], [50, 85, 95])).toEqual([2.5, 3.55, 3.85]);
    // n = 5, p = 40: h = 1.6 → 20 + 0.6·15 = 29
    expect(percentile([15, 20, 35, 40, 50], 40)).toBe(29);
    expect(percentiles([15, 20, 35, 40, 50], [0, 100, 25])).toEqual([15, 50, 20]);
  });

  it("handles one value, ties and fractional p", () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 3, 3], 12.5)).toBe(3);
    // n = 3, p = 12.5: h = 0.25 → 10 + 0.25·10 = 12.5
    expect(percentile([10, 20, 30], 12.5)).toBe(12.5);
  });

  it("returns null for an empty group, not zero", () => {
    expect(percentile([], 50)).toBeNull();
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
  });

  it("rejects p outside [0, 100]", () => {
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
    expect(() => percentile([1, 2], -1)).toThrow(RangeError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError);
  });

  it("computes the mean", () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
  });
});

describe("percentileOfCounts", () => {
  it("equals percentileSorted of the values written out", () => {
    // [2, 2, 3, 5] as counts over 2..5: n = 4, p = 50 → h = 1.5 → 2 + 0.5·1 = 2.5; p = 85 → h = 2.55 → 3 + 0.55·2 = 4.1
    const counts = [0, 2, 1, 0, 1, 0];
    expect(percentileOfCounts(counts, 1, 4, 2, 4, 50)).toBe(2.5);
    expect(percentileOfCounts(counts, 1, 4, 2, 4, 85)).toBeCloseTo(4.1, 12);
    expect(percentileOfCounts(counts, 1, 4, 2, 0, 50)).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 100, noNaN: true }), (xs, p) => {
        const lo = Math.min(...xs);
        const width = Math.max(...xs) - lo + 1;
        // Three leading buckets that belong to another group: `from` must be honoured.
        const counts = new Int32Array(3 + width).fill(0);
        counts.fill(7, 0, 3);
        for (const x of xs) counts[3 + x - lo]!++;
        expect(percentileOfCounts(counts, 3, width, lo, xs.length, p)).toBe(percentileSorted(sortedCopy(xs), p));
      }),
    );
  });
});

describe("percentileSelect", () => {
  it("equals percentileSorted of the range sorted (and leaves the rest alone)", () => {
    expect(percentileSelect(Float64Array.from([9, 4, 1, 3, 2, 9]), 1, 5, 50)).toBe(2.5);
    expect(percentileSelect(new Float64Array(3), 1, 1, 50)).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, p) => {
          const buf = Float64Array.from([1e9, ...xs, -1e9]);
          expect(percentileSelect(buf, 1, xs.length + 1, p)).toBe(percentileSorted(sortedCopy(xs), p));
          expect([buf[0], buf[xs.length + 1]]).toEqual([1e9, -1e9]);
        },
      ),
    );
  });
});
