import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { BoroughQueries } from "../../db/queries/index.js";
import type { HubContext } from "../context.js";
import { ConnectionArgs } from "../common/connection.args.js";
import { keyedPage } from "../common/simple-page.js";
import { InitiativeConnection } from "../initiative/initiative-connection.type.js";
import { InitiativeFilter } from "../initiative/initiative.input.js";
import { listInitiativesOf } from "../initiative/initiative.service.js";
import { ToolAdoption } from "../tool/tool-adoption.type.js";
import { BoroughConnection } from "./borough-connection.type.js";
import { Borough } from "./borough.type.js";
import { IgContact } from "./ig-contact.type.js";

/** Boroughs: the root lists and the fields that cross to other tables (all through loaders). */
@Resolver(() => Borough)
export class BoroughResolver {
  @Query(() => BoroughConnection, { description: "The 33 London authorities, by GSS code." })
  async boroughs(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: HubContext) {
    const q = new BoroughQueries(ctx.db);
    return keyedPage("borough", args, (b: Borough) => b.code, (after, limit) => q.page(after, limit) as Borough[], () => q.count(), ctx.loaders.levels);
  }

  @Query(() => Borough, { nullable: true, description: "One authority by GSS code (e.g. E09000007 for Camden); null when there is none." })
  async borough(@Arg("code", () => String, { description: "ONS GSS code, E09000001..E09000033." }) code: string, @Ctx() ctx: HubContext) {
    return ctx.loaders.borough.byCode.load(code);
  }

  @FieldResolver(() => [IgContact], { description: "The borough's IG contacts by role (DPO, IG lead, SIRO, Caldicott guardian). Names and e-mails are personal data." })
  async igContacts(@Root() borough: Borough, @Ctx() ctx: HubContext) {
    return ctx.loaders.borough.contacts.load(borough.code);
  }

  @FieldResolver(() => InitiativeConnection, { description: "Initiatives the borough takes part in (as lead or participant), by id." })
  initiatives(
    @Root() borough: Borough,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => InitiativeFilter, { nullable: true, description: "Further conditions on the initiatives." }) filter: InitiativeFilter | null,
    @Ctx() ctx: HubContext,
  ) {
    return listInitiativesOf(ctx, "borough", borough.code, args, filter);
  }

  @FieldResolver(() => [ToolAdoption], { description: "The tools the borough has used for IG, and when." })
  async toolsAdopted(@Root() borough: Borough, @Ctx() ctx: HubContext) {
    return ctx.loaders.tool.adoptionsByBorough.load(borough.code);
  }
}
