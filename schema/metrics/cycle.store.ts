import { dialectOf, readSnapshot, type SqlConn, type SqlStatement } from "../../db/driver/index.js";
import type { HubDb } from "../../db/connection.js";
import { OPEN_END_DAY } from "../../analytics/flow.js";
import { londonDayNumber, monthIndexOfDay, workingDayIndex } from "../../analytics/working-days.js";
import {
  AUTHORITIES_SQL,
  BOROUGHS_BY_INITIATIVE_SQL,
  CHANGE_BOUNDS_SQL,
  CHANGED_INITIATIVES_SQL,
  COLUMN_WISE,
  type ColumnWiseReads,
  CYCLES_BY_INITIATIVE_SQL,
  INITIATIVE_BY_ID_SQL,
  PRACTICES_BY_INITIATIVE_SQL,
  DATA_VERSION_SQL,
  PRACTICES_SQL,
  SIGNOFFS_BY_INITIATIVE_SQL,
  STAGES_SQL,
  TOOLS_SQL,
} from "./metrics.queries.js";

export const OUTCOME_OPEN = 0;
export const OUTCOME_APPROVED = 1;
export const OUTCOME_REJECTED = 2;
export const OUTCOME_WITHDRAWN = 3;
const OUTCOME_CODES: Record<string, number> = { OPEN: 0, APPROVED: 1, REJECTED: 2, WITHDRAWN: 3 };

/**
 * Each borough's sign-offs by cycle row: row r's are entries first[r] .. first[r] + count[r] − 1.
 * A delta appends a changed row's sign-offs at the end (its old entries become garbage) into copied
 * arrays, so a table still held by a query keeps its own; too much garbage and it is compacted.
 */
export interface SignoffColumns {
  first: Int32Array;
  count: Uint8Array;
  /** Entries in use (live or garbage); the arrays may be longer. */
  used: number;
  /** Entries no row points at any more. */
  garbage: number;
  borough: Uint8Array;
  at: Float64Array;
  /** Working days from the row's submission to the sign-off's London date. */
  wd: Int32Array;
  /** Bounds of `wd` over the entries in use (a range for histograms). */
  minWd: number;
  maxWd: number;
}

/**
 * The derived cycles of one data version as typed-array columns: one entry per submitted
 * (initiative, stage), with the initiative's attributes as dictionary indexes and the London day
 * and working-day index of each instant precomputed, so a metric is one pass over arrays and a
 * working-day duration is one subtraction. Immutable once built; valid for `version` only.
 */
export interface CycleTable {
  version: number;
  /** The last change-log entry (analytics_changes.seq) this table reflects. */
  lastSeq: number;
  /** How the table was made: a full read, or the previous table plus the changed initiatives. */
  madeBy: "full" | "delta";
  initIndex: Map<string, number>;
  /** Row of (initiative i, stage s) at i × stages.length + s, or −1. */
  rowOf: Int32Array;
  /** The latest instant in any live row (submitted, approved or ended): asOf at or after it sees final outcomes. */
  maxInstant: number;
  /** Rows marked gone by a delta (their cycle was deleted). */
  deadRows: number;
  /** Milliseconds the build took (reported by the benchmark). */
  buildMs: number;
  stages: string[];
  tools: string[];
  boroughs: string[];
  practices: string[];
  stageIndex: Map<string, number>;
  toolIndex: Map<string, number>;
  boroughIndex: Map<string, number>;
  practiceIndex: Map<string, number>;
  initiativeIds: string[];
  initTool: Uint16Array;
  initLead: Uint16Array;
  /** Participating boroughs as a 64-bit mask in two halves (bit i = boroughs[i]). */
  initBoroughLo: Uint32Array;
  initBoroughHi: Uint32Array;
  /** Practices used, bit i = practices[i]. */
  initPractices: Uint32Array;
  n: number;
  init: Int32Array;
  stage: Uint16Array;
  outcome: Uint8Array;
  submittedAt: Float64Array;
  /** NaN unless approved. */
  approvedAt: Float64Array;
  /** NaN unless rejected or withdrawn. */
  endedAt: Float64Array;
  rounds: Int32Array;
  teamMs: Float64Array;
  /** NaN unless a team interval was still open. */
  openQueryAt: Float64Array;
  subDay: Int32Array;
  subCum: Int32Array;
  /** Working-day index of the approval date (0 unless approved). */
  apprCum: Int32Array;
  /** year × 12 + month of the London submission date. */
  subMonth: Int32Array;
  /** London day of the final end (approval, rejection or withdrawal); OPEN_END_DAY while open. */
  endDay: Int32Array;
  /** Working days from submission to approval (0 unless approved). */
  approvedWd: Int32Array;
  /** The largest approvedWd (a bound for histograms). */
  maxApprovedWd: number;
  /** Lazily: approved rows ordered by working-day duration (ties by row). */
  approvedByWorkingDays?: Int32Array;
  /** Sign-offs by cycle row: read on first use, then carried along by every delta. */
  signoffs?: SignoffColumns;
}

