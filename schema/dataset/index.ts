import { DatasetResolver } from "./dataset.resolver.js";

export { describeDataset } from "./dataset.service.js";
/** Resolvers of the dataset label. */
export const datasetResolvers = [DatasetResolver] as const;
