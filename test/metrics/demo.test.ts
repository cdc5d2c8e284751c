import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile } from "../../analytics/percentiles.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { generateSynthetic } from "../../db/synthetic/index.js";
import { buildHubSchema } from "../../schema/index.js";

// Every metric of the contract, every field, on the demo data set: no errors, and numbers that
// agree with an independent computation straight from the derived table.
let schema: GraphQLSchema;
let db: HubDb;
const AS_OF = "2030-01-01T00:00:00Z"; // after everything the generator writes

async function run(source: string) {
  const r = await graphql({ schema, source, contextValue: { db } });
  expect(r.errors).toBeUndefined();
  return JSON.parse(JSON.stringify(r.data)) as Record<string, any>;
}

beforeAll(async () => {
  schema = await buildHubSchema();
  db = openDb(":memory:");
  loadReferenceData(db);
  generateSynthetic(db, { size: "demo", seed: 1 });
});
afterAll(() => db.close());

describe("metrics on the demo data", () => {
  it("cycleTimes agrees with the derived table (counts, calendar-day percentiles)", async () => {
    const data = await run(`{ cycleTimes(unit: CALENDAR_DAYS, asOf: "${AS_OF}", percentiles: [10, 50, 90]) {
      stage tool borough leadBorough practice period count approvedCount openCount rejectedCount withdrawnCount
      mean median p85 p95 percentiles { p value } kaplanMeierMedian approvedWithin(units: 30) medianWithIg medianWithTeam meanRounds } }`);
    const rows = db.sql.prepare("SELECT stage, outcome, submitted_at AS s, approved_at AS a FROM stage_cycles").all() as { stage: string; outcome: string; s: number; a: number | null }[];
    expect(data.cycleTimes.length).toBeGreaterThan(0);
    for (const g of data.cycleTimes) {
      const mine = rows.filter((r) => r.stage === g.stage);
      const approved = mine.filter((r) => r.outcome === "APPROVED").map((r) => (r.a! - r.s) / 86_400_000);
      expect([g.count, g.approvedCount, g.openCount, g.rejectedCount, g.withdrawnCount]).toEqual([
        mine.length,
        approved.length,
        mine.filter((r) => r.outcome === "OPEN").length,
        mine.filter((r) => r.outcome === "REJECTED").length,
        mine.filter((r) => r.outcome === "WITHDRAWN").length,
      ]);
      expect(g.percentiles.map((p: { value: number | null }) => p.value)).toEqual([10, 50, 90].map((p) => percentile(approved, p)));
      if (approved.length) expect(g.medianWithIg + g.medianWithTeam).toBeGreaterThan(0);
    }
  });

  it("answers every other metric with every field", async () => {
    const FILTER_ALL = `{ stages: ["DPIA", "ISA"], submittedFrom: "2000-01-01", submittedTo: "2029-12-31" }`;
    const d = await run(`{
      byAll: cycleTimes(groupBy: [STAGE, TOOL, BOROUGH, LEAD_BOROUGH, PRACTICE, QUARTER], filter: ${FILTER_ALL}) { count }
      signOffTimes(asOf: "${AS_OF}") { borough stage signedCount pendingCount mean median p85 kaplanMeierMedian lastToSignCount stagesWithPeers lastToSignShare peerMedian differenceFromPeers }
      compareCohorts(stage: "DPIA", a: { tools: ["manual"] }, b: { tools: ["isg"] }) { stage unit difference low high confidence resamples seed
        a { count approvedCount openCount rejectedCount withdrawnCount median mean kaplanMeierMedian } b { count approvedCount median } }
      timeSaved(cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }) { unit total totalLow totalHigh stagesCounted reason resamples seed
        stages { stage cohortApproved baselineApproved cohortMedian baselineMedian savedPerStage savedPerStageLow savedPerStageHigh saved savedLow savedHigh reason } }
      flow(from: "2020-01-01", to: "2026-12-31", interval: QUARTER) { from to interval points { label start end arrivals throughput closedOther wip }
        stages { stage points { label end submitted approved closedOther inProgress } }
        openItems { asOf count medianAgeDays p85AgeDays maxAgeDays medianAgeWorkingDays oldest { initiativeId stage submittedAt ageDays ageWorkingDays } } }
    }`);
    expect(d.byAll.length).toBeGreaterThan(0);
    expect(d.signOffTimes.length).toBeGreaterThan(0);
    expect(d.compareCohorts.a.count + d.compareCohorts.b.count).toBeGreaterThan(0);
    expect(d.timeSaved.stages.length).toBeGreaterThan(0);
    // Cumulative flow never decreases, and WIP at each end is what the bands say.
    for (const s of d.flow.stages) {
      for (let i = 1; i < s.points.length; i++) expect(s.points[i].submitted).toBeGreaterThanOrEqual(s.points[i - 1].submitted);
    }
    d.flow.points.forEach((p: { wip: number }, i: number) =>
      expect(p.wip).toBe(d.flow.stages.reduce((sum: number, s: { points: { inProgress: number }[] }) => sum + s.points[i]!.inProgress, 0)),
    );
  });
});
