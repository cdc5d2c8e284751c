import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap } from "type-graphql";
import { boroughResolvers } from "./borough/index.js";
import type { HubContext } from "./context.js";
import { datasetResolvers } from "./dataset/index.js";
import { directResolvers } from "./direct-resolvers.js";
import { ingestResolvers } from "./ingest/index.js";
import { initiativeResolvers } from "./initiative/index.js";
import { initiativeMutationResolvers } from "./initiative/initiative.mutation.resolvers.js";
import { metricsResolvers } from "./metrics/index.js";
import { organisationResolvers } from "./organisation/index.js";
import { reportResolvers } from "./report/index.js";
import { DateTimeScalar } from "./scalars.js";
import { FEDERATION_LINK, printWithDirectives } from "./sdl.js";
import { toolResolvers } from "./tool/index.js";

/** Every resolver class of the hub, by domain. */
export const hubResolvers: Function[] = [
  ...boroughResolvers,
  ...toolResolvers,
  ...organisationResolvers,
  ...initiativeResolvers,
  ...datasetResolvers,
  ...metricsResolvers,
  ...reportResolvers,
  ...ingestResolvers,
  // Writes (record events, edit initiatives): `*.mutation.resolver.ts` classes listed in
  // schema/initiative/initiative.mutation.resolvers.ts.
  ...initiativeMutationResolvers,
];

type Ref = Record<string, unknown>;

/**
 * How the gateway resolves the hub's entities from their keys (`_entities`): through the same
 * per-request loaders as every other field, so a batch of representations costs one query.
 */
const referenceResolvers = {
  Borough: { __resolveReference: (ref: Ref, ctx: HubContext) => ctx.loaders.borough.byCode.load(String(ref.code)) },
  Tool: { __resolveReference: (ref: Ref, ctx: HubContext) => ctx.loaders.tool.bySlug.load(String(ref.slug)) },
  Organisation: { __resolveReference: (ref: Ref, ctx: HubContext) => ctx.loaders.organisation.bySlug.load(String(ref.slug)) },
  Initiative: { __resolveReference: (ref: Ref, ctx: HubContext) => ctx.loaders.initiative.byId.load(String(ref.id)) },
};

/** The type-graphql schema before federation (types sorted, `@key` directives kept) as SDL. */
async function buildTypeSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: hubResolvers as [Function, ...Function[]],
    // A field typed `Date` in TypeScript means an instant unless it names DateScalar explicitly.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
}

/**
 * Builds the hub's executable Federation 2 subgraph schema: type-graphql types and resolvers,
 * printed with their `@key` directives under a federation v2.7 `@link`, then passed to
 * `@apollo/subgraph`'s buildSubgraphSchema (which adds `_service` and `_entities`), with
 * `__resolveReference` for Borough, Tool, Organisation and Initiative.
 */
export async function buildHubSchema(): Promise<GraphQLSchema> {
  const typeSchema = await buildTypeSchema();
  const resolvers = createResolversMap(typeSchema) as Record<string, Record<string, unknown>>;
  // Handlers of the root and the context only, called directly (schema/direct-resolvers.ts).
  for (const [type, fields] of directResolvers(hubResolvers)) {
    for (const [field, resolve] of fields) if (typeof resolvers[type]?.[field] === "function") resolvers[type]![field] = resolve;
  }
  for (const [type, extra] of Object.entries(referenceResolvers)) resolvers[type] = { ...resolvers[type], ...extra };
  return buildSubgraphSchema({
    typeDefs: parse(FEDERATION_LINK + printWithDirectives(typeSchema)),
    resolvers: resolvers as never,
  });
}

/** The subgraph SDL as `_service { sdl }` serves it and `schema.graphql` commits it. */
export async function printHubSdl(): Promise<string> {
  return printSubgraphSchema(await buildHubSchema()).trimEnd() + "\n";
}
