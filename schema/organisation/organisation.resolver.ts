import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { OrganisationQueries } from "../../db/queries/index.js";
import type { HubContext } from "../context.js";
import { ConnectionArgs } from "../common/connection.args.js";
import { keyedPage } from "../common/simple-page.js";
import { InitiativeConnection } from "../initiative/initiative-connection.type.js";
import { InitiativeFilter } from "../initiative/initiative.input.js";
import { listInitiativesOf } from "../initiative/initiative.service.js";
import { OrganisationConnection } from "./organisation-connection.type.js";
import { Organisation } from "./organisation.type.js";

/** Partner organisations: the root lists and their initiatives. */
@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => OrganisationConnection, { description: "Partner organisations (NHS trusts, police, GLA, ...), by slug." })
  async organisations(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: HubContext) {
    const q = new OrganisationQueries(ctx.db);
    return keyedPage("organisation", args, (o: Organisation) => o.slug, (after, limit) => q.page(after, limit), () => q.count(), ctx.loaders.levels);
  }

  @Query(() => Organisation, { nullable: true, description: "One partner organisation by slug; null when there is none." })
  async organisation(@Arg("slug", () => String, { description: "The organisation's slug." }) slug: string, @Ctx() ctx: HubContext) {
    return ctx.loaders.organisation.bySlug.load(slug);
  }

  @FieldResolver(() => InitiativeConnection, { description: "Initiatives the organisation takes part in, by id." })
  initiatives(
    @Root() organisation: Organisation,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => InitiativeFilter, { nullable: true, description: "Further conditions on the initiatives." }) filter: InitiativeFilter | null,
    @Ctx() ctx: HubContext,
  ) {
    return listInitiativesOf(ctx, "organisation", organisation.slug, args, filter);
  }
}
