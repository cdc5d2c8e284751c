/**
 * Benchmark (not a test): the dashboard's metric documents on the demo data set, executed through
 * the hub schema (the same fields as dashboard/queries/*.graphql, plus the cycleTimes extras), cold
 * (first call after the data changed) and warm (median of RUNS calls). Prints one line per query.
 *
 *   npx tsx bench/analytics-demo.bench.ts
 */
import "reflect-metadata";
import { graphql } from "graphql";
import { performance } from "node:perf_hooks";
import { openDb } from "../db/connection.js";
import { loadReferenceData } from "../db/reference/index.js";
import { generateSynthetic } from "../db/synthetic/index.js";
import { buildHubSchema } from "../schema/index.js";

const RUNS = 100;
const schema = await buildHubSchema();
const db = openDb(":memory:");
loadReferenceData(db);
const gen = generateSynthetic(db, { size: "demo", seed: 1 });
const cycles = db.sql.prepare("SELECT COUNT(*) FROM stage_cycles").pluck().get() as number;
const signoffs = db.sql.prepare("SELECT COUNT(*) FROM borough_signoffs").pluck().get() as number;
console.log(`demo data: ${gen.initiatives} initiatives, ${gen.events} events, ${cycles} stage cycles, ${signoffs} borough sign-offs`);

const QUERIES: Record<string, string> = {
  cycleTimes: `{ cycleTimes(groupBy: [STAGE], unit: WORKING_DAYS, percentiles: [50, 85, 95]) { stage count approvedCount openCount rejectedCount withdrawnCount
    median p85 p95 kaplanMeierMedian medianWithIg medianWithTeam meanRounds approvedWithin(units: 20) } }`,
  "cycleTimes STAGE×TOOL": `{ cycleTimes(groupBy: [STAGE, TOOL]) { stage tool count median p85 p95 kaplanMeierMedian medianWithIg medianWithTeam meanRounds approvedWithin(units: 20) } }`,
  signOffTimes: `{ signOffTimes(unit: WORKING_DAYS) { borough stage signedCount median lastToSignCount peerMedian } }`,
  flow: `{ flow(from: "2020-01-01", to: "2026-12-31", interval: MONTH) { interval points { label arrivals throughput closedOther wip }
    stages { stage points { label submitted approved inProgress } }
    openItems { asOf count medianAgeDays p85AgeDays maxAgeDays medianAgeWorkingDays oldest { initiativeId stage submittedAt ageDays ageWorkingDays } } } }`,
  compareCohorts: `{ compareCohorts(stage: "DPIA", a: { tools: ["manual"] }, b: { tools: ["isg"] }, unit: WORKING_DAYS) { stage a { approvedCount median } b { approvedCount median } difference low high } }`,
  timeSaved: `{ timeSaved(cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }, unit: WORKING_DAYS) { total totalLow totalHigh stagesCounted reason
    stages { stage cohortApproved baselineApproved cohortMedian baselineMedian savedPerStage savedPerStageLow savedPerStageHigh saved savedLow savedHigh reason } } }`,
};

/** CPU milliseconds of one execution (the shared machine's load makes wall time noisy). */
async function run(source: string): Promise<number> {
  const c0 = process.cpuUsage();
  const r = await graphql({ schema, source, contextValue: { db } });
  const c = process.cpuUsage(c0);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return (c.user + c.system) / 1000;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// Cold: the first query builds the columnar cache (and the sign-offs, on first signOffTimes).
const cold: Record<string, number> = {};
for (const [name, q] of Object.entries(QUERIES)) cold[name] = await run(q);
console.log(`| query (demo data, through the schema) | first call CPU ms | warm median CPU ms (${RUNS} runs) |`);
console.log("|---------------------------------------|---------------|----------------|");
for (const [name, q] of Object.entries(QUERIES)) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run(q));
  console.log(`| ${name.padEnd(37)} | ${cold[name]!.toFixed(2).padStart(13)} | ${median(times).toFixed(2).padStart(14)} |`);
}
db.close();
