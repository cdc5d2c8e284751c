import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverAudits, type AuditResult } from "graphql-http";
import { securityHub } from "./fixture.js";

/**
 * The GraphQL-over-HTTP conformance audits of the `graphql-http` package against the running hub.
 * Requirement: no error (MUST) and no warning (SHOULD). Notices (MAY) are printed: the three the
 * hub gives are GET requests refused by Apollo's CSRF prevention (README, "Security").
 */
async function audit(url: string, fetchFn?: typeof fetch): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const a of serverAudits({ url, fetchFn })) results.push(await a.fn());
  return results;
}

function summary(label: string, results: AuditResult[]): string[] {
  const notOk = results.filter((r) => r.status !== "ok");
  console.log(`graphql-http audit (${label}): ${results.length} audits, ${results.length - notOk.length} ok, ${notOk.length} other`);
  for (const r of notOk) console.log(`  ${r.status}: ${r.name}${"reason" in r ? ` — ${r.reason}` : ""}`);
  return results.filter((r) => r.status === "error" || r.status === "warn").map((r) => `${r.status} ${r.id} ${r.name}: ${"reason" in r ? r.reason : ""}`);
}

describe("GraphQL over HTTP (graphql-http serverAudits)", () => {
  let dev: Awaited<ReturnType<typeof securityHub>>;
  let prod: Awaited<ReturnType<typeof securityHub>>;
  beforeAll(async () => {
    dev = await securityHub();
    prod = await securityHub({ production: true, allowAnonymousRead: false });
  });
  afterAll(async () => {
    await dev.close();
    await prod.close();
  });

  it("has no errors and no warnings (embedded default: anonymous reads)", async () => {
    const results = await audit(dev.hub.url);
    expect(summary("embedded default", results)).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });

  it("has no errors and no warnings in production with an API key", async () => {
    const withKey: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${prod.keys.viewer.secret}`);
      return fetch(input, { ...init, headers });
    };
    const results = await audit(prod.hub.url, withKey);
    expect(summary("production, viewer key", results)).toEqual([]);
    // Without the key every audit meets 401 instead: the audits above really ran authenticated.
    expect((await fetch(prod.hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' })).status).toBe(401);
  });
});
