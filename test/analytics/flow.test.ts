import { describe, expect, it } from "vitest";
import { computeFlow, flowIntervals, type FlowItem } from "../../analytics/flow.js";
import { isoToDayNumber as day } from "../../analytics/working-days.js";

describe("flowIntervals", () => {
  it("covers from..to with calendar months, quarters and ISO weeks", () => {
    expect(flowIntervals(day("2024-01-15"), day("2024-03-02"), "MONTH").map((i) => i.label)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(flowIntervals(day("2024-02-10"), day("2024-07-01"), "QUARTER").map((i) => i.label)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
    const weeks = flowIntervals(day("2024-12-25"), day("2025-01-06"), "WEEK");
    expect(weeks.map((w) => w.label)).toEqual(["2024-W52", "2025-W01", "2025-W02"]);
    expect(weeks[1]).toEqual({ start: day("2024-12-30"), end: day("2025-01-05"), label: "2025-W01" });
    const feb = flowIntervals(day("2024-02-01"), day("2024-02-01"), "MONTH")[0]!;
    expect(feb.end - feb.start + 1).toBe(29);
  });
});

describe("computeFlow", () => {
  it("counts arrivals, throughput, WIP at each interval end and cumulative flow per stage", () => {
    const items: FlowItem[] = [
      { stage: 0, submittedDay: day("2024-01-05"), endDay: day("2024-02-10"), approved: true }, // A
      { stage: 0, submittedDay: day("2024-01-20"), endDay: null, approved: false }, // B open
      { stage: 0, submittedDay: day("2024-02-03"), endDay: day("2024-03-01"), approved: false }, // C rejected
      { stage: 0, submittedDay: day("2023-12-20"), endDay: day("2024-01-10"), approved: true }, // D from before
      { stage: 1, submittedDay: day("2024-03-05"), endDay: day("2024-03-06"), approved: true }, // E
      { stage: 1, submittedDay: day("2024-04-01"), endDay: null, approved: false }, // after the range
    ];
    const r = computeFlow(items, 2, flowIntervals(day("2024-01-01"), day("2024-03-31"), "MONTH"));
    expect(r.points.map((p) => [p.interval.label, p.arrivals, p.throughput, p.closedOther, p.wip])).toEqual([
      ["2024-01", 2, 1, 0, 2],
      ["2024-02", 1, 1, 0, 2],
      ["2024-03", 1, 1, 1, 1],
    ]);
    expect(r.cumulative.map((s) => s.map((c) => [c.submitted, c.approved, c.closedOther, c.inProgress]))).toEqual([
      [[3, 1, 0, 2], [4, 2, 0, 2], [4, 2, 1, 1]],
      [[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0]],
    ]);
  });
});
