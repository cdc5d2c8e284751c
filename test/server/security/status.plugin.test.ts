import { describe, expect, it } from "vitest";
import { prefersGraphQLResponseJson } from "../../../server/security/status.plugin.js";
import { anonymous, makeServer } from "./limits.fixture.js";

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
