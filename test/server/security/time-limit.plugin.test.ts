import { describe, expect, it } from "vitest";
import { makeServer } from "./limits.fixture.js";

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
