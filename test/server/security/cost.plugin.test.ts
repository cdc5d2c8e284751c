import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../../schema/context.js";
import { makeServer } from "./limits.fixture.js";

describe("query cost", () => {
  let h: Awaited<ReturnType<typeof makeServer>>;
  beforeAll(async () => {
    h = await makeServer({ production: false });
  });
  afterAll(() => h.server.stop());

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
        message: "Query cost 40401 exceeds the cost limit of 40400 (each field costs 1, multiplied by the first/last of every connection above it; an analytics query costs its groups × (percentiles + 1) and the rows it reads): ask for smaller pages, fewer nested connections, or fewer groups and percentiles.",
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
