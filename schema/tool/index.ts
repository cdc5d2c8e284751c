import { FeatureResolver } from "./feature.resolver.js";
import { ToolAdoptionResolver } from "./tool-adoption.resolver.js";
import { ToolResolver } from "./tool.resolver.js";

export { Tool } from "./tool.type.js";
/** Resolvers of the tool domain. */
export const toolResolvers = [ToolResolver, ToolAdoptionResolver, FeatureResolver] as const;
