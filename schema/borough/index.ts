import { BoroughResolver } from "./borough.resolver.js";
import { IgContactResolver } from "./ig-contact.resolver.js";

export { Borough } from "./borough.type.js";
export { IgContact } from "./ig-contact.type.js";
/** Resolvers of the borough domain. */
export const boroughResolvers = [BoroughResolver, IgContactResolver] as const;
