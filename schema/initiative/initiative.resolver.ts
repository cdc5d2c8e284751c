import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Borough } from "../borough/borough.type.js";
import type { HubContext } from "../context.js";
import { ConnectionArgs } from "../common/connection.args.js";
import { Practice } from "../tool/practice.type.js";
import { Tool } from "../tool/tool.type.js";
import { InitiativeBorough } from "./initiative-borough.type.js";
import { InitiativeConnection } from "./initiative-connection.type.js";
import { InitiativePartner } from "./initiative-partner.type.js";
import { InitiativeFilter } from "./initiative.input.js";
import { listEvents, listInitiatives, stageSummariesOf } from "./initiative.service.js";
import { Initiative } from "./initiative.type.js";
import { Process } from "./process.type.js";
import { StageEventConnection } from "./stage-event-connection.type.js";
import { StageSummary } from "./stage-summary.type.js";

/** Initiatives: the root lists and the fields that cross to other tables (all through loaders). */
@Resolver(() => Initiative)
export class InitiativeResolver {
  @Query(() => InitiativeConnection, { description: "Initiatives matching a filter, by id." })
  async initiatives(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => InitiativeFilter, { nullable: true, description: "Which initiatives to list; all when omitted." }) filter: InitiativeFilter | null,
    @Ctx() ctx: HubContext,
  ) {
    return listInitiatives(ctx, args, filter);
  }

  @Query(() => Initiative, { nullable: true, description: "One initiative by id; null when there is none." })
  async initiative(@Arg("id", () => ID, { description: "The initiative's id." }) id: string, @Ctx() ctx: HubContext) {
    return ctx.loaders.initiative.byId.load(id);
  }

  @FieldResolver(() => Borough, { description: "The borough that leads the initiative." })
  async leadBorough(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    return ctx.loaders.borough.byCode.load(i.leadBoroughCode);
  }

  @FieldResolver(() => [InitiativeBorough], { description: "Every participating borough with its role, the lead first: each must sign off every stage." })
  async boroughs(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    return ctx.loaders.initiative.boroughs.load(i.id);
  }

  @FieldResolver(() => [InitiativePartner], { description: "Partner organisations taking part." })
  async partners(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    return ctx.loaders.initiative.partners.load(i.id);
  }

  @FieldResolver(() => Tool, { description: "The tool the initiative's IG ran on (`manual` for e-mail and documents)." })
  async tool(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    return ctx.loaders.tool.bySlug.load(i.toolSlug);
  }

  @FieldResolver(() => [Practice], { description: "Templates and ways of working the initiative used." })
  async practices(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    const slugs = await ctx.loaders.initiative.practiceSlugs.load(i.id);
    const rows = await ctx.loaders.tool.practiceBySlug.loadMany(slugs);
    return rows.filter((p): p is Practice => p !== null && !(p instanceof Error));
  }

  @FieldResolver(() => Process, { description: "The IG process (stages and their order) the initiative follows." })
  async process(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    return ctx.loaders.initiative.processBySlug.load(i.processSlug);
  }

  @FieldResolver(() => StageEventConnection, { description: "The initiative's stage events (the audit trail), in time order." })
  async events(
    @Root() i: Initiative,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("stage", () => String, { nullable: true, description: "Only the events of this stage code (e.g. DPIA)." }) stage: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return listEvents(ctx, i.id, args, stage);
  }

  @FieldResolver(() => [StageSummary], {
    description: "Where each stage of the initiative's process stands, in process order: status, submitted and approved times, rounds, sign-offs and the boroughs still to sign.",
  })
  stageSummaries(@Root() i: Initiative, @Ctx() ctx: HubContext) {
    return stageSummariesOf(ctx, i);
  }
}
