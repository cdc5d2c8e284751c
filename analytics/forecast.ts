/**
 * Forecasts (DESIGN.md, "Metric definitions"): for an open item of age a, the time t with
 * P(T ≤ t | T > a) = q from the Kaplan–Meier curve of comparable history (censored items included),
 * for q = 50, 85, 95% (an initiative's ISA date by Monte Carlo is in monte-carlo.ts).
 * A forecast states its basis (how many items) and, below a documented minimum, gives a reason
 * instead of a date. Durations are working days; dates are London day numbers, turned from working
 * days with the working-day index. Pure.
 */
import { kaplanMeierSplit, type KaplanMeierCurve } from "./survival.js";
import { workingDaysBetweenDays } from "./working-days.js";

/** Fewer comparable items than this (approved and open together) and a forecast gives a reason instead of a date. */
export const MIN_FORECAST_ITEMS = 20;

/**
 * Fewer comparable items lasting beyond the open item's age than this and its forecast gives a
 * reason instead of a date: the conditional curve beyond that age would rest on a handful of items.
 */
export const MIN_AT_RISK_BEYOND_AGE = 5;

/**
 * The comparable history a forecast rests on by default: the stages submitted in the last 730
 * calendar days before asOf (0 = all history). Data-driven: on the large synthetic set, where the
 * process speeds up over the years (approved DPIA mean 67 → 46 days, 2020 → 2025), all history put
 * 57% of items done by their p50 date (goal 50 ± 5); the last 2 years put 52–53% by p50 and 86%
 * by p85 (`npm run bench:forecast`, README "Benchmarks"). Older history describes a slower process.
 */
export const DEFAULT_HISTORY_DAYS = 730;

/** The longest history window that may be asked for, in days (100 years: any more is "all"). */
export const MAX_HISTORY_DAYS = 36_525;

/** The probabilities a forecast gives dates for (p50, p85, p95). */
export const FORECAST_LEVELS = [0.5, 0.85, 0.95] as const;

// KaplanMeierCurve.quantile uses the same slack, so S = 0.15 computed as 0.15000000000000002 counts as reached.
const SURVIVAL_SLACK = 1e-12;

/**
 * Comparable history of one kind of item (a stage, a stage on one tool, a signer's sign-off, the
 * wait between two stages): its Kaplan–Meier curve and the counts a forecast's basis reports.
 */
export interface DurationHistory {
  curve: KaplanMeierCurve;
  /** Items the curve rests on: approved and still open (censored) together. */
  items: number;
  /** Of which approved (events). */
  approved: number;
  /** Every duration, approved or censored, ascending: how many lasted beyond an age. */
  sortedDurations: Float64Array;
  /** The curve's step times and S after each step, ascending in time: searched by bisection. */
  stepTimes: Float64Array;
  stepSurvival: Float64Array;
}

/**
 * The history of `durations` (working days), each approved (`true`) or censored at that age
 * (`false`: still open when the data ends; REJECTED and WITHDRAWN items are left out by the caller,
 * as time to approval leaves them out).
 */
export function durationHistory(durations: ArrayLike<number>, approved: ArrayLike<boolean>): DurationHistory {
  const n = durations.length;
  let events = 0;
  for (let i = 0; i < n; i++) if (approved[i]) events++;
  const ev = new Float64Array(events);
  const ce = new Float64Array(n - events);
  for (let i = 0, e = 0, c = 0; i < n; i++) {
    if (approved[i]) ev[e++] = durations[i]!;
    else ce[c++] = durations[i]!;
  }
  ev.sort();
  ce.sort();
  return historyFromSorted(ev, ce);
}

/** As `durationHistory`, from approved durations and censored ages, each sorted ascending. */
export function historyFromSorted(approvedSorted: Float64Array, censoredSorted: Float64Array): DurationHistory {
  const curve = kaplanMeierSplit(approvedSorted, censoredSorted);
  const all = new Float64Array(approvedSorted.length + censoredSorted.length);
  all.set(approvedSorted);
  all.set(censoredSorted, approvedSorted.length);
  all.sort();
  return {
    curve,
    items: all.length,
    approved: approvedSorted.length,
    sortedDurations: all,
    stepTimes: Float64Array.from(curve.steps, (s) => s.t),
    stepSurvival: Float64Array.from(curve.steps, (s) => s.survival),
  };
}

/** Index of the last curve step at or before `age`, −1 when none. */
export function stepIndexAt(h: DurationHistory, age: number): number {
  let lo = 0;
  let hi = h.stepTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.stepTimes[mid]! <= age) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first curve step from `from` on with S ≤ `target`, or the step count when none (S never increases). */
