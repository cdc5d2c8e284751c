import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { DEFAULT_OLDEST, MAX_FLOW_INTERVALS, MAX_OLDEST } from "../../analytics/metrics/index.js";
import type { HubContext } from "../context.js";
import { DateScalar } from "../scalars.js";
import { FlowInterval } from "./metric.enums.js";
import { MetricFilter } from "./metric-filter.input.js";
import { FlowSeries } from "./flow.type.js";
import { MetricsService } from "./metrics.service.js";

/** `flow`: throughput, WIP, ages of open items, cumulative flow. */
@Resolver(() => FlowSeries)
export class FlowResolver {
  @Query(() => FlowSeries, {
    description: `Flow of stages from..to (London dates, at most ${MAX_FLOW_INTERVALS} intervals): throughput (approved per interval), work in progress at each interval end, ages of open items, and cumulative flow per stage.`,
  })
  async flow(
    @Ctx() ctx: HubContext,
    @Arg("filter", () => MetricFilter, { nullable: true, description: "Which stages to include." }) filter: MetricFilter | null,
    @Arg("from", () => DateScalar, { description: "First day (the first interval is the one containing it)." }) from: Date,
    @Arg("to", () => DateScalar, { description: "Last day (the last interval is the one containing it); not before `from`." }) to: Date,
    @Arg("interval", () => FlowInterval, { nullable: true, defaultValue: FlowInterval.MONTH, description: "Interval of the points." }) interval: FlowInterval | null,
    @Arg("oldest", () => Int, { nullable: true, defaultValue: DEFAULT_OLDEST, description: `How many of the oldest open stages to list (0 to ${MAX_OLDEST}).` }) oldest: number | null,
  ): Promise<FlowSeries> {
    const f = await new MetricsService(ctx.db, ctx.turns).flow({ filter, from, to, interval, oldestLimit: oldest });
    return {
      ...f,
      interval: f.interval as FlowInterval,
      openItems: {
        ...f.openItems,
        asOf: new Date(f.openItems.asOf),
        oldest: f.openItems.oldest.map((o) => ({ ...o, submittedAt: new Date(o.submittedAt) })),
      },
    };
  }
}
