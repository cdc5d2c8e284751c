import {
  compareCohortSteps,
  compileFilter,
  cohortOptions,
  cycleTimeOptions,
  cycleTimeSteps,
  flowOptions,
  flowSteps,
  runSliced,
  runToEnd,
  signOffOptions,
  signOffSteps,
  stageIndexOf,
  timeSavedSteps,
  type CohortArgs,
  type ComparisonData,
  type CycleTable,
  type CycleTimeArgs,
  type CycleTimeGroupData,
  type FlowArgs,
  type FlowData,
  type MetricFilterValue,
  type SignOffArgs,
  type SignOffData,
  type Steps,
  type TimeSavedData,
} from "../../analytics/metrics/index.js";
import type { HubDb } from "../../db/connection.js";
import { getCycleTableWith, overwritesOf, signoffColumns } from "../../db/cycles/index.js";
import type { WorkTurns } from "../context.js";
import { answerMetric } from "./metric.errors.js";

/**
 * The metrics of DESIGN.md for the graph: each resolves its options (defaults applied, limits
 * checked), takes the current cycle table with its filters compiled (db/cycles), runs the kernel
 * (analytics/metrics) and reports a bad argument as BAD_USER_INPUT naming it.
 *
 * With `turns` (the server's, for analytics fields) a kernel runs in slices of `turns.sliceMs`
 * with a turn of the event loop between them (analytics/metrics/slicing.ts), so other requests are
 * answered meanwhile. The cached table may be written over in place by a write's delta during a
 * turn (db/cycles/cycle-table.delta.ts): the kernel then starts again over the same table, whose
 * columns then read as its own snapshot, so an answer never mixes data from before and after a
 * write. Without `turns` a kernel runs to its end at once.
 */
export class MetricsService {
  constructor(
    private readonly db: HubDb,
    private readonly turns?: WorkTurns,
  ) {}

  /** Runs the steps `start` makes over `table`: sliced with turns, else at once. */
  private run<T>(table: CycleTable, start: () => Steps<T>): Promise<T> | T {
    if (!this.turns) return runToEnd(start());
    let seen = overwritesOf(table);
    const fresh = () => {
      seen = overwritesOf(table);
      return start();
    };
    return runSliced(fresh, { sliceMs: this.turns.sliceMs, turn: () => this.turns!.turn(), changed: () => overwritesOf(table) !== seen });
  }

  /**
   * Time to approval per group (analytics/metrics/cycle-times.ts). `extras`: the caller will read
   * the groups' Kaplan–Meier and team/IG fields, so they are computed among the kernel's steps.
   */
  cycleTimes(args: CycleTimeArgs & { filter?: MetricFilterValue | null }, extras = false): Promise<CycleTimeGroupData[]> {
    return answerMetric(async () => {
      const opts = cycleTimeOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      // Sliced, the extras are computed before the table may change; at once, on demand as before.
      return this.run(table, () => cycleTimeSteps(table, compiled, opts, extras && this.turns !== undefined));
    });
  }

  /** Each borough's own sign-off time per stage (analytics/metrics/sign-offs.ts). */
  signOffTimes(args: SignOffArgs & { filter?: MetricFilterValue | null }): Promise<SignOffData[]> {
    return answerMetric(async () => {
      const opts = signOffOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      const sig = signoffColumns(this.db.sql, table);
      return this.run(table, () => signOffSteps(table, sig, compiled, opts));
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
      return this.run(table, () => compareCohortSteps(table, compiled.stage, compiled.a, compiled.b, opts));
    });
  }

  /** Time saved by `cohort` against `baseline` (analytics/metrics/cohorts.ts). */
  timeSaved(args: CohortArgs & { cohort: MetricFilterValue; baseline: MetricFilterValue }): Promise<TimeSavedData> {
    return answerMetric(async () => {
      const opts = cohortOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => ({ cohort: compileFilter(t, "cohort", args.cohort), baseline: compileFilter(t, "baseline", args.baseline) }));
      return this.run(table, () => timeSavedSteps(table, compiled.cohort, compiled.baseline, opts));
    });
  }

  /** Throughput, WIP, cumulative flow and open items' ages (analytics/metrics/flow-series.ts). */
  flow(args: FlowArgs & { filter?: MetricFilterValue | null }): Promise<FlowData> {
    return answerMetric(async () => {
      const opts = flowOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      return this.run(table, () => flowSteps(table, compiled, opts));
    });
  }
}