interface CacheEntry {
  table: CycleTable;
  versionStmt: SqlStatement<{ v: number }>;
}

type CycleRow = [string, string, string, number, number | null, number | null, number, number, number | null];

const ROW_COLUMNS = ["init", "stage", "outcome", "submittedAt", "approvedAt", "endedAt", "rounds", "teamMs", "openQueryAt", "subDay", "subCum", "apprCum", "subMonth", "endDay", "approvedWd"] as const;

/** Fills row k of the table's columns from a stage_cycles row of initiative i (precomputing days). */
function setRow(t: CycleTable, k: number, i: number, stageIdx: number, row: CycleRow): void {
  setRowValues(t, k, i, stageIdx, row[2], row[3], row[4], row[5], row[6], row[7], row[8]);
}

function setRowValues(
  t: CycleTable,
  k: number,
  i: number,
  stageIdx: number,
  outcome: string,
  sub: number,
  appr: number | null,
  ended: number | null,
  rounds: number,
  team: number,
  openQ: number | null,
): void {
  t.init[k] = i;
  t.stage[k] = stageIdx;
  t.outcome[k] = OUTCOME_CODES[outcome] ?? OUTCOME_OPEN;
  t.submittedAt[k] = sub;
  t.approvedAt[k] = appr ?? NaN;
  t.endedAt[k] = ended ?? NaN;
  t.rounds[k] = rounds;
  t.teamMs[k] = team;
  t.openQueryAt[k] = openQ ?? NaN;
  const sd = londonDayNumber(sub);
  t.subDay[k] = sd;
  t.subCum[k] = workingDayIndex(sd);
  t.subMonth[k] = monthIndexOfDay(sd);
  t.apprCum[k] = appr !== null ? workingDayIndex(londonDayNumber(appr)) : 0;
  const end = t.outcome[k] === OUTCOME_APPROVED ? appr : t.outcome[k] === OUTCOME_OPEN ? null : ended;
  t.endDay[k] = end !== null ? londonDayNumber(end) : OPEN_END_DAY;
  const wd = appr !== null ? Math.max(0, t.apprCum[k]! - t.subCum[k]!) : 0;
  t.approvedWd[k] = wd;
  if (wd > t.maxApprovedWd) t.maxApprovedWd = wd;
  const last = Math.max(sub, appr ?? sub, ended ?? sub);
  if (last > t.maxInstant) t.maxInstant = last;
}

/** Runs one of the column-wise reads (metrics.queries.ts) in the connection's dialect and parses each column. */
function jsonColumns(sqlite: SqlConn, read: keyof ColumnWiseReads): unknown[][] {
  const row = sqlite.prepare(COLUMN_WISE[dialectOf(sqlite)][read]).raw().get() as string[];
  return row.map((col) => JSON.parse(col) as unknown[]);
}

/** Marks row k as gone (its cycle was deleted): never submitted, so every metric skips it. */
function killRow(t: CycleTable, k: number): void {
  if (t.submittedAt[k] !== Infinity) t.deadRows++;
  t.submittedAt[k] = Infinity;
  t.outcome[k] = OUTCOME_OPEN;
}

const cache = new WeakMap<SqlConn, CacheEntry>();

