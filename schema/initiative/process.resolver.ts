import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { HubContext } from "../context.js";
import { Process } from "./process.type.js";
import { Stage } from "./stage.type.js";

/** IG process definitions and their stages (data, not an enum). */
@Resolver(() => Process)
export class ProcessResolver {
  @Query(() => [Process], { description: "Every IG process definition, the default first (a short list)." })
  async processes(@Ctx() ctx: HubContext) {
    return ctx.loaders.initiative.processes();
  }

  @FieldResolver(() => [Stage], { description: "The process's stages in order." })
  async stages(@Root() p: Process, @Ctx() ctx: HubContext) {
    return ctx.loaders.initiative.stages.load(p.slug);
  }
}

/** The default process's stages, the quick way in for analysts. */
@Resolver()
export class StageResolver {
  @Query(() => [Stage], { description: "The stages of a process in order: the default process (`loti-2019`) unless one is named." })
  async stages(@Arg("process", () => String, { nullable: true, description: "Slug of the process; the default process when omitted." }) process: string | null, @Ctx() ctx: HubContext) {
    const slug = process ?? (await ctx.loaders.initiative.processes()).find((p) => p.isDefault)?.slug;
    return slug ? ctx.loaders.initiative.stages.load(slug) : [];
  }
}
