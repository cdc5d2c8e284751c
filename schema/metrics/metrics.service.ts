import type { HubDb } from "../../db/connection.js";
import { MAX_RESAMPLES, differenceOfMedians } from "../../analytics/bootstrap.js";
import { computeFlowColumns, flowIntervals, type FlowIntervalKind } from "../../analytics/flow.js";
import { mean, percentileOfCounts, percentileSelect, percentileSorted, sortedCopy } from "../../analytics/percentiles.js";
import { kaplanMeierSplit, type KaplanMeierCurve } from "../../analytics/survival.js";
import { approvedTeamTime } from "../../analytics/team-split.js";
import { timeSaved as computeTimeSaved, type TimeSavedResult } from "../../analytics/time-saved.js";
import { MS_PER_DAY, dayNumberToIso, londonDayNumber, londonMidnightMs, workingDayIndex } from "../../analytics/working-days.js";
import {
  OUTCOME_APPROVED,
  OUTCOME_OPEN,
  OUTCOME_REJECTED,
  OUTCOME_WITHDRAWN,
  approvedByWorkingDays,
  getCycleTable,
  signoffColumns,
  type CycleTable,
  type SignoffColumns,
} from "./cycle.store.js";
import { UnknownValueError, badInput, compileFilter, dayOf, passes, type CompiledFilter, type MetricFilterValue } from "./metric.filter.js";

export type Unit = "CALENDAR_DAYS" | "WORKING_DAYS";
export type Dimension = "STAGE" | "TOOL" | "BOROUGH" | "LEAD_BOROUGH" | "PRACTICE" | "MONTH" | "QUARTER" | "YEAR";

/** Largest key space a `groupBy` may span (product of the dimensions' sizes; keys are 32-bit). */
export const MAX_GROUP_COMBINATIONS = 2 ** 31 - 1;
/** Above this key space, only the keys that occur are numbered (a sparse grouping). */
const MAX_DENSE_GROUPS = 1_000_000;
/** Largest histogram (groups × distinct working-day durations) built for percentiles; beyond it, a sort. */
const MAX_HISTOGRAM_CELLS = 2_000_000;
/** Largest number of intervals a flow series may have. */
export const MAX_FLOW_INTERVALS = 1000;
/** Most open items listed by `flow.openItems.oldest`. */
export const MAX_OLDEST = 1000;

const EXCLUDED = 255;

/** Row status at an instant: 255 (not yet submitted), or the outcome as it stood then. */
function statusAt(t: CycleTable, r: number, asOf: number): number {
  if (t.submittedAt[r]! > asOf) return EXCLUDED;
  const o = t.outcome[r]!;
  if (o === OUTCOME_APPROVED) return t.approvedAt[r]! <= asOf ? OUTCOME_APPROVED : OUTCOME_OPEN;
  if (o === OUTCOME_REJECTED || o === OUTCOME_WITHDRAWN) return t.endedAt[r]! <= asOf ? o : OUTCOME_OPEN;
  return OUTCOME_OPEN;
}

/** Time to approval of an approved row in the unit. */
function approvedDuration(t: CycleTable, r: number, unit: Unit): number {
  return unit === "WORKING_DAYS" ? t.apprCum[r]! - t.subCum[r]! : (t.approvedAt[r]! - t.submittedAt[r]!) / MS_PER_DAY;
}

/** Elapsed time of a row still open at asOf (censored) in the unit. */
function censoredDuration(t: CycleTable, r: number, unit: Unit, asOf: number, asOfCum: number): number {
  return unit === "WORKING_DAYS" ? asOfCum - t.subCum[r]! : (asOf - t.submittedAt[r]!) / MS_PER_DAY;
}

/** Extras of a cycle-time group, computed for all groups together on first demand. */
export interface GroupExtras {
  km: KaplanMeierCurve;
  medianWithIg: number | null;
  medianWithTeam: number | null;
}

