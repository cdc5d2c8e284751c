/**
 * Forecast of an initiative's ISA approval date (DESIGN.md, "Forecast"): seeded Monte Carlo through
 * its remaining stages (and the waits between them), each leg's duration drawn from its Kaplan–Meier
 * curve by inverse sampling, the open leg conditioned on its age. Pure; working days and London day
 * numbers as in forecast.ts.
 */
import {
  FORECAST_LEVELS,
  MIN_AT_RISK_BEYOND_AGE,
  MIN_FORECAST_ITEMS,
  atRiskBeyond,
  firstStepAtOrBelow,
  stepIndexAt,
  survivalAt,
  thinBasis,
  datedLevels,
  type DatedLevels,
  type DurationHistory,
  type ForecastMinimums,
  type ForecastReasonCode,
} from "./forecast.js";
import { seededRandom } from "./random.js";
import { workingDaysBetweenDays } from "./working-days.js";

/** Monte Carlo runs when none are asked for. */
export const DEFAULT_RUNS = 10_000;

/** The most Monte Carlo runs accepted. */
export const MAX_RUNS = 1_000_000;

/** One leg of the way to the target: a stage's time to approval, or the wait before a stage is submitted. */
export interface ForecastLeg {
  /** `DPIA`, or `wait before ISA`. */
  label: string;
  history: DurationHistory;
}

/** A stage of the process with its histories, for `remainingLegs`. */
export interface StageHistories {
  stage: string;
  /** Time to approval of the stage. */
  duration: DurationHistory;
  /**
   * From the previous stage's approval to this stage's submission (censored when the next stage
   * was never submitted); null for the first stage, or to treat the next submission as immediate.
   */
  waitBefore: DurationHistory | null;
}

/**
 * The legs from where an initiative stands to the approval of stage `through`, in order: the open
 * one first (the stage `at.stage` is open, or, when `at.waiting`, the initiative is waiting for
 * `at.stage` to be submitted), then each later stage's wait and duration. Lead time includes the
 * waits between stages, so leaving them out would forecast too early. Throws RangeError when a
 * stage is not in `process` or `through` comes before `at.stage`.
 */
export function remainingLegs(process: readonly StageHistories[], at: { stage: string; waiting: boolean }, through: string): ForecastLeg[] {
  const from = process.findIndex((s) => s.stage === at.stage);
  const to = process.findIndex((s) => s.stage === through);
  const stages = process.map((s) => s.stage).join(", ");
  if (from < 0) throw new RangeError(`unknown stage ${JSON.stringify(at.stage)}: expected one of ${stages}`);
  if (to < 0) throw new RangeError(`unknown stage ${JSON.stringify(through)}: expected one of ${stages}`);
  if (to < from) throw new RangeError(`stage ${through} comes before ${at.stage} in the process (${stages})`);
  const legs: ForecastLeg[] = [];
  for (let i = from; i <= to; i++) {
    const s = process[i]!;
    const wait = i > from || at.waiting ? s.waitBefore : null;
    if (wait) legs.push({ label: `wait before ${s.stage}`, history: wait });
    legs.push({ label: s.stage, history: s.duration });
  }
  return legs;
}

/** The basis of one leg of a Monte Carlo forecast. */
export interface LegBasis {
  label: string;
  items: number;
  approved: number;
  /** For the open (first) leg, items that lasted beyond its age; null for the legs not started. */
  atRiskBeyondAge: number | null;
}

/**
 * A Monte Carlo forecast of when the last leg ends; p50/p85/p95 are the working days from the open leg's start by which the
 * last leg ends in 50/85/95% of the runs.
 */
export interface MonteCarloForecast extends DatedLevels {
  /** Working days of the open leg at asOf. */
  age: number;
  runs: number;
  seed: number;
  /** Share of runs in which every leg ended within its history (the rest ran past a leg's last approval). */
  finishedShare: number;
  legs: LegBasis[];
  reason: string | null;
  reasonCode: ForecastReasonCode | null;
}

