import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Borough } from "../borough/borough.type.js";
import type { HubContext } from "../context.js";
import { Organisation } from "../organisation/organisation.type.js";
import { InitiativeBorough } from "./initiative-borough.type.js";
import { InitiativePartner } from "./initiative-partner.type.js";

/** The borough of a participation, through the borough loader. */
@Resolver(() => InitiativeBorough)
export class InitiativeBoroughResolver {
  @FieldResolver(() => Borough, { description: "The participating borough." })
  async borough(@Root() p: InitiativeBorough, @Ctx() ctx: HubContext) {
    return ctx.loaders.borough.byCode.load(p.authorityCode);
  }
}

/** The organisation of a partnership, through the organisation loader. */
@Resolver(() => InitiativePartner)
export class InitiativePartnerResolver {
  @FieldResolver(() => Organisation, { description: "The partner organisation." })
  async organisation(@Root() p: InitiativePartner, @Ctx() ctx: HubContext) {
    return ctx.loaders.organisation.bySlug.load(p.organisationSlug);
  }
}
