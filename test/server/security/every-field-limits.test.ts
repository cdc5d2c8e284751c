import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeServer } from "./limits.fixture.js";

describe("limits count introspection and __typename fields too", () => {
  let h: Awaited<ReturnType<typeof makeServer>>;
  beforeAll(async () => {
    h = await makeServer({ production: false });
  });
  afterAll(() => h.server.stop());

  const codes = async (query: string) => (await h.post({ query })).json.errors?.map((e) => [e.extensions.code, e.message]);

  it("refuses 200 __typename aliases with ALIAS_LIMIT_EXCEEDED", async () => {
    const query = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const res = await h.post({ query });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { message: "Aliases limit of 15 exceeded, found 200. The alias limit is 15: send several smaller queries.", extensions: { code: "ALIAS_LIMIT_EXCEEDED", limit: 15 } },
    ]);
    // 15 are fine.
    expect((await h.post({ query: `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: __typename`).join(" ")} }` })).json).toEqual({
      data: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`a${i}`, "Query"])),
    });
  });

  it("counts introspection fields in the depth of an ordinary query", async () => {
    // __schema(1) queryType(2) ofType × 8 (3..10) name(11): Armor skipped all of it before.
    const deep = `{ hello __schema { queryType { ${"ofType { ".repeat(8)}name${" }".repeat(8)} } } }`;
    expect(await codes(deep)).toEqual([["DEPTH_LIMIT_EXCEEDED", "Query depth limit of 10 exceeded, found 11. The depth limit is 10: split the query into shallower ones."]]);
  });

  it("lets a GraphQL tool read the schema (getIntrospectionQuery) and refuses introspection nested deeper than its own limit", async () => {
    const full = await h.post({ query: getIntrospectionQuery() });
    expect(full.json.errors).toBeUndefined();
    expect((full.json.data as { __schema: { queryType: { name: string } } }).__schema.queryType.name).toBe("Query");
    // __schema(1) queryType(2) ofType × n name: depth n + 3. (graphql-js's own rule refuses lists
    // of fields nested more than 3 deep in introspection; this is the depth of everything else.)
    const chain = (n: number) => `{ __schema { queryType { ${"ofType { ".repeat(n)}name${" }".repeat(n)} } } }`;
    expect(await codes(chain(18))).toBeUndefined();
    expect(await codes(chain(19))).toEqual([
      ["DEPTH_LIMIT_EXCEEDED", "Introspection depth limit of 21 exceeded, found 22. The introspection depth limit is 21."],
    ]);
  });

  it("counts directives on introspection fields", async () => {
    const query = `{ ${"__typename @include(if: true) @skip(if: false) ".repeat(26)}}`; // 52 directives
    expect((await codes(query))?.map(([code]) => code)).toEqual(["DIRECTIVE_LIMIT_EXCEEDED"]);
  });
});
