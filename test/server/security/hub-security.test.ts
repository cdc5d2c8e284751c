import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../server/security/limits.js";
import { makeServer } from "./limits.fixture.js";

describe("query limits", () => {
  let h: Awaited<ReturnType<typeof makeServer>>;
  beforeAll(async () => {
    h = await makeServer({ production: false });
  });
  afterAll(() => h.server.stop());

  it("has the documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxDepth: 10, maxIntrospectionDepth: 21, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxCost: 50_000, defaultPageSize: 20, maxPageSize: 100,
      maxBodyBytes: 1_048_576, maxResponseBytes: 10_485_760, costPerMinute: 1_000_000, timeLimitMs: 10_000,
      heavyConcurrency: 2, heavyQueue: 16, exportCost: 10_000,
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

  it("refuses batched requests with BATCHING_DISABLED", async () => {
    const res = await h.post([{ query: "{ hello }" }, { query: "{ hello }" }]);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ message: "Batched requests are off: send one operation per request (a JSON object, not an array).", extensions: { code: "BATCHING_DISABLED" } }]);
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
