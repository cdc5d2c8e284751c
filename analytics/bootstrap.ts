/**
 * Comparison of two cohorts (DESIGN.md, "Metric definitions"): difference of medians with a 95%
 * percentile bootstrap interval, seeded and reproducible — same inputs and seed, same interval.
 * Pure.
 */
import { percentileSorted, sortedCopy } from "./percentiles.js";
import { seededRandom } from "./random.js";

/** The largest number of bootstrap resamples accepted (documented in the GraphQL schema). */
export const MAX_RESAMPLES = 10_000;

/** A standard normal deviate (Box–Muller) from `random`. */
function gaussian(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) deviate for shape ≥ 1 (Marsaglia & Tsang, 2000). */
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = gaussian(random);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) deviate (a, b ≥ 1) as Ga / (Ga + Gb). */
function beta(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/**
 * The median (type 7) of one bootstrap resample of `sorted` (n values drawn with replacement),
 * drawn directly in O(1): a resample is n uniform indexes ⌊U·n⌋, so its k-th smallest value is
 * sorted[⌊U₍ₖ₎·n⌋] with U₍ₖ₎ the k-th order statistic of n uniforms, U₍ₖ₎ ~ Beta(k, n − k + 1);
 * the next order statistic is U₍ₖ₎ + (1 − U₍ₖ₎)(1 − V^(1/(n−k))), the least of the n − k uniforms
 * above it. Exactly the distribution of resampling and taking the median, without the O(n) work.
 */
export function resampledMedian(sorted: ArrayLike<number>, random: () => number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) / 2;
  const k = Math.floor(h) + 1; // 1-based rank of the lower middle value
  const u = beta(k, n - k + 1, random);
  const a = sorted[Math.min(n - 1, Math.floor(u * n))]!;
  if (h === k - 1) return a;
  const u2 = u + (1 - u) * (1 - Math.pow(random(), 1 / (n - k)));
  return (a + sorted[Math.min(n - 1, Math.floor(u2 * n))]!) / 2;
}

/**
 * `resamples` bootstrap replicates of median(b) − median(a): each replicate resamples a and b
 * with replacement (at their own sizes) using `random`. Both must be non-empty and sorted ascending.
 */
export function bootstrapMedianDifferences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  resamples: number,
  random: () => number,
): Float64Array {
  const out = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const ma = resampledMedian(a, random);
    out[r] = resampledMedian(b, random) - ma;
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