/** One group of `cycleTimes` (plain data; the GraphQL type mirrors it). */
export interface CycleTimeGroupData {
  stage: string | null;
  tool: string | null;
  borough: string | null;
  leadBorough: string | null;
  practice: string | null;
  period: string | null;
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

interface DimSpec {
  dim: Dimension;
  card: number;
  /** Single-valued dimensions: the value index of row r. */
  single?: (r: number) => number;
  /** How the hot loop reads a single-valued dimension without a call per row. */
  column?: { direct: Uint16Array | Int32Array; div: number; offset: number } | { perInitiative: Uint16Array };
  /** Multi-valued dimensions: the value indexes of row r. */
  multi?: (r: number) => number[];
  label: (v: number) => string | null;
}

function bitsOf(lo: number, hi: number, out: number[]): number[] {
  out.length = 0;
  for (let b = 0; b < 32; b++) if (lo & (1 << b)) out.push(b);
  for (let b = 0; b < 32; b++) if (hi & (1 << b)) out.push(b + 32);
  return out;
}

function dimSpecs(t: CycleTable, groupBy: readonly Dimension[]): DimSpec[] {
  const periods = groupBy.filter((d) => d === "MONTH" || d === "QUARTER" || d === "YEAR");
  if (periods.length > 1) throw badInput("groupBy", `at most one period dimension (MONTH, QUARTER or YEAR), got ${periods.join(", ")}`);
  if (new Set(groupBy).size !== groupBy.length) throw badInput("groupBy", "a dimension is listed twice; expected each of STAGE, TOOL, BOROUGH, LEAD_BOROUGH, PRACTICE, MONTH, QUARTER, YEAR at most once");
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  if (periods.length) {
    for (let r = 0; r < t.n; r++) {
      const m = t.subMonth[r]!;
      if (m < minMonth) minMonth = m;
      if (m > maxMonth) maxMonth = m;
    }
    if (t.n === 0) minMonth = maxMonth = 0;
  }
  const scratch: number[] = [];
  return groupBy.map((dim): DimSpec => {
    switch (dim) {
      case "STAGE":
        return { dim, card: t.stages.length, single: (r) => t.stage[r]!, column: { direct: t.stage, div: 1, offset: 0 }, label: (v) => t.stages[v]! };
      case "TOOL":
        return { dim, card: t.tools.length, single: (r) => t.initTool[t.init[r]!]!, column: { perInitiative: t.initTool }, label: (v) => t.tools[v]! };
      case "LEAD_BOROUGH":
        return { dim, card: t.boroughs.length, single: (r) => t.initLead[t.init[r]!]!, column: { perInitiative: t.initLead }, label: (v) => t.boroughs[v]! };
      case "BOROUGH":
        return {
          dim,
          card: t.boroughs.length,
          multi: (r) => bitsOf(t.initBoroughLo[t.init[r]!]!, t.initBoroughHi[t.init[r]!]!, scratch),
          label: (v) => t.boroughs[v]!,
        };
      case "PRACTICE": {
        const none = t.practices.length;
        return {
          dim,
          card: none + 1,
          multi: (r) => {
            const vs = bitsOf(t.initPractices[t.init[r]!]!, 0, scratch);
            if (vs.length === 0) vs.push(none);
            return vs;
          },
          label: (v) => (v === none ? null : t.practices[v]!),
        };
      }
      case "MONTH":
        return {
          dim,
          card: maxMonth - minMonth + 1,
          single: (r) => t.subMonth[r]! - minMonth,
          column: { direct: t.subMonth, div: 1, offset: minMonth },
          label: (v) => {
            const m = v + minMonth;
            return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
          },
        };
      case "QUARTER": {
        const q0 = Math.floor(minMonth / 3);
        return {
          dim,
          card: Math.floor(maxMonth / 3) - q0 + 1,
          single: (r) => Math.floor(t.subMonth[r]! / 3) - q0,
          column: { direct: t.subMonth, div: 3, offset: q0 },
          label: (v) => `${Math.floor((v + q0) / 4)}-Q${((v + q0) % 4) + 1}`,
        };
      }
      case "YEAR": {
        const y0 = Math.floor(minMonth / 12);
        return { dim, card: Math.floor(maxMonth / 12) - y0 + 1, single: (r) => Math.floor(t.subMonth[r]! / 12) - y0, column: { direct: t.subMonth, div: 12, offset: y0 }, label: (v) => String(v + y0) };
      }
    }
  });
}

/** status[r] = the row's outcome at asOf when it passes the filter (EXCLUDED otherwise). */
function markStatus(t: CycleTable, f: CompiledFilter, asOf: number, status: Uint8Array): void {
  const n = t.n;
  // The usual question — everything, as of now — is the final outcome of every row.
  if (f.empty && asOf >= t.maxInstant && t.deadRows === 0) {
    status.set(t.outcome.subarray(0, n));
    return;
  }
  for (let r = 0; r < n; r++) if (passes(t, f, r)) status[r] = statusAt(t, r, asOf);
}

/** base[r] += (⌊col[r] / div⌋ − offset) × stride for included rows. */
function addDirectKey(base: Int32Array, status: Uint8Array, col: Uint16Array | Int32Array, div: number, offset: number, stride: number): void {
  const n = base.length;
  if (div === 1) {
    for (let r = 0; r < n; r++) if (status[r] !== EXCLUDED) base[r]! += (col[r]! - offset) * stride;
  } else {
    for (let r = 0; r < n; r++) if (status[r] !== EXCLUDED) base[r]! += (Math.floor(col[r]! / div) - offset) * stride;
  }
}

/** base[r] += perInitiative[init[r]] × stride for included rows. */
function addInitiativeKey(base: Int32Array, status: Uint8Array, init: Int32Array, perInitiative: Uint16Array, stride: number): void {
  const n = base.length;
  for (let r = 0; r < n; r++) if (status[r] !== EXCLUDED) base[r]! += perInitiative[init[r]!]! * stride;
}

/** Counts per (group, outcome) and sums rounds per group, one group per row. */
function countGroups(status: Uint8Array, base: Int32Array, counts: Int32Array, rounds: Float64Array, roundsCol: Int32Array): void {
  const n = status.length;
  for (let r = 0; r < n; r++) {
    const st = status[r]!;
    if (st === EXCLUDED) continue;
    const key = base[r]!;
    counts[key * 4 + st]!++;
    rounds[key]! += roundsCol[r]!;
  }
}

/** hist[group × width + working days]++ for every approved row. */
function histogramWorkingDays(status: Uint8Array, base: Int32Array, approvedWd: Int32Array, width: number, hist: Int32Array): void {
  const n = status.length;
  for (let r = 0; r < n; r++) if (status[r] === OUTCOME_APPROVED) hist[base[r]! * width + approvedWd[r]!]!++;
}

/** Appends approved rows' working-day durations to their group's slice, in ascending order. */
function fillWorkingDays(order: Int32Array, status: Uint8Array, base: Int32Array, apprCum: Int32Array, subCum: Int32Array, fill: Int32Array, values: Float64Array): void {
  for (let j = 0; j < order.length; j++) {
    const r = order[j]!;
    if (status[r] !== OUTCOME_APPROVED) continue;
    values[fill[base[r]!]!++] = apprCum[r]! - subCum[r]!;
  }
}

/** Validates a list of percentiles: each within [0, 100]. */
function checkPercentiles(ps: readonly number[]): void {
  for (const p of ps) if (!(p >= 0 && p <= 100)) throw badInput("percentiles", `each percentile must be within [0, 100], got ${p}`);
}

function asOfMs(asOf: Date | null | undefined): number {
  if (asOf == null) return Date.now();
  const ms = asOf.getTime();
  if (Number.isNaN(ms)) throw badInput("asOf", "expected an RFC 3339 date-time");
  return ms;
}

/** (cell, value) pairs in growable typed arrays, grouped by cell at the end. */
class CellValues {
  cell = new Int32Array(1024);
  value = new Float64Array(1024);
  n = 0;

