import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { HubContext } from "../context.js";
import { DateTimeScalar } from "../scalars.js";
import { Digest } from "./digest.type.js";
import { digestData } from "./digest.service.js";
import { HISTORY_DAYS_DESCRIPTION } from "./open-items.resolver.js";

/** `digest`: the weekly digest's sections as data, for a dashboard (the rendered forms are the CLI's). */
@Resolver(() => Digest)
export class DigestResolver {
  @Query(() => Digest, {
    description:
      "One organisation's weekly digest as of asOf: the same sections as `hub report digest` (which renders them as Markdown, CSV or HTML), as data. Errors: BAD_USER_INPUT naming `organisation` (unknown code) or `historyDays`.",
  })
  async digest(
    @Ctx() ctx: HubContext,
    @Arg("organisation", () => String, { description: "The organisation's code (a borough's GSS code, e.g. E09000007)." }) organisation: string,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant to report at (default now)." }) asOf: Date | null,
    @Arg("historyDays", () => Int, { nullable: true, description: HISTORY_DAYS_DESCRIPTION }) historyDays: number | null,
  ) {
    const d = await digestData(ctx.db, organisation, asOf ?? new Date(), historyDays);
    return { ...d, synthetic: d.dataset.synthetic };
  }
}
