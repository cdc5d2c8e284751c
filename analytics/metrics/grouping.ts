/**
 * Grouping of cycle rows by dimensions (`groupBy`): each dimension numbers its values, a group key
 * is the mixed-radix number of a row's values (the last dimension varies fastest, so keys come in
 * output order), and a row in several groups (a stage with three boroughs) gets several keys.
 */
import { MetricArgumentError } from "./argument.error.js";
import { EXCLUDED, type CycleTable } from "./cycle-table.js";
import type { Dimension } from "./options.js";

/** Largest key space a `groupBy` may span (product of the dimensions' sizes; keys are 32-bit). */
export const MAX_GROUP_COMBINATIONS = 2 ** 31 - 1;
/** Above this key space, only the keys that occur are numbered (a sparse grouping). */
const MAX_DENSE_GROUPS = 1_000_000;

interface DimSpec {
  dim: Dimension;
  card: number;
  /** Single-valued dimensions: the value index of row r. */
  single?: (r: number) => number;
  /** How the hot loop reads a single-valued dimension without a call per row. */
  column?: { direct: Uint16Array | Int32Array; div: number; offset: number } | { perInitiative: Uint16Array };
  /** Multi-valued dimensions: each initiative's values as a list (see MultiValues). */
  multi?: MultiValues;
  label: (v: number) => string | null;
}

/**
 * A multi-valued dimension's values per initiative, as lists (CSR): initiative i's are
 * ids[first[i] .. first[i] + count[i] − 1]; entries at or past split[i] within the list add
 * `splitAdd` (ORGANISATION: boroughs, then partners numbered after the boroughs).
 */
interface MultiValues {
  first: Int32Array;
  count: Uint8Array;
  ids: Uint16Array;
  split: Uint8Array | null;
  splitAdd: number;
}

/** PRACTICE's values per initiative from its bitmask (a list of one "none" value when it uses none). */
function practiceLists(t: CycleTable, none: number): MultiValues {
  const m = t.initiativeIds.length;
  const first = new Int32Array(m);
  const count = new Uint8Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    let c = 0;
    for (let x = t.initPractices[i]! >>> 0; x; x &= x - 1) c++;
    first[i] = total;
    count[i] = c || 1;
    total += c || 1;
  }
  const ids = new Uint16Array(total);
  for (let i = 0, j = 0; i < m; i++) {
    const mask = t.initPractices[i]!;
    if (mask === 0) ids[j++] = none;
    else for (let b = 0; b < 32; b++) if (mask & (1 << b)) ids[j++] = b;
  }
  return { first, count, ids, split: null, splitAdd: 0 };
}

/** The dimensions of a `groupBy` over one table, with each one's place in a group key. */
export interface GroupPlan {
  dims: DimSpec[];
  /** strides[i]: what one step of dimension i adds to a key. */
  strides: number[];
  /** Size of the key space (product of the dimensions' sizes). */
  combinations: number;
}

/** The value labels of a group (null for a dimension not grouped by, or PRACTICE's "none" group). */
export interface GroupLabels {
  stage: string | null;
  tool: string | null;
  borough: string | null;
  organisation: string | null;
  leadBorough: string | null;
  practice: string | null;
  period: string | null;
}