function dictionary(values: Iterable<string>): { list: string[]; index: Map<string, number> } {
  const list: string[] = [];
  const index = new Map<string, number>();
  for (const v of values) if (!index.has(v)) index.set(v, list.push(v) - 1);
  return { list, index };
}

function intern(d: { list: string[]; index: Map<string, number> }, v: string): number {
  let i = d.index.get(v);
  if (i === undefined) d.index.set(v, (i = d.list.push(v) - 1));
  return i;
}

/** Reads the data version (0 before the first write). */
export function readDataVersion(sqlite: SqlConn): number {
  const entry = cache.get(sqlite);
  const s = entry?.versionStmt ?? sqlite.prepare<{ v: number }>(DATA_VERSION_SQL);
  return s.get()?.v ?? 0;
}

function build(sqlite: SqlConn, version: number): CycleTable {
  const t0 = performance.now();
  const pluck = (sql: string) => sqlite.prepare(sql).pluck().all() as string[];
  const stages = dictionary(pluck(STAGES_SQL));
  const tools = dictionary(pluck(TOOLS_SQL));
  const boroughs = dictionary(pluck(AUTHORITIES_SQL));
  const practices = dictionary(pluck(PRACTICES_SQL));

  const [initIds, initTools, initLeads] = jsonColumns(sqlite, "initiatives") as [string[], string[], string[]];
  const m = initIds.length;
  const initIndex = new Map<string, number>();
  const initiativeIds: string[] = initIds;
  const initTool = new Uint16Array(m);
  const initLead = new Uint16Array(m);
  for (let i = 0; i < m; i++) {
    initIndex.set(initIds[i]!, i);
    initTool[i] = intern(tools, initTools[i]!);
    initLead[i] = intern(boroughs, initLeads[i]!);
  }
  const initBoroughLo = new Uint32Array(m);
  const initBoroughHi = new Uint32Array(m);
  const [bIds, bCodes] = jsonColumns(sqlite, "initiativeBoroughs") as [string[], string[]];
  for (let j = 0; j < bIds.length; j++) {
    const i = initIndex.get(bIds[j]!);
    if (i === undefined) continue;
    const b = intern(boroughs, bCodes[j]!);
    if (b < 32) initBoroughLo[i]! |= 1 << b;
    else if (b < 64) initBoroughHi[i]! |= 1 << (b - 32);
  }
  const initPractices = new Uint32Array(m);
  const [pIds, pSlugs] = jsonColumns(sqlite, "initiativePractices") as [string[], string[]];
  for (let j = 0; j < pIds.length; j++) {
    const i = initIndex.get(pIds[j]!);
    const p = intern(practices, pSlugs[j]!);
    if (i !== undefined && p < 32) initPractices[i]! |= 1 << p;
  }
  if (boroughs.list.length > 64) throw new Error("metrics support at most 64 authorities");
  if (practices.list.length > 32) throw new Error("metrics support at most 32 practices");

  const [cIds, cStages, cOutcomes, cSub, cAppr, cEnded, cRounds, cTeam, cOpenQ] = jsonColumns(sqlite, "stageCycles") as [
    string[], string[], string[], number[], (number | null)[], (number | null)[], number[], number[], (number | null)[],
  ];
  const n = cIds.length;
  const bounds = sqlite.prepare(CHANGE_BOUNDS_SQL).get() as { lo: number | null; hi: number | null };
  const t: CycleTable = {
    version,
    lastSeq: bounds.hi ?? 0,
    madeBy: "full",
    maxInstant: -Infinity,
    deadRows: 0,
    initIndex,
    rowOf: new Int32Array(0),
    buildMs: 0,
    stages: stages.list,
    tools: tools.list,
    boroughs: boroughs.list,
    practices: practices.list,
    stageIndex: stages.index,
    toolIndex: tools.index,
    boroughIndex: boroughs.index,
    practiceIndex: practices.index,
    initiativeIds,
    initTool,
    initLead,
    initBoroughLo,
    initBoroughHi,
    initPractices,
    n,
    init: new Int32Array(n),
    stage: new Uint16Array(n),
    outcome: new Uint8Array(n),
    submittedAt: new Float64Array(n),
    approvedAt: new Float64Array(n),
    endedAt: new Float64Array(n),
    rounds: new Int32Array(n),
    teamMs: new Float64Array(n),
    openQueryAt: new Float64Array(n),
    subDay: new Int32Array(n),
    subCum: new Int32Array(n),
    apprCum: new Int32Array(n),
    subMonth: new Int32Array(n),
    endDay: new Int32Array(n),
    approvedWd: new Int32Array(n),
    maxApprovedWd: 0,
  };
  let k = 0;
  for (let r = 0; r < n; r++) {
    const i = initIndex.get(cIds[r]!);
    if (i === undefined) continue; // a cycle without its initiative cannot be filtered or grouped
    setRowValues(t, k, i, intern(stages, cStages[r]!), cOutcomes[r]!, cSub[r]!, cAppr[r]!, cEnded[r]!, cRounds[r]!, cTeam[r]!, cOpenQ[r]!);
    k++;
  }
  if (k < n) {
    for (const key of ROW_COLUMNS) (t as unknown as Record<string, Int32Array>)[key] = (t[key] as Int32Array).subarray(0, k);
    t.n = k;
  }
  const nS = stages.list.length;
  t.rowOf = new Int32Array(m * nS).fill(-1);
  for (let r = 0; r < t.n; r++) t.rowOf[t.init[r]! * nS + t.stage[r]!] = r;
  t.buildMs = performance.now() - t0;
  return t;
}

