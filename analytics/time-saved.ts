/**
 * Time saved (DESIGN.md, "Metric definitions"): for a cohort against a baseline cohort, per stage,
 * (baseline median − cohort median) × approved stages in the cohort, with the bootstrap interval
 * carried through; totals over stages. A stage with fewer than 10 approved stages on either side
 * gets no number and a reason instead. Pure.
 */
import { bootstrapMedianDifferences, percentileInterval } from "./bootstrap.js";
import { seededRandom } from "./random.js";
import { percentileSorted, sortedCopy } from "./percentiles.js";

/** Fewer approved stages than this on either side and a stage's time saved is not reported. */
export const MIN_APPROVED_FOR_CLAIM = 10;

/** The approved durations of one stage in the cohort and in the baseline (any unit). */
export interface StageDurations {
  stage: string;
  cohort: ArrayLike<number>;
  baseline: ArrayLike<number>;
}

/** Time saved on one stage; the numbers are null (and `reason` says why) when the counts are too small. */
export interface StageTimeSaved {
  stage: string;
  cohortApproved: number;
  baselineApproved: number;
  cohortMedian: number | null;
  baselineMedian: number | null;
  /** baseline median − cohort median: time saved per stage. */
  savedPerStage: number | null;
  savedPerStageLow: number | null;
  savedPerStageHigh: number | null;
  /** savedPerStage × cohortApproved. */
  saved: number | null;
  savedLow: number | null;
  savedHigh: number | null;
  reason: string | null;
}

/** A time-saved report: per stage, and totalled over the stages that support a number. */
export interface TimeSavedResult {
  stages: StageTimeSaved[];
  total: number | null;
  totalLow: number | null;
  totalHigh: number | null;
  stagesCounted: number;
  reason: string | null;
}

/**
 * Computes time saved per stage and in total. Per stage the interval is the 95% percentile
 * bootstrap interval of (baseline median − cohort median), times the cohort's approved count. The
 * total's interval is the percentile interval of the per-replicate totals (replicates of each
 * stage drawn independently, since the stages' samples are independent). Seeded: reproducible.
 */
export function timeSaved(stages: readonly StageDurations[], opts: { resamples: number; seed: number; confidence?: number }): TimeSavedResult {
  const random = seededRandom(opts.seed);
  const confidence = opts.confidence ?? 0.95;
  const totals = new Float64Array(opts.resamples);
  let total = 0;
  let counted = 0;
  const out: StageTimeSaved[] = [];
  for (const s of stages) {
    const c = sortedCopy(s.cohort);
    const b = sortedCopy(s.baseline);
    const cohortMedian = percentileSorted(c, 50);
    const baselineMedian = percentileSorted(b, 50);
    const row: StageTimeSaved = {
      stage: s.stage,
      cohortApproved: c.length,
      baselineApproved: b.length,
      cohortMedian,
      baselineMedian,
      savedPerStage: null,
      savedPerStageLow: null,
      savedPerStageHigh: null,
      saved: null,
      savedLow: null,
      savedHigh: null,
      reason: null,
    };
    if (c.length < MIN_APPROVED_FOR_CLAIM || b.length < MIN_APPROVED_FOR_CLAIM) {
      const sides = [
        c.length < MIN_APPROVED_FOR_CLAIM ? `the cohort has ${c.length}` : null,
        b.length < MIN_APPROVED_FOR_CLAIM ? `the baseline has ${b.length}` : null,
      ].filter(Boolean);
      row.reason = `too few approved ${s.stage} stages to support a claim: ${sides.join(" and ")} (at least ${MIN_APPROVED_FOR_CLAIM} needed on each side)`;
      out.push(row);
      continue;
    }
    const reps = bootstrapMedianDifferences(c, b, opts.resamples, random);
    const { low, high } = percentileInterval(reps, confidence);
    const n = c.length;
    row.savedPerStage = baselineMedian! - cohortMedian!;
    row.savedPerStageLow = low;
    row.savedPerStageHigh = high;
    row.saved = row.savedPerStage * n;
    row.savedLow = low! * n;
    row.savedHigh = high! * n;
    for (let r = 0; r < reps.length; r++) totals[r]! += reps[r]! * n;
    total += row.saved;
    counted++;
    out.push(row);
  }
  if (counted === 0) {
    return {
      stages: out,
      total: null,
      totalLow: null,
      totalHigh: null,
      stagesCounted: 0,
      reason: stages.length === 0 ? "no stages match the filters" : "no stage has enough approved stages on both sides to support a claim",
    };
  }
  const { low, high } = percentileInterval(totals, confidence);
  return { stages: out, total, totalLow: low, totalHigh: high, stagesCounted: counted, reason: null };
}
