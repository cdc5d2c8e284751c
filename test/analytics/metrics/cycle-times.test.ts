import { describe, expect, it } from "vitest";
import { MetricArgumentError, compileFilter, cycleTimeOptions, cycleTimes, type CycleTable, type CycleTimeArgs, type CycleTimeGroupData, type MetricFilterValue } from "../../../analytics/metrics/index.js";
import { tableOf } from "./cycle-table.fixture.js";
import { AFTER_ALL, AS_OF, DICTS, ROWS } from "./tables.js";

function run(t: CycleTable, args: Omit<CycleTimeArgs, "asOf"> & { filter?: MetricFilterValue; asOf?: number } = {}) {
  return cycleTimes(t, compileFilter(t, "filter", args.filter), cycleTimeOptions({ ...args, asOf: new Date(args.asOf ?? AS_OF) }));
}

/** Groups as plain data, the lazily computed extras resolved. */
function plain(groups: CycleTimeGroupData[]) {
  return groups.map(({ extras, ...g }) => {
    const e = extras();
    return { ...g, kaplanMeierMedian: e.km.median(), medianWithIg: e.medianWithIg, medianWithTeam: e.medianWithTeam };
  });
}

const BLANK = { stage: null, tool: null, borough: null, organisation: null, leadBorough: null, practice: null, period: null, withdrawnCount: 0 };

