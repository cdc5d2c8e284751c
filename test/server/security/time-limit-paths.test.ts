import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { describe, expect, it } from "vitest";
import { createSecurity } from "../../../server/security/hub-security.js";
import { gql, securityHub } from "./fixture.js";

const EXCEEDED = {
  data: null,
  errors: [
    {
      message: "The request exceeded the time limit of 1000 ms: ask for less (smaller pages, fewer nested fields) or narrow the filters.",
      extensions: { code: "TIME_LIMIT_EXCEEDED", limit: 1000 },
    },
  ],
};

describe("time limit on both execution paths (graphql-js, then graphql-jit once the document is hot)", () => {
  /** A hub over a schema whose `slow` field moves the clock 5 s, as a long analytics resolver would take. */
  async function hub() {
    let clock = 0;
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: "Query",
        fields: {
          slow: { type: GraphQLString, resolve: () => ((clock += 5000), "done") },
          hello: { type: GraphQLString, resolve: () => "hi" },
        },
      }),
    });
    const security = createSecurity({ production: false, now: () => clock, limits: { timeLimitMs: 1000 } });
    return securityHub({}, { schema, security });
  }

  for (const [what, query] of [
    ["one long resolver (nothing starts after it)", "{ slow }"],
    ["a resolver starting after the budget is spent", "{ slow hello }"],
  ] as const) {
    it(`answers 200 with data: null and one TIME_LIMIT_EXCEEDED error, every run: ${what}`, async () => {
      const f = await hub();
      try {
        for (let run = 1; run <= 3; run++) {
          const r = await gql(f.hub.url, query);
          expect({ run, status: r.status, json: r.json }).toEqual({ run, status: 200, json: EXCEEDED });
        }
        // Within the budget: answered as usual on both paths.
        for (let run = 1; run <= 3; run++) expect((await gql(f.hub.url, "{ hello }")).json).toEqual({ data: { hello: "hi" } });
      } finally {
        await f.close();
      }
    });
  }
});
