import { InitiativeResolver } from "./initiative.resolver.js";
import { InitiativeBoroughResolver, InitiativePartnerResolver } from "./participant.resolver.js";
import { ProcessResolver, StageResolver } from "./process.resolver.js";
import { SignOffResolver, StageEventResolver, StageSummaryResolver } from "./stage-event.resolver.js";

export { Initiative } from "./initiative.type.js";
/** Resolvers of the initiative domain (queries; mutation resolvers are listed in schema/index.ts). */
export const initiativeResolvers = [
  InitiativeResolver,
  InitiativeBoroughResolver,
  InitiativePartnerResolver,
  StageEventResolver,
  StageSummaryResolver,
  SignOffResolver,
  ProcessResolver,
  StageResolver,
] as const;