/**
 * The columnar cycle table for the database's current data version: built on first use and
 * rebuilt when the version moves (any write transaction that changes events or initiatives bumps
 * it). Reads run in one transaction, so the table is a consistent snapshot. `force` rebuilds even
 * when the version is unchanged (reference data may be loaded without a version bump).
 * Async so that a PostgreSQL-backed store can replace it.
 */
export async function getCycleTable(db: HubDb, opts: { force?: boolean } = {}): Promise<CycleTable> {
  return getCycleTableSync(db.sql, opts);
}

/** Above this many changed initiatives a full read is cheaper than a delta. */
const MAX_DELTA_INITIATIVES = 5000;

/** The synchronous core of `getCycleTable` (benchmarks and bulk tools). */
export function getCycleTableSync(sqlite: SqlConn, opts: { force?: boolean } = {}): CycleTable {
  let entry = cache.get(sqlite);
  const versionStmt = entry?.versionStmt ?? sqlite.prepare<{ v: number }>(DATA_VERSION_SQL);
  const current = versionStmt.get()?.v ?? 0;
  if (entry && entry.table.version === current && !opts.force) return entry.table;
  const previous = opts.force ? undefined : entry?.table;
  const table = readSnapshot(sqlite, () => {
    const version = versionStmt.get()?.v ?? 0;
    if (previous) {
      const delta = tryDelta(sqlite, previous, version);
      if (delta) return delta;
    }
    return build(sqlite, version);
  });
  entry = { table, versionStmt };
  cache.set(sqlite, entry);
  return table;
}

/**
 * The previous table brought up to date from the change log (migration 0003): only the initiatives
 * logged since `previous.lastSeq` are re-read (by primary key), and the columns are copied so a
 * query still holding the previous table keeps a consistent snapshot. Null when a full read is
 * needed instead: log entries pruned or reset, too many changes, or a stage code not seen before.
 */
