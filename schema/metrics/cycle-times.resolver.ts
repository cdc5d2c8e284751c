import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { Arg, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from "type-graphql";
import { DEFAULT_PERCENTILES, type CycleTimeGroupData } from "../../analytics/metrics/index.js";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { CycleTimeGroup } from "./cycle-time.type.js";
import { DurationUnit, MetricDimension } from "./metric.enums.js";
import { MetricFilter } from "./metric-filter.input.js";
import { MetricsService } from "./metrics.service.js";

/** The fields of a group that read its extras (Kaplan–Meier curve, team/IG medians). */
const EXTRAS_FIELDS: ReadonlySet<string> = new Set(["kaplanMeierMedian", "approvedWithin", "medianWithIg", "medianWithTeam"]);

/** Whether the field being resolved selects any of `names` on its value (through fragments too). */
function selectsAny(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return names.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      const fragment = info.fragments?.[s.name.value];
      if (!fragment || seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return visit(fragment.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

/** `cycleTimes`: time to approval per group, with its survival and team/IG fields. */
@Resolver(() => CycleTimeGroup)
export class CycleTimesResolver {
  @Query(() => [CycleTimeGroup], {
    description:
      "Time to approval (approved − submitted) of stages, per group. count = stages submitted; percentiles and mean over approved stages; open stages censored at asOf (default now) for Kaplan–Meier; REJECTED/WITHDRAWN counted apart. A stage submitted after asOf is left out, and one approved after asOf counts as open. Groups with no stage are omitted.",
  })
  async cycleTimes(
    @Ctx() ctx: HubContext,
    @Arg("filter", () => MetricFilter, { nullable: true, description: "Which stages to include." }) filter: MetricFilter | null,
    @Arg("groupBy", () => [MetricDimension], { nullable: true, defaultValue: [MetricDimension.STAGE], description: "Dimensions to group by (at most one period)." })
    groupBy: MetricDimension[] | null,
    @Arg("unit", () => DurationUnit, { nullable: true, defaultValue: DurationUnit.WORKING_DAYS, description: "Unit of every duration." }) unit: DurationUnit | null,
    @Arg("percentiles", () => [Float], { nullable: true, defaultValue: [...DEFAULT_PERCENTILES], description: "Percentiles to report in `percentiles`, each in [0, 100]." })
    percentiles: number[] | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to measure at (default now): later events are ignored." }) asOf: Date | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CycleTimeGroupData[]> {
    return new MetricsService(ctx.db, ctx.turns).cycleTimes({ filter, groupBy, unit, percentiles, asOf }, selectsAny(info, EXTRAS_FIELDS));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Kaplan–Meier median time to approval with open stages censored at asOf: the smallest t with S(t) ≤ 0.5; null if never reached.",
  })
  kaplanMeierMedian(@Root() g: CycleTimeGroupData): number | null {
    return g.extras().km.median();
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Share of stages approved within `units` (Kaplan–Meier, open stages censored at asOf): 1 − S(units). Null when the group has no approved or open stage.",
  })
  approvedWithin(@Root() g: CycleTimeGroupData, @Arg("units", () => Float, { description: "A duration in the query's unit." }) units: number): number | null {
    if (g.approvedCount + g.openCount === 0) return null;
    return 1 - g.extras().km.survivalAt(units);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Median time with IG over approved stages: the stage's time minus the intervals from each QUERY_RAISED to the next RESUBMITTED. In working days, the team share is pro rata to elapsed time (working days × team ms / total ms), the derived cycles keeping team time as a total.",
  })
  medianWithIg(@Root() g: CycleTimeGroupData): number | null {
    return g.extras().medianWithIg;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Median time with the project team over approved stages: the intervals from each QUERY_RAISED to the next RESUBMITTED. In working days, pro rata to elapsed time (working days × team ms / total ms).",
  })
  medianWithTeam(@Root() g: CycleTimeGroupData): number | null {
    return g.extras().medianWithTeam;
  }
}
