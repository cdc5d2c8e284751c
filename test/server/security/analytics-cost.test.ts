import { readdirSync, readFileSync } from "node:fs";
import { parse, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAccessPolicy } from "../../../server/security/policy.js";
import { buildHubSchema } from "../../../schema/index.js";
import { operationCost } from "../../../server/security/cost.plugin.js";
import { DIMENSION_BOUNDS, groupBound } from "../../../server/security/analytics-cost.js";
import { DEFAULT_LIMITS } from "../../../server/security/limits.js";
import { gql, securityHub } from "./fixture.js";

const PERCENTILES = Array.from({ length: 20 }, (_, i) => i * 5);
const HEAVY = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: cycleTimes(groupBy: [STAGE, TOOL, BOROUGH, LEAD_BOROUGH, PRACTICE, MONTH], percentiles: [${PERCENTILES.join(", ")}]) { stage count median percentiles { p value } }`).join(" ")} }`;

describe("analytics cost", () => {
  let schema: GraphQLSchema;
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    operationCost({ schema, document: parse(query), request: { query, variables } } as never, DEFAULT_LIMITS);
  beforeAll(async () => {
    schema = applyAccessPolicy(await buildHubSchema());
  });

  it("costs cycleTimes by its groups (the dimensions' bounds, at most MAX_GROUPS) × (percentiles + 1 + one group's fields)", () => {
    // { stage count median percentiles { p value } }: stage, count, median, percentiles(1 + p + value) = 6.
    expect(cost("{ cycleTimes(groupBy: [STAGE], percentiles: [50]) { stage count median percentiles { p value } } }")).toBe(1 + DIMENSION_BOUNDS.STAGE * (1 + 1 + 6));
    expect(groupBound(["STAGE", "TOOL", "BOROUGH", "LEAD_BOROUGH", "PRACTICE", "MONTH"])).toBe(10_000);
    // One alias of the query: 10,000 groups × (20 + 1 + 6).
    expect(cost(HEAVY)).toBe(15 * (1 + 10_000 * 27));
  });

  it("costs signOffTimes by stages × organisations, partner organisations counted beside the boroughs", () => {
    // 6 stages × (33 boroughs + an allowance of 32 partner organisations) rows × (1 + 2 fields), plus 1.
    expect(DIMENSION_BOUNDS.ORGANISATION).toBe(33 + 32);
    expect(cost("{ signOffTimes { stage organisation } }")).toBe(1 + 6 * 65 * 3);
    // ORGANISATION groups the same way: 6 stages × 65 organisations × (3 percentiles + 1 + 2 fields), plus 1.
    expect(cost("{ cycleTimes(groupBy: [STAGE, ORGANISATION]) { stage organisation } }")).toBe(1 + 6 * 65 * (3 + 1 + 2));
  });

  it("keeps the dashboard's queries and the saved examples well under the limit", () => {
    const from = "2023-01-01";
    const to = "2026-12-31";
    const filter = { stages: [] };
    const variables: Record<string, Record<string, unknown>> = {
      "dashboard-compare.graphql": { stage: "dpia", a: filter, b: filter, unit: "WORKING_DAYS" },
      "dashboard-cycle-times.graphql": { unit: "WORKING_DAYS" },
      "dashboard-flow.graphql": { from, to },
      "dashboard-sign-off.graphql": { unit: "WORKING_DAYS" },
      "dashboard-time-saved.graphql": { cohort: filter, baseline: filter },
      "dashboard-initiative.graphql": { id: "SYN-000001", after: null },
      "dashboard-now.graphql": { filter, bandFilter: filter },
    };
    const costs: Record<string, number | null> = {};
    for (const dir of ["dashboard/queries", "examples"]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".graphql"))) costs[file] = cost(readFileSync(`${dir}/${file}`, "utf8"), variables[file]);
    }
    // The README's analytics examples: one query per comment line in its first ```graphql block.
    const readme = readFileSync("README.md", "utf8");
    const block = /And the analytics an analyst starts from:\s*```graphql\n([\s\S]*?)```/.exec(readme)![1]!;
    block
      .split(/^# .*$/m)
      .map((q) => q.trim())
      .filter(Boolean)
      .forEach((q, i) => (costs[`README analytics example ${i + 1}`] = cost(q)));
    const documents = ["dashboard/queries", "examples"].reduce((n, dir) => n + readdirSync(dir).filter((f) => f.endsWith(".graphql")).length, 0);
    expect(Object.keys(costs)).toHaveLength(documents + 3); // every document, and the README's three analytics examples
    // STAGE × TOOL bounds (6 × 10) × (3 percentiles + 1 + 12 fields), plus 1.
    expect(costs["README analytics example 1"]).toBe(1 + 6 * 10 * (3 + 1 + 12));
    for (const [file, c] of Object.entries(costs)) {
      expect(c, file).not.toBeNull();
      expect(c!, file).toBeLessThan(DEFAULT_LIMITS.maxCost / 10);
    }
  });

  describe("over HTTP", () => {
    let f: Awaited<ReturnType<typeof securityHub>>;
    beforeAll(async () => {
      f = await securityHub();
    });
    afterAll(() => f.close());

    it("refuses the issue's 15-alias cycleTimes query before it runs, naming its cost and the limit", async () => {
      const r = await gql(f.hub.url, HEAVY);
      expect(r.json.data).toBeUndefined();
      expect(r.json.errors).toHaveLength(1);
      expect(r.json.errors![0]!.extensions).toEqual({ code: "COST_LIMIT_EXCEEDED", limit: 50_000, cost: 4_050_015 });
      expect(r.json.errors![0]!.message).toMatch(/^Query cost 4050015 exceeds the cost limit of 50000 /);
    });

    it("refuses more than 20 percentiles with BAD_USER_INPUT naming the limit", async () => {
      const r = await gql(f.hub.url, `{ cycleTimes(percentiles: [${[...PERCENTILES, 99].join(", ")}]) { count } }`);
      expect(r.status).toBe(200);
      expect(r.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["BAD_USER_INPUT", "percentiles: at most 20 percentiles, got 21"]]);
    });
  });
});