function tryDelta(sqlite: SqlConn, previous: CycleTable, version: number): CycleTable | null {
  const t0 = performance.now();
  const bounds = sqlite.prepare(CHANGE_BOUNDS_SQL).get() as { lo: number | null; hi: number | null };
  const hi = bounds.hi ?? 0;
  if (hi < previous.lastSeq) return null; // the log was reset: another database, or rebuilt
  if (hi > previous.lastSeq && (bounds.lo === null || bounds.lo > previous.lastSeq + 1)) return null; // entries pruned
  const ids = hi === previous.lastSeq ? [] : (sqlite.prepare(CHANGED_INITIATIVES_SQL).pluck().all(previous.lastSeq) as string[]);
  if (ids.length > MAX_DELTA_INITIATIVES) return null;

  const attrs = sqlite.prepare(INITIATIVE_BY_ID_SQL).raw();
  const boroughsOf = sqlite.prepare(BOROUGHS_BY_INITIATIVE_SQL).pluck();
  const practicesOf = sqlite.prepare(PRACTICES_BY_INITIATIVE_SQL).pluck();
  const cyclesOf = sqlite.prepare(CYCLES_BY_INITIATIVE_SQL).raw();
  const signoffsOf = sqlite.prepare(SIGNOFFS_BY_INITIATIVE_SQL).raw();
  // Sign-offs are carried along only once they have been read (signOffTimes reads them on first use).
  const withSignoffs = previous.signoffs !== undefined;
  const reads = ids.map((id) => ({
    id,
    attrs: attrs.get(id) as [string, string] | undefined,
    boroughs: boroughsOf.all(id) as string[],
    practices: practicesOf.all(id) as string[],
    cycles: cyclesOf.all(id) as CycleRow[],
    signoffs: withSignoffs ? (signoffsOf.all(id) as [string, string, number][]) : [],
  }));

  const nS = previous.stages.length;
  const tools = { list: [...previous.tools], index: new Map(previous.toolIndex) };
  const boroughs = { list: [...previous.boroughs], index: new Map(previous.boroughIndex) };
  const practices = { list: [...previous.practices], index: new Map(previous.practiceIndex) };
  // Copied only when initiatives are added: the previous table keeps its own.
  const added = reads.some((r) => r.attrs && !previous.initIndex.has(r.id));
  const initIndex = added ? new Map(previous.initIndex) : previous.initIndex;
  const initiativeIds = added ? [...previous.initiativeIds] : previous.initiativeIds;
  let appended = 0;
  for (const r of reads) {
    if (!r.attrs) continue;
    if (!initIndex.has(r.id)) initIndex.set(r.id, initiativeIds.push(r.id) - 1);
    for (const c of r.cycles) {
      const s = previous.stageIndex.get(c[1]);
      if (s === undefined) return null; // a new stage code changes every stride: read in full
      const i = initIndex.get(r.id)!;
      if (i >= previous.initiativeIds.length || previous.rowOf[i * nS + s]! < 0) appended++;
    }
  }
  const m = initiativeIds.length;
  const grow = <A extends Int32Array | Uint16Array | Uint32Array | Uint8Array | Float64Array>(a: A, len: number): A => {
    const out = new (a.constructor as new (n: number) => A)(len);
    out.set(a.subarray(0, Math.min(a.length, len)));
    return out;
  };
  const n = previous.n + appended;
  const t: CycleTable = {
    ...previous,
    version,
    lastSeq: hi,
    madeBy: "delta",
    initIndex,
    initiativeIds,
    tools: tools.list,
    toolIndex: tools.index,
    boroughs: boroughs.list,
    boroughIndex: boroughs.index,
    practices: practices.list,
    practiceIndex: practices.index,
    initTool: grow(previous.initTool, m),
    initLead: grow(previous.initLead, m),
    initBoroughLo: grow(previous.initBoroughLo, m),
    initBoroughHi: grow(previous.initBoroughHi, m),
    initPractices: grow(previous.initPractices, m),
    rowOf: grow(previous.rowOf, m * nS),
    n,
    approvedByWorkingDays: undefined,
    signoffs: undefined,
  };
  if (m > previous.initiativeIds.length) t.rowOf.fill(-1, previous.initiativeIds.length * nS);
  for (const key of ROW_COLUMNS) (t as unknown as Record<string, Int32Array>)[key] = grow(previous[key] as Int32Array, n);
  let sig: SignoffColumns | undefined;
  if (previous.signoffs) {
    const ps = previous.signoffs;
    let extra = 0;
    for (const r of reads) extra += r.signoffs.length;
    const cap = ps.used + extra;
    sig = {
      first: grow(ps.first, n),
      count: grow(ps.count, n),
      used: ps.used,
      garbage: ps.garbage,
      borough: grow(ps.borough, cap),
      at: grow(ps.at, cap),
      wd: grow(ps.wd, cap),
      minWd: ps.minWd,
      maxWd: ps.maxWd,
    };
  }
  let next = previous.n;
  for (const r of reads) {
    const i = initIndex.get(r.id);
    if (i === undefined) continue;
    // Every row of the initiative is re-derived from what the database holds now.
    for (let s = 0; s < nS; s++) {
      const k = t.rowOf[i * nS + s]!;
      if (k < 0) continue;
      killRow(t, k);
      if (sig) {
        sig.garbage += sig.count[k]!;
        sig.count[k] = 0;
      }
    }
    if (!r.attrs) continue;
    t.initTool[i] = intern(tools, r.attrs[0]);
    t.initLead[i] = intern(boroughs, r.attrs[1]);
    let lo = 0;
    let hiMask = 0;
    for (const code of r.boroughs) {
      const b = intern(boroughs, code);
      if (b < 32) lo |= 1 << b;
      else if (b < 64) hiMask |= 1 << (b - 32);
    }
    t.initBoroughLo[i] = lo;
    t.initBoroughHi[i] = hiMask;
    let pm = 0;
    for (const slug of r.practices) {
      const p = intern(practices, slug);
      if (p < 32) pm |= 1 << p;
    }
    t.initPractices[i] = pm;
    for (const c of r.cycles) {
      const s = t.stageIndex.get(c[1])!;
      let k = t.rowOf[i * nS + s]!;
      if (k < 0) t.rowOf[i * nS + s] = k = next++;
      else if (t.submittedAt[k] === Infinity) t.deadRows--; // killed above, alive again
      setRow(t, k, i, s, c);
      if (sig) {
        sig.first[k] = sig.used;
        for (const [stage, code, at] of r.signoffs) if (stage === c[1]) appendSignoff(sig, k, intern(boroughs, code), at, t.subCum[k]!);
      }
    }
  }
  if (boroughs.list.length > 64 || practices.list.length > 32) return null;
  // Compacted once at least as many entries are garbage as are live (and enough to matter).
  if (sig) t.signoffs = sig.garbage > 4096 && sig.garbage * 2 >= sig.used ? compactSignoffs(sig, n) : sig;
  t.buildMs = performance.now() - t0;
  return t;
}

