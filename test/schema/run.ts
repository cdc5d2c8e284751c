import { graphql, print, type DocumentNode, type GraphQLSchema } from "graphql";
import type { HubDb } from "../../db/connection.js";
import { loadConfig } from "../../server/config.js";
import { createContext } from "../../server/context.js";
import { buildHubSchema } from "../../schema/index.js";

let schema: Promise<GraphQLSchema> | undefined;
/** The hub's subgraph schema, built once per test file. */
export const hubSchema = () => (schema ??= buildHubSchema());

/** Runs an operation against the schema with a fresh per-request context (anonymous viewer). */
export async function run(db: HubDb, query: string | DocumentNode, variables: Record<string, unknown> = {}) {
  const config = { ...loadConfig({}), dbPath: ":memory:", logLevel: "silent" as const };
  const contextValue = createContext({ db, config, viewer: { role: "anonymous", keyId: null, boroughs: [] } });
  const result = await graphql({ schema: await hubSchema(), source: typeof query === "string" ? query : print(query), variableValues: variables, contextValue });
  return JSON.parse(JSON.stringify(result)) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[] };
}
