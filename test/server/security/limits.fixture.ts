import { ApolloServer, HeaderMap } from "@apollo/server";
import { buildSchema, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import type { Viewer } from "../../../schema/context.js";
import { createSecurity, type SecurityOptions } from "../../../server/security/hub-security.js";

// A small schema with the shapes the limits care about: nested connections with `first`.
const SDL = `
  type Query {
    "Boroughs, a page at a time."
    boroughs(first: Int = 20): BoroughConnection!
    "Fails unexpectedly (tests error masking)."
    broken: String
    "Echo."
    hello: String
  }
  type BoroughConnection { edges: [BoroughEdge!]! totalCount: Int! }
  type BoroughEdge { node: Borough! }
  type Borough { code: String! name: String! initiatives(first: Int = 20): InitiativeConnection! }
  type InitiativeConnection { edges: [InitiativeEdge!]! }
  type InitiativeEdge { node: Initiative! }
  type Initiative { id: String! title: String! }
`;

function schemaWithResolvers(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const q = schema.getQueryType()!.getFields();
  const page = (n: number, make: (i: number) => unknown) => ({ edges: Array.from({ length: n }, (_, i) => ({ node: make(i) })), totalCount: n });
  q.boroughs!.resolve = (_s, a: { first: number }) => page(Math.min(a.first, 3), (i) => ({ code: `E0900000${i + 1}`, name: `B${i}` }));
  q.broken!.resolve = () => {
    throw new Error("SQLITE_CANTOPEN: /srv/secret/path/ighub.db");
  };
  q.hello!.resolve = () => "hi";
  // As type-graphql's `@Query(..., { complexity: 5000 })` would declare an expensive field.
  (q.broken as { extensions: Record<string, unknown> }).extensions = { complexity: 5000 };
  (schema.getType("Borough") as GraphQLObjectType).getFields().initiatives!.resolve = (b: { code: string }, a: { first: number }) =>
    page(Math.min(a.first, 2), (i) => ({ id: `${b.code}-${i}`, title: "t" }));
  return schema;
}

export const anonymous: Viewer = { role: "anonymous", keyId: null, boroughs: [] };

/** An Apollo Server over the small schema with `createSecurity(options)`, and a POST helper. */
export async function makeServer(options: SecurityOptions) {
  const security = createSecurity(options);
  const server = new ApolloServer<{ viewer: Viewer }>({ schema: security.instrument(schemaWithResolvers()), ...security.apollo } as never);
  await server.start();
  const post = async (body: unknown, viewer: Viewer = anonymous, accept = "application/graphql-response+json") => {
    const res = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"], ["accept", accept]]), search: "", body },
      context: async () => ({ viewer }),
    });
    const text = res.body.kind === "complete" ? res.body.string : "";
    return { status: res.status ?? 200, headers: res.headers, json: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };
  };
  return { server, security, post };
}
