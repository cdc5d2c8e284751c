import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { MetricFilter } from "./metric-filter.input.js";
import { Agreement, ReviewState } from "./agreement-register.type.js";
import { OpenItemsService } from "./open-items.service.js";

/** `agreementRegister`. */
@Resolver(() => Agreement)
export class AgreementRegisterResolver {
  @Query(() => [Agreement], {
    description:
      "The register of live agreements: every initiative whose ISA was approved by asOf and matches the filter (`filter.stages` is ignored), with its review due date — the REVIEW stage's submission date when one follows the approval and was not approved by asOf (RECORDED), else 12 months after the ISA's approval, or after the REVIEW's approval once it was approved (INTERVAL) — and its state. Ordered by due date, then initiative id.",
  })
  async agreementRegister(
    @Ctx() ctx: HubContext,
    @Arg("filter", () => MetricFilter, { nullable: true, description: "Which initiatives (tools, boroughs, practices, ISA submission dates)." }) filter: MetricFilter | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to judge at (default now)." }) asOf: Date | null,
    @Arg("dueWithinDays", () => Int, { nullable: true, defaultValue: 90, description: "DUE_SOON window in calendar days (default 90: WEISF notifies 3 months ahead)." }) dueWithinDays: number | null,
    @Arg("state", () => [ReviewState], { nullable: true, description: "Only agreements in these states (e.g. [OVERDUE]); all when absent." }) state: ReviewState[] | null,
  ) {
    return new OpenItemsService(ctx.db).agreementRegister({ filter, asOf, dueWithinDays, states: state });
  }
}
