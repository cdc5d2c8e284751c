import { describe, expect, it } from "vitest";
import { compileFilter, flowOptions, flowSeries, type FlowArgs, type MetricFilterValue } from "../../../analytics/metrics/index.js";
import { tableOf, type CycleFixture } from "./cycle-table.fixture.js";
import { DAY_MS, DICTS } from "./tables.js";

// Rows deliberately out of initiative order: the oldest open items must not depend on row order.
const at = (day: string) => `2024-01-${day}T10:00:00Z`;
const item = (id: string, stage: string, o: Partial<CycleFixture>): CycleFixture => ({ id, stage, tool: "isg", lead: "B00", boroughs: ["B00"], outcome: "OPEN", submitted: at("10"), ...o });
const t = tableOf(
  [
    item("Z1", "DPIA", {}),
    item("A1", "ISA", {}),
    item("A1", "DPIA", {}),
    item("M1", "DPIA", { submitted: at("08") }),
    item("M1", "ISA", { submitted: at("08"), outcome: "APPROVED", approved: at("12") }),
    item("Y1", "DPIA", { submitted: at("09"), outcome: "REJECTED", ended: at("16") }),
  ],
  DICTS,
);

function run(args: FlowArgs & { filter?: MetricFilterValue }) {
  return flowSeries(t, compileFilter(t, "filter", args.filter), flowOptions(args));
}

describe("flowSeries", () => {
  it("counts arrivals, throughput, other ends and WIP per interval, and cumulative flow per stage", () => {
    const f = run({ from: "2024-01-01", to: "2024-01-31", interval: "WEEK" });
    expect([f.from, f.to, f.interval]).toEqual(["2024-01-01", "2024-01-31", "WEEK"]);
    expect(f.points.map((p) => [p.label, p.start, p.end, p.arrivals, p.throughput, p.closedOther, p.wip])).toEqual([
      ["2024-W01", "2024-01-01", "2024-01-07", 0, 0, 0, 0],
      ["2024-W02", "2024-01-08", "2024-01-14", 6, 1, 0, 5],
      ["2024-W03", "2024-01-15", "2024-01-21", 0, 0, 1, 4],
      ["2024-W04", "2024-01-22", "2024-01-28", 0, 0, 0, 4],
      ["2024-W05", "2024-01-29", "2024-02-04", 0, 0, 0, 4],
    ]);
    expect(f.stages.map((s) => [s.stage, s.points.map((p) => [p.label, p.submitted, p.approved, p.closedOther, p.inProgress])])).toEqual([
      ["DPIA", [["2024-W01", 0, 0, 0, 0], ["2024-W02", 4, 0, 0, 4], ["2024-W03", 4, 0, 1, 3], ["2024-W04", 4, 0, 1, 3], ["2024-W05", 4, 0, 1, 3]]],
      ["ISA", [["2024-W01", 0, 0, 0, 0], ["2024-W02", 2, 1, 0, 1], ["2024-W03", 2, 1, 0, 1], ["2024-W04", 2, 1, 0, 1], ["2024-W05", 2, 1, 0, 1]]],
    ]);
  });

  it("ages the items open at the end of the range, oldest first, ties by initiative then stage", () => {
    const asOf = Date.parse("2024-01-31T23:59:59.999Z");
    const age = (day: string) => (asOf - Date.parse(at(day))) / DAY_MS;
    // Working days after 8 Jan up to 31 Jan: 17; after 10 Jan: 15.
    expect(run({ from: "2024-01-01", to: "2024-01-31", oldestLimit: 3 }).openItems).toEqual({
      asOf,
      count: 4,
      medianAgeDays: age("10"),
      p85AgeDays: expect.closeTo(age("10") + 0.55 * (age("08") - age("10")), 9),
      maxAgeDays: age("08"),
      medianAgeWorkingDays: 15,
      oldest: [
        { initiativeId: "M1", stage: "DPIA", submittedAt: Date.parse(at("08")), ageDays: age("08"), ageWorkingDays: 17 },
        { initiativeId: "A1", stage: "DPIA", submittedAt: Date.parse(at("10")), ageDays: age("10"), ageWorkingDays: 15 },
        { initiativeId: "A1", stage: "ISA", submittedAt: Date.parse(at("10")), ageDays: age("10"), ageWorkingDays: 15 },
      ],
    });
  });

  it("keeps to the filter's rows and the stages they have", () => {
    const f = run({ from: "2024-01-08", to: "2024-01-14", interval: "WEEK", filter: { stages: ["ISA"] }, oldestLimit: 0 });
    expect(f.points.map((p) => [p.label, p.arrivals, p.throughput, p.wip])).toEqual([["2024-W02", 2, 1, 1]]);
    expect(f.stages.map((s) => s.stage)).toEqual(["ISA"]);
    expect([f.openItems.count, f.openItems.oldest]).toEqual([1, []]);
  });
});
