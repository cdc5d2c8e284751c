import { describe, expect, it } from "vitest";
import { mean, median, percentile, percentiles } from "../../analytics/percentiles.js";

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