  push(c: number, v: number): void {
    if (this.n === this.cell.length) {
      const cell = new Int32Array(this.n * 2);
      cell.set(this.cell);
      this.cell = cell;
      const value = new Float64Array(this.n * 2);
      value.set(this.value);
      this.value = value;
    }
    this.cell[this.n] = c;
    this.value[this.n++] = v;
  }

  /** The values of cell k at values[offsets[k] .. offsets[k + 1]), each cell's ascending. */
  grouped(cells: number): { offsets: Int32Array; values: Float64Array } {
    const offsets = new Int32Array(cells + 1);
    for (let j = 0; j < this.n; j++) offsets[this.cell[j]! + 1]!++;
    for (let k = 0; k < cells; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, cells);
    const values = new Float64Array(this.n);
    for (let j = 0; j < this.n; j++) values[fill[this.cell[j]!]!++] = this.value[j]!;
    for (let k = 0; k < cells; k++) if (offsets[k + 1]! - offsets[k]! > 1) values.subarray(offsets[k]!, offsets[k + 1]!).sort();
    return { offsets, values };
  }
}

/** What one pass of `signOffTimes` accumulates per (borough, stage) cell = borough × nS + stage. */
interface SignOffAccumulators {
  nS: number;
  /** Histogram range (working days): bucket d holds lo + d; width 0 when lists are used instead. */
  lo: number;
  width: number;
  ownHist: Int32Array | null;
  peerHist: Int32Array | null;
  ownN: Int32Array;
  peerN: Int32Array;
  last: Int32Array;
  contested: Int32Array;
  /** Without histograms (calendar days): a first pass counts, a second writes each value in place. */
  lists: { ownAt: Int32Array; ownValues: Float64Array; peerAt: Int32Array; peerValues: Float64Array } | null;
  pending: CellValues;
}

/**
 * The sign-off pass: for every row passing the filter, each borough's own sign-off time (signed by
 * asOf), its peers' times on the same stage, last-to-sign counts on contested approved stages, and
 * the censored time of each participant still to sign an open stage.
 */
function signOffPass(t: CycleTable, sig: SignoffColumns, f: CompiledFilter, acc: SignOffAccumulators, wd: boolean, asOf: number, asOfCum: number): void {
  const { nS, lo, width, ownHist, peerHist, ownN, peerN, last, contested, lists, pending } = acc;
  // Everything, as of now: every row is in with its final outcome (as in markStatus).
  const all = f.empty && asOf >= t.maxInstant && t.deadRows === 0;
  const vb = new Uint8Array(64);
  const vv = new Float64Array(64);
  const vi = new Int32Array(64);
  const vl = new Uint8Array(64);
  const members: number[] = [];
  for (let r = 0; r < t.n; r++) {
    const cnt = sig.count[r]!;
    let st = t.outcome[r]!;
    if (cnt === 0 && st !== OUTCOME_OPEN) continue; // nothing signed and nothing pending
    if (!all) {
      if (!passes(t, f, r)) continue;
      st = statusAt(t, r, asOf);
      if (st === EXCLUDED) continue;
    }
    const s = t.stage[r]!;
    const i = t.init[r]!;
    const blo = t.initBoroughLo[i]!;
    const bhi = t.initBoroughHi[i]!;
    // Two or more participating boroughs: more than one bit set across both halves of the mask.
    const isContested = st === OUTCOME_APPROVED && ((blo & (blo - 1)) !== 0 || (bhi & (bhi - 1)) !== 0 || (blo !== 0 && bhi !== 0));
    let signedLo = 0;
    let signedHi = 0;
    let m = 0;
    const from = sig.first[r]!;
    const approvedAt = t.approvedAt[r]!;
    for (let k = from; k < from + cnt; k++) {
      const at = sig.at[k]!;
      if (at > asOf) continue;
      const b = sig.borough[k]!;
      if (b < 32) signedLo |= 1 << b;
      else signedHi |= 1 << (b - 32);
      vb[m] = b;
      if (ownHist) vi[m] = sig.wd[k]! - lo;
      else vv[m] = wd ? sig.wd[k]! : (at - t.submittedAt[r]!) / MS_PER_DAY;
      vl[m] = at === approvedAt ? 1 : 0;
      m++;
    }
    if (ownHist && peerHist) {
      // Working days: histogram buckets (value − lo) per cell.
      for (let j = 0; j < m; j++) {
        const cell = vb[j]! * nS + s;
        const h0 = cell * width;
        ownN[cell]!++;
        peerN[cell]! += m - 1;
        ownHist[h0 + vi[j]!]!++;
        for (let j2 = 0; j2 < m; j2++) if (j2 !== j) peerHist[h0 + vi[j2]!]!++;
        if (isContested) {
          contested[cell]!++;
          last[cell]! += vl[j]!;
        }
      }
    } else {
      for (let j = 0; j < m; j++) {
        const cell = vb[j]! * nS + s;
        ownN[cell]!++;
        peerN[cell]! += m - 1;
        if (lists) {
          lists.ownValues[lists.ownAt[cell]!++] = vv[j]!;
          let at = lists.peerAt[cell]!;
          for (let j2 = 0; j2 < m; j2++) if (j2 !== j) lists.peerValues[at++] = vv[j2]!;
          lists.peerAt[cell] = at;
        }
        if (isContested) {
          contested[cell]!++;
          last[cell]! += vl[j]!;
        }
      }
    }
    if (st === OUTCOME_OPEN && (ownHist || lists)) {
      const censored = censoredDuration(t, r, wd ? "WORKING_DAYS" : "CALENDAR_DAYS", asOf, asOfCum);
      bitsOf(blo & ~signedLo, bhi & ~signedHi, members);
      for (const b of members) pending.push(b * nS + s, censored);
    }
  }
}

/**
 * Kaplan–Meier curves and team/IG medians of the groups of one `cycleTimes` call: one pass over the
 * rows writes each group's censored times and team/IG shares into typed slices (sized from the
 * counts already made); a group's curve and medians are computed when first asked for. The
 * approved times are the sorted `values` of the call (the same numbers) unless a duration is
 * negative, when they are written out and sorted here.
 */
function groupExtras(
  t: CycleTable,
  status: Uint8Array,
  base: Int32Array | null,
  keysOf: (r: number) => number[],
  G: number,
  counts: Int32Array,
  offsets: Int32Array,
  values: Float64Array,
  unit: Unit,
  asOf: number,
): (key: number) => GroupExtras {
  const asOfCum = workingDayIndex(londonDayNumber(asOf));
  const openOffsets = new Int32Array(G + 1);
  for (let k = 0; k < G; k++) openOffsets[k + 1] = openOffsets[k]! + counts[k * 4 + OUTCOME_OPEN]!;
  const nA = offsets[G]!;
  const events = new Float64Array(nA);
  const team = new Float64Array(nA);
  const ig = new Float64Array(nA);
  const censored = new Float64Array(openOffsets[G]!);
  const fillA = offsets.slice(0, G);
  const fillO = openOffsets.slice(0, G);
  const wd = unit === "WORKING_DAYS";
  let negative = false;
  const one = [0];
  for (let r = 0; r < t.n; r++) {
    const st = status[r]!;
    if (st !== OUTCOME_APPROVED && st !== OUTCOME_OPEN) continue;
    let ks: number[];
    if (base) {
      one[0] = base[r]!;
      ks = one;
    } else ks = keysOf(r);
    if (st === OUTCOME_APPROVED) {
      const d = approvedDuration(t, r, unit);
      if (d < 0) negative = true;
      const tv = approvedTeamTime(d, t.submittedAt[r]!, t.approvedAt[r]!, t.teamMs[r]!, wd);
      for (let j = 0; j < ks.length; j++) {
        const at = fillA[ks[j]!]!++;
        events[at] = d;
        team[at] = tv;
        ig[at] = d - tv;
      }
    } else {
      const d = censoredDuration(t, r, unit, asOf, asOfCum);
      for (let j = 0; j < ks.length; j++) censored[fillO[ks[j]!]!++] = d;
    }
  }
  const memo = new Map<number, GroupExtras>();
  return (key) => {
    let e = memo.get(key);
    if (e) return e;
    const a0 = offsets[key]!;
    const a1 = offsets[key + 1]!;
    const cens = censored.subarray(openOffsets[key]!, openOffsets[key + 1]!);
    cens.sort();
    const ev = negative ? events.subarray(a0, a1).sort() : values.subarray(a0, a1);
    e = { km: kaplanMeierSplit(ev, cens), medianWithIg: percentileSelect(ig, a0, a1, 50), medianWithTeam: percentileSelect(team, a0, a1, 50) };
    memo.set(key, e);
    return e;
  };
}

/** The rows `flow` counts (passing the filter), those open at asOf, and which stages occur. */
function flowRows(t: CycleTable, f: CompiledFilter, asOf: number): { rows: Int32Array; open: Int32Array; stageSeen: Uint8Array } {
  const rows = new Int32Array(t.n);
  const open = new Int32Array(t.n);
  const stageSeen = new Uint8Array(t.stages.length);
  const all = f.empty && t.deadRows === 0;
  let nr = 0;
  let no = 0;
  for (let r = 0; r < t.n; r++) {
    if (!all && !passes(t, f, r)) continue;
    rows[nr++] = r;
    stageSeen[t.stage[r]!] = 1;
    const o = t.outcome[r]!;
    const endAt = o === OUTCOME_APPROVED ? t.approvedAt[r]! : o === OUTCOME_OPEN ? NaN : t.endedAt[r]!;
    if (t.submittedAt[r]! <= asOf && !(endAt <= asOf)) open[no++] = r;
  }
  return { rows: rows.subarray(0, nr), open: open.subarray(0, no), stageSeen };
}

/**
 * The metrics of DESIGN.md over the derived cycles: one columnar table per data version, every
 * metric a pass over its arrays. Validation of arguments lives here (BAD_USER_INPUT naming the
 * argument and the allowed values); arithmetic lives in analytics/.
 */
export class MetricsService {
  constructor(private readonly db: HubDb) {}

