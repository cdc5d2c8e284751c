import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { ToolQueries } from "../../db/queries/index.js";
import type { HubContext } from "../context.js";
import { ConnectionArgs } from "../common/connection.args.js";
import { keyedPage } from "../common/simple-page.js";
import { InitiativeConnection } from "../initiative/initiative-connection.type.js";
import { InitiativeFilter } from "../initiative/initiative.input.js";
import { listInitiativesOf } from "../initiative/initiative.service.js";
import { ToolAdoption } from "./tool-adoption.type.js";
import { ToolConnection } from "./tool-connection.type.js";
import { ToolFeatureSupport } from "./tool-feature-support.type.js";
import { Tool } from "./tool.type.js";

/** Tools: the root lists and the fields that cross to other tables (all through loaders). */
@Resolver(() => Tool)
export class ToolResolver {
  @Query(() => ToolConnection, { description: "The IG tools compared by the hub, and `manual` (the baseline), by slug." })
  async tools(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: HubContext) {
    const q = new ToolQueries(ctx.db);
    return keyedPage("tool", args, (t: Tool) => t.slug, (after, limit) => q.page(after, limit), () => q.count(), ctx.loaders.levels);
  }

  @Query(() => Tool, { nullable: true, description: "One tool by slug (e.g. `isg`); null when there is none." })
  async tool(@Arg("slug", () => String, { description: "The tool's slug." }) slug: string, @Ctx() ctx: HubContext) {
    return ctx.loaders.tool.bySlug.load(slug);
  }

  @FieldResolver(() => [ToolFeatureSupport], { description: "How far the tool supports each feature of the comparison, in the comparison's order." })
  async features(@Root() tool: Tool, @Ctx() ctx: HubContext) {
    return ctx.loaders.tool.support.load(tool.slug);
  }

  @FieldResolver(() => [ToolAdoption], { description: "Which boroughs have used the tool, and when." })
  async adoptions(@Root() tool: Tool, @Ctx() ctx: HubContext) {
    return ctx.loaders.tool.adoptionsOfTool.load(tool.slug);
  }

  @FieldResolver(() => InitiativeConnection, { description: "Initiatives whose IG ran on this tool, by id." })
  initiatives(
    @Root() tool: Tool,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => InitiativeFilter, { nullable: true, description: "Further conditions on the initiatives." }) filter: InitiativeFilter | null,
    @Ctx() ctx: HubContext,
  ) {
    return listInitiativesOf(ctx, "tool", tool.slug, args, filter);
  }
}
