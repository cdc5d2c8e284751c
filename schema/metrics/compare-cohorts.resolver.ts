import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { MAX_RESAMPLES } from "../../analytics/bootstrap.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED, type ComparisonData } from "../../analytics/metrics/index.js";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { CohortComparison } from "./cohort-comparison.type.js";
import { DurationUnit } from "./metric.enums.js";
import { MetricFilter } from "./metric-filter.input.js";
import { MetricsService } from "./metrics.service.js";

/** `compareCohorts`: difference of medians with a bootstrap interval. */
@Resolver(() => CohortComparison)
export class CompareCohortsResolver {
  @Query(() => CohortComparison, {
    description:
      "Compares time to approval of one stage between cohorts a and b (by tool, template, practice, borough, period): median(b) − median(a) with a 95% percentile bootstrap interval (seeded, reproducible) and the counts behind it.",
  })
  async compareCohorts(
    @Ctx() ctx: HubContext,
    @Arg("stage", () => String, { description: "Stage code to compare on; the cohorts' own `stages` are ignored." }) stage: string,
    @Arg("a", () => MetricFilter, { description: "Cohort a." }) a: MetricFilter,
    @Arg("b", () => MetricFilter, { description: "Cohort b." }) b: MetricFilter,
    @Arg("unit", () => DurationUnit, { nullable: true, defaultValue: DurationUnit.WORKING_DAYS, description: "Unit of every duration." }) unit: DurationUnit | null,
    @Arg("resamples", () => Int, { nullable: true, defaultValue: DEFAULT_RESAMPLES, description: `Bootstrap resamples, 1 to ${MAX_RESAMPLES}.` }) resamples: number | null,
    @Arg("seed", () => Int, { nullable: true, defaultValue: DEFAULT_SEED, description: "Seed of the bootstrap's pseudo-random generator: same inputs and seed, same interval." })
    seed: number | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to measure at (default now)." }) asOf: Date | null,
  ): Promise<ComparisonData> {
    return new MetricsService(ctx.db, ctx.turns).compareCohorts({ stage, a, b, unit, resamples, seed, asOf });
  }
}
