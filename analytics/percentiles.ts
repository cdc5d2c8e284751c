/**
 * Percentiles (DESIGN.md, "Metric definitions"): linear interpolation between closest ranks —
 * numpy's default, R type 7, PostgreSQL `percentile_cont`, DuckDB `quantile_cont`. Pure.
 */

/**
 * The p-th percentile (p in [0, 100]) of values already sorted ascending, by linear interpolation
 * between closest ranks: h = (n − 1)·p/100, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Null when empty.
 * Throws RangeError for p outside [0, 100].
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo]!;
  return frac === 0 ? a : a + frac * (sorted[lo + 1]! - a);
}

/** Sorts a copy of `values` ascending (numerically). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  out.sort();
  return out;
}

/** The p-th percentile (type 7) of unsorted values; null when empty. */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  return percentileSorted(sortedCopy(values), p);
}

/** Several percentiles (type 7) of unsorted values, in the order asked; nulls when empty. */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): (number | null)[] {
  const s = sortedCopy(values);
  return ps.map((p) => percentileSorted(s, p));
}

/** The median (type 7, i.e. the usual median) of unsorted values; null when empty. */
export function median(values: ArrayLike<number>): number | null {
  return percentile(values, 50);
}

/** The arithmetic mean; null when empty. */
export function mean(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  return s / n;
}
