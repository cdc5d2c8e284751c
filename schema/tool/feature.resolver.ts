import { Ctx, Query, Resolver } from "type-graphql";
import { ToolQueries } from "../../db/queries/index.js";
import type { HubContext } from "../context.js";
import { Feature } from "./feature.type.js";
import { Practice } from "./practice.type.js";

/** The small fixed vocabularies of the tool comparison: plain lists, not connections. */
@Resolver()
export class FeatureResolver {
  @Query(() => [Feature], { description: "Every feature tools are compared on, in the comparison's order (a short fixed list)." })
  async features(@Ctx() ctx: HubContext) {
    return new ToolQueries(ctx.db).features();
  }

  @Query(() => [Practice], { description: "Every practice (template or way of working) whose effect is measured, by slug (a short fixed list)." })
  async practices(@Ctx() ctx: HubContext) {
    return new ToolQueries(ctx.db).practices();
  }
}