describe("cycleTimes", () => {
  it("counts by outcome, takes percentiles over approved stages and censors open stages at asOf", () => {
    expect(plain(run(tableOf(ROWS, DICTS), { percentiles: [0, 50, 100] }))).toEqual([
      {
        ...BLANK,
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
          { p: 0, value: 8 },
          { p: 50, value: 9 },
          { p: 100, value: 10 },
        ],
        meanRounds: 1.25,
        // Kaplan–Meier over 8 and 10 (approved) and 13 (I3, censored): S(8) = 2/3, S(10) = 1/3.
        kaplanMeierMedian: 10,
        // I1: 8 working days × 2/10 of the time with the team = 1.6; I2: none.
        medianWithTeam: 0.8,
        medianWithIg: 8.2,
      },
      { ...BLANK, stage: "ISA", count: 1, approvedCount: 1, openCount: 0, rejectedCount: 0, mean: 2, median: 2, p85: 2, p95: 2, percentiles: [{ p: 0, value: 2 }, { p: 50, value: 2 }, { p: 100, value: 2 }], meanRounds: 1, kaplanMeierMedian: 2, medianWithTeam: 0, medianWithIg: 2 },
    ]);
  });

  it("measures calendar days as exact elapsed time", () => {
    const [dpia] = run(tableOf(ROWS, DICTS), { unit: "CALENDAR_DAYS", filter: { stages: ["DPIA"] } });
    expect([dpia!.median, dpia!.mean, dpia!.extras().km.median()]).toEqual([12, 12, 14]);
  });

  it("treats a stage approved after asOf as open and leaves out stages submitted after it", () => {
    const groups = run(tableOf(ROWS, DICTS), { asOf: Date.parse("2024-01-20T12:00:00Z") });
    // I2 is open at asOf (censored at Sat 20 Jan: 9 working days), I3 too (4); ISA not yet submitted.
    expect(groups.map((g) => [g.stage, g.count, g.approvedCount, g.openCount, g.rejectedCount, g.median, g.extras().km.median()])).toEqual([["DPIA", 4, 1, 2, 1, 8, 8]]);
  });

  it("puts a stage in the group of every participating borough, past the 32nd too", () => {
    const groups = run(tableOf(ROWS, DICTS), { groupBy: ["BOROUGH"], filter: { stages: ["DPIA"] } });
    expect(groups.map((g) => [g.borough, g.count, g.approvedCount, g.openCount, g.rejectedCount, g.median])).toEqual([
      ["B00", 2, 1, 0, 1, 8],
      ["B01", 1, 1, 0, 0, 10],
      ["B02", 1, 1, 0, 0, 10],
      ["B35", 2, 1, 1, 0, 8],
    ]);
  });

  it("gives the same groups on the fast path (no filter, asOf after everything) as on the general one", () => {
    const t = tableOf(ROWS, DICTS);
    const fast = plain(run(t, { groupBy: ["STAGE", "TOOL"], asOf: AFTER_ALL }));
    const general = plain(run(t, { groupBy: ["STAGE", "TOOL"], asOf: AFTER_ALL, filter: { stages: DICTS.stages } }));
    expect(fast).toEqual(general);
    expect(fast.map((g) => [g.stage, g.tool, g.count, g.openCount])).toEqual([
      ["DPIA", "isg", 2, 1],
      ["DPIA", "manual", 2, 0],
      ["ISA", "isg", 1, 0],
    ]);
  });

  it("skips a row whose cycle is gone (marked dead by a delta)", () => {
    const t = tableOf(ROWS, DICTS);
    t.submittedAt[1] = Infinity; // I2 DPIA
    t.deadRows = 1;
    const [dpia] = run(t, { asOf: AFTER_ALL, filter: { stages: ["DPIA"] } });
    expect([dpia!.count, dpia!.approvedCount, dpia!.median]).toEqual([3, 1, 8]);
    expect(run(t, { asOf: AFTER_ALL })[0]).toMatchObject({ stage: "DPIA", count: 3, approvedCount: 1 });
  });

  it("numbers only the keys that occur in a huge key space, giving the groups of a small one", () => {
    const all = ["STAGE", "TOOL", "BOROUGH", "LEAD_BOROUGH", "PRACTICE", "MONTH"] as const;
    // 5 stages × 300 tools × 64 × 64 boroughs × 3 practice groups: far past the dense limit.
    const huge = { ...DICTS, tools: [...DICTS.tools, ...Array.from({ length: 298 }, (_, i) => `tool${i}`)], boroughs: [...DICTS.boroughs, ...Array.from({ length: 24 }, (_, i) => `X${i}`)] };
    const sparse = plain(run(tableOf(ROWS, huge), { groupBy: [...all] }));
    const dense = plain(run(tableOf(ROWS, DICTS), { groupBy: [...all] }));
    expect(sparse).toEqual(dense);
    expect(dense.map((g) => [g.stage, g.tool, g.borough, g.leadBorough, g.practice, g.period, g.count])).toEqual([
      ["DPIA", "isg", "B00", "B00", "p1", "2024-01", 1],
      ["DPIA", "isg", "B35", "B00", "p1", "2024-01", 1],
      ["DPIA", "isg", "B35", "B35", null, "2024-01", 1],
      ["DPIA", "manual", "B00", "B00", null, "2024-01", 1],
      ["DPIA", "manual", "B01", "B01", null, "2024-01", 1],
      ["DPIA", "manual", "B02", "B01", null, "2024-01", 1],
      ["ISA", "isg", "B00", "B00", "p1", "2024-01", 1],
      ["ISA", "isg", "B35", "B00", "p1", "2024-01", 1],
    ]);
  });

  it("groups by every participating organisation (boroughs, then partners) crossed with practices, alike in a huge key space", () => {
    // Partners: I1 takes part with nhs and police, I2 with police (by hand, DPIA: I1 approved in 10
    // days using p1; I2 approved in 14 days, I3 open, I4 rejected, none of them using a practice).
    const partners = (id: string) => (id === "I1" ? ["nhs", "police"] : id === "I2" ? ["police"] : []);
    const rows = ROWS.map((r) => ({ ...r, partners: partners(r.id) }));
    const dicts = { ...DICTS, partners: ["nhs", "police"] };
    const args = { groupBy: ["ORGANISATION", "PRACTICE"] as const, asOf: AFTER_ALL, unit: "CALENDAR_DAYS" as const, filter: { stages: ["DPIA"] } };
    const dense = run(tableOf(rows, dicts), { ...args, groupBy: [...args.groupBy] });
    expect(dense.map((g) => [g.organisation, g.practice, g.count, g.approvedCount, g.median])).toEqual([
      ["B00", "p1", 1, 1, 10],
      ["B00", null, 1, 0, null],
      ["B01", null, 1, 1, 14],
      ["B02", null, 1, 1, 14],
      ["B35", "p1", 1, 1, 10],
      ["B35", null, 1, 0, null],
      ["nhs", "p1", 1, 1, 10],
      ["police", "p1", 1, 1, 10],
      ["police", null, 1, 1, 14],
    ]);
    const huge = { ...dicts, tools: [...dicts.tools, ...Array.from({ length: 298 }, (_, i) => `tool${i}`)], boroughs: [...dicts.boroughs, ...Array.from({ length: 24 }, (_, i) => `X${i}`)] };
    const groupBy = ["STAGE", "TOOL", "ORGANISATION", "LEAD_BOROUGH", "PRACTICE", "MONTH"] as const;
    expect(plain(run(tableOf(rows, huge), { ...args, groupBy: [...groupBy] }))).toEqual(plain(run(tableOf(rows, dicts), { ...args, groupBy: [...groupBy] })));
    // The organisations filter: initiatives in which any listed organisation takes part.
    expect(run(tableOf(rows, dicts), { ...args, groupBy: ["STAGE"], filter: { stages: ["DPIA"], organisations: ["police"] } }).map((g) => [g.count, g.median])).toEqual([[2, 12]]);
  });

  it("labels periods by month, quarter and year of submission", () => {
    const t = tableOf(ROWS, DICTS);
    expect(run(t, { groupBy: ["QUARTER"] }).map((g) => [g.period, g.count])).toEqual([["2024-Q1", 5]]);
    expect(run(t, { groupBy: ["YEAR", "LEAD_BOROUGH"] }).map((g) => [g.period, g.leadBorough, g.count])).toEqual([
      ["2024", "B00", 3],
      ["2024", "B01", 1],
      ["2024", "B35", 1],
    ]);
  });

  it("refuses two period dimensions or one listed twice, naming groupBy", () => {
    const t = tableOf(ROWS, DICTS);
    expect(() => run(t, { groupBy: ["MONTH", "YEAR"] })).toThrow(new MetricArgumentError("groupBy", "at most one period dimension (MONTH, QUARTER or YEAR), got MONTH, YEAR"));
    expect(() => run(t, { groupBy: ["TOOL", "TOOL"] })).toThrow(/^groupBy: a dimension is listed twice/);
  });
});

