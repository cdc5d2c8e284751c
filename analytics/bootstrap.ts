/**
 * Comparison of two cohorts (DESIGN.md, "Metric definitions"): difference of medians with a 95%
 * percentile bootstrap interval, seeded and reproducible — same inputs and seed, same interval.
 * Pure.
 */
import { percentileSorted, sortedCopy } from "./percentiles.js";

/** The largest number of bootstrap resamples accepted (documented in the GraphQL schema). */
export const MAX_RESAMPLES = 10_000;

/** A seeded pseudo-random generator (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** k-th smallest (0-based) of buf[0..n) by quickselect; reorders buf. */
function select(buf: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = buf[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i]! < pivot) i++;
      while (buf[j]! > pivot) j--;
      if (i <= j) {
        const t = buf[i]!;
        buf[i] = buf[j]!;
        buf[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return buf[k]!;
  }
  return buf[k]!;
}

/** Median (type 7) of buf[0..n); reorders buf. */
function medianInPlace(buf: Float64Array, n: number): number {
  const h = (n - 1) / 2;
  const lo = Math.floor(h);
  const a = select(buf, n, lo);
  if (h === lo) return a;
  // The next order statistic is the smallest value above index lo after selection.
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if (buf[i]! < b) b = buf[i]!;
  return (a + b) / 2;
}

/**
 * `resamples` bootstrap replicates of median(b) − median(a): each replicate draws |a| values from
 * `a` and |b| from `b` with replacement, using `random`. Both cohorts must be non-empty.
 */
export function bootstrapMedianDifferences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  resamples: number,
  random: () => number,
): Float64Array {
  const bufA = new Float64Array(a.length);
  const bufB = new Float64Array(b.length);
  const out = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.length; i++) bufA[i] = a[Math.floor(random() * a.length)]!;
    for (let i = 0; i < b.length; i++) bufB[i] = b[Math.floor(random() * b.length)]!;
    out[r] = medianInPlace(bufB, b.length) - medianInPlace(bufA, a.length);
  }
  return out;
}

/** The result of comparing two cohorts' medians. */
export interface MedianDifference {
  medianA: number | null;
  medianB: number | null;
  /** median(b) − median(a); null when either cohort is empty. */
  difference: number | null;
  /** 95% percentile bootstrap interval of the difference; null when either cohort is empty. */
  low: number | null;
  high: number | null;
  countA: number;
  countB: number;
  resamples: number;
  seed: number;
}

/**
 * Difference of medians, median(b) − median(a), with a percentile bootstrap interval at
 * `confidence` (default 95%): the (1−c)/2 and (1+c)/2 percentiles (type 7) of `resamples`
 * replicates drawn with a PRNG seeded by `seed`. Reproducible: same inputs and seed, same interval.
 */
export function differenceOfMedians(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  opts: { resamples: number; seed: number; confidence?: number },
): MedianDifference {
  const sa = sortedCopy(a);
  const sb = sortedCopy(b);
  const medianA = percentileSorted(sa, 50);
  const medianB = percentileSorted(sb, 50);
  const base = { medianA, medianB, countA: sa.length, countB: sb.length, resamples: opts.resamples, seed: opts.seed };
  if (medianA === null || medianB === null) return { ...base, difference: null, low: null, high: null };
  const reps = bootstrapMedianDifferences(sa, sb, opts.resamples, seededRandom(opts.seed));
  const { low, high } = percentileInterval(reps, opts.confidence ?? 0.95);
  return { ...base, difference: medianB - medianA, low, high };
}

/** The central percentile interval of replicates at `confidence` (e.g. 0.95 → 2.5th and 97.5th). */
export function percentileInterval(replicates: ArrayLike<number>, confidence: number): { low: number | null; high: number | null } {
  const s = sortedCopy(replicates);
  const tail = ((1 - confidence) / 2) * 100;
  return { low: percentileSorted(s, tail), high: percentileSorted(s, 100 - tail) };
}
