/**
 * Comparisons of cohorts over a cycle table (DESIGN.md, "Metric definitions"): the difference of
 * two cohorts' medians on one stage with a bootstrap interval, and time saved per stage.
 */
import { differenceOfMedians } from "../bootstrap.js";
import { mean, percentileSorted, sortedCopy } from "../percentiles.js";
import { kaplanMeierSplit } from "../survival.js";
import { timeSaved as timeSavedOfStages, type TimeSavedResult } from "../time-saved.js";
import {
  EXCLUDED,
  OUTCOME_APPROVED,
  OUTCOME_OPEN,
  OUTCOME_REJECTED,
  OUTCOME_WITHDRAWN,
  approvedDuration,
  censoredDuration,
  statusAt,
  workingDayIndexAt,
  type CycleTable,
  type Unit,
} from "./cycle-table.js";
import { passes, type CompiledFilter } from "./filter.js";
import type { CohortOptions } from "./options.js";
import { inChunks, runToEnd, type Steps } from "./slicing.js";

/** What one side of a comparison counted on the stage, and its medians. */
export interface CohortSummaryData {
  count: number;
  approvedCount: number;
  openCount: number;
  rejectedCount: number;
  withdrawnCount: number;
  median: number | null;
  mean: number | null;
  kaplanMeierMedian: number | null;
}

export interface ComparisonData {
  stage: string;
  unit: Unit;
  a: CohortSummaryData;
  b: CohortSummaryData;
  difference: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  resamples: number;
  seed: number;
}

export interface TimeSavedData extends TimeSavedResult {
  unit: Unit;
  resamples: number;
  seed: number;
}

/** One cohort on one stage: its approved durations (row order) and its summary. */
function* cohort(t: CycleTable, f: CompiledFilter, stage: number, unit: Unit, asOf: number, asOfCum: number): Steps<{ approved: number[]; summary: CohortSummaryData }> {
  const approved: number[] = [];
  const censored: number[] = [];
  const counts = [0, 0, 0, 0];
  yield* inChunks(t.n, (from, to) => {
    for (let r = from; r < to; r++) {
      if (t.stage[r] !== stage || !passes(t, f, r)) continue;
      const st = statusAt(t, r, asOf);
      if (st === EXCLUDED) continue;
      counts[st]!++;
      if (st === OUTCOME_APPROVED) approved.push(approvedDuration(t, r, unit));
      else if (st === OUTCOME_OPEN) censored.push(censoredDuration(t, r, unit, asOf, asOfCum));
    }
  });
  const sorted = sortedCopy(approved);
  return {
    approved,
    summary: {
      count: counts[0]! + counts[1]! + counts[2]! + counts[3]!,
      approvedCount: counts[OUTCOME_APPROVED]!,
      openCount: counts[OUTCOME_OPEN]!,
      rejectedCount: counts[OUTCOME_REJECTED]!,
      withdrawnCount: counts[OUTCOME_WITHDRAWN]!,
      median: percentileSorted(sorted, 50),
      mean: mean(sorted),
      kaplanMeierMedian: kaplanMeierSplit(sorted, sortedCopy(censored)).median(),
    },
  };
}

/**
 * Comparison of two cohorts on one stage (DESIGN.md): median(b) − median(a) of time to approval
 * (approved stages), with a 95% percentile bootstrap interval, seeded and reproducible. `stage` is
 * the stage's index in the table; the cohorts' own stage lists should be left out of a and b.
 */
export function compareCohorts(t: CycleTable, stage: number, a: CompiledFilter, b: CompiledFilter, opts: CohortOptions): ComparisonData {
  return runToEnd(compareCohortSteps(t, stage, a, b, opts));
}

/** `compareCohorts` as resumable steps (slicing.ts): the passes over the table; the bootstrap is one step. */
export function* compareCohortSteps(t: CycleTable, stage: number, a: CompiledFilter, b: CompiledFilter, opts: CohortOptions): Steps<ComparisonData> {
  const { unit, resamples, seed, asOf } = opts;
  const asOfCum = workingDayIndexAt(asOf);
  const sideA = yield* cohort(t, a, stage, unit, asOf, asOfCum);
  yield;
  const sideB = yield* cohort(t, b, stage, unit, asOf, asOfCum);
  yield;
  const d = differenceOfMedians(sideA.approved, sideB.approved, { resamples, seed });
  return { stage: t.stages[stage]!, unit, a: sideA.summary, b: sideB.summary, difference: d.difference, low: d.low, high: d.high, confidence: 0.95, resamples, seed };
}

/**
 * Time saved (DESIGN.md) for a cohort against a baseline: per stage, (baseline median − cohort
 * median) × approved stages in the cohort, interval carried through, totals over stages; fewer
 * than 10 approved on either side → no number and a reason. Stages no row of either side reached
 * by asOf are left out.
 */
export function timeSaved(t: CycleTable, cohortFilter: CompiledFilter, baselineFilter: CompiledFilter, opts: CohortOptions): TimeSavedData {
  return runToEnd(timeSavedSteps(t, cohortFilter, baselineFilter, opts));
}

/** `timeSaved` as resumable steps (slicing.ts): the pass over the table; the bootstraps are one step. */
export function* timeSavedSteps(t: CycleTable, cohortFilter: CompiledFilter, baselineFilter: CompiledFilter, opts: CohortOptions): Steps<TimeSavedData> {
  const { unit, resamples, seed, asOf } = opts;
  const per = t.stages.map(() => ({ cohort: [] as number[], baseline: [] as number[], seen: false }));
  yield* inChunks(t.n, (from, to) => {
    for (let r = from; r < to; r++) {
      const inCohort = passes(t, cohortFilter, r);
      const inBaseline = passes(t, baselineFilter, r);
      if (!inCohort && !inBaseline) continue;
      const st = statusAt(t, r, asOf);
      if (st === EXCLUDED) continue;
      const p = per[t.stage[r]!]!;
      p.seen = true;
      if (st !== OUTCOME_APPROVED) continue;
      const d = approvedDuration(t, r, unit);
      if (inCohort) p.cohort.push(d);
      if (inBaseline) p.baseline.push(d);
    }
  });
  yield;
  const stages = per.flatMap((p, s) => (p.seen ? [{ stage: t.stages[s]!, cohort: p.cohort, baseline: p.baseline }] : []));
  return { unit, resamples, seed, ...timeSavedOfStages(stages, { resamples, seed }) };
}
