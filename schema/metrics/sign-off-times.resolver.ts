import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { SignOffData } from "../../analytics/metrics/index.js";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { DurationUnit } from "./metric.enums.js";
import { MetricFilter } from "./metric-filter.input.js";
import { BoroughSignOff } from "./sign-off-time.type.js";
import { MetricsService } from "./metrics.service.js";

/** `signOffTimes`: each signer's (borough's or partner organisation's) own sign-off time per stage. */
@Resolver(() => BoroughSignOff)
export class SignOffTimesResolver {
  @Query(() => [BoroughSignOff], {
    description:
      "Each signing participant's own sign-off time per stage (its APPROVED − the stage's submission), boroughs and partner organisations alike, how often it was the last to sign, and its median against the median of its peers on the same stages. Ordered by stage, then boroughs by GSS code, then partner organisations by slug; with `filter.boroughs`, only those boroughs are listed; with `filter.organisations`, only those organisations.",
  })
  async signOffTimes(
    @Ctx() ctx: HubContext,
    @Arg("filter", () => MetricFilter, { nullable: true, description: "Which stages to include." }) filter: MetricFilter | null,
    @Arg("unit", () => DurationUnit, { nullable: true, defaultValue: DurationUnit.WORKING_DAYS, description: "Unit of every duration." }) unit: DurationUnit | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to measure at (default now)." }) asOf: Date | null,
  ): Promise<SignOffData[]> {
    return new MetricsService(ctx.db, ctx.turns).signOffTimes({ filter, unit, asOf });
  }
}
