import { describe, expect, it } from "vitest";
import { timeSaved } from "../../analytics/time-saved.js";

const rep = (v: number, n: number) => Array.from({ length: n }, () => v);

describe("timeSaved", () => {
  it("multiplies the median difference by the cohort's approved count, interval carried through", () => {
    const r = timeSaved(
      [
        { stage: "DPIA", cohort: rep(5, 10), baseline: rep(8, 12) },
        { stage: "ISA", cohort: rep(2, 20), baseline: [...rep(3, 10), ...rep(5, 10)] },
      ],
      { resamples: 500, seed: 1 },
    );
    expect(r.stages[0]).toEqual({
      stage: "DPIA",
      cohortApproved: 10,
      baselineApproved: 12,
      cohortMedian: 5,
      baselineMedian: 8,
      savedPerStage: 3,
      savedPerStageLow: 3,
      savedPerStageHigh: 3,
      saved: 30,
      savedLow: 30,
      savedHigh: 30,
      reason: null,
    });
    const isa = r.stages[1]!;
    expect(isa.baselineMedian).toBe(4); // median of ten 3s and ten 5s
    expect(isa.saved).toBe(2 * 20);
    expect(isa.savedLow).toBe(isa.savedPerStageLow! * 20);
    expect(isa.savedHigh).toBe(isa.savedPerStageHigh! * 20);
    expect(isa.savedPerStageLow!).toBeGreaterThanOrEqual(1);
    expect(isa.savedPerStageHigh!).toBeLessThanOrEqual(3);
    expect(r.total).toBe(70);
    expect(r.stagesCounted).toBe(2);
    expect(r.totalLow!).toBeLessThanOrEqual(70);
    expect(r.totalHigh!).toBeGreaterThanOrEqual(70);
    expect(timeSaved([{ stage: "ISA", cohort: rep(2, 20), baseline: [...rep(3, 10), ...rep(5, 10)] }], { resamples: 500, seed: 1 }).stages[0]).toEqual(isa);
  });

  it("gives no number and a reason when either side has fewer than 10 approved", () => {
    const r = timeSaved(
      [
        { stage: "DPIA", cohort: rep(5, 9), baseline: rep(8, 12) },
        { stage: "ISA", cohort: rep(5, 10), baseline: rep(8, 10) },
      ],
      { resamples: 100, seed: 1 },
    );
    expect(r.stages[0]).toMatchObject({ saved: null, savedLow: null, savedHigh: null, savedPerStage: null, cohortMedian: 5, baselineMedian: 8 });
    expect(r.stages[0]!.reason).toBe(
      "too few approved DPIA stages to support a claim: the cohort has 9 (at least 10 needed on each side)",
    );
    expect([r.total, r.totalLow, r.totalHigh, r.stagesCounted]).toEqual([30, 30, 30, 1]);
  });

  it("says so when no stage supports a claim", () => {
    const r = timeSaved([{ stage: "ISA", cohort: rep(5, 3), baseline: [] }], { resamples: 100, seed: 1 });
    expect(r.stages[0]!.reason).toBe(
      "too few approved ISA stages to support a claim: the cohort has 3 and the baseline has 0 (at least 10 needed on each side)",
    );
    expect(r).toMatchObject({ total: null, totalLow: null, totalHigh: null, stagesCounted: 0, reason: "no stage has enough approved stages on both sides to support a claim" });
  });
});
