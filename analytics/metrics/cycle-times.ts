/**
 * Time to approval per group (DESIGN.md, "Metric definitions") over a cycle table: counts by
 * outcome, the mean and percentiles of approved stages, and on demand each group's Kaplan–Meier
 * curve (open stages censored at asOf) and team/IG medians.
 */
import { mean, percentileSelect, percentileSorted } from "../percentiles.js";
import { kaplanMeierSplit, type KaplanMeierCurve } from "../survival.js";
import { approvedTeamTime } from "../team-split.js";
import { MS_PER_DAY } from "../working-days.js";
import {
  EXCLUDED,
  OUTCOME_APPROVED,
  OUTCOME_OPEN,
  OUTCOME_REJECTED,
  OUTCOME_WITHDRAWN,
  approvedByWorkingDays,
  approvedDuration,
  censoredDuration,
  statusAt,
  workingDayIndexAt,
  type CycleTable,
  type Unit,
} from "./cycle-table.js";
import { passes, seesEverythingFinal, type CompiledFilter } from "./filter.js";
import { assignGroups, labelGroup, planGrouping, type GroupLabels, type Grouping } from "./grouping.js";
import { MetricArgumentError } from "./argument.error.js";
import { MAX_GROUPS, type CycleTimeOptions } from "./options.js";
import { GROUP_CHUNK, inChunks, runToEnd, type Steps } from "./slicing.js";

/** Largest histogram (groups × distinct working-day durations) built for percentiles; beyond it, a sort. */
export const MAX_HISTOGRAM_CELLS = 2_000_000;

/** Extras of a cycle-time group, computed for all groups together on first demand. */
export interface GroupExtras {
  km: KaplanMeierCurve;
  medianWithIg: number | null;
  medianWithTeam: number | null;
}

/** One group of `cycleTimes` (plain data; the GraphQL type mirrors it). */
export interface CycleTimeGroupData extends GroupLabels {
  count: number;
  approvedCount: number;
  openCount: number;
  rejectedCount: number;
  withdrawnCount: number;
  mean: number | null;
  median: number | null;
  p85: number | null;
  p95: number | null;
  percentiles: { p: number; value: number | null }[];
  meanRounds: number | null;
  /** Lazily computed Kaplan–Meier curve and team/IG medians. */
  extras: () => GroupExtras;
}

/** status[r] = the row's outcome at asOf when it passes the filter (EXCLUDED otherwise). */
function* markStatus(t: CycleTable, f: CompiledFilter, asOf: number, status: Uint8Array): Steps<void> {
  const n = t.n;
  if (seesEverythingFinal(t, f, asOf)) {
    status.set(t.outcome.subarray(0, n));
    return;
  }
  yield* inChunks(n, (from, to) => markStatusRange(t, f, asOf, status, from, to));
}

function markStatusRange(t: CycleTable, f: CompiledFilter, asOf: number, status: Uint8Array, from: number, to: number): void {
  for (let r = from; r < to; r++) if (passes(t, f, r)) status[r] = statusAt(t, r, asOf);
}

/** Counts per (group, outcome) and sums rounds per group, one group per row (rows from .. to − 1). */
function countGroups(status: Uint8Array, groupOfRow: Int32Array, counts: Int32Array, rounds: Float64Array, roundsCol: Uint16Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const st = status[r]!;
    if (st === EXCLUDED) continue;
    const g = groupOfRow[r]!;
    counts[g * 4 + st]!++;
    rounds[g]! += roundsCol[r]!;
  }
}

/** The same over rows in several groups: row r's are rowGroups[rowStart[r] .. rowStart[r + 1] − 1]. */
function countGroupsMulti(status: Uint8Array, rowStart: Int32Array, rowGroups: Int32Array, counts: Int32Array, rounds: Float64Array, roundsCol: Uint16Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const st = status[r]!;
    if (st === EXCLUDED) continue;
    const rr = roundsCol[r]!;
    for (let j = rowStart[r]!, end = rowStart[r + 1]!; j < end; j++) {
      const g = rowGroups[j]!;
      counts[g * 4 + st]!++;
      rounds[g]! += rr;
    }
  }
}

/** hist[group × width + working days]++ for every approved row and each of its groups (rows from .. to − 1). */
function histogramWorkingDaysMulti(status: Uint8Array, rowStart: Int32Array, rowGroups: Int32Array, approvedWd: Uint16Array, width: number, hist: Int32Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    if (status[r] !== OUTCOME_APPROVED) continue;
    const d = approvedWd[r]!;
    for (let j = rowStart[r]!, end = rowStart[r + 1]!; j < end; j++) hist[rowGroups[j]! * width + d]!++;
  }
}

