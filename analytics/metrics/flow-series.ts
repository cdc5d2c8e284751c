/**
 * Flow (DESIGN.md, "Metric definitions") over a cycle table: throughput, work in progress,
 * cumulative flow per stage, and the ages of the items open at the end of the range.
 */
import { computeFlowColumns, type FlowIntervalKind } from "../flow.js";
import { percentileSorted } from "../percentiles.js";
import { MS_PER_DAY, dayNumberToIso } from "../working-days.js";
import { OUTCOME_APPROVED, OUTCOME_OPEN, workingDayIndexAt, type CycleTable } from "./cycle-table.js";
import { passes, type CompiledFilter } from "./filter.js";
import type { FlowOptions } from "./options.js";
import { inChunks, runToEnd, type Steps } from "./slicing.js";

export interface FlowData {
  from: string;
  to: string;
  interval: FlowIntervalKind;
  points: { label: string; start: string; end: string; arrivals: number; throughput: number; closedOther: number; wip: number }[];
  stages: { stage: string; points: { label: string; end: string; submitted: number; approved: number; closedOther: number; inProgress: number }[] }[];
  openItems: {
    asOf: number;
    count: number;
    medianAgeDays: number | null;
    p85AgeDays: number | null;
    maxAgeDays: number | null;
    medianAgeWorkingDays: number | null;
    oldest: { initiativeId: string; stage: string; submittedAt: number; ageDays: number; ageWorkingDays: number }[];
  };
}

/** The rows `flow` counts (passing the filter), those open at asOf, and which stages occur. */
function* flowRows(t: CycleTable, f: CompiledFilter, asOf: number): Steps<{ rows: Int32Array; open: Int32Array; stageSeen: Uint8Array }> {
  const rows = new Int32Array(t.n);
  const open = new Int32Array(t.n);
  const stageSeen = new Uint8Array(t.stages.length);
  const all = f.empty && t.deadRows === 0;
  let rowCount = 0;
  let openCount = 0;
  yield* inChunks(t.n, (from, to) => {
    for (let r = from; r < to; r++) {
      if (!all && !passes(t, f, r)) continue;
      rows[rowCount++] = r;
      stageSeen[t.stage[r]!] = 1;
      const o = t.outcome[r]!;
      const endAt = o === OUTCOME_APPROVED ? t.approvedAt[r]! : o === OUTCOME_OPEN ? NaN : t.endedAt[r]!;
      if (t.submittedAt[r]! <= asOf && !(endAt <= asOf)) open[openCount++] = r;
    }
  });
  return { rows: rows.subarray(0, rowCount), open: open.subarray(0, openCount), stageSeen };
}

/**
 * Flow (DESIGN.md): per interval from..to, stages submitted, approved (throughput), ended
 * otherwise, and work in progress at the interval end; cumulative flow per stage (stages that
 * occur); and the ages of items open at opts.asOf, the `oldest` of them listed.
 */
export function flowSeries(t: CycleTable, f: CompiledFilter, opts: FlowOptions): FlowData {
  return runToEnd(flowSteps(t, f, opts));
}

/** `flowSeries` as resumable steps (slicing.ts): the pass over the table, then the flow columns, then the ages. */
export function* flowSteps(t: CycleTable, f: CompiledFilter, opts: FlowOptions): Steps<FlowData> {
  const { asOf, intervals, oldest: limit } = opts;
  const asOfCum = workingDayIndexAt(asOf);
  const { rows, open, stageSeen } = yield* flowRows(t, f, asOf);
  const approved = new Uint8Array(t.n);
  for (let j = 0; j < rows.length; j++) if (t.outcome[rows[j]!] === OUTCOME_APPROVED) approved[rows[j]!] = 1;
  yield;
  const flow = computeFlowColumns(rows, { stage: t.stage, submittedDay: t.subDay, endDay: t.endDay, approved }, t.stages.length, intervals);
  yield;
  // Open items by age: oldest first is earliest submitted first (ties by initiative id, then
  // stage: not by row, whose order depends on how the database returned the table), so one typed
  // sort of submission instants gives the ages in order.
  const m = open.length;
  const submitted = new Float64Array(m);
  const workingAges = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    submitted[j] = t.submittedAt[open[j]!]!;
    workingAges[j] = asOfCum - t.subCum[open[j]!]!;
  }
  submitted.sort();
  workingAges.sort();
  yield;
  const ages = new Float64Array(m);
  for (let j = 0; j < m; j++) ages[m - 1 - j] = (asOf - submitted[j]!) / MS_PER_DAY;
  let oldestRows: number[] = [];
  if (limit > 0 && m > 0) {
    const threshold = submitted[Math.min(limit, m) - 1]!;
    for (let j = 0; j < m; j++) if (t.submittedAt[open[j]!]! <= threshold) oldestRows.push(open[j]!);
    const idOf = (r: number) => t.initiativeIds[t.init[r]!]!;
    oldestRows.sort((x, y) => t.submittedAt[x]! - t.submittedAt[y]! || (idOf(x) < idOf(y) ? -1 : idOf(x) > idOf(y) ? 1 : t.stage[x]! - t.stage[y]!));
    oldestRows = oldestRows.slice(0, limit);
  }
  return {
    from: dayNumberToIso(opts.fromDay),
    to: dayNumberToIso(opts.toDay),
    interval: opts.interval,
    points: flow.points.map((p) => ({
      label: p.interval.label,
      start: dayNumberToIso(p.interval.start),
      end: dayNumberToIso(p.interval.end),
      arrivals: p.arrivals,
      throughput: p.throughput,
      closedOther: p.closedOther,
      wip: p.wip,
    })),
    stages: flow.cumulative.flatMap((row, s) =>
      stageSeen[s]
        ? [
            {
              stage: t.stages[s]!,
              points: row.map((c) => ({ label: c.interval.label, end: dayNumberToIso(c.interval.end), submitted: c.submitted, approved: c.approved, closedOther: c.closedOther, inProgress: c.inProgress })),
            },
          ]
        : [],
    ),
    openItems: {
      asOf,
      count: m,
      medianAgeDays: percentileSorted(ages, 50),
      p85AgeDays: percentileSorted(ages, 85),
      maxAgeDays: ages.length ? ages[ages.length - 1]! : null,
      medianAgeWorkingDays: percentileSorted(workingAges, 50),
      oldest: oldestRows.map((r) => ({
        initiativeId: t.initiativeIds[t.init[r]!]!,
        stage: t.stages[t.stage[r]!]!,
        submittedAt: t.submittedAt[r]!,
        ageDays: (asOf - t.submittedAt[r]!) / MS_PER_DAY,
        ageWorkingDays: asOfCum - t.subCum[r]!,
      })),
    },
  };
}