describe("cycleTimes limits", () => {
  /** One open stage per (tool, month): tools × months groups by TOOL and MONTH. */
  function grid(tools: number, months: number): CycleTable {
    const names = Array.from({ length: tools }, (_, i) => `t${i}`);
    const rows = names.flatMap((tool, ti) =>
      Array.from({ length: months }, (_, m) => ({
        id: `${ti}-${m}`,
        stage: "DPIA",
        tool,
        lead: "E09000007",
        boroughs: ["E09000007"],
        outcome: "OPEN" as const,
        submitted: `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-03T10:00:00Z`,
      })),
    );
    return tableOf(rows, { stages: ["DPIA"], tools: names, boroughs: ["E09000007"], practices: [] });
  }

  it("answers up to MAX_GROUPS (10,000) groups and refuses more with a MetricArgumentError naming the limit", () => {
    expect(run(grid(100, 100), { groupBy: ["TOOL", "MONTH"], asOf: Date.parse("2030-01-01") })).toHaveLength(10_000);
    const refused = () => run(grid(101, 100), { groupBy: ["TOOL", "MONTH"], asOf: Date.parse("2030-01-01") });
    expect(refused).toThrow(MetricArgumentError);
    expect(refused).toThrow("groupBy: these dimensions make 10100 groups; at most 10000 groups per call — group by fewer dimensions or narrow the filter");
  });

  it("refuses more than MAX_PERCENTILES (20) percentiles", () => {
    expect(() => cycleTimeOptions({ percentiles: Array.from({ length: 21 }, (_, i) => i) })).toThrow("percentiles: at most 20 percentiles, got 21");
    expect(cycleTimeOptions({ percentiles: Array.from({ length: 20 }, (_, i) => i) }).percentiles).toHaveLength(20);
  });
});

describe("the cycle table's 16-bit columns", () => {
  it("hold rounds, months and working days up to 65,535 and refuse more instead of wrapping", () => {
    const row = { id: "I1", stage: "IDEA", tool: DICTS.tools[0]!, lead: DICTS.boroughs[0]!, boroughs: [DICTS.boroughs[0]!], outcome: "APPROVED" as const, submitted: "2024-01-02T10:00:00Z", approved: "2024-01-09T10:00:00Z" };
    const t = tableOf([{ ...row, rounds: 65_535 }], DICTS);
    expect([t.rounds[0], t.approvedWd[0], t.subMonth[0]]).toEqual([65_535, 5, 2024 * 12]);
    expect(() => tableOf([{ ...row, rounds: 65_536 }], DICTS)).toThrow("cycle table column rounds: 65536 is outside 0..65535, the range its 16-bit column holds");
    // Approved 300 years after submission: more working days than the column holds.
    expect(() => tableOf([{ ...row, approved: "2324-01-09T10:00:00Z" }], DICTS)).toThrow(/^cycle table column approvedWd: \d+ is outside 0\.\.65535/);
  });
});