export function firstStepAtOrBelow(h: DurationHistory, from: number, target: number): number {
  let lo = from;
  let hi = h.stepSurvival.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.stepSurvival[mid]! <= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** S(age) of the history's Kaplan–Meier curve (1 before the first approval). */
export function survivalAt(h: DurationHistory, age: number): number {
  const i = stepIndexAt(h, age);
  return i < 0 ? 1 : h.stepSurvival[i]!;
}

/** How many comparable items lasted beyond `age`: approved or censored at a duration > age. */
export function atRiskBeyond(h: DurationHistory, age: number): number {
  const d = h.sortedDurations;
  let lo = 0;
  let hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[mid]! <= age) lo = mid + 1;
    else hi = mid;
  }
  return d.length - lo;
}

/**
 * The conditional survival quantile: for an item still open at age `age` and q in (0, 1), the
 * smallest t ≥ age with P(T ≤ t | T > age) ≥ q, i.e. S(t) ≤ (1 − q)·S(age), from the Kaplan–Meier
 * curve (censored items included). The total duration in working days since submission, not the
 * time still to go. Null when the curve never gets there (too many comparable items still open
 * beyond the last approval, or none lasted beyond `age`). Throws RangeError for q outside (0, 1).
 */
export function conditionalQuantile(h: DurationHistory, age: number, q: number): number | null {
  if (!(q > 0 && q < 1)) throw new RangeError(`forecast probability must be within (0, 1), got ${q}`);
  const i = stepIndexAt(h, age);
  const sAge = i < 0 ? 1 : h.stepSurvival[i]!;
  if (sAge === 0) return null;
  const target = (1 - q) * sAge + SURVIVAL_SLACK;
  if (sAge <= target) return age;
  const j = firstStepAtOrBelow(h, i + 1, target);
  return j < h.stepTimes.length ? h.stepTimes[j]! : null;
}

/**
 * The London day on which `n` working days have passed since London day `fromDay`: the smallest
 * day d ≥ fromDay with workingDaysBetweenDays(fromDay, d) ≥ n — the inverse of the cumulative
 * working-day index, the date on which the index reaches fromDay's + n. A working day when n ≥ 1;
 * `fromDay` itself when n ≤ 0; a fractional n counts up to the next whole working day. Throws
 * RangeError for a count that is not finite.
 */
export function workingDayDate(fromDay: number, n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`working days must be a finite number, got ${n}`);
  if (n <= 0) return fromDay;
  // 2n + 14 calendar days hold n working days (weekends and the Christmas cluster included); the
  // window doubles should a run of holidays ever defeat that. Then bisection on the cumulative
  // index, which never decreases.
  let span = 2 * Math.ceil(n) + 14;
  while (workingDaysBetweenDays(fromDay, fromDay + span) < n) span *= 2;
  let lo = fromDay + 1;
  let hi = fromDay + span;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >>> 1);
    if (workingDaysBetweenDays(fromDay, mid) >= n) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Why a forecast gives no date. */
export type ForecastReasonCode =
  /** Fewer comparable items than the minimum. */
  | "THIN_HISTORY"
  /** Too few comparable items lasted beyond the item's age. */
  | "FEW_AT_RISK"
  /** The curve, conditioned on the age, never reaches the probability (too many still open past the last approval). */
  | "BEYOND_HISTORY";

/** How many comparable items a forecast rests on. */
export interface ForecastBasis {
  /** Comparable items, approved and still open. */
  items: number;
  /** Of which approved. */
  approved: number;
  /** Comparable items that lasted beyond the open item's age (approved later, or censored later). */
  atRiskBeyondAge: number;
}

/** The minimum basis below which a forecast gives a reason instead of a date. */
export interface ForecastMinimums {
  /** Default MIN_FORECAST_ITEMS. */
  minItems?: number;
  /** Default MIN_AT_RISK_BEYOND_AGE. */
  minAtRisk?: number;
}

/**
 * The forecast of one open item (an open stage, or a signer still to sign). p50/p85/p95 are the
 * conditional quantiles in working days since submission; the `…Day` fields are their London dates.
 * A null quantile has `reason` (and `reasonCode`) saying why.
 */
/** Durations (working days) at p50/p85/p95, null where missing, and the London day each falls on. */
export interface DatedLevels {
  p50: number | null;
  p85: number | null;
  p95: number | null;
  p50Day: number | null;
  p85Day: number | null;
  p95Day: number | null;
}

