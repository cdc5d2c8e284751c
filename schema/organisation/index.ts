import { OrganisationResolver } from "./organisation.resolver.js";

export { Organisation } from "./organisation.type.js";
/** Resolvers of the organisation domain. */
export const organisationResolvers = [OrganisationResolver] as const;