/** Approved rows (final outcome) ordered by working-day duration, built once per table (counting sort). */
export function approvedByWorkingDays(t: CycleTable): Int32Array {
  if (t.approvedByWorkingDays) return t.approvedByWorkingDays;
  let max = 0;
  let count = 0;
  for (let r = 0; r < t.n; r++) {
    if (t.outcome[r] !== OUTCOME_APPROVED) continue;
    count++;
    const d = t.apprCum[r]! - t.subCum[r]!;
    if (d > max) max = d;
  }
  const buckets = new Int32Array(max + 2);
  for (let r = 0; r < t.n; r++) if (t.outcome[r] === OUTCOME_APPROVED) buckets[Math.max(0, t.apprCum[r]! - t.subCum[r]!) + 1]!++;
  for (let i = 1; i < buckets.length; i++) buckets[i]! += buckets[i - 1]!;
  const out = new Int32Array(count);
  for (let r = 0; r < t.n; r++) if (t.outcome[r] === OUTCOME_APPROVED) out[buckets[Math.max(0, t.apprCum[r]! - t.subCum[r]!)]!++] = r;
  t.approvedByWorkingDays = out;
  return out;
}

/** Appends a sign-off of row k (its entries must be the last ones appended). */
function appendSignoff(sig: SignoffColumns, k: number, b: number, at: number, subCum: number): void {
  const j = sig.used++;
  sig.borough[j] = b;
  sig.at[j] = at;
  const wd = workingDayIndex(londonDayNumber(at)) - subCum;
  sig.wd[j] = wd;
  if (wd < sig.minWd) sig.minWd = wd;
  if (wd > sig.maxWd) sig.maxWd = wd;
  sig.count[k]!++;
}

