import type Database from "better-sqlite3";
import type { HubDb } from "../../db/connection.js";
import { londonDayNumber, monthIndexOfDay, workingDayIndex } from "../../analytics/working-days.js";
import {
  AUTHORITIES_SQL,
  BOROUGH_SIGNOFFS_SQL,
  DATA_VERSION_SQL,
  INITIATIVE_BOROUGHS_SQL,
  INITIATIVE_PRACTICES_SQL,
  INITIATIVES_SQL,
  PRACTICES_SQL,
  STAGE_CYCLES_SQL,
  STAGES_SQL,
  TOOLS_SQL,
} from "./metrics.queries.js";

export const OUTCOME_OPEN = 0;
export const OUTCOME_APPROVED = 1;
export const OUTCOME_REJECTED = 2;
export const OUTCOME_WITHDRAWN = 3;
const OUTCOME_CODES: Record<string, number> = { OPEN: 0, APPROVED: 1, REJECTED: 2, WITHDRAWN: 3 };

/** Each borough's sign-offs, grouped by cycle row (CSR): rows start[r]..start[r+1]. */
export interface SignoffColumns {
  start: Int32Array;
  borough: Uint8Array;
  at: Float64Array;
  /** Working-day index of the sign-off's London date. */
  cum: Int32Array;
}

/**
 * The derived cycles of one data version as typed-array columns: one entry per submitted
 * (initiative, stage), with the initiative's attributes as dictionary indexes and the London day
 * and working-day index of each instant precomputed, so a metric is one pass over arrays and a
 * working-day duration is one subtraction. Immutable once built; valid for `version` only.
 */
export interface CycleTable {
  version: number;
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
  /** Lazily: approved rows ordered by working-day duration (ties by row). */
  approvedByWorkingDays?: Int32Array;
  /** Lazily: sign-offs by cycle row. */
  signoffs?: SignoffColumns;
}

interface CacheEntry {
  table: CycleTable;
  versionStmt: Database.Statement<[], { v: number }>;
}

const cache = new WeakMap<Database.Database, CacheEntry>();

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
export function readDataVersion(sqlite: Database.Database): number {
  const entry = cache.get(sqlite);
  const s = entry?.versionStmt ?? sqlite.prepare<[], { v: number }>(DATA_VERSION_SQL);
  return s.get()?.v ?? 0;
}

function build(sqlite: Database.Database, version: number): CycleTable {
  const t0 = performance.now();
  const pluck = (sql: string) => sqlite.prepare(sql).pluck().all() as string[];
  const stages = dictionary(pluck(STAGES_SQL));
  const tools = dictionary(pluck(TOOLS_SQL));
  const boroughs = dictionary(pluck(AUTHORITIES_SQL));
  const practices = dictionary(pluck(PRACTICES_SQL));

  const inits = sqlite.prepare(INITIATIVES_SQL).raw().all() as [string, string, string][];
  const m = inits.length;
  const initIndex = new Map<string, number>();
  const initiativeIds: string[] = new Array(m);
  const initTool = new Uint16Array(m);
  const initLead = new Uint16Array(m);
  for (let i = 0; i < m; i++) {
    const [id, tool, lead] = inits[i]!;
    initiativeIds[i] = id;
    initIndex.set(id, i);
    initTool[i] = intern(tools, tool);
    initLead[i] = intern(boroughs, lead);
  }
  const initBoroughLo = new Uint32Array(m);
  const initBoroughHi = new Uint32Array(m);
  for (const [id, code] of sqlite.prepare(INITIATIVE_BOROUGHS_SQL).raw().iterate() as Iterable<[string, string]>) {
    const i = initIndex.get(id);
    if (i === undefined) continue;
    const b = intern(boroughs, code);
    if (b < 32) initBoroughLo[i]! |= 1 << b;
    else if (b < 64) initBoroughHi[i]! |= 1 << (b - 32);
  }
  const initPractices = new Uint32Array(m);
  for (const [id, slug] of sqlite.prepare(INITIATIVE_PRACTICES_SQL).raw().iterate() as Iterable<[string, string]>) {
    const i = initIndex.get(id);
    const p = intern(practices, slug);
    if (i !== undefined && p < 32) initPractices[i]! |= 1 << p;
  }
  if (boroughs.list.length > 64) throw new Error("metrics support at most 64 authorities");
  if (practices.list.length > 32) throw new Error("metrics support at most 32 practices");

  const rows = sqlite.prepare(STAGE_CYCLES_SQL).raw().all() as [string, string, string, number, number | null, number | null, number, number, number | null][];
  const n = rows.length;
  const t: CycleTable = {
    version,
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
  };
  let k = 0;
  for (let r = 0; r < n; r++) {
    const [id, stage, outcome, sub, appr, ended, rounds, team, openQ] = rows[r]!;
    const i = initIndex.get(id);
    if (i === undefined) continue; // a cycle without its initiative cannot be filtered or grouped
    t.init[k] = i;
    t.stage[k] = intern(stages, stage);
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
    if (appr !== null) t.apprCum[k] = workingDayIndex(londonDayNumber(appr));
    k++;
  }
  if (k < n) {
    for (const key of ["init", "stage", "outcome", "submittedAt", "approvedAt", "endedAt", "rounds", "teamMs", "openQueryAt", "subDay", "subCum", "apprCum", "subMonth"] as const) {
      (t as unknown as Record<string, Int32Array>)[key] = (t[key] as Int32Array).subarray(0, k);
    }
    t.n = k;
  }
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
  return getCycleTableSync(db.sqlite, opts);
}