function dimSpecs(t: CycleTable, groupBy: readonly Dimension[]): DimSpec[] {
  const periods = groupBy.filter((d) => d === "MONTH" || d === "QUARTER" || d === "YEAR");
  if (periods.length > 1) throw new MetricArgumentError("groupBy", `at most one period dimension (MONTH, QUARTER or YEAR), got ${periods.join(", ")}`);
  if (new Set(groupBy).size !== groupBy.length) {
    throw new MetricArgumentError("groupBy", "a dimension is listed twice; expected each of STAGE, TOOL, BOROUGH, ORGANISATION, LEAD_BOROUGH, PRACTICE, MONTH, QUARTER, YEAR at most once");
  }
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
          multi: { first: t.partFirst, count: t.partBoroughs, ids: t.partIds, split: null, splitAdd: 0 },
          label: (v) => t.boroughs[v]!,
        };
      case "ORGANISATION": {
        const nb = t.boroughs.length;
        return {
          dim,
          card: nb + t.partners.length,
          multi: { first: t.partFirst, count: t.partCount, ids: t.partIds, split: t.partBoroughs, splitAdd: nb },
          label: (v) => (v < nb ? t.boroughs[v]! : t.partners[v - nb]!),
        };
      }
      case "PRACTICE": {
        const none = t.practices.length;
        return { dim, card: none + 1, multi: practiceLists(t, none), label: (v) => (v === none ? null : t.practices[v]!) };
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

/** The dimensions of `groupBy` over table t; MetricArgumentError for two periods, a repeat, or too many combinations. */
export function planGrouping(t: CycleTable, groupBy: readonly Dimension[]): GroupPlan {
  const dims = dimSpecs(t, groupBy);
  let combinations = 1;
  for (const d of dims) combinations *= Math.max(d.card, 1);
  if (combinations > MAX_GROUP_COMBINATIONS) {
    throw new MetricArgumentError("groupBy", `these dimensions make ${combinations} combinations; at most ${MAX_GROUP_COMBINATIONS} are supported — group by fewer dimensions or filter`);
  }
  const strides: number[] = [];
  let s = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(dims[i]!.card, 1);
  }
  return { dims, strides, combinations };
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

/**
 * A row's keys over one more multi-valued dimension: row r had keys[start[r] .. start[r + 1] − 1];
 * each is combined with every value of r's initiative in `mv` (stride apart). One pass counts, the
 * next writes into the pre-sized arrays; no call and no array per row.
 */
function expandKeys(status: Uint8Array, init: Int32Array, start: Int32Array, keys: Int32Array, mv: MultiValues, stride: number): { start: Int32Array; keys: Int32Array } {
  const n = status.length;
  const { first, count, ids, split, splitAdd } = mv;
  const outStart = new Int32Array(n + 1);
  let total = 0;
  for (let r = 0; r < n; r++) {
    outStart[r] = total;
    if (status[r] !== EXCLUDED) total += (start[r + 1]! - start[r]!) * count[init[r]!]!;
  }
  outStart[n] = total;
  const out = new Int32Array(total);
  let at = 0;
  for (let r = 0; r < n; r++) {
    if (status[r] === EXCLUDED) continue;
    const i = init[r]!;
    const f = first[i]!;
    const c = count[i]!;
    const s = split ? f + split[i]! : f + c;
    for (let k = start[r]!; k < start[r + 1]!; k++) {
      const kb = keys[k]!;
      for (let j = f; j < f + c; j++) out[at++] = kb + (j < s ? ids[j]! : ids[j]! + splitAdd) * stride;
    }
  }
  return { start: outStart, keys: out };
}

/** The same with one key per row so far (the row's single-valued part, base[r]): the usual case, one multi-valued dimension. */
function expandBase(status: Uint8Array, init: Int32Array, base: Int32Array, mv: MultiValues, stride: number): { start: Int32Array; keys: Int32Array } {
  const n = status.length;
  const { first, count, ids, split, splitAdd } = mv;
  const outStart = new Int32Array(n + 1);
  let total = 0;
  for (let r = 0; r < n; r++) {
    outStart[r] = total;
    if (status[r] !== EXCLUDED) total += count[init[r]!]!;
  }
  outStart[n] = total;
  const out = new Int32Array(total);
  let at = 0;
  for (let r = 0; r < n; r++) {
    if (status[r] === EXCLUDED) continue;
    const i = init[r]!;
    const f = first[i]!;
    const c = count[i]!;
    const s = split ? f + split[i]! : f + c;
    const kb = base[r]!;
    for (let j = f; j < s; j++) out[at++] = kb + ids[j]! * stride;
    for (let j = s; j < f + c; j++) out[at++] = kb + (ids[j]! + splitAdd) * stride;
  }
  return { start: outStart, keys: out };
}

/** The groups the included rows fall in, numbered 0 .. groupCount − 1 in key order. */
export interface Grouping {
  groupCount: number;
  /** No multi-valued dimension: row r is in exactly group groupOfRow[r]. */
  simple: boolean;
  /** Per included row: its group when `simple`, else the part of its key from single-valued dimensions. */
  groupOfRow: Int32Array;
  /**
   * Not `simple`: row r's groups are rowGroups[rowStart[r] .. rowStart[r + 1] − 1] (one per
   * combination of its multi-valued dimensions' values; none for an excluded row). Empty when simple.
   */
  rowStart: Int32Array;
  rowGroups: Int32Array;
  /** The groups of row r (a view of rowGroups, or [groupOfRow[r]] when simple). */
  groupsOf: (r: number) => ArrayLike<number>;
  /** The key (in the full key space) of group number g. */
  keyOf: (g: number) => number;
}

/**
 * Numbers the groups of the rows whose status is not EXCLUDED. The key space is used as it is when
 * small; many dimensions together make a huge key space with few groups in it, so above
 * MAX_DENSE_GROUPS only the keys that occur are numbered (in key order, so the output order is the same).
 */
export function assignGroups(t: CycleTable, plan: GroupPlan, status: Uint8Array): Grouping {
  const { dims, strides, combinations } = plan;
  const n = t.n;
  const singles = dims.map((d, i) => [d, strides[i]!] as const).filter(([d]) => d.column);
  const multis = dims.map((d, i) => [d, strides[i]!] as const).filter(([d]) => d.multi);
  const base = new Int32Array(n);
  const simple = multis.length === 0;
  // The hot loops are small top-level kernels over typed arrays (no closures per row).
  for (let j = 0; j < singles.length; j++) {
    const col = singles[j]![0].column!;
    const stride = singles[j]![1];
    if ("direct" in col) addDirectKey(base, status, col.direct, col.div, col.offset, stride);
    else addInitiativeKey(base, status, t.init, col.perInitiative, stride);
  }
  let rowStart: Int32Array = new Int32Array(0);
  let rowGroups: Int32Array = new Int32Array(0);
  for (let m = 0; m < multis.length; m++) {
    const [d, stride] = multis[m]!;
    const x = m === 0 ? expandBase(status, t.init, base, d.multi!, stride) : expandKeys(status, t.init, rowStart, rowGroups, d.multi!, stride);
    rowStart = x.start;
    rowGroups = x.keys;
  }
  const one = new Int32Array(1);
  const groupsOf = simple
    ? (r: number) => {
        one[0] = base[r]!;
        return one;
      }
    : (r: number) => rowGroups.subarray(rowStart[r]!, rowStart[r + 1]!);
  if (combinations <= MAX_DENSE_GROUPS) return { groupCount: combinations, simple, groupOfRow: base, rowStart, rowGroups, groupsOf, keyOf: (g) => g };

  const seen = new Set<number>();
  if (simple) {
    for (let r = 0; r < n; r++) if (status[r] !== EXCLUDED) seen.add(base[r]!);
  } else for (let k = 0; k < rowGroups.length; k++) seen.add(rowGroups[k]!);
  const keys = Float64Array.from(seen).sort();
  const groupOfKey = new Map<number, number>();
  keys.forEach((k, g) => groupOfKey.set(k, g));
  const keyOf = (g: number) => keys[g]!;
  if (simple) {
    for (let r = 0; r < n; r++) if (status[r] !== EXCLUDED) base[r] = groupOfKey.get(base[r]!)!;
  } else for (let k = 0; k < rowGroups.length; k++) rowGroups[k] = groupOfKey.get(rowGroups[k]!)!;
  return { groupCount: keys.length, simple, groupOfRow: base, rowStart, rowGroups, groupsOf, keyOf };
}

/** Writes the labels of the group with key `key` (in the full key space) into `out`. */
export function labelGroup(plan: GroupPlan, key: number, out: GroupLabels): void {
  let rest = key;
  plan.dims.forEach((d, i) => {
    const v = Math.floor(rest / plan.strides[i]!);
    rest -= v * plan.strides[i]!;
    const label = d.label(v);
    if (d.dim === "STAGE") out.stage = label;
    else if (d.dim === "TOOL") out.tool = label;
    else if (d.dim === "BOROUGH") out.borough = label;
    else if (d.dim === "ORGANISATION") out.organisation = label;
    else if (d.dim === "LEAD_BOROUGH") out.leadBorough = label;
    else if (d.dim === "PRACTICE") out.practice = label;
    else out.period = label;
  });
}