/** The same sign-offs without garbage: each row's entries contiguous, in row order. */
function compactSignoffs(sig: SignoffColumns, n: number): SignoffColumns {
  const live = sig.used - sig.garbage;
  const out: SignoffColumns = {
    first: new Int32Array(n),
    count: sig.count,
    used: live,
    garbage: 0,
    borough: new Uint8Array(live),
    at: new Float64Array(live),
    wd: new Int32Array(live),
    minWd: Infinity,
    maxWd: -Infinity,
  };
  let j = 0;
  for (let r = 0; r < n; r++) {
    const c = sig.count[r]!;
    const from = sig.first[r]!;
    out.first[r] = j;
    for (let k = from; k < from + c; k++, j++) {
      out.borough[j] = sig.borough[k]!;
      out.at[j] = sig.at[k]!;
      const wd = (out.wd[j] = sig.wd[k]!);
      if (wd < out.minWd) out.minWd = wd;
      if (wd > out.maxWd) out.maxWd = wd;
    }
  }
  return out;
}

/**
 * Sign-offs by cycle row: read in full once (on first use) and then kept current by the deltas
 * (`tryDelta` re-reads a changed initiative's sign-offs with its cycles). A table made by a full
 * build starts without them.
 */
export function signoffColumns(sqlite: SqlConn, t: CycleTable): SignoffColumns {
  if (t.signoffs) return t.signoffs;
  const nStages = t.stages.length;
  const initIndex = t.initIndex;
  const rowOf = t.rowOf;
  // Read with the version in one transaction: kept only if it is the table's own snapshot.
  const { version, columns } = readSnapshot(sqlite, () => ({
    version: sqlite.prepare<{ v: number }>(DATA_VERSION_SQL).get()?.v ?? 0,
    columns: jsonColumns(sqlite, "boroughSignoffs"),
  }));
  const [sIds, sStages, sCodes, sAt] = columns as [string[], string[], string[], number[]];
  const total0 = sIds.length;
  const rowIdx = new Int32Array(total0).fill(-1);
  const bIdx = new Uint8Array(total0);
  const first = new Int32Array(t.n + 1);
  const count = new Uint8Array(t.n);
  for (let j = 0; j < total0; j++) {
    const i = initIndex.get(sIds[j]!);
    const s = t.stageIndex.get(sStages[j]!);
    const b = t.boroughIndex.get(sCodes[j]!);
    if (i === undefined || s === undefined || b === undefined) continue;
    const r = rowOf[i * nStages + s]!;
    if (r < 0) continue;
    rowIdx[j] = r;
    bIdx[j] = b;
    first[r + 1]!++;
    count[r]!++;
  }
  for (let r = 0; r < t.n; r++) first[r + 1]! += first[r]!;
  const total = first[t.n]!;
  const fill = first.slice(0, t.n);
  const borough = new Uint8Array(total);
  const at = new Float64Array(total);
  const wd = new Int32Array(total);
  let minWd = Infinity;
  let maxWd = -Infinity;
  for (let j = 0; j < total0; j++) {
    const r = rowIdx[j]!;
    if (r < 0) continue;
    const k = fill[r]!++;
    borough[k] = bIdx[j]!;
    at[k] = sAt[j]!;
    const d = (wd[k] = workingDayIndex(londonDayNumber(sAt[j]!)) - t.subCum[r]!);
    if (d < minWd) minWd = d;
    if (d > maxWd) maxWd = d;
  }
  const out: SignoffColumns = { first: first.subarray(0, t.n), count, used: total, garbage: 0, borough, at, wd, minWd, maxWd };
  if (version === t.version) t.signoffs = out;
  return out;
}

/** What `warmCycleCache` did: rows in the table and milliseconds per step. */
export interface WarmUpResult {
  version: number;
  rows: number;
  signoffs: number;
  cyclesMs: number;
  signoffsMs: number;
}

/**
 * Builds the columnar cycle table and its sign-offs for the current data version ahead of the
 * first metrics query (the server calls it after it starts listening). Two synchronous steps with
 * a turn of the event loop between them, so a request that arrives meanwhile waits for one step,
 * not both. Idempotent: a table already current is reused.
 */
export async function warmCycleCache(db: HubDb): Promise<WarmUpResult> {
  const t0 = performance.now();
  const t = getCycleTableSync(db.sql);
  const t1 = performance.now();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const sig = signoffColumns(db.sql, getCycleTableSync(db.sql));
  const t2 = performance.now();
  return { version: t.version, rows: t.n - t.deadRows, signoffs: sig.used - sig.garbage, cyclesMs: t1 - t0, signoffsMs: t2 - t1 };
}