/** The synchronous core of `getCycleTable` (benchmarks and bulk tools). */
export function getCycleTableSync(sqlite: Database.Database, opts: { force?: boolean } = {}): CycleTable {
  let entry = cache.get(sqlite);
  const versionStmt = entry?.versionStmt ?? sqlite.prepare<[], { v: number }>(DATA_VERSION_SQL);
  const current = versionStmt.get()?.v ?? 0;
  if (entry && entry.table.version === current && !opts.force) return entry.table;
  const table = sqlite.transaction(() => build(sqlite, (versionStmt.get()?.v ?? 0)))();
  entry = { table, versionStmt };
  cache.set(sqlite, entry);
  return table;
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

/** Sign-offs by cycle row, read once per table on first use. */
export function signoffColumns(sqlite: Database.Database, t: CycleTable): SignoffColumns {
  if (t.signoffs) return t.signoffs;
  const nStages = t.stages.length;
  const initIndex = new Map<string, number>();
  t.initiativeIds.forEach((id, i) => initIndex.set(id, i));
  const rowOf = new Int32Array(t.initiativeIds.length * nStages).fill(-1);
  for (let r = 0; r < t.n; r++) rowOf[t.init[r]! * nStages + t.stage[r]!] = r;
  const raw = sqlite.prepare(BOROUGH_SIGNOFFS_SQL).raw().all() as [string, string, string, number][];
  const rowIdx = new Int32Array(raw.length).fill(-1);
  const start = new Int32Array(t.n + 1);
  raw.forEach(([id, stage, code], j) => {
    const i = initIndex.get(id);
    const s = t.stageIndex.get(stage);
    const b = t.boroughIndex.get(code);
    if (i === undefined || s === undefined || b === undefined) return;
    const r = rowOf[i * nStages + s]!;
    if (r < 0) return;
    rowIdx[j] = r;
    start[r + 1]!++;
  });
  for (let r = 0; r < t.n; r++) start[r + 1]! += start[r]!;
  const total = start[t.n]!;
  const fill = start.slice(0, t.n);
  const borough = new Uint8Array(total);
  const at = new Float64Array(total);
  const cum = new Int32Array(total);
  raw.forEach(([, , code, when], j) => {
    const r = rowIdx[j]!;
    if (r < 0) return;
    const k = fill[r]!++;
    borough[k] = t.boroughIndex.get(code)!;
    at[k] = when;
    cum[k] = workingDayIndex(londonDayNumber(when));
  });
  t.signoffs = { start, borough, at, cum };
  return t.signoffs;
}
