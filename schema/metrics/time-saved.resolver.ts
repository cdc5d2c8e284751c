import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { MAX_RESAMPLES } from "../../analytics/bootstrap.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED, type TimeSavedData } from "../../analytics/metrics/index.js";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { DurationUnit } from "./metric.enums.js";
import { MetricFilter } from "./metric-filter.input.js";
import { TimeSavedReport } from "./time-saved.type.js";
import { MetricsService } from "./metrics.service.js";

/** `timeSaved`: what LOTI reporting publishes. */
@Resolver(() => TimeSavedReport)
export class TimeSavedResolver {
  @Query(() => TimeSavedReport, {
    description:
      "Time saved by `cohort` against `baseline`: per stage (baseline median − cohort median) × approved stages in the cohort, with the 95% bootstrap interval carried through, and totals over stages. Fewer than 10 approved stages on either side for a stage: no number for it, and a reason.",
  })
  async timeSaved(
    @Ctx() ctx: HubContext,
    @Arg("cohort", () => MetricFilter, { description: "The cohort (e.g. tools: [\"isg\"])." }) cohort: MetricFilter,
    @Arg("baseline", () => MetricFilter, { description: "The baseline (e.g. tools: [\"manual\"])." }) baseline: MetricFilter,
    @Arg("unit", () => DurationUnit, { nullable: true, defaultValue: DurationUnit.WORKING_DAYS, description: "Unit of every duration." }) unit: DurationUnit | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to measure at (default now)." }) asOf: Date | null,
    @Arg("resamples", () => Int, { nullable: true, defaultValue: DEFAULT_RESAMPLES, description: `Bootstrap resamples per stage, 1 to ${MAX_RESAMPLES}.` }) resamples: number | null,
    @Arg("seed", () => Int, { nullable: true, defaultValue: DEFAULT_SEED, description: "Seed of the bootstrap's pseudo-random generator." }) seed: number | null,
  ): Promise<TimeSavedData> {
    return new MetricsService(ctx.db, ctx.turns).timeSaved({ cohort, baseline, unit, asOf, resamples, seed });
  }
}
