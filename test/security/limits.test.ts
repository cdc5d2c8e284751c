import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { buildSchema, type GraphQLSchema } from "graphql";
import { createSecurity, DEFAULT_LIMITS, prefersGraphQLResponseJson, readBodyLimited, PayloadTooLargeError, payloadTooLargeBody, type SecurityOptions } from "../../server/security/limits.js";
import type { Viewer } from "../../schema/context.js";

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
  (schema.getType("Borough") as import("graphql").GraphQLObjectType).getFields().initiatives!.resolve = (b: { code: string }, a: { first: number }) =>
    page(Math.min(a.first, 2), (i) => ({ id: `${b.code}-${i}`, title: "t" }));
  return schema;
}

const anonymous: Viewer = { role: "anonymous", keyId: null, boroughs: [] };

async function makeServer(options: SecurityOptions) {
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

describe("query limits", () => {
  let h: Awaited<ReturnType<typeof makeServer>>;
  beforeAll(async () => {
    h = await makeServer({ production: false });
  });
  afterAll(() => h.server.stop());

  it("has the documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxDepth: 10, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxCost: 50_000, defaultPageSize: 20, maxPageSize: 100,
      maxBodyBytes: 1_048_576, costPerMinute: 1_000_000, timeLimitMs: 10_000,
    });
  });

  it("refuses a query deeper than the depth limit with DEPTH_LIMIT_EXCEEDED", async () => {
    // The deepest path of this schema is 7 (boroughs.edges.node.initiatives.edges.node.id), so the
    // limit is lowered to 6 to see the refusal; the hub's schema is tested at its default of 10.
    const ok = await h.post({ query: "{ boroughs(first: 1) { edges { node { initiatives(first: 1) { edges { node { id } } } } } } }" });
    expect(ok.json.errors).toBeUndefined();
    const small = await makeServer({ production: false, limits: { maxDepth: 6 } });
    const deep = await small.post({ query: "{ boroughs(first: 1) { edges { node { initiatives(first: 1) { edges { node { id } } } } } } }" });
    await small.server.stop();
    expect(deep.status).toBe(400);
    expect(deep.json.errors).toEqual([
      { message: "Query depth limit of 6 exceeded, found 7. The depth limit is 6: split the query into shallower ones.", extensions: { code: "DEPTH_LIMIT_EXCEEDED", limit: 6 } },
    ]);
  });

  it("refuses more than 15 aliases with ALIAS_LIMIT_EXCEEDED", async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: hello`).join(" ")} }`;
    expect((await h.post({ query: aliases(15) })).json.errors).toBeUndefined();
    const res = await h.post({ query: aliases(16) });
    expect(res.status).toBe(400);
    expect(res.json.errors?.map((e) => [e.extensions.code, e.extensions.limit])).toEqual([["ALIAS_LIMIT_EXCEEDED", 15]]);
    expect(res.json.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded, found 16\. The alias limit is 15/);
  });

  it("refuses more than 50 directives with DIRECTIVE_LIMIT_EXCEEDED", async () => {
    const directives = (n: number) => `{ ${"hello @include(if: true) ".repeat(n)} }`;
    expect((await h.post({ query: directives(50) })).json.errors).toBeUndefined();
    const res = await h.post({ query: directives(51) });
    expect(res.status).toBe(400);
    expect(res.json.errors?.map((e) => [e.extensions.code, e.extensions.limit])).toEqual([["DIRECTIVE_LIMIT_EXCEEDED", 50]]);
  });

  it("refuses more than 2000 tokens with TOKEN_LIMIT_EXCEEDED", async () => {
    const res = await h.post({ query: `{ ${"hello ".repeat(2001)} }` });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { message: "The query has more than 2000 tokens, the token limit: shorten it or split it.", locations: expect.any(Array), extensions: { code: "TOKEN_LIMIT_EXCEEDED", limit: 2000 } },
    ]);
  });

  it("costs connections GitHub-style (first multiplies what is below it) and refuses above the limit, variables included", async () => {
    const query = "query Q($a: Int, $b: Int) { boroughs(first: $a) { edges { node { code initiatives(first: $b) { edges { node { id title } } } } } } }";
    // node of an initiative page: edges(1) + node(1) + id(1) + title(1) = 4 → initiatives = 1 + b*4;
    // one borough: edges + node + code + initiatives = 3 + (1 + 4b) → boroughs = 1 + a*(4 + 4b).
    const cost = (a: number, b: number) => 1 + a * (4 + 4 * b);
    expect(cost(100, 100)).toBe(40_401);
    expect((await h.post({ query, variables: { a: 100, b: 100 } })).json.errors).toBeUndefined();
    const tight = await makeServer({ production: false, limits: { maxCost: 40_400 } });
    const res = await tight.post({ query, variables: { a: 100, b: 100 } });
    await tight.server.stop();
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      {
        message: "Query cost 40401 exceeds the cost limit of 40400 (each field costs 1, multiplied by the first/last of every connection above it): ask for smaller pages or fewer nested connections.",
        extensions: { code: "COST_LIMIT_EXCEEDED", limit: 40_400, cost: 40_401 },
      },
    ]);
  });

  it("lets a field declare its own cost (type-graphql `complexity`)", async () => {
    const tight = await makeServer({ production: false, limits: { maxCost: 4999 } });
    const res = await tight.post({ query: "{ broken }" });
    await tight.server.stop();
    expect(res.json.errors?.map((e) => [e.extensions.code, e.extensions.cost])).toEqual([["COST_LIMIT_EXCEEDED", 5000]]);
  });

  it("refuses batched requests with BATCHING_DISABLED", async () => {
    const res = await h.post([{ query: "{ hello }" }, { query: "{ hello }" }]);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ message: "Batched requests are off: send one operation per request (a JSON object, not an array).", extensions: { code: "BATCHING_DISABLED" } }]);
  });
});