/**
 * One draw from a history by inverse sampling of its Kaplan–Meier curve, conditioned on S = `sFrom`
 * reached (1 for a leg not started): the first step with S ≤ u·sFrom for u uniform in (0, 1], so
 * P(draw ≤ t) = 1 − S(t)/sFrom, the censored items weighing as the curve weighs them. Infinity when
 * the curve stops above u·sFrom (the draw falls in the mass still open past the last approval).
 */
function drawDuration(h: DurationHistory, fromStep: number, sFrom: number, random: () => number): number {
  const target = (1 - random()) * sFrom;
  const j = firstStepAtOrBelow(h, fromStep, target);
  return j < h.stepTimes.length ? h.stepTimes[j]! : Infinity;
}

/**
 * When the last of `legs` ends, by seeded Monte Carlo: each run draws the open (first) leg's
 * duration conditioned on its age (working days from `startDay` to `asOfDay`) and every later
 * leg's duration from its whole history, by Kaplan–Meier inverse sampling, and adds them up. The
 * p-th percentile is the smallest total at least p of the runs finish within (the inverse of the
 * runs' distribution, as the Kaplan–Meier quantile is of the curve: working days have no dates
 * between them to interpolate to), turned into a London date from `startDay`. Null, with a reason,
 * when more than 1 − p of the runs ran past a leg's history, or when a leg's basis is below the
 * minimum (then no run is made). Reproducible: same inputs, runs and seed, same dates; the
 * generator is the hub's seeded one (`seededRandom`).
 */
export function monteCarloFinish(
  legs: readonly ForecastLeg[],
  startDay: number,
  asOfDay: number,
  opts: { seed: number; runs?: number } & ForecastMinimums,
): MonteCarloForecast {
  const runs = opts.runs ?? DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new RangeError(`runs must be an integer within [1, ${MAX_RUNS}], got ${runs}`);
  if (legs.length === 0) throw new RangeError("monteCarloFinish needs at least one leg");
  const age = workingDaysBetweenDays(startDay, asOfDay);
  const basis: LegBasis[] = legs.map((l, i) => ({
    label: l.label,
    items: l.history.items,
    approved: l.history.approved,
    atRiskBeyondAge: i === 0 ? atRiskBeyond(l.history, age) : null,
  }));
  const out: MonteCarloForecast = {
    age,
    runs,
    seed: opts.seed,
    p50: null,
    p85: null,
    p95: null,
    p50Day: null,
    p85Day: null,
    p95Day: null,
    finishedShare: 0,
    legs: basis,
    reason: null,
    reasonCode: null,
  };
  for (let i = 0; i < legs.length; i++) {
    const b = basis[i]!;
    const thin = thinBasis(legs[i]!.history, i === 0 ? age : null, b.atRiskBeyondAge, opts, `${legs[i]!.label} items`);
    if (thin) return { ...out, ...thin };
  }

  const first = legs[0]!.history;
  const openStep = stepIndexAt(first, age) + 1;
  const sAge = survivalAt(first, age);
  const random = seededRandom(opts.seed);
  const totals = new Float64Array(runs);
  let finished = 0;
  for (let r = 0; r < runs; r++) {
    let total = drawDuration(first, openStep, sAge, random);
    for (let i = 1; i < legs.length; i++) total += drawDuration(legs[i]!.history, 0, 1, random);
    totals[r] = total;
    if (total !== Infinity) finished++;
  }
  totals.sort();

  const quantile = (q: number): number | null => {
    const v = totals[Math.max(0, Math.ceil(q * runs - 1e-9) - 1)]!;
    return v === Infinity ? null : v;
  };
  const { missing, ...levels } = datedLevels(FORECAST_LEVELS.map(quantile), startDay);
  const result: MonteCarloForecast = { ...out, ...levels, finishedShare: finished / runs };
  if (missing >= 0) {
    result.reasonCode = "BEYOND_HISTORY";
    result.reason =
      `only ${Math.round((finished / runs) * 1000) / 10}% of ${runs} runs ended within the history of every leg, ` +
      `fewer than the ${Math.round(FORECAST_LEVELS[missing]! * 100)}% this date needs: the rest ran past a leg's last approval`;
  }
  return result;
}
