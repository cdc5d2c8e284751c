import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { buildHubSchema } from "../../../schema/index.js";
import { E1, E2, E3, SMALL, addInitiatives, fixtureDb, type FixtureInitiative } from "./metrics.fixture.js";

/*
 * Expected numbers are computed by hand from SMALL (metrics.fixture.ts); all instants are 10:00 UTC
 * in January 2024 (GMT, so London dates equal UTC dates; no bank holiday after 1 January).
 *   I1 DPIA Mon 8 → Thu 18 Jan: 8 working days, 10 calendar; query 10→12 Jan = 2 days with the team.
 *      Sign-offs: E2 on 15 Jan (5 wd), E1 on 18 Jan (8 wd, last). ISA 22 → 24 Jan: 2 wd (both boroughs).
 *   I2 DPIA Mon 8 → Mon 22 Jan: 10 wd, 14 calendar; borough-less APPROVED: E2 and E3 both last.
 *      ISA submitted 5 Feb: after asOf, left out.
 *   I3 DPIA submitted Mon 15 Jan, open: censored at asOf Thu 1 Feb 12:00 → 13 wd.
 *   I4 DPIA submitted 9 Jan, REJECTED 11 Jan.
 */
const AS_OF = "2024-02-01T12:00:00Z";

let schema: GraphQLSchema;
let db: HubDb;

