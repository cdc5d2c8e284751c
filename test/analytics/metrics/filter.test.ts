import { describe, expect, it } from "vitest";
import { MetricArgumentError, UnknownValueError, compileFilter, passes, stageIndexOf, type MetricFilterValue } from "../../../analytics/metrics/index.js";
import { tableOf } from "./cycle-table.fixture.js";
import { DICTS, ROWS } from "./tables.js";

const t = tableOf(ROWS, DICTS);

/** The rows (as "initiative stage") a filter lets through. */
function rowsPassing(filter: MetricFilterValue | null): string[] {
  const f = compileFilter(t, "filter", filter);
  return ROWS.filter((_, r) => passes(t, f, r)).map((row) => `${row.id} ${row.stage}`);
}

/** What a thrown error carries, as plain data. */
function caught(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    const e = err as UnknownValueError;
    return { type: e.constructor.name, metricArgument: e instanceof MetricArgumentError, argument: e.argument, detail: e.detail, allowed: e.allowed, message: e.message };
  }
  throw new Error("nothing thrown");
}

describe("compileFilter and passes", () => {
  it("lets every row through an empty filter", () => {
    expect(compileFilter(t, "filter", null).empty).toBe(true);
    expect(rowsPassing({})).toEqual(["I1 DPIA", "I2 DPIA", "I3 DPIA", "I4 DPIA", "I1 ISA"]);
  });

  it("matches any listed value within a field and every field together", () => {
    expect(rowsPassing({ stages: ["ISA"] })).toEqual(["I1 ISA"]);
    expect(rowsPassing({ boroughs: ["B35"] })).toEqual(["I1 DPIA", "I3 DPIA", "I1 ISA"]);
    expect(rowsPassing({ boroughs: ["B02", "B35"], stages: ["DPIA"] })).toEqual(["I1 DPIA", "I2 DPIA", "I3 DPIA"]);
    expect(rowsPassing({ practices: ["p1", "p2"] })).toEqual(["I1 DPIA", "I1 ISA"]);
    expect(rowsPassing({ practices: ["p2"] })).toEqual([]);
    expect(rowsPassing({ tools: ["manual"], submittedFrom: "2024-01-09" })).toEqual(["I4 DPIA"]);
    expect(rowsPassing({ submittedFrom: new Date("2024-01-09T00:00:00Z"), submittedTo: "2024-01-15" })).toEqual(["I3 DPIA", "I4 DPIA"]);
  });

  it("refuses a value the table does not know, naming the argument and the values it knows", () => {
    expect(caught(() => compileFilter(t, "cohort", { tools: ["isg", "nope"] }))).toEqual({
      type: "UnknownValueError",
      metricArgument: true,
      argument: "cohort.tools",
      detail: 'unknown tool "nope"; expected one of: isg, manual',
      allowed: ["isg", "manual"],
      message: 'cohort.tools: unknown tool "nope"; expected one of: isg, manual',
    });
    expect(caught(() => compileFilter(t, "a", { boroughs: ["E09000099"] })).message).toBe(`a.boroughs: unknown borough (GSS code) "E09000099"; expected one of: ${DICTS.boroughs.join(", ")}`);
    expect(caught(() => stageIndexOf(t, "stage", "NOPE")).message).toBe('stage: unknown stage "NOPE"; expected one of: IDEA, CONCEPT, DPIA, ISA, REVIEW');
    expect(stageIndexOf(t, "stage", "ISA")).toBe(3);
  });

  it("refuses a period that ends before it starts, and a date that is not one", () => {
    expect(caught(() => compileFilter(t, "filter", { submittedFrom: "2024-02-01", submittedTo: "2024-01-01" }))).toEqual({
      type: "MetricArgumentError",
      metricArgument: true,
      argument: "filter.submittedFrom",
      detail: "submittedFrom is after submittedTo; expected submittedFrom ≤ submittedTo",
      allowed: null,
      message: "filter.submittedFrom: submittedFrom is after submittedTo; expected submittedFrom ≤ submittedTo",
    });
    expect(caught(() => compileFilter(t, "baseline", { submittedTo: "2024-02-30" })).message).toBe('baseline.submittedTo: expected a date YYYY-MM-DD, got "2024-02-30"');
  });
});
