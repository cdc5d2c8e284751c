import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverAudits, type AuditResult } from "graphql-http";
import { securityHub } from "./fixture.js";

/**
 * The GraphQL-over-HTTP conformance audits of the `graphql-http` package against the running hub.
 * Requirement: no error (MUST) and no warning (SHOULD). Notices (MAY) are printed.
 */
describe("GraphQL over HTTP (graphql-http serverAudits)", () => {
  let f: Awaited<ReturnType<typeof securityHub>>;
  let results: AuditResult[];
  beforeAll(async () => {
    f = await securityHub();
    results = [];
    for (const audit of serverAudits({ url: f.hub.url })) results.push(await audit.fn());
    const notOk = results.filter((r) => r.status !== "ok");
    console.log(`graphql-http audit: ${results.length} audits, ${results.filter((r) => r.status === "ok").length} ok, ${notOk.length} other`);
    for (const r of notOk) console.log(`  ${r.status}: ${r.name}${"reason" in r ? ` — ${r.reason}` : ""}`);
  });
  afterAll(() => f.close());

  it("has no errors and no warnings", () => {
    const failing = results.filter((r) => r.status === "error" || r.status === "warn").map((r) => `${r.status} ${r.id} ${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(failing).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });
});
