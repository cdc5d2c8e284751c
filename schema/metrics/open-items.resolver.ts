import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { DurationUnit } from "./metric.enums.js";
import { MetricFilter } from "./metric-filter.input.js";
import { InitiativeForecast, OpenItemList, ServiceLevelSetting } from "./open-items.type.js";
import { OpenItemsService } from "./open-items.service.js";

/** The `historyDays` argument's description (openItems, initiativeForecast, digest). */
export const HISTORY_DAYS_DESCRIPTION =
  "The comparable history (percentile rank, state, forecast and the default service level): stages submitted in the last `historyDays` days before asOf (default 730; 0 = all history). The default is measured: on the large synthetic set, whose process speeds up over the years, all history put 57% of items done by their p50 date (goal 50 ± 5) and the last 730 days 52.5% by p50 and 85.8% by p85 (`npm run bench:forecast`). A stage older than the window is still listed, forecast from the window. Errors: BAD_USER_INPUT naming `historyDays` outside 0..36525.";

/** `openItems`, `initiativeForecast` and `setServiceLevel`. */
@Resolver(() => OpenItemList)
export class OpenItemsResolver {
  @Query(() => OpenItemList, {
    description:
      "Every stage open at asOf that matches the filter and, inside it, every signing participant (borough or partner organisation; not an observer recorded as not signing) still to sign it (with `filter.boroughs`, only those boroughs' signer items): age, who holds it, its percentile among comparable history, its state against the stage's service level and its forecast. A withdrawn, rejected or approved stage, or one submitted after asOf, never appears. Oldest first (submission, initiative, stage order; the stage before its signers), at most `limit` items (default 1000, at most 5000).",
  })
  async openItems(
    @Ctx() ctx: HubContext,
    @Arg("filter", () => MetricFilter, { nullable: true, description: "Which stages to list (the comparable history is always every stage)." }) filter: MetricFilter | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to measure at (default now)." }) asOf: Date | null,
    @Arg("unit", () => DurationUnit, { nullable: true, defaultValue: DurationUnit.WORKING_DAYS, description: "Unit of `age` (rank, state and forecast are in working days)." }) unit: DurationUnit | null,
    @Arg("limit", () => Int, { nullable: true, description: "At most this many items (default 1000, at most 5000)." }) limit: number | null,
    @Arg("historyDays", () => Int, { nullable: true, description: HISTORY_DAYS_DESCRIPTION }) historyDays: number | null,
    @Arg("initiativeId", () => ID, { nullable: true, description: "Only this initiative's open stages and signers (none for an unknown id); the comparable history is still every stage." }) initiativeId: string | null,
  ) {
    return new OpenItemsService(ctx.db).openItems({ filter, asOf, unit, limit, historyDays, initiativeId });
  }

  @Query(() => InitiativeForecast, { nullable: true, description: "When an initiative's ISA is approved (seeded Monte Carlo); null for an unknown id." })
  async initiativeForecast(
    @Ctx() ctx: HubContext,
    @Arg("id", () => ID, { description: "Initiative id." }) id: string,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to forecast from (default now)." }) asOf: Date | null,
    @Arg("seed", () => Int, { nullable: true, description: "Seed of the generator (default 1)." }) seed: number | null,
    @Arg("runs", () => Int, { nullable: true, description: "Monte Carlo runs (default 10000, at most 1000000)." }) runs: number | null,
    @Arg("historyDays", () => Int, { nullable: true, description: HISTORY_DAYS_DESCRIPTION }) historyDays: number | null,
  ) {
    return new OpenItemsService(ctx.db).initiativeForecast({ id, asOf, seed, runs, historyDays });
  }

  @Mutation(() => ServiceLevelSetting, {
    description:
      "Sets the service level of a process's stage (\"85% within `days` working days\"), or with `days: null` clears it so the stage's historical p85 applies again. Stored as data (the `meta` table). Admin keys only. Errors: BAD_USER_INPUT naming `process`, `stage` or `days`.",
  })
  async setServiceLevel(
    @Ctx() ctx: HubContext,
    @Arg("process", () => String, { description: "Process slug (e.g. loti-2019)." }) process: string,
    @Arg("stage", () => String, { description: "Stage code (e.g. DPIA)." }) stage: string,
    @Arg("days", () => Int, { nullable: true, description: "Working days (1..1000), or null to clear." }) days: number | null,
  ) {
    return new OpenItemsService(ctx.db).setServiceLevel(process, stage, days);
  }
}