/** hist[group × width + working days]++ for every approved row (rows from .. to − 1). */
function histogramWorkingDays(status: Uint8Array, groupOfRow: Int32Array, approvedWd: Uint16Array, width: number, hist: Int32Array, from: number, to: number): void {
  for (let r = from; r < to; r++) if (status[r] === OUTCOME_APPROVED) hist[groupOfRow[r]! * width + approvedWd[r]!]!++;
}

/** Appends approved rows' working-day durations to their group's slice, in ascending order (order[from .. to − 1]). */
function fillWorkingDays(order: Int32Array, status: Uint8Array, groupOfRow: Int32Array, apprCum: Int32Array, subCum: Int32Array, fill: Int32Array, values: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const r = order[j]!;
    if (status[r] !== OUTCOME_APPROVED) continue;
    values[fill[groupOfRow[r]!]!++] = apprCum[r]! - subCum[r]!;
  }
}

/** fillWorkingDays when a row may be in several groups. */
function fillWorkingDaysMulti(order: Int32Array, status: Uint8Array, rowStart: Int32Array, rowGroups: Int32Array, apprCum: Int32Array, subCum: Int32Array, fill: Int32Array, values: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const r = order[j]!;
    if (status[r] !== OUTCOME_APPROVED) continue;
    const v = apprCum[r]! - subCum[r]!;
    for (let m = rowStart[r]!, end = rowStart[r + 1]!; m < end; m++) values[fill[rowGroups[m]!]!++] = v;
  }
}

/** Appends approved rows' calendar-day durations to their groups' slices, in row order (rows from .. to − 1). */
function fillCalendarDays(t: CycleTable, status: Uint8Array, grouping: Grouping, fill: Int32Array, values: Float64Array, from: number, to: number): void {
  const { simple, groupOfRow, rowStart, rowGroups } = grouping;
  for (let r = from; r < to; r++) {
    if (status[r] !== OUTCOME_APPROVED) continue;
    const v = (t.approvedAt[r]! - t.submittedAt[r]!) / MS_PER_DAY;
    if (simple) values[fill[groupOfRow[r]!]!++] = v;
    else for (let m = rowStart[r]!, end = rowStart[r + 1]!; m < end; m++) values[fill[rowGroups[m]!]!++] = v;
  }
}

/**
 * Kaplan–Meier curves and team/IG medians of the groups of one `cycleTimes` call: one pass over the
 * rows writes each group's censored times and team/IG shares into typed slices (sized from the
 * counts already made); a group's curve and medians are computed when first asked for. The
 * approved times are the sorted `values` of the call (the same numbers) unless a duration is
 * negative, when they are written out and sorted here.
 */
function* groupExtras(
  t: CycleTable,
  status: Uint8Array,
  groupOfRow: Int32Array | null,
  rowStart: Int32Array,
  rowGroups: Int32Array,
  groupCount: number,
  counts: Int32Array,
  offsets: Int32Array,
  values: Float64Array,
  unit: Unit,
  asOf: number,
): Steps<(group: number) => GroupExtras> {
  const asOfCum = workingDayIndexAt(asOf);
  const openOffsets = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) openOffsets[g + 1] = openOffsets[g]! + counts[g * 4 + OUTCOME_OPEN]!;
  const approvedTotal = offsets[groupCount]!;
  const events = new Float64Array(approvedTotal);
  const team = new Float64Array(approvedTotal);
  const ig = new Float64Array(approvedTotal);
  const censored = new Float64Array(openOffsets[groupCount]!);
  const fillApproved = offsets.slice(0, groupCount);
  const fillOpen = openOffsets.slice(0, groupCount);
  const wd = unit === "WORKING_DAYS";
  let negative = false;
  const pass = (from: number, to: number): void => {
    for (let r = from; r < to; r++) {
      const st = status[r]!;
      if (st !== OUTCOME_APPROVED && st !== OUTCOME_OPEN) continue;
      // Row r's groups: groupOfRow[r] alone, or rowGroups[j0 .. j1 − 1].
      const j0 = groupOfRow ? 0 : rowStart[r]!;
      const j1 = groupOfRow ? 1 : rowStart[r + 1]!;
      if (st === OUTCOME_APPROVED) {
        const d = approvedDuration(t, r, unit);
        if (d < 0) negative = true;
        const tv = approvedTeamTime(d, t.submittedAt[r]!, t.approvedAt[r]!, t.teamMs[r]!, wd);
        for (let j = j0; j < j1; j++) {
          const at = fillApproved[groupOfRow ? groupOfRow[r]! : rowGroups[j]!]!++;
          events[at] = d;
          team[at] = tv;
          ig[at] = d - tv;
        }
      } else {
        const d = censoredDuration(t, r, unit, asOf, asOfCum);
        for (let j = j0; j < j1; j++) censored[fillOpen[groupOfRow ? groupOfRow[r]! : rowGroups[j]!]!++] = d;
      }
    }
  };
  yield* inChunks(t.n, pass);
  const memo = new Map<number, GroupExtras>();
  return (g) => {
    let e = memo.get(g);
    if (e) return e;
    const a0 = offsets[g]!;
    const a1 = offsets[g + 1]!;
    const cens = censored.subarray(openOffsets[g]!, openOffsets[g + 1]!);
    cens.sort();
    const ev = negative ? events.subarray(a0, a1).sort() : values.subarray(a0, a1);
    e = { km: kaplanMeierSplit(ev, cens), medianWithIg: percentileSelect(ig, a0, a1, 50), medianWithTeam: percentileSelect(team, a0, a1, 50) };
    memo.set(g, e);
    return e;
  };
}