async function run(source: string, variableValues: Record<string, unknown> = {}, database: HubDb = db) {
  const result = await graphql({ schema, source, variableValues, contextValue: { db: database } });
  return JSON.parse(JSON.stringify(result)) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

beforeAll(async () => {
  schema = await buildHubSchema();
  db = fixtureDb(SMALL);
});
afterAll(() => db.close());

const GROUP_FIELDS = `stage tool borough leadBorough practice period count approvedCount openCount rejectedCount withdrawnCount
  mean median p85 p95 percentiles { p value } kaplanMeierMedian within9: approvedWithin(units: 9) medianWithIg medianWithTeam meanRounds`;

describe("cycleTimes", () => {
  it("groups by stage in working days, censoring open stages at asOf", async () => {
    const r = await run(`query($asOf: DateTime) { cycleTimes(asOf: $asOf) { ${GROUP_FIELDS} } }`, { asOf: AS_OF });
    expect(r.errors).toBeUndefined();
    const blank = { tool: null, borough: null, leadBorough: null, practice: null, period: null, withdrawnCount: 0 };
    expect(r.data!.cycleTimes).toEqual([
      {
        ...blank,
        stage: "DPIA",
        count: 4,
        approvedCount: 2,
        openCount: 1,
        rejectedCount: 1,
        mean: 9,
        median: 9,
        p85: 9.7,
        p95: 9.9,
        percentiles: [
          { p: 50, value: 9 },
          { p: 85, value: 9.7 },
          { p: 95, value: 9.9 },
        ],
        // KM over 8 (approved), 10 (approved), 13 (censored): S(8) = 2/3, S(10) = 1/3.
        kaplanMeierMedian: 10,
        within9: expect.closeTo(1 / 3, 12),
        // I1: 8 wd × 2/10 with the team = 1.6, with IG 6.4; I2: 0 and 10.
        medianWithTeam: 0.8,
        medianWithIg: 8.2,
        meanRounds: 1.25,
      },
      {
        ...blank,
        stage: "ISA",
        count: 1,
        approvedCount: 1,
        openCount: 0,
        rejectedCount: 0,
        mean: 2,
        median: 2,
        p85: 2,
        p95: 2,
        percentiles: [
          { p: 50, value: 2 },
          { p: 85, value: 2 },
          { p: 95, value: 2 },
        ],
        kaplanMeierMedian: 2,
        within9: 1,
        medianWithTeam: 0,
        medianWithIg: 2,
        meanRounds: 1,
      },
    ]);
  });

  it("treats a stage approved after asOf as open, and leaves out stages submitted after it", async () => {
    const r = await run(`{ cycleTimes(asOf: "2024-01-20T12:00:00Z") { stage count approvedCount openCount rejectedCount median kaplanMeierMedian } }`);
    // DPIA: I1 approved (8); I2 open (censored at Sat 20 Jan: 9 wd); I3 open (4 wd); I4 rejected.
    // KM: 4 censored, 8 event with 2 at risk → S(8) = 0.5 → median 8. ISA: nothing submitted yet.
    expect(r.data!.cycleTimes).toEqual([{ stage: "DPIA", count: 4, approvedCount: 1, openCount: 2, rejectedCount: 1, median: 8, kaplanMeierMedian: 8 }]);
  });

  it("measures calendar days as exact elapsed time", async () => {
    const r = await run(`{ cycleTimes(unit: CALENDAR_DAYS, asOf: "${AS_OF}", filter: { stages: ["DPIA"] }, percentiles: [0, 25, 100]) { stage median mean percentiles { p value } } }`);
    expect(r.data!.cycleTimes).toEqual([
      {
        stage: "DPIA",
        median: 12,
        mean: 12,
        percentiles: [
          { p: 0, value: 10 },
          { p: 25, value: 11 },
          { p: 100, value: 14 },
        ],
      },
    ]);
  });

  it("groups by stage and tool, and by every participating borough", async () => {
    const byTool = await run(`{ cycleTimes(groupBy: [STAGE, TOOL], asOf: "${AS_OF}") { stage tool count approvedCount median } }`);
    expect(byTool.data!.cycleTimes).toEqual([
      { stage: "DPIA", tool: "isg", count: 2, approvedCount: 1, median: 8 },
      { stage: "DPIA", tool: "manual", count: 2, approvedCount: 1, median: 10 },
      { stage: "ISA", tool: "isg", count: 1, approvedCount: 1, median: 2 },
    ]);
    const byBorough = await run(`{ cycleTimes(groupBy: [BOROUGH], filter: { stages: ["DPIA"] }, asOf: "${AS_OF}") { borough count approvedCount openCount rejectedCount median } }`);
    expect(byBorough.data!.cycleTimes).toEqual([
      { borough: E1, count: 2, approvedCount: 1, openCount: 0, rejectedCount: 1, median: 8 },
      { borough: E2, count: 2, approvedCount: 2, openCount: 0, rejectedCount: 0, median: 9 },
      { borough: E3, count: 2, approvedCount: 1, openCount: 1, rejectedCount: 0, median: 10 },
    ]);
    const byLead = await run(`{ cycleTimes(groupBy: [LEAD_BOROUGH, MONTH], filter: { stages: ["DPIA"] }, asOf: "${AS_OF}") { leadBorough period count } }`);
    expect(byLead.data!.cycleTimes).toEqual([
      { leadBorough: E1, period: "2024-01", count: 2 },
      { leadBorough: E2, period: "2024-01", count: 1 },
      { leadBorough: E3, period: "2024-01", count: 1 },
    ]);
    const byPractice = await run(`{ cycleTimes(groupBy: [PRACTICE], filter: { stages: ["DPIA"] }, asOf: "${AS_OF}") { practice count median } }`);
    expect(byPractice.data!.cycleTimes).toEqual([
      { practice: "common-dpia-template", count: 1, median: 8 },
      { practice: null, count: 3, median: 10 },
    ]);
  });

  it("groups by every dimension at once (a sparse key space)", async () => {
    const r = await run(`{ cycleTimes(groupBy: [STAGE, TOOL, BOROUGH, LEAD_BOROUGH, PRACTICE, MONTH], asOf: "${AS_OF}") { stage tool borough leadBorough practice period count approvedCount median } }`);
    const g = (stage: string, tool: string, borough: string, leadBorough: string, practice: string | null, approvedCount: number, median: number | null) => ({
      stage, tool, borough, leadBorough, practice, period: "2024-01", count: 1, approvedCount, median,
    });
    expect(r.data!.cycleTimes).toEqual([
      g("DPIA", "isg", E1, E1, "common-dpia-template", 1, 8),
      g("DPIA", "isg", E2, E1, "common-dpia-template", 1, 8),
      g("DPIA", "isg", E3, E3, null, 0, null),
      g("DPIA", "manual", E1, E1, null, 0, null),
      g("DPIA", "manual", E2, E2, null, 1, 10),
      g("DPIA", "manual", E3, E2, null, 1, 10),
      g("ISA", "isg", E1, E1, "common-dpia-template", 1, 2),
      g("ISA", "isg", E2, E1, "common-dpia-template", 1, 2),
    ]);
  });

  it("filters by tool, borough, practice and submission date", async () => {
    const q = `query($f: MetricFilter) { cycleTimes(filter: $f, asOf: "${AS_OF}") { stage count } }`;
    expect((await run(q, { f: { tools: ["manual"] } })).data!.cycleTimes).toEqual([{ stage: "DPIA", count: 2 }]);
    expect((await run(q, { f: { boroughs: [E3] } })).data!.cycleTimes).toEqual([{ stage: "DPIA", count: 2 }]);
    expect((await run(q, { f: { practices: ["common-dpia-template"] } })).data!.cycleTimes).toEqual([
      { stage: "DPIA", count: 1 },
      { stage: "ISA", count: 1 },
    ]);
    expect((await run(q, { f: { submittedFrom: "2024-01-09", submittedTo: "2024-01-15" } })).data!.cycleTimes).toEqual([{ stage: "DPIA", count: 2 }]);
  });

  it("returns nulls, not zeros, for a group with no approved stage", async () => {
    const r = await run(`{ cycleTimes(filter: { boroughs: ["${E3}"], tools: ["isg"] }, asOf: "${AS_OF}") { stage count approvedCount mean median p85 percentiles { p value } kaplanMeierMedian medianWithIg } }`);
    expect(r.data!.cycleTimes).toEqual([
      {
        stage: "DPIA",
        count: 1,
        approvedCount: 0,
        mean: null,
        median: null,
        p85: null,
        percentiles: [
          { p: 50, value: null },
          { p: 85, value: null },
          { p: 95, value: null },
        ],
        kaplanMeierMedian: null,
        medianWithIg: null,
      },
    ]);
  });

  it("sees a newly recorded event at once (the data version moves)", async () => {
    const local = fixtureDb(SMALL);
    const q = `{ cycleTimes(asOf: "${AS_OF}", filter: { stages: ["DPIA"] }) { approvedCount openCount median } }`;
    expect((await run(q, {}, local)).data!.cycleTimes).toEqual([{ approvedCount: 2, openCount: 1, median: 9 }]);
    addInitiatives(local, [{ ...SMALL[2]!, events: [{ stage: "DPIA", kind: "APPROVED", at: "2024-01-17T10:00:00Z" }] }]);
    // I3 now approved after 2 working days: 2, 8, 10.
    expect((await run(q, {}, local)).data!.cycleTimes).toEqual([{ approvedCount: 3, openCount: 0, median: 8 }]);
    local.close();
  });
});

describe("signOffTimes", () => {
  it("gives each borough's own sign-off time, last-to-sign counts and peers' median", async () => {
    const r = await run(`{ signOffTimes(asOf: "${AS_OF}") { borough stage signedCount pendingCount mean median p85 kaplanMeierMedian lastToSignCount stagesWithPeers lastToSignShare peerMedian differenceFromPeers } }`);
    expect(r.errors).toBeUndefined();
    const row = (borough: string, stage: string, o: Record<string, unknown>) => ({ borough, stage, pendingCount: 0, ...o });
    expect(r.data!.signOffTimes).toEqual([
      row(E1, "DPIA", { signedCount: 1, mean: 8, median: 8, p85: 8, kaplanMeierMedian: 8, lastToSignCount: 1, stagesWithPeers: 1, lastToSignShare: 1, peerMedian: 5, differenceFromPeers: 3 }),
      row(E2, "DPIA", { signedCount: 2, mean: 7.5, median: 7.5, p85: 9.25, kaplanMeierMedian: 5, lastToSignCount: 1, stagesWithPeers: 2, lastToSignShare: 0.5, peerMedian: 9, differenceFromPeers: -1.5 }),
      // E3 has I3 open and unsigned: pending, censored at 13 wd.
      row(E3, "DPIA", { signedCount: 1, pendingCount: 1, mean: 10, median: 10, p85: 10, kaplanMeierMedian: 10, lastToSignCount: 1, stagesWithPeers: 1, lastToSignShare: 1, peerMedian: 10, differenceFromPeers: 0 }),
      row(E1, "ISA", { signedCount: 1, mean: 2, median: 2, p85: 2, kaplanMeierMedian: 2, lastToSignCount: 1, stagesWithPeers: 1, lastToSignShare: 1, peerMedian: 2, differenceFromPeers: 0 }),
      row(E2, "ISA", { signedCount: 1, mean: 2, median: 2, p85: 2, kaplanMeierMedian: 2, lastToSignCount: 1, stagesWithPeers: 1, lastToSignShare: 1, peerMedian: 2, differenceFromPeers: 0 }),
    ]);
  });

  it("does not count a sole participant as last to sign (the 33rd authority included)", async () => {
    const W = "E09000033";
    const local = fixtureDb([
      { id: "W1", tool: "isg", lead: W, boroughs: [W], events: [
        { stage: "ISA", kind: "SUBMITTED", at: "2024-03-04T10:00:00Z" },
        { stage: "ISA", kind: "APPROVED", borough: W, at: "2024-03-06T10:00:00Z" },
      ] },
    ]);
    const r = await run(`{ signOffTimes { borough stage signedCount median lastToSignCount stagesWithPeers lastToSignShare peerMedian } }`, {}, local);
    expect(r.data!.signOffTimes).toEqual([{ borough: W, stage: "ISA", signedCount: 1, median: 2, lastToSignCount: 0, stagesWithPeers: 0, lastToSignShare: null, peerMedian: null }]);
    local.close();
  });

  it("lists only the boroughs asked for", async () => {
    const r = await run(`{ signOffTimes(filter: { boroughs: ["${E3}"] }, asOf: "${AS_OF}", unit: CALENDAR_DAYS) { borough stage signedCount pendingCount median } }`);
    expect(r.data!.signOffTimes).toEqual([{ borough: E3, stage: "DPIA", signedCount: 1, pendingCount: 1, median: 14 }]);
  });
});

describe("compareCohorts", () => {
  it("gives median(b) − median(a) with the counts behind it, reproducibly", async () => {
    const q = `{ compareCohorts(stage: "DPIA", a: { tools: ["manual"] }, b: { tools: ["isg"] }, asOf: "${AS_OF}") {
      stage unit difference low high confidence resamples seed
      a { count approvedCount openCount rejectedCount withdrawnCount median mean kaplanMeierMedian }
      b { count approvedCount openCount rejectedCount withdrawnCount median mean kaplanMeierMedian } } }`;
    const r = await run(q);
    expect(r.data!.compareCohorts).toEqual({
      stage: "DPIA",
      unit: "WORKING_DAYS",
      difference: -2,
      // One approved stage a side: every resample gives the same medians.
      low: -2,
      high: -2,
      confidence: 0.95,
      resamples: 2000,
      seed: 1,
      a: { count: 2, approvedCount: 1, openCount: 0, rejectedCount: 1, withdrawnCount: 0, median: 10, mean: 10, kaplanMeierMedian: 10 },
      b: { count: 2, approvedCount: 1, openCount: 1, rejectedCount: 0, withdrawnCount: 0, median: 8, mean: 8, kaplanMeierMedian: 8 },
    });
    expect(await run(q)).toEqual(r);
  });
});

describe("timeSaved", () => {
  it("gives no number and a reason when either side has fewer than 10 approved", async () => {
    const r = await run(`{ timeSaved(cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }, asOf: "${AS_OF}") {
      unit total totalLow totalHigh stagesCounted reason stages { stage cohortApproved baselineApproved cohortMedian baselineMedian saved savedLow savedHigh reason } } }`);
    expect(r.data!.timeSaved).toEqual({
      unit: "WORKING_DAYS",
      total: null,
      totalLow: null,
      totalHigh: null,
      stagesCounted: 0,
      reason: "no stage has enough approved stages on both sides to support a claim",
      stages: [
        {
          stage: "DPIA",
          cohortApproved: 1,
          baselineApproved: 1,
          cohortMedian: 8,
          baselineMedian: 10,
          saved: null,
          savedLow: null,
          savedHigh: null,
          reason: "too few approved DPIA stages to support a claim: the cohort has 1 and the baseline has 1 (at least 10 needed on each side)",
        },
        {
          stage: "ISA",
          cohortApproved: 1,
          baselineApproved: 0,
          cohortMedian: 2,
          baselineMedian: null,
          saved: null,
          savedLow: null,
          savedHigh: null,
          reason: "too few approved ISA stages to support a claim: the cohort has 1 and the baseline has 0 (at least 10 needed on each side)",
        },
      ],
    });
  });

  it("multiplies the median difference by the cohort's approved stages", async () => {
    // 12 ISG CONCEPT stages of 3 working days (Mon → Thu) and 10 manual ones of 5 (Mon → Mon).
    const mk = (id: string, tool: string, approved: string): FixtureInitiative => ({
      id,
      tool,
      lead: E1,
      boroughs: [E1],
      events: [
        { stage: "CONCEPT", kind: "SUBMITTED", at: "2024-03-04T10:00:00Z" },
        { stage: "CONCEPT", kind: "APPROVED", at: approved },
      ],
    });
    const local = fixtureDb([
      ...Array.from({ length: 12 }, (_, i) => mk(`C${i}`, "isg", "2024-03-07T10:00:00Z")),
      ...Array.from({ length: 10 }, (_, i) => mk(`B${i}`, "manual", "2024-03-11T10:00:00Z")),
    ]);
    const r = await run(
      `{ timeSaved(cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }) { total totalLow totalHigh stagesCounted reason stages { stage savedPerStage savedPerStageLow savedPerStageHigh saved savedLow savedHigh reason } } }`,
      {},
      local,
    );
    expect(r.data!.timeSaved).toEqual({
      total: 24,
      totalLow: 24,
      totalHigh: 24,
      stagesCounted: 1,
      reason: null,
      stages: [{ stage: "CONCEPT", savedPerStage: 2, savedPerStageLow: 2, savedPerStageHigh: 2, saved: 24, savedLow: 24, savedHigh: 24, reason: null }],
    });
    local.close();
  });
});

describe("flow", () => {
  it("gives throughput, WIP at each interval end, cumulative flow and ages of open items", async () => {
    const r = await run(`{ flow(from: "2024-01-01", to: "2024-01-31", interval: WEEK) {
      from to interval
      points { label start end arrivals throughput closedOther wip }
      stages { stage points { label submitted approved closedOther inProgress } }
      openItems { asOf count medianAgeWorkingDays maxAgeDays oldest { initiativeId stage submittedAt ageWorkingDays } } } }`);
    expect(r.errors).toBeUndefined();
    const f = r.data!.flow;
    expect(f.points).toEqual([
      { label: "2024-W01", start: "2024-01-01", end: "2024-01-07", arrivals: 0, throughput: 0, closedOther: 0, wip: 0 },
      { label: "2024-W02", start: "2024-01-08", end: "2024-01-14", arrivals: 3, throughput: 0, closedOther: 1, wip: 2 },
      { label: "2024-W03", start: "2024-01-15", end: "2024-01-21", arrivals: 1, throughput: 1, closedOther: 0, wip: 2 },
      { label: "2024-W04", start: "2024-01-22", end: "2024-01-28", arrivals: 1, throughput: 2, closedOther: 0, wip: 1 },
      { label: "2024-W05", start: "2024-01-29", end: "2024-02-04", arrivals: 0, throughput: 0, closedOther: 0, wip: 1 },
    ]);
    const c = (label: string, submitted: number, approved: number, closedOther: number, inProgress: number) => ({ label, submitted, approved, closedOther, inProgress });
    expect(f.stages).toEqual([
      { stage: "DPIA", points: [c("2024-W01", 0, 0, 0, 0), c("2024-W02", 3, 0, 1, 2), c("2024-W03", 4, 1, 1, 2), c("2024-W04", 4, 2, 1, 1), c("2024-W05", 4, 2, 1, 1)] },
      { stage: "ISA", points: [c("2024-W01", 0, 0, 0, 0), c("2024-W02", 0, 0, 0, 0), c("2024-W03", 0, 0, 0, 0), c("2024-W04", 1, 1, 0, 0), c("2024-W05", 1, 1, 0, 0)] },
    ]);
    expect(f.openItems).toEqual({
      asOf: "2024-01-31T23:59:59.999Z",
      count: 1,
      medianAgeWorkingDays: 12,
      maxAgeDays: (Date.parse("2024-01-31T23:59:59.999Z") - Date.parse("2024-01-15T10:00:00Z")) / 86_400_000,
      oldest: [{ initiativeId: "I3", stage: "DPIA", submittedAt: "2024-01-15T10:00:00.000Z", ageWorkingDays: 12 }],
    });
    expect([f.from, f.to, f.interval]).toEqual(["2024-01-01", "2024-01-31", "WEEK"]);
  });
});

describe("bad arguments", () => {
  const cases: [string, string, string][] = [
    ["unknown stage", `{ cycleTimes(filter: { stages: ["NOPE"] }) { count } }`, 'filter.stages: unknown stage "NOPE"; expected one of: IDEA, CONCEPT, DPIA, ISA, REVIEW'],
    ["unknown tool", `{ cycleTimes(filter: { tools: ["nope"] }) { count } }`, 'filter.tools: unknown tool "nope"; expected one of: ecins, flowz, icase, isg, manual, onelondon, weisf'],
    ["unknown borough", `{ signOffTimes(filter: { boroughs: ["E09000099"] }) { borough } }`, 'filter.boroughs: unknown borough (GSS code) "E09000099"; expected one of: E09000001, '],
    ["unknown practice", `{ cycleTimes(filter: { practices: ["nope"] }) { count } }`, 'filter.practices: unknown practice "nope"; expected one of: '],
    ["p above 100", `{ cycleTimes(percentiles: [50, 101]) { count } }`, "percentiles: each percentile must be within [0, 100], got 101"],
    ["p below 0", `{ cycleTimes(percentiles: [-1]) { count } }`, "percentiles: each percentile must be within [0, 100], got -1"],
    ["from after to", `{ flow(from: "2024-02-01", to: "2024-01-01") { from } }`, "from: from (2024-02-01) is after to (2024-01-01); expected from ≤ to"],
    ["submittedFrom after submittedTo", `{ cycleTimes(filter: { submittedFrom: "2024-02-01", submittedTo: "2024-01-01" }) { count } }`, "filter.submittedFrom: submittedFrom is after submittedTo; expected submittedFrom ≤ submittedTo"],
    ["resamples above the maximum", `{ compareCohorts(stage: "DPIA", a: {}, b: {}, resamples: 10001) { difference } }`, "resamples: expected an integer from 1 to 10000, got 10001"],
    ["unknown comparison stage", `{ compareCohorts(stage: "NOPE", a: {}, b: {}) { difference } }`, 'stage: unknown stage "NOPE"; expected one of: IDEA, CONCEPT, DPIA, ISA, REVIEW'],
    ["unknown cohort tool", `{ timeSaved(cohort: { tools: ["x"] }, baseline: {}) { total } }`, 'cohort.tools: unknown tool "x"; expected one of: '],
    ["two periods", `{ cycleTimes(groupBy: [MONTH, YEAR]) { count } }`, "groupBy: at most one period dimension (MONTH, QUARTER or YEAR), got MONTH, YEAR"],
  ];
  it.each(cases)("%s → BAD_USER_INPUT naming the argument", async (_name, query, message) => {
    const r = await run(query);
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(r.errors![0]!.message.startsWith(message)).toBe(true);
  });
});