export interface ItemForecast extends DatedLevels {
  /** Working days since submission at asOf. */
  age: number;
  basis: ForecastBasis;
  /** Why the first missing quantile is missing; null when all three are given. */
  reason: string | null;
  reasonCode: ForecastReasonCode | null;
}

/** A reason when the basis is below the minimum, else null. */
export function thinBasis(
  h: DurationHistory,
  age: number | null,
  atRisk: number | null,
  min: ForecastMinimums,
  what: string,
): { reason: string; reasonCode: ForecastReasonCode } | null {
  const minItems = min.minItems ?? MIN_FORECAST_ITEMS;
  const minAtRisk = min.minAtRisk ?? MIN_AT_RISK_BEYOND_AGE;
  if (h.items < minItems) {
    return { reasonCode: "THIN_HISTORY", reason: `only ${h.items} comparable ${what} (at least ${minItems} needed for a forecast)` };
  }
  if (age !== null && atRisk !== null && atRisk < minAtRisk) {
    return {
      reasonCode: "FEW_AT_RISK",
      reason: `only ${atRisk} of ${h.items} comparable ${what} lasted beyond ${age} working days (at least ${minAtRisk} needed for a forecast at this age)`,
    };
  }
  return null;
}

/** The reason a conditional quantile at `q` is missing: how far the curve gets beyond `age`. */
function beyondHistory(h: DurationHistory, age: number, q: number, what: string): string {
  const sAge = survivalAt(h, age);
  const last = h.stepTimes.length - 1;
  const reached = last >= 0 && h.stepTimes[last]! > age ? 1 - h.stepSurvival[last]! / sAge : 0;
  return (
    `the comparable history (${h.items} ${what}) never has ${Math.round(q * 100)}% of those older than ${age} working days approved: ` +
    `at most ${Math.round(reached * 100)}%, the rest still open past its last approval`
  );
}

/**
 * The p50/p85/p95 durations (working days since `startDay`, null where missing) with the London
 * day each falls on, and the index of the first missing level (−1 when none).
 */
export function datedLevels(values: readonly (number | null)[], startDay: number): DatedLevels & { missing: number } {
  const [p50 = null, p85 = null, p95 = null] = values;
  const day = (t: number | null) => (t === null ? null : workingDayDate(startDay, t));
  return { p50, p85, p95, p50Day: day(p50), p85Day: day(p85), p95Day: day(p95), missing: [p50, p85, p95].findIndex((t) => t === null) };
}

/**
 * Forecasts an open item submitted on London day `submittedDay`, as of London day `asOfDay`: its
 * age is the working days between them, and p50/p85/p95 are `conditionalQuantile` at 50/85/95%
 * turned into London dates by `workingDayDate` (always after asOfDay). With fewer than `minItems`
 * comparable items, or fewer than `minAtRisk` lasting beyond the age, every quantile is null and
 * the reason says so.
 */
export function forecastOpenItem(h: DurationHistory, submittedDay: number, asOfDay: number, min: ForecastMinimums = {}): ItemForecast {
  const age = workingDaysBetweenDays(submittedDay, asOfDay);
  const basis: ForecastBasis = { items: h.items, approved: h.approved, atRiskBeyondAge: atRiskBeyond(h, age) };
  const out: ItemForecast = { age, p50: null, p85: null, p95: null, p50Day: null, p85Day: null, p95Day: null, basis, reason: null, reasonCode: null };
  const thin = thinBasis(h, age, basis.atRiskBeyondAge, min, "items");
  if (thin) return { ...out, ...thin };
  const levels = datedLevels(FORECAST_LEVELS.map((q) => conditionalQuantile(h, age, q)), submittedDay);
  const missing = levels.missing;
  return {
    ...out,
    p50: levels.p50,
    p85: levels.p85,
    p95: levels.p95,
    p50Day: levels.p50Day,
    p85Day: levels.p85Day,
    p95Day: levels.p95Day,
    ...(missing < 0 ? {} : { reasonCode: "BEYOND_HISTORY" as const, reason: beyondHistory(h, age, FORECAST_LEVELS[missing]!, "items") }),
  };
}

/**
 * The first history with at least `minItems` items, most specific first (e.g. the stage on this
 * tool, then the stage on any tool); the last when none has enough, so its basis says how thin it is.
 */
export function comparableHistory(candidates: readonly DurationHistory[], minItems = MIN_FORECAST_ITEMS): DurationHistory {
  if (candidates.length === 0) throw new RangeError("comparableHistory needs at least one candidate history");
  return candidates.find((h) => h.items >= minItems) ?? candidates[candidates.length - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo through the remaining stages.