describe("status codes (GraphQL over HTTP)", () => {
  it("negotiates like Apollo: graphql-response+json only when the client prefers it", () => {
    expect(
      ["application/graphql-response+json, application/json", "application/json", "*/*", "", "application/json;q=0.5, application/graphql-response+json", "application/*, application/graphql-response+json", "application/json, application/graphql-response+json"].map(
        prefersGraphQLResponseJson,
      ),
    ).toEqual([true, false, false, false, true, true, false]);
  });

  it("answers request errors with 200 to legacy application/json clients and 400 to graphql-response+json clients", async () => {
    const h = await makeServer({ production: false });
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: hello`).join(" ")} }`;
    for (const query of ["{ hello", "{ nope }", aliases]) {
      expect((await h.post({ query }, anonymous, "application/json")).status).toBe(200);
      expect((await h.post({ query }, anonymous, "application/graphql-response+json")).status).toBe(400);
    }
    // A request that is not GraphQL at all stays 400 for everyone.
    expect((await h.post({ variables: {} }, anonymous, "application/json")).status).toBe(400);
    await h.server.stop();
  });
});

describe("rate limit by cost per minute", () => {
  it("refuses a key that spent its budget with RATE_LIMITED (429, Retry-After), counts keys apart, and refills over time", async () => {
    let now = 1_000_000;
    const h = await makeServer({ production: false, now: () => now, limits: { costPerMinute: 100 } });
    const query = "{ boroughs(first: 10) { totalCount } }"; // 1 + 10 * 1 = 11
    const alice: Viewer = { role: "viewer", keyId: "aaaaaaaaaaaaaaaa", boroughs: [] };
    for (let i = 0; i < 9; i++) expect((await h.post({ query }, alice)).json.errors).toBeUndefined();
    const refused = await h.post({ query }, alice);
    expect(refused.status).toBe(429);
    // 9 × 11 = 99 spent, 1 left: 10 more units refill in 6 s at 100 a minute.
    expect(refused.headers.get("retry-after")).toBe("6");
    expect(refused.json.errors).toEqual([
      {
        message: "Rate limit of 100 cost units per minute for key aaaaaaaaaaaaaaaa reached (this query costs 11): retry in 6 s.",
        extensions: { code: "RATE_LIMITED", limit: 100, retryAfterSeconds: 6, cost: 11 },
      },
    ]);
    expect((await h.post({ query })).json.errors).toBeUndefined(); // anonymous has its own bucket
    now += 6_000; // 10 units back
    expect((await h.post({ query }, alice)).json.errors).toBeUndefined();
    await h.server.stop();
  });
});

describe("time limit", () => {
  it("turns a request that runs past the limit into one TIME_LIMIT_EXCEEDED error", async () => {
    let now = 0;
    // Each read of the clock moves it 1 s: the deadline (2 s) passes after a couple of resolvers
    // (the check runs in fields with their own resolver, where the time goes).
    const h = await makeServer({ production: false, now: () => (now += 1000), limits: { timeLimitMs: 2000 } });
    const res = await h.post({ query: "{ boroughs(first: 3) { edges { node { code name initiatives(first: 1) { edges { node { id } } } } } } }" });
    await h.server.stop();
    expect(res.json).toEqual({
      data: null,
      errors: [
        {
          message: "The request exceeded the time limit of 2000 ms: ask for less (smaller pages, fewer nested fields) or narrow the filters.",
          extensions: { code: "TIME_LIMIT_EXCEEDED", limit: 2000 },
        },
      ],
    });
  });
});

describe("production error hygiene", () => {
  it("hides unexpected error details and stack traces, and field suggestions", async () => {
    const prod = await makeServer({ production: true });
    const broken = await prod.post({ query: "{ broken }" });
    expect(broken.json).toEqual({
      data: { broken: null },
      errors: [{ message: "Internal server error: the request could not be completed. The error has been logged.", path: ["broken"], extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    const typo = await prod.post({ query: "{ helo }" });
    expect(typo.json.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(typo.json.errors?.[0]?.message).toMatch(/Cannot query field "helo" on type "Query"/);
    await prod.server.stop();

    const dev = await makeServer({ production: false });
    expect((await dev.post({ query: "{ helo }" })).json.errors?.[0]?.message).toMatch(/Did you mean "hello"/);
    expect((await dev.post({ query: "{ broken }" })).json.errors?.[0]?.message).toMatch(/SQLITE_CANTOPEN/);
    await dev.server.stop();
  });
});

describe("request body size", () => {
  const req = (body: string, headers: Record<string, string> = {}) => Object.assign(Readable.from([Buffer.from(body)]), { headers });

  it("reads bodies up to the limit and refuses larger ones, declared or streamed", async () => {
    expect(await readBodyLimited(req("x".repeat(100)), 100)).toBe("x".repeat(100));
    await expect(readBodyLimited(req("x".repeat(101)), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(readBodyLimited(req("x", { "content-length": "5000000" }), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(JSON.parse(payloadTooLargeBody(1_048_576))).toEqual({
      errors: [{ message: "The request body is larger than the limit of 1048576 bytes: send a smaller query or fewer variables.", extensions: { code: "PAYLOAD_TOO_LARGE", limit: 1_048_576 } }],
    });
  });
});