/** MetricArgumentError when more than MAX_GROUPS groups have a stage (those the answer would list). */
function refuseTooManyGroups(counts: Int32Array, groupCount: number): void {
  if (groupCount <= MAX_GROUPS) return;
  let listed = 0;
  for (let g = 0; g < groupCount; g++) {
    if (counts[g * 4]! + counts[g * 4 + 1]! + counts[g * 4 + 2]! + counts[g * 4 + 3]! > 0) listed++;
  }
  if (listed > MAX_GROUPS) {
    throw new MetricArgumentError("groupBy", `these dimensions make ${listed} groups; at most ${MAX_GROUPS} groups per call — group by fewer dimensions or narrow the filter`);
  }
}


/**
 * Time to approval per group (DESIGN.md): count = stages submitted in the group by asOf;
 * percentiles and the mean over approved stages; open stages censored at asOf for Kaplan–Meier;
 * REJECTED / WITHDRAWN counted apart. BOROUGH puts a stage in the group of every participating
 * borough; ORGANISATION in the group of every participating organisation (boroughs and partners);
 * LEAD_BOROUGH by the lead only; PRACTICE in every practice used (or a null group).
 * Groups with no stage are left out; the others come in key order.
 */
export function cycleTimes(t: CycleTable, f: CompiledFilter, opts: CycleTimeOptions): CycleTimeGroupData[] {
  return runToEnd(cycleTimeSteps(t, f, opts));
}

/**
 * `cycleTimes` as resumable steps (slicing.ts). With `eagerExtras` every group's Kaplan–Meier
 * curve and team/IG medians are computed among the steps, so nothing reads the table after the
 * last step (a caller that suspends the kernel asks for them); without, on first demand, as
 * `cycleTimes` does.
 */