  /**
   * The table, with `compile` applied; if a filter names an unknown value, the table is rebuilt once
   * (reference data may have been loaded since) before the value is rejected.
   */
  private async withTable<T>(compile: (t: CycleTable) => T): Promise<{ t: CycleTable; c: T }> {
    let t = await getCycleTable(this.db);
    try {
      return { t, c: compile(t) };
    } catch (err) {
      if (!(err instanceof UnknownValueError)) throw err;
      t = await getCycleTable(this.db, { force: true });
      try {
        return { t, c: compile(t) };
      } catch (again) {
        throw again instanceof UnknownValueError ? again.toGraphQL() : again;
      }
    }
  }

  /**
   * Time to approval per group (DESIGN.md): count = stages submitted in the group by asOf;
   * percentiles and the mean over approved stages; open stages censored at asOf for Kaplan–Meier;
   * REJECTED / WITHDRAWN counted apart. BOROUGH puts a stage in the group of every participating
   * borough; LEAD_BOROUGH by the lead only; PRACTICE in every practice used (or a null group).
   */
  async cycleTimes(args: {
    filter?: MetricFilterValue | null;
    groupBy?: readonly Dimension[] | null;
    unit?: Unit | null;
    percentiles?: readonly number[] | null;
    asOf?: Date | null;
  }): Promise<CycleTimeGroupData[]> {
    const unit = args.unit ?? "WORKING_DAYS";
    const groupBy = args.groupBy ?? ["STAGE"];
    const ps = args.percentiles ?? [50, 85, 95];
    checkPercentiles(ps);
    const asOf = asOfMs(args.asOf);
    const { t, c: f } = await this.withTable((tb) => compileFilter(tb, "filter", args.filter));
    const dims = dimSpecs(t, groupBy);
    let combos = 1;
    for (const d of dims) combos *= Math.max(d.card, 1);
    if (combos > MAX_GROUP_COMBINATIONS) throw badInput("groupBy", `these dimensions make ${combos} combinations; at most ${MAX_GROUP_COMBINATIONS} are supported — group by fewer dimensions or filter`);
    const strides: number[] = [];
    let s = 1;
    for (let i = dims.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= Math.max(dims[i]!.card, 1);
    }
    const singles = dims.map((d, i) => [d, strides[i]!] as const).filter(([d]) => d.single);
    const multis = dims.map((d, i) => [d, strides[i]!] as const).filter(([d]) => d.multi);

    const n = t.n;
    const status = new Uint8Array(n).fill(EXCLUDED);
    const base = new Int32Array(n);
    const keysBuf: number[] = [];
    // Expands a row's key over its multi-valued dimensions (a stage with three boroughs lands in three groups).
    const rawKeysOf = (r: number): number[] => {
      keysBuf.length = 0;
      keysBuf.push(base[r]!);
      for (let m = 0; m < multis.length; m++) {
        const stride = multis[m]![1];
        const vs = multis[m]![0].multi!(r);
        const len = keysBuf.length;
        for (let k = 0; k < len; k++) {
          const kb = keysBuf[k]!;
          keysBuf[k] = kb + vs[0]! * stride;
          for (let j = 1; j < vs.length; j++) keysBuf.push(kb + vs[j]! * stride);
        }
      }
      return keysBuf;
    };
    const simple = multis.length === 0;
    // The hot loops are small top-level kernels over typed arrays (no closures per row).
    markStatus(t, f, asOf, status);
    for (let j = 0; j < singles.length; j++) {
      const col = singles[j]![0].column!;
      const stride = singles[j]![1];
      if ("direct" in col) addDirectKey(base, status, col.direct, col.div, col.offset, stride);
      else addInitiativeKey(base, status, t.init, col.perInitiative, stride);
    }
    // Many dimensions together make a huge key space with few groups in it: number the keys that
    // occur (in key order, so the output order is the same) and work with those numbers instead.
    let G = combos;
    let origKey = (k: number): number => k;
    let keysOf = rawKeysOf;
    if (combos > MAX_DENSE_GROUPS) {
      const seen = new Set<number>();
      for (let r = 0; r < n; r++) {
        if (status[r] === EXCLUDED) continue;
        if (simple) seen.add(base[r]!);
        else for (const k of rawKeysOf(r)) seen.add(k);
      }
      const orig = Float64Array.from(seen).sort();
      const idOf = new Map<number, number>();
      orig.forEach((k, i) => idOf.set(k, i));
      G = orig.length;
      origKey = (k) => orig[k]!;
      if (simple) {
        for (let r = 0; r < n; r++) if (status[r] !== EXCLUDED) base[r] = idOf.get(base[r]!)!;
      } else {
        const buf: number[] = [];
        keysOf = (r) => {
          const ks = rawKeysOf(r);
          buf.length = 0;
          for (let j = 0; j < ks.length; j++) buf.push(idOf.get(ks[j]!)!);
          return buf;
        };
      }
    }
    const counts = new Int32Array(G * 4);
    const rounds = new Float64Array(G);
    const roundsCol = t.rounds;
    if (simple) countGroups(status, base, counts, rounds, roundsCol);
    else {
      for (let r = 0; r < n; r++) {
        const st = status[r]!;
        if (st === EXCLUDED) continue;
        const ks = keysOf(r);
        for (let j = 0; j < ks.length; j++) {
          counts[ks[j]! * 4 + st]!++;
          rounds[ks[j]!]! += roundsCol[r]!;
        }
      }
    }
    // Approved values per group, laid out contiguously (offsets by group), filled in ascending order.
    const offsets = new Int32Array(G + 1);
    for (let k = 0; k < G; k++) offsets[k + 1] = offsets[k]! + counts[k * 4 + OUTCOME_APPROVED]!;
    const values = new Float64Array(offsets[G]!);
    const fill = offsets.slice(0, G);
    const width = t.maxApprovedWd + 1;
    if (unit === "WORKING_DAYS" && simple && G * width <= MAX_HISTOGRAM_CELLS) {
      // Working days are small integers: a histogram per group in one sequential pass, then each
      // group's slice written out in ascending order.
      const hist = new Int32Array(G * width);
      histogramWorkingDays(status, base, t.approvedWd, width, hist);
      for (let k = 0; k < G; k++) {
        if (offsets[k + 1] === offsets[k]) continue;
        let at = offsets[k]!;
        const h0 = k * width;
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
      if (simple) fillWorkingDays(order, status, base, t.apprCum, t.subCum, fill, values);
      else {
        for (let j = 0; j < order.length; j++) {
          const r = order[j]!;
          if (status[r] !== OUTCOME_APPROVED) continue;
          const v = t.apprCum[r]! - t.subCum[r]!;
          const ks = keysOf(r);
          for (let m = 0; m < ks.length; m++) values[fill[ks[m]!]!++] = v;
        }
      }
    } else {
      for (let r = 0; r < n; r++) {
        if (status[r] !== OUTCOME_APPROVED) continue;
        const v = (t.approvedAt[r]! - t.submittedAt[r]!) / MS_PER_DAY;
        if (simple) values[fill[base[r]!]!++] = v;
        else for (const k of keysOf(r)) values[fill[k]!++] = v;
      }
      for (let k = 0; k < G; k++) if (offsets[k + 1]! - offsets[k]! > 1) values.subarray(offsets[k]!, offsets[k + 1]!).sort();
    }

    const groups: CycleTimeGroupData[] = [];
    const groupOfKey = new Map<number, number>();
    let extras: ((key: number) => GroupExtras) | null = null;
    const getExtras = (key: number): GroupExtras => {
      extras ??= groupExtras(t, status, simple ? base : null, keysOf, G, counts, offsets, values, unit, asOf);
      return extras(key);
    };
    for (let key = 0; key < G; key++) {
      const c4 = key * 4;
      const count = counts[c4]! + counts[c4 + 1]! + counts[c4 + 2]! + counts[c4 + 3]!;
      if (count === 0) continue;
      const vals = values.subarray(offsets[key]!, offsets[key + 1]!);
      const g: CycleTimeGroupData = {
        stage: null,
        tool: null,
        borough: null,
        leadBorough: null,
        practice: null,
        period: null,
        count,
        approvedCount: counts[c4 + OUTCOME_APPROVED]!,
        openCount: counts[c4 + OUTCOME_OPEN]!,
        rejectedCount: counts[c4 + OUTCOME_REJECTED]!,
        withdrawnCount: counts[c4 + OUTCOME_WITHDRAWN]!,
        mean: mean(vals),
        median: percentileSorted(vals, 50),
        p85: percentileSorted(vals, 85),
        p95: percentileSorted(vals, 95),
        percentiles: ps.map((p) => ({ p, value: percentileSorted(vals, p) })),
        meanRounds: rounds[key]! / count,
        extras: () => getExtras(key),
      };
      let rest = origKey(key);
      dims.forEach((d, i) => {
        const v = Math.floor(rest / strides[i]!);
        rest -= v * strides[i]!;
        const label = d.label(v);
        if (d.dim === "STAGE") g.stage = label;
        else if (d.dim === "TOOL") g.tool = label;
        else if (d.dim === "BOROUGH") g.borough = label;
        else if (d.dim === "LEAD_BOROUGH") g.leadBorough = label;
        else if (d.dim === "PRACTICE") g.practice = label;
        else g.period = label;
      });
      groupOfKey.set(key, groups.push(g) - 1);
    }
    return groups;
  }

  /**
   * Borough sign-off time (DESIGN.md) = the borough's APPROVED − the stage's submission, per borough
   * and stage; how often the borough was the last to sign (stages with two or more participating
   * boroughs; ties count for each), and its median against its peers' median on the same stages.
   * Participating boroughs that had not signed an open stage by asOf are censored at asOf.
   */
  async signOffTimes(args: { filter?: MetricFilterValue | null; unit?: Unit | null; asOf?: Date | null }): Promise<SignOffData[]> {
    const unit = args.unit ?? "WORKING_DAYS";
    const asOf = asOfMs(args.asOf);
    const { t, c: f } = await this.withTable((tb) => compileFilter(tb, "filter", args.filter));
    const sig = signoffColumns(this.db.sql, t);
    const asOfCum = workingDayIndex(londonDayNumber(asOf));
    const nS = t.stages.length;
    const cells = t.boroughs.length * nS;
    const wd = unit === "WORKING_DAYS";
    // Working-day durations are small integers: own and peer times go into a histogram per
    // (borough, stage) cell instead of lists (peers are every pair of signers of a stage).
    const lo = sig.minWd;
    const width = sig.maxWd - sig.minWd + 1;
    const hist = wd && sig.used > 0 && cells * width <= MAX_HISTOGRAM_CELLS;
    const acc: SignOffAccumulators = {
      nS,
      lo,
      width: hist ? width : 0,
      ownHist: hist ? new Int32Array(cells * width) : null,
      peerHist: hist ? new Int32Array(cells * width) : null,
      ownN: new Int32Array(cells),
      peerN: new Int32Array(cells),
      last: new Int32Array(cells),
      contested: new Int32Array(cells),
      lists: null,
      pending: new CellValues(),
    };
    signOffPass(t, sig, f, acc, wd, asOf, asOfCum);
    // Calendar days: the first pass only counted; the second writes every value into its cell's slice.
    let ownOffsets: Int32Array | null = null;
    let peerOffsets: Int32Array | null = null;
    if (!hist) {
      ownOffsets = new Int32Array(cells + 1);
      peerOffsets = new Int32Array(cells + 1);
      for (let k = 0; k < cells; k++) {
        ownOffsets[k + 1] = ownOffsets[k]! + acc.ownN[k]!;
        peerOffsets[k + 1] = peerOffsets[k]! + acc.peerN[k]!;
      }
      acc.lists = {
        ownAt: ownOffsets.slice(0, cells),
        ownValues: new Float64Array(ownOffsets[cells]!),
        peerAt: peerOffsets.slice(0, cells),
        peerValues: new Float64Array(peerOffsets[cells]!),
      };
      acc.ownN.fill(0);
      acc.peerN.fill(0);
      acc.last.fill(0);
      acc.contested.fill(0);
      signOffPass(t, sig, f, acc, wd, asOf, asOfCum);
      for (let k = 0; k < cells; k++) if (acc.ownN[k]! > 1) acc.lists.ownValues.subarray(ownOffsets[k]!, ownOffsets[k + 1]!).sort();
    }

    const pending = acc.pending.grouped(cells);
    const only = f.anyBorough ? (b: number) => (b < 32 ? f.boroughLo & (1 << b) : f.boroughHi & (1 << (b - 32))) !== 0 : () => true;
    const keys: number[] = [];
    for (let key = 0; key < cells; key++) if ((acc.ownN[key]! > 0 || pending.offsets[key + 1]! > pending.offsets[key]!) && only(Math.floor(key / nS))) keys.push(key);
    keys.sort((x, y) => (x % nS) - (y % nS) || t.boroughs[Math.floor(x / nS)]!.localeCompare(t.boroughs[Math.floor(y / nS)]!));
    const out: SignOffData[] = [];
    for (const key of keys) {
      const b = Math.floor(key / nS);
      let ownSorted: Float64Array;
      let peerMedian: number | null;
      if (acc.ownHist && acc.peerHist) {
        ownSorted = new Float64Array(acc.ownN[key]!);
        for (let d = 0, at = 0, h0 = key * width; d < width; d++) {
          const c = acc.ownHist[h0 + d]!;
          if (c) ownSorted.fill(lo + d, at, (at += c));
        }
        peerMedian = percentileOfCounts(acc.peerHist, key * width, width, lo, acc.peerN[key]!, 50);
      } else {
        // Peers (every pair of signers) are many: their median by selection, not a sort.
        ownSorted = acc.lists!.ownValues.subarray(ownOffsets![key]!, ownOffsets![key + 1]!);
        peerMedian = percentileSelect(acc.lists!.peerValues, peerOffsets![key]!, peerOffsets![key + 1]!, 50);
      }
      const pend = pending.values.subarray(pending.offsets[key]!, pending.offsets[key + 1]!);
      const med = percentileSorted(ownSorted, 50);
      const km = kaplanMeierSplit(ownSorted, pend);
      const last = acc.last[key]!;
      const contested = acc.contested[key]!;
      out.push({
        borough: t.boroughs[b]!,
        stage: t.stages[key % nS]!,
        signedCount: ownSorted.length,
        pendingCount: pend.length,
        mean: mean(ownSorted),
        median: med,
        p85: percentileSorted(ownSorted, 85),
        kaplanMeierMedian: km.median(),
        lastToSignCount: last,
        stagesWithPeers: contested,
        lastToSignShare: contested ? last / contested : null,
        peerMedian,
        differenceFromPeers: med !== null && peerMedian !== null ? med - peerMedian : null,
      });
    }
    return out;
  }

  /**
   * Comparison of two cohorts on one stage (DESIGN.md): median(b) − median(a) of time to approval
   * (approved stages), with a 95% percentile bootstrap interval, seeded and reproducible.
   */
  async compareCohorts(args: {
    stage: string;
    a: MetricFilterValue;
    b: MetricFilterValue;
    unit?: Unit | null;
    resamples?: number | null;
    seed?: number | null;
    asOf?: Date | null;
  }): Promise<ComparisonData> {
    const unit = args.unit ?? "WORKING_DAYS";
    const { resamples, seed } = bootstrapOptions(args);
    const asOf = asOfMs(args.asOf);
    const { t, c } = await this.withTable((tb) => {
      const s = tb.stageIndex.get(args.stage);
      if (s === undefined) throw new UnknownValueError("stage", args.stage, tb.stages, "stage");
      // The cohorts' own `stages` are ignored: the comparison is on `stage`.
      return { s, fa: compileFilter(tb, "a", { ...args.a, stages: null }), fb: compileFilter(tb, "b", { ...args.b, stages: null }) };
    });
    const asOfCum = workingDayIndex(londonDayNumber(asOf));
    const sides = [c.fa, c.fb].map((f) => this.cohort(t, f, c.s, unit, asOf, asOfCum));
    const d = differenceOfMedians(sides[0]!.approved, sides[1]!.approved, { resamples, seed });
    return {
      stage: args.stage,
      unit,
      a: sides[0]!.summary,
      b: sides[1]!.summary,
      difference: d.difference,
      low: d.low,
      high: d.high,
      confidence: 0.95,
      resamples,
      seed,
    };
  }

  private cohort(t: CycleTable, f: CompiledFilter, stage: number, unit: Unit, asOf: number, asOfCum: number): { approved: number[]; summary: CohortSummaryData } {
    const approved: number[] = [];
    const censored: number[] = [];
    const counts = [0, 0, 0, 0];
    for (let r = 0; r < t.n; r++) {
      if (t.stage[r] !== stage || !passes(t, f, r)) continue;
      const st = statusAt(t, r, asOf);
      if (st === EXCLUDED) continue;
      counts[st]!++;
      if (st === OUTCOME_APPROVED) {
        const d = approvedDuration(t, r, unit);
        approved.push(d);
      } else if (st === OUTCOME_OPEN) {
        censored.push(censoredDuration(t, r, unit, asOf, asOfCum));
      }
    }
    const s = sortedCopy(approved);
    return {
      approved,
      summary: {
        count: counts[0]! + counts[1]! + counts[2]! + counts[3]!,
        approvedCount: counts[OUTCOME_APPROVED]!,
        openCount: counts[OUTCOME_OPEN]!,
        rejectedCount: counts[OUTCOME_REJECTED]!,
        withdrawnCount: counts[OUTCOME_WITHDRAWN]!,
        median: percentileSorted(s, 50),
        mean: mean(s),
        kaplanMeierMedian: kaplanMeierSplit(s, sortedCopy(censored)).median(),
      },
    };
  }

  /**
   * Time saved (DESIGN.md) for `cohort` against `baseline`: per stage, (baseline median − cohort
   * median) × approved stages in the cohort, interval carried through, totals over stages; fewer
   * than 10 approved on either side → no number and a reason.
   */
  async timeSaved(args: {
    cohort: MetricFilterValue;
    baseline: MetricFilterValue;
    unit?: Unit | null;
    resamples?: number | null;
    seed?: number | null;
    asOf?: Date | null;
  }): Promise<TimeSavedData> {
    const unit = args.unit ?? "WORKING_DAYS";
    const { resamples, seed } = bootstrapOptions(args);
    const asOf = asOfMs(args.asOf);
    const { t, c } = await this.withTable((tb) => ({ fc: compileFilter(tb, "cohort", args.cohort), fb: compileFilter(tb, "baseline", args.baseline) }));
    const per = t.stages.map(() => ({ cohort: [] as number[], baseline: [] as number[], seen: false }));
    for (let r = 0; r < t.n; r++) {
      const inC = passes(t, c.fc, r);
      const inB = passes(t, c.fb, r);
      if (!inC && !inB) continue;
      const st = statusAt(t, r, asOf);
      if (st === EXCLUDED) continue;
      const p = per[t.stage[r]!]!;
      p.seen = true;
      if (st !== OUTCOME_APPROVED) continue;
      const d = approvedDuration(t, r, unit);
      if (inC) p.cohort.push(d);
      if (inB) p.baseline.push(d);
    }
    const stages = per.flatMap((p, s) => (p.seen ? [{ stage: t.stages[s]!, cohort: p.cohort, baseline: p.baseline }] : []));
    return { unit, resamples, seed, ...computeTimeSaved(stages, { resamples, seed }) };
  }

  /**
   * Flow (DESIGN.md): per interval from..to, stages submitted, approved (throughput), ended
   * otherwise, and work in progress at the interval end; cumulative flow per stage; and the ages of
   * items open at the end of the range (or now, if earlier).
   */
  async flow(args: { filter?: MetricFilterValue | null; from: Date | string; to: Date | string; interval?: FlowIntervalKind | null; oldestLimit?: number }): Promise<FlowData> {
    const kind = args.interval ?? "MONTH";
    const fromDay = dayOf("from", args.from);
    const toDay = dayOf("to", args.to);
    if (fromDay > toDay) throw badInput("from", `from (${dayNumberToIso(fromDay)}) is after to (${dayNumberToIso(toDay)}); expected from ≤ to`);
    const oldest = args.oldestLimit ?? 20;
    if (!Number.isInteger(oldest) || oldest < 0 || oldest > MAX_OLDEST) throw badInput("oldest", `expected an integer from 0 to ${MAX_OLDEST}, got ${oldest}`);
    const intervals = flowIntervals(fromDay, toDay, kind);
    if (intervals.length > MAX_FLOW_INTERVALS) throw badInput("interval", `from..to spans ${intervals.length} ${kind} intervals; at most ${MAX_FLOW_INTERVALS} — use a longer interval or a shorter range`);
    const { t, c: f } = await this.withTable((tb) => compileFilter(tb, "filter", args.filter));
    const asOf = Math.min(Date.now(), londonMidnightMs(toDay + 1) - 1);
    const asOfCum = workingDayIndex(londonDayNumber(asOf));
    const { rows, open, stageSeen } = flowRows(t, f, asOf);
    const approved = new Uint8Array(t.n);
    for (let j = 0; j < rows.length; j++) if (t.outcome[rows[j]!] === OUTCOME_APPROVED) approved[rows[j]!] = 1;
    const flow = computeFlowColumns(rows, { stage: t.stage, submittedDay: t.subDay, endDay: t.endDay, approved }, t.stages.length, intervals);
    // Open items by age: oldest first is earliest submitted first (ties by initiative id, then
    // stage: not by row, whose order depends on how the database returned the table), so one typed
    // sort of submission instants gives the ages in order.
    const m = open.length;
    const subs = new Float64Array(m);
    const wages = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      subs[j] = t.submittedAt[open[j]!]!;
      wages[j] = asOfCum - t.subCum[open[j]!]!;
    }
    subs.sort();
    wages.sort();
    const ages = new Float64Array(m);
    for (let j = 0; j < m; j++) ages[m - 1 - j] = (asOf - subs[j]!) / MS_PER_DAY;
    const limit = args.oldestLimit ?? 20;
    let oldestRows: number[] = [];
    if (limit > 0 && m > 0) {
      const threshold = subs[Math.min(limit, m) - 1]!;
      for (let j = 0; j < m; j++) if (t.submittedAt[open[j]!]! <= threshold) oldestRows.push(open[j]!);
      const idOf = (r: number) => t.initiativeIds[t.init[r]!]!;
      oldestRows.sort((x, y) => t.submittedAt[x]! - t.submittedAt[y]! || (idOf(x) < idOf(y) ? -1 : idOf(x) > idOf(y) ? 1 : t.stage[x]! - t.stage[y]!));
      oldestRows = oldestRows.slice(0, limit);
    }
    return {
      from: dayNumberToIso(fromDay),
      to: dayNumberToIso(toDay),
      interval: kind,
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
        medianAgeWorkingDays: percentileSorted(wages, 50),
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
}

export interface SignOffData {
  borough: string;
  stage: string;
  signedCount: number;
  pendingCount: number;
  mean: number | null;
  median: number | null;
  p85: number | null;
  kaplanMeierMedian: number | null;
  lastToSignCount: number;
  stagesWithPeers: number;
  lastToSignShare: number | null;
  peerMedian: number | null;
  differenceFromPeers: number | null;
}

export interface CohortSummaryData {
  count: number;
  approvedCount: number;
  openCount: number;
  rejectedCount: number;
  withdrawnCount: number;
  median: number | null;
  mean: number | null;
  kaplanMeierMedian: number | null;
}

export interface ComparisonData {
  stage: string;
  unit: Unit;
  a: CohortSummaryData;
  b: CohortSummaryData;
  difference: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  resamples: number;
  seed: number;
}

export interface TimeSavedData extends TimeSavedResult {
  unit: Unit;
  resamples: number;
  seed: number;
}

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

/** The bootstrap's resamples (default 2000, 1..MAX_RESAMPLES) and seed (default 1) from query arguments. */
function bootstrapOptions(args: { resamples?: number | null; seed?: number | null }): { resamples: number; seed: number } {
  const resamples = args.resamples ?? 2000;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > MAX_RESAMPLES) {
    throw badInput("resamples", `expected an integer from 1 to ${MAX_RESAMPLES}, got ${resamples}`);
  }
  return { resamples, seed: args.seed ?? 1 };
}
