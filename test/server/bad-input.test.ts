import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWN_CONNECTION, securityHub } from "./security/fixture.js";

// Bad requests are answered 4xx with a message naming what was wrong (issue 12, point 4), on both
// execution paths (graphql-js first, graphql-jit once a document is hot): each is sent twice.

let f: Awaited<ReturnType<typeof securityHub>>;
beforeAll(async () => {
  f = await securityHub();
});
afterAll(() => f.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(f.hub.url, { method: "POST", headers: { ...OWN_CONNECTION, "content-type": "application/json", accept: "application/graphql-response+json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: JSON.parse(await res.text()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}
async function twice(body: unknown, headers: Record<string, string> = {}) {
  const first = await post(body, headers);
  expect(await post(body, headers)).toEqual(first);
  return first;
}

describe("operation selection", () => {
  it("an unknown operationName is 400 OPERATION_RESOLUTION_FAILURE, as Apollo answers on graphql-js", async () => {
    const r = await twice({ query: "query A { boroughs(first: 1) { totalCount } }", operationName: "B" });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ message: 'Unknown operation named "B".', extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }]);
  });

  it("two operations and none named is 400", async () => {
    const r = await twice({ query: "query A { boroughs(first: 1) { totalCount } } query B { dataset { kind } }" });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ message: "Must provide operation name if query contains multiple operations.", extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }]);
  });

  it("the named one of two operations runs", async () => {
    const r = await twice({ query: "query A { boroughs(first: 1) { totalCount } } query B { dataset { kind } }", operationName: "A" });
    expect(r).toEqual({ status: 200, json: { data: { boroughs: { totalCount: 33 } } } });
  });

  it("a subscription is 400 BAD_REQUEST: the hub has none", async () => {
    const r = await twice({ query: "subscription { x }" });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ message: "The hub has no subscriptions: send a query or a mutation.", extensions: { code: "BAD_REQUEST" } }]);
  });
});

describe("an empty key header is refused, not anonymous", () => {
  it("X-Api-Key: (empty) is 401 UNAUTHENTICATED naming the header", async () => {
    const r = await post({ query: "{ dataset { kind } }" }, { "x-api-key": "" });
    expect(r.status).toBe(401);
    expect(r.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["UNAUTHENTICATED", "The X-Api-Key header is empty: send the key (ighub_<id>_<secret>) or leave the header out."]]);
  });

  it("Authorization: (empty) is 401 too; no header at all is anonymous", async () => {
    expect((await post({ query: "{ dataset { kind } }" }, { authorization: "" })).status).toBe(401);
    expect(await post({ query: "{ dataset { kind } }" })).toMatchObject({ status: 200, json: { data: { dataset: { kind: expect.any(String) } } } });
  });
});

describe("search", () => {
  it("a 50,000-character search is BAD_USER_INPUT naming the maximum, not SQLite's 'pattern too complex'", async () => {
    const r = await post({ query: "query($s: String) { initiatives(first: 1, filter: { search: $s }) { totalCount } }", variables: { s: "a".repeat(50_000) } });
    expect(r.status).toBe(200);
    expect(r.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["BAD_USER_INPUT", "filter.search is at most 200 characters (got 50000)."]]);
  });

  it("a 200-character search runs", async () => {
    const r = await post({ query: "query($s: String) { initiatives(first: 1, filter: { search: $s }) { totalCount } }", variables: { s: "b".repeat(200) } });
    expect(r.json).toEqual({ data: { initiatives: { totalCount: 0 } } });
  });
});

describe("dates in messages are ISO dates", () => {
  it("flow from 0001-01-01 is refused by its span (2023 × 12 + 1 months), and a reversed range names both as ISO dates", async () => {
    const long = await post({ query: `{ flow(from: "0001-01-01", to: "2024-01-01") { __typename } }` });
    expect(long.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["BAD_USER_INPUT", "interval: from..to spans 24277 MONTH intervals; at most 1000 — use a longer interval or a shorter range"]]);
    const reversed = await post({ query: `{ flow(from: "2024-01-01", to: "0001-01-01") { __typename } }` });
    expect(reversed.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["BAD_USER_INPUT", "from: from (2024-01-01) is after to (0001-01-01); expected from ≤ to"]]);
    for (const r of [long, reversed]) expect(JSON.stringify(r.json)).not.toMatch(/GMT|Coordinated Universal Time/);
  });
});
