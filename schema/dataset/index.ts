import { DatasetResolver } from "./dataset.resolver.js";

/** Resolvers of the dataset label. */
export const datasetResolvers = [DatasetResolver] as const;
