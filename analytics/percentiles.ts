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

/**
 * The p-th percentile (type 7) of integer values given as counts: `counts[from + d]` values equal
 * `lo + d` for d in [0, width), `n` values in all. Equal to `percentileSorted` of the values written
 * out in ascending order, without writing them out (a histogram of working-day durations is much
 * smaller than the durations). Null when n = 0. Throws RangeError for p outside [0, 100].
 */
export function percentileOfCounts(counts: ArrayLike<number>, from: number, width: number, lo: number, n: number, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  if (n === 0) return null;
  const h = ((n - 1) * p) / 100;
  const rank = Math.floor(h);
  const frac = h - rank;
  // The value at sorted position `rank`: the first bucket whose running total passes it.
  let d = 0;
  let below = 0;
  while (d < width && below + counts[from + d]! <= rank) below += counts[from + d++]!;
  const a = lo + d;
  if (frac === 0) return a;
  // Position rank + 1: the same bucket if it holds more, else the next non-empty one.
  let b = a;
  if (rank + 1 >= below + counts[from + d]!) {
    d++;
    while (d < width && counts[from + d] === 0) d++;
    b = lo + d;
  }
  return a + frac * (b - a);
}

/**
 * The p-th percentile (type 7) of `values[from .. to)`, found by selection instead of a sort: the
 * same number as `percentileSorted` of those values sorted, in linear expected time. Reorders that
 * range in place. Null when empty. Throws RangeError for p outside [0, 100].
 */
export function percentileSelect(values: Float64Array, from: number, to: number, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  const n = to - from;
  if (n === 0) return null;
  const h = ((n - 1) * p) / 100;
  const k = from + Math.floor(h);
  const frac = h - Math.floor(h);
  const a = selectInPlace(values, from, to - 1, k);
  if (frac === 0) return a;
  // Everything after position k is ≥ a once k is selected: the next order statistic is their minimum.
  let b = Infinity;
  for (let j = k + 1; j < to; j++) if (values[j]! < b) b = values[j]!;
  return a + frac * (b - a);
}

/** Hoare quickselect (median-of-three pivot): puts the k-th smallest of values[left..right] at k, smaller-or-equal before it, greater-or-equal after it. */
function selectInPlace(a: Float64Array, left: number, right: number, k: number): number {
  while (right > left) {
    const mid = (left + right) >>> 1;
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}
