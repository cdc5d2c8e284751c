import { InitiativeMutationResolver } from "./initiative.mutation.resolver.js";
import { StageEventsMutationResolver } from "./stage-events.mutation.resolver.js";

/**
 * Resolver classes of the write side (recording events, editing initiatives): add each
 * `*.mutation.resolver.ts` class here; schema/index.ts includes them in the hub schema.
 */
export const initiativeMutationResolvers: Function[] = [InitiativeMutationResolver, StageEventsMutationResolver];
