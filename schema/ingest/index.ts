import { IngestRunResolver } from "./ingest-run.resolver.js";

/** Resolvers of the data-quality view of imports, syncs and pushes. */
export const ingestResolvers = [IngestRunResolver] as const;
