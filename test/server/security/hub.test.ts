import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../../../db/keys.js";
import { createSecurity } from "../../../server/security/hub-security.js";
import { CAMDEN, OWN_CONNECTION, gql, securityHub } from "./fixture.js";

type Fixture = Awaited<ReturnType<typeof securityHub>>;

describe("the hub over HTTP", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await securityHub();
  });
  afterAll(() => f.close());

  describe("who is asking", () => {
    it("serves anonymous reads when the configuration allows them", async () => {
      const r = await gql(f.hub.url, "{ boroughs(first: 50) { totalCount } }");
      expect(r).toMatchObject({ status: 200, json: { data: { boroughs: { totalCount: 33 } } } });
    });

    it("refuses a revoked key on the very next request (401 UNAUTHENTICATED), without falling back to anonymous", async () => {
      const { keys, db, hub } = await securityHub();
      try {
        const ok = await gql(hub.url, "{ boroughs(first: 1) { totalCount } }", { key: keys.viewer.secret });
        expect(ok.status).toBe(200);
        revokeApiKey(db, keys.viewer.id);
        const refused = await gql(hub.url, "{ boroughs(first: 1) { totalCount } }", { key: keys.viewer.secret });
        expect(refused.status).toBe(401);
        expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="ighub"');
        expect(refused.json).toEqual({ errors: [{ message: `API key ${keys.viewer.id} was revoked: ask an admin for a new key.`, extensions: { code: "UNAUTHENTICATED" } }] });
      } finally {
        await hub.close();
        db.close();
      }
    });

    it("requires a key when anonymous reads are off (the production default)", async () => {
      const p = await securityHub({ allowAnonymousRead: false });
      try {
        const refused = await gql(p.hub.url, "{ boroughs(first: 1) { totalCount } }");
        expect(refused.status).toBe(401);
        expect(refused.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        expect(refused.json.data).toBeUndefined();
        const ok = await gql(p.hub.url, "{ boroughs(first: 1) { totalCount } }", { headers: { "x-api-key": p.keys.viewer.secret } });
        expect(ok.json).toEqual({ data: { boroughs: { totalCount: 33 } } });
      } finally {
        await p.close();
      }
    });
  });

  describe("personal data", () => {
    const q = `{ borough(code: "${CAMDEN}") { igContacts { role name email } } }`;
    it.each(["anonymous", "viewer", "hackney"] as const)("is null with FORBIDDEN for %s", async (who) => {
      const r = await gql(f.hub.url, q, { key: who === "anonymous" ? undefined : f.keys[who].secret });
      expect(r.status).toBe(200);
      expect(r.json.data).toEqual({ borough: { igContacts: [{ role: "DPO", name: null, email: null }] } });
      expect(r.json.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(JSON.stringify(r.json)).not.toMatch(/Ada|ada@/);
    });
    it.each(["camden", "admin"] as const)("is shown to %s", async (who) => {
      const r = await gql(f.hub.url, q, { key: f.keys[who].secret });
      expect(r.json).toEqual({ data: { borough: { igContacts: [{ role: "DPO", name: "Ada Camden", email: "ada@camden.example" }] } } });
    });
  });

  describe("limits on the hub's own schema", () => {
    it("refuses depth 11 with DEPTH_LIMIT_EXCEEDED", async () => {
      const deep = '{ initiative(id: "i-1") { leadBorough { initiatives { edges { node { leadBorough { initiatives { edges { node { leadBorough { code } } } } } } } } } } }';
      const r = await gql(f.hub.url, deep);
      expect(r.status).toBe(400);
      expect(r.json.errors).toEqual([{ message: expect.stringMatching(/^Query depth limit of 10 exceeded, found 11\./), extensions: { code: "DEPTH_LIMIT_EXCEEDED", limit: 10 } }]);
    });

    it("refuses nested 100-item pages with COST_LIMIT_EXCEEDED before running them", async () => {
      const r = await gql(f.hub.url, "{ boroughs(first: 100) { edges { node { initiatives(first: 100) { edges { node { events(first: 100) { edges { node { kind } } } } } } } } } }");
      expect(r.status).toBe(400);
      expect(r.json.errors?.map((e) => e.extensions?.code)).toEqual(["COST_LIMIT_EXCEEDED"]);
      expect(r.json.errors?.[0]?.message).toMatch(/exceeds the cost limit of 50000/);
    });

    it("refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE", async () => {
      const res = await fetch(f.hub.url, { method: "POST", headers: { ...OWN_CONNECTION, "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } }) });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ errors: [{ message: "The request body is larger than the limit of 1048576 bytes: send a smaller query or fewer variables.", extensions: { code: "PAYLOAD_TOO_LARGE", limit: 1_048_576 } }] });
    });

    it("refuses batched requests with BATCHING_DISABLED", async () => {
      const res = await fetch(f.hub.url, { method: "POST", headers: { ...OWN_CONNECTION, "content-type": "application/json" }, body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]) });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].extensions.code).toBe("BATCHING_DISABLED");
    });
  });

  describe("rate and time limits through createHub", () => {
    it("rate-limits each key by query cost per minute (429 RATE_LIMITED), other keys unaffected", async () => {
      const now = 5_000_000;
      const p = await securityHub({}, { security: createSecurity({ production: false, now: () => now, limits: { costPerMinute: 30 } }) });
      try {
        const q = "{ boroughs(first: 10) { totalCount } }"; // cost 11: 30 − 22 leaves 8, the 3 missing refill in 6 s
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await gql(p.hub.url, q, { key: p.keys.viewer.secret }));
        expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
        expect(answers[2]!.json.errors?.[0]?.extensions).toEqual({ code: "RATE_LIMITED", limit: 30, retryAfterSeconds: 6, cost: 11 });
        expect((await gql(p.hub.url, q, { key: p.keys.admin.secret })).status).toBe(200);
      } finally {
        await p.close();
      }
    });

    it("stops a request that runs past the time limit with TIME_LIMIT_EXCEEDED", async () => {
      let now = 0;
      const p = await securityHub({}, { security: createSecurity({ production: false, now: () => (now += 1000), limits: { timeLimitMs: 2500 } }) });
      try {
        const r = await gql(p.hub.url, "{ boroughs(first: 33) { edges { node { code name initiatives(first: 1) { totalCount } } } } }");
        expect(r.json).toEqual({ data: null, errors: [{ message: expect.stringMatching(/time limit of 2500 ms/), extensions: { code: "TIME_LIMIT_EXCEEDED", limit: 2500 } }] });
      } finally {
        await p.close();
      }
    });
  });

  describe("CSRF prevention", () => {
    it("refuses a GET query without a preflight-forcing header, and serves it with one", async () => {
      const url = `${f.hub.url}?query=${encodeURIComponent("{ boroughs(first: 1) { totalCount } }")}`;
      const simple = await fetch(url, { headers: { ...OWN_CONNECTION, accept: "application/json" } });
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/CSRF/);
      const preflighted = await fetch(url, { headers: { ...OWN_CONNECTION, accept: "application/json", "apollo-require-preflight": "true" } });
      expect(await preflighted.json()).toEqual({ data: { boroughs: { totalCount: 33 } } });
    });
  });

  describe("production", () => {
    it("hides field suggestions in production and shows them in development", async () => {
      const prod = await securityHub({ production: true });
      try {
        const r = await gql(prod.hub.url, "{ borogh(code: \"E09000007\") { code } }");
        expect(r.json.errors?.[0]?.message).toMatch(/Cannot query field "borogh"/);
        expect(r.json.errors?.[0]?.message).not.toMatch(/Did you mean/);
        expect(JSON.stringify(r.json)).not.toMatch(/stacktrace/);
      } finally {
        await prod.close();
      }
      const dev = await gql(f.hub.url, "{ borogh(code: \"E09000007\") { code } }");
      expect(dev.json.errors?.[0]?.message).toMatch(/Did you mean "borough"/);
    });
  });

  describe("health", () => {
    it("answers /healthz and /readyz", async () => {
      const base = f.hub.url.replace(/\/graphql$/, "");
      expect(await (await fetch(`${base}/healthz`, { headers: OWN_CONNECTION })).json()).toEqual({ status: "ok" });
      expect(await (await fetch(`${base}/readyz`, { headers: OWN_CONNECTION })).json()).toEqual({ status: "ready" });
    });
  });
});