export function* cycleTimeSteps(t: CycleTable, f: CompiledFilter, opts: CycleTimeOptions, eagerExtras = false): Steps<CycleTimeGroupData[]> {
  const { unit, percentiles: ps, asOf } = opts;
  const plan = planGrouping(t, opts.groupBy);
  const n = t.n;
  const status = new Uint8Array(n).fill(EXCLUDED);
  yield* markStatus(t, f, asOf, status);
  const grouping = assignGroups(t, plan, status);
  const { groupCount, simple, groupOfRow, rowStart, rowGroups, keyOf } = grouping;
  yield;

  // Counts by (group, outcome): four per group, in outcome-code order.
  const counts = new Int32Array(groupCount * 4);
  const rounds = new Float64Array(groupCount);
  const roundsCol = t.rounds;
  if (simple) yield* inChunks(n, (from, to) => countGroups(status, groupOfRow, counts, rounds, roundsCol, from, to));
  else yield* inChunks(n, (from, to) => countGroupsMulti(status, rowStart, rowGroups, counts, rounds, roundsCol, from, to));
  refuseTooManyGroups(counts, groupCount);
  // Approved values per group, laid out contiguously (offsets by group), filled in ascending order.
  const offsets = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) offsets[g + 1] = offsets[g]! + counts[g * 4 + OUTCOME_APPROVED]!;
  const values = new Float64Array(offsets[groupCount]!);
  const fill = offsets.slice(0, groupCount);
  const width = t.maxApprovedWd + 1;
  if (unit === "WORKING_DAYS" && groupCount * width <= MAX_HISTOGRAM_CELLS) {
    // Working days are small integers: a histogram per group in one sequential pass, then each
    // group's slice written out in ascending order.
    const hist = new Int32Array(groupCount * width);
    const approvedWd = t.approvedWd;
    if (simple) yield* inChunks(n, (from, to) => histogramWorkingDays(status, groupOfRow, approvedWd, width, hist, from, to));
    else yield* inChunks(n, (from, to) => histogramWorkingDaysMulti(status, rowStart, rowGroups, approvedWd, width, hist, from, to));
    for (let g = 0; g < groupCount; g++) {
      if (offsets[g + 1] === offsets[g]) continue;
      let at = offsets[g]!;
      const h0 = g * width;
      for (let d = 0; d < width; d++) {
        const c = hist[h0 + d]!;
        if (c) {
          values.fill(d, at, at + c);
          at += c;
        }
      }
    }
  } else if (unit === "WORKING_DAYS") {
    // Rows come in ascending duration, so each group's values arrive sorted: no per-group sort.
    const order = approvedByWorkingDays(t);
    yield;
    const { apprCum, subCum } = t;
    if (simple) yield* inChunks(order.length, (from, to) => fillWorkingDays(order, status, groupOfRow, apprCum, subCum, fill, values, from, to));
    else yield* inChunks(order.length, (from, to) => fillWorkingDaysMulti(order, status, rowStart, rowGroups, apprCum, subCum, fill, values, from, to));
  } else {
    yield* inChunks(n, (from, to) => fillCalendarDays(t, status, grouping, fill, values, from, to));
    for (let g = 0; g < groupCount; g++) {
      if (offsets[g + 1]! - offsets[g]! > 1) {
        values.subarray(offsets[g]!, offsets[g + 1]!).sort();
        yield;
      }
    }
  }

  let extras: ((group: number) => GroupExtras) | null = null;
  if (eagerExtras) {
    extras = yield* groupExtras(t, status, simple ? groupOfRow : null, rowStart, rowGroups, groupCount, counts, offsets, values, unit, asOf);
    for (let g = 0; g < groupCount; g++) {
      if (counts[g * 4]! + counts[g * 4 + 1]! + counts[g * 4 + 2]! + counts[g * 4 + 3]! === 0) continue;
      extras(g);
      if (g % GROUP_CHUNK === GROUP_CHUNK - 1) yield;
    }
  }
  const getExtras = (group: number): GroupExtras => {
    extras ??= runToEnd(groupExtras(t, status, simple ? groupOfRow : null, rowStart, rowGroups, groupCount, counts, offsets, values, unit, asOf));
    return extras(group);
  };
  const groups: CycleTimeGroupData[] = [];
  for (let g = 0; g < groupCount; g++) {
    const countsAt = g * 4;
    const count = counts[countsAt]! + counts[countsAt + 1]! + counts[countsAt + 2]! + counts[countsAt + 3]!;
    if (count === 0) continue;
    const vals = values.subarray(offsets[g]!, offsets[g + 1]!);
    const group: CycleTimeGroupData = {
      stage: null,
      tool: null,
      borough: null,
      organisation: null,
      leadBorough: null,
      practice: null,
      period: null,
      count,
      approvedCount: counts[countsAt + OUTCOME_APPROVED]!,
      openCount: counts[countsAt + OUTCOME_OPEN]!,
      rejectedCount: counts[countsAt + OUTCOME_REJECTED]!,
      withdrawnCount: counts[countsAt + OUTCOME_WITHDRAWN]!,
      mean: mean(vals),
      median: percentileSorted(vals, 50),
      p85: percentileSorted(vals, 85),
      p95: percentileSorted(vals, 95),
      percentiles: ps.map((p) => ({ p, value: percentileSorted(vals, p) })),
      meanRounds: rounds[g]! / count,
      extras: () => getExtras(g),
    };
    labelGroup(plan, keyOf(g), group);
    groups.push(group);
    if (groups.length % (GROUP_CHUNK * 8) === 0) yield;
  }
  return groups;
}
