import {
  compareCohorts,
  compileFilter,
  cohortOptions,
  cycleTimeOptions,
  cycleTimes,
  flowOptions,
  flowSeries,
  signOffOptions,
  signOffTimes,
  stageIndexOf,
  timeSaved,
  type CohortArgs,
  type ComparisonData,
  type CycleTimeArgs,
  type CycleTimeGroupData,
  type FlowArgs,
  type FlowData,
  type MetricFilterValue,
  type SignOffArgs,
  type SignOffData,
  type TimeSavedData,
} from "../../analytics/metrics/index.js";
import type { HubDb } from "../../db/connection.js";
import { getCycleTableWith, signoffColumns } from "../../db/cycles/index.js";
import { answerMetric } from "./metric.errors.js";

/**
 * The metrics of DESIGN.md for the graph: each resolves its options (defaults applied, limits
 * checked), takes the current cycle table with its filters compiled (db/cycles), runs the kernel
 * (analytics/metrics) and reports a bad argument as BAD_USER_INPUT naming it.
 */
export class MetricsService {
  constructor(private readonly db: HubDb) {}

  /** Time to approval per group (analytics/metrics/cycle-times.ts). */
  cycleTimes(args: CycleTimeArgs & { filter?: MetricFilterValue | null }): Promise<CycleTimeGroupData[]> {
    return answerMetric(async () => {
      const opts = cycleTimeOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      return cycleTimes(table, compiled, opts);
    });
  }

  /** Each borough's own sign-off time per stage (analytics/metrics/sign-offs.ts). */
  signOffTimes(args: SignOffArgs & { filter?: MetricFilterValue | null }): Promise<SignOffData[]> {
    return answerMetric(async () => {
      const opts = signOffOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      return signOffTimes(table, signoffColumns(this.db.sql, table), compiled, opts);
    });
  }

  /** Difference of two cohorts' medians on `stage` (analytics/metrics/cohorts.ts); the cohorts' own `stages` are ignored. */
  compareCohorts(args: CohortArgs & { stage: string; a: MetricFilterValue; b: MetricFilterValue }): Promise<ComparisonData> {
    return answerMetric(async () => {
      const opts = cohortOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => ({
        stage: stageIndexOf(t, "stage", args.stage),
        a: compileFilter(t, "a", { ...args.a, stages: null }),
        b: compileFilter(t, "b", { ...args.b, stages: null }),
      }));
      return compareCohorts(table, compiled.stage, compiled.a, compiled.b, opts);
    });
  }

  /** Time saved by `cohort` against `baseline` (analytics/metrics/cohorts.ts). */
  timeSaved(args: CohortArgs & { cohort: MetricFilterValue; baseline: MetricFilterValue }): Promise<TimeSavedData> {
    return answerMetric(async () => {
      const opts = cohortOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => ({ cohort: compileFilter(t, "cohort", args.cohort), baseline: compileFilter(t, "baseline", args.baseline) }));
      return timeSaved(table, compiled.cohort, compiled.baseline, opts);
    });
  }

  /** Throughput, WIP, cumulative flow and open items' ages (analytics/metrics/flow-series.ts). */
  flow(args: FlowArgs & { filter?: MetricFilterValue | null }): Promise<FlowData> {
    return answerMetric(async () => {
      const opts = flowOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      return flowSeries(table, compiled, opts);
    });
  }
}
