import { describe, expect, it } from "vitest";
import { cohortOptions, compareCohorts, compileFilter, stageIndexOf, timeSaved, type CohortArgs, type MetricFilterValue } from "../../../analytics/metrics/index.js";
import { tableOf, type CycleFixture } from "./cycle-table.fixture.js";
import { AS_OF, DICTS, ROWS } from "./tables.js";

const opts = (args: CohortArgs = {}) => cohortOptions({ asOf: new Date(AS_OF), ...args });

describe("compareCohorts", () => {
  it("gives median(b) − median(a) on the stage with the counts behind it", () => {
    const t = tableOf(ROWS, DICTS);
    const on = (f: MetricFilterValue) => compileFilter(t, "a", f);
    expect(compareCohorts(t, stageIndexOf(t, "stage", "DPIA"), on({ tools: ["manual"] }), on({ tools: ["isg"] }), opts())).toEqual({
      stage: "DPIA",
      unit: "WORKING_DAYS",
      a: { count: 2, approvedCount: 1, openCount: 0, rejectedCount: 1, withdrawnCount: 0, median: 10, mean: 10, kaplanMeierMedian: 10 },
      // I3 open, censored at 13: Kaplan–Meier S(8) = 1/2.
      b: { count: 2, approvedCount: 1, openCount: 1, rejectedCount: 0, withdrawnCount: 0, median: 8, mean: 8, kaplanMeierMedian: 8 },
      difference: -2,
      // One approved stage a side: every resample has the same medians.
      low: -2,
      high: -2,
      confidence: 0.95,
      resamples: 2000,
      seed: 1,
    });
  });
});

describe("timeSaved", () => {
  // 12 ISG CONCEPT stages of 3 working days (Mon → Thu), 10 manual ones of 5 (Mon → Mon), and one
  // manual DPIA still open: seen, so listed, but without a number.
  const concept = (id: string, tool: string, approved: string): CycleFixture => ({
    id, tool, lead: "B00", boroughs: ["B00"], stage: "CONCEPT", outcome: "APPROVED", submitted: "2024-03-04T10:00:00Z", approved,
  });
  const t = tableOf(
    [
      ...Array.from({ length: 12 }, (_, i) => concept(`C${i}`, "isg", "2024-03-07T10:00:00Z")),
      ...Array.from({ length: 10 }, (_, i) => concept(`B${i}`, "manual", "2024-03-11T10:00:00Z")),
      { id: "B0", tool: "manual", lead: "B00", boroughs: ["B00"], stage: "DPIA", outcome: "OPEN", submitted: "2024-03-12T10:00:00Z" },
    ],
    DICTS,
  );

  it("multiplies the difference of medians by the cohort's approved stages, and says why a stage has no number", () => {
    const r = timeSaved(t, compileFilter(t, "cohort", { tools: ["isg"] }), compileFilter(t, "baseline", { tools: ["manual"] }), opts({ asOf: new Date("2024-06-01T00:00:00Z") }));
    expect(r).toEqual({
      unit: "WORKING_DAYS",
      resamples: 2000,
      seed: 1,
      total: 24,
      totalLow: 24,
      totalHigh: 24,
      stagesCounted: 1,
      reason: null,
      stages: [
        { stage: "CONCEPT", cohortApproved: 12, baselineApproved: 10, cohortMedian: 3, baselineMedian: 5, savedPerStage: 2, savedPerStageLow: 2, savedPerStageHigh: 2, saved: 24, savedLow: 24, savedHigh: 24, reason: null },
        {
          stage: "DPIA",
          cohortApproved: 0,
          baselineApproved: 0,
          cohortMedian: null,
          baselineMedian: null,
          savedPerStage: null,
          savedPerStageLow: null,
          savedPerStageHigh: null,
          saved: null,
          savedLow: null,
          savedHigh: null,
          reason: "too few approved DPIA stages to support a claim: the cohort has 0 and the baseline has 0 (at least 10 needed on each side)",
        },
      ],
    });
  });

  it("leaves out what was not submitted by asOf", () => {
    const r = timeSaved(t, compileFilter(t, "cohort", { tools: ["isg"] }), compileFilter(t, "baseline", { tools: ["manual"] }), opts({ asOf: new Date("2024-03-01T00:00:00Z") }));
    expect([r.stages, r.total, r.reason]).toEqual([[], null, "no stages match the filters"]);
  });
});
