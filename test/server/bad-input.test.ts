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
