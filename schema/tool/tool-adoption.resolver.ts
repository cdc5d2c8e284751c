import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Borough } from "../borough/borough.type.js";
import type { HubContext } from "../context.js";
import { ToolAdoption } from "./tool-adoption.type.js";
import { Tool } from "./tool.type.js";

/** The two ends of an adoption, through loaders. */
@Resolver(() => ToolAdoption)
export class ToolAdoptionResolver {
  @FieldResolver(() => Tool, { description: "The tool adopted." })
  async tool(@Root() a: ToolAdoption, @Ctx() ctx: HubContext) {
    return ctx.loaders.tool.bySlug.load(a.toolSlug);
  }

  @FieldResolver(() => Borough, { description: "The borough that adopted it." })
  async borough(@Root() a: ToolAdoption, @Ctx() ctx: HubContext) {
    return ctx.loaders.borough.byCode.load(a.authorityCode);
  }
}
