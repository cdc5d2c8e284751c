/**
 * The cycle table every metric kernel reads: the derived cycles of one data version as typed-array
 * columns, and how a row of it reads at an instant. db/cycles builds, caches and refreshes it;
 * nothing here touches a database.
 */
import { OPEN_END_DAY } from "../flow.js";
import { MS_PER_DAY, londonDayNumber, monthIndexOfDay, workingDayIndex } from "../working-days.js";

export const OUTCOME_OPEN = 0;
export const OUTCOME_APPROVED = 1;
export const OUTCOME_REJECTED = 2;
export const OUTCOME_WITHDRAWN = 3;
const OUTCOME_CODES: Record<string, number> = { OPEN: OUTCOME_OPEN, APPROVED: OUTCOME_APPROVED, REJECTED: OUTCOME_REJECTED, WITHDRAWN: OUTCOME_WITHDRAWN };

/** A row's status at an instant when it was not submitted yet (or is gone, or fails the filter). */
export const EXCLUDED = 255;

/** The unit of every duration a metric reports. */
export type Unit = "CALENDAR_DAYS" | "WORKING_DAYS";

/** `SignoffColumns.borough` of a partner organisation's sign-off (it has no borough index). */
export const NOT_A_BOROUGH = 255;

/**
 * Each signer's sign-offs by cycle row: row r's are entries first[r] .. first[r] + count[r] − 1.
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
  /** Index into the table's boroughs, or NOT_A_BOROUGH for a partner organisation's sign-off. */
  borough: Uint8Array;
  /** Index into `signers` (boroughs and partner organisations alike). */
  signer: Uint16Array;
  at: Float64Array;
  /**
   * When the signer's DPO reviewed the stage: its first DPO_REVIEWED of the stage (or a signer-less
   * one), when that is at or before the sign-off; NaN when none is recorded.
   */
  reviewedAt: Float64Array;
  /** Working days from the row's submission to the sign-off's London date. */
  wd: Int32Array;
  /** Bounds of `wd` over the entries in use (a range for histograms). */
  minWd: number;
  maxWd: number;
  /** Every signer named by an entry or a participant list: GSS codes and partner slugs; shared, append-only. */
  signers: SignerDictionary;
  /** Each initiative's signing participants (indexes into `signers`), by initiative index; undefined = none. */
  initSigners: (Uint16Array | undefined)[];
  /**
   * When each of those participants took part, by initiative index, parallel to `initSigners`:
   * [joinedAt, leftAt] pairs (epoch ms; −Infinity = from the start, +Infinity = still in);
   * undefined when every participant of the initiative takes part throughout (most).
   */
  initPeriods?: (Float64Array | undefined)[];
}

/** Signers (GSS codes and partner slugs) and each one's index, and whether it is a borough. */
export interface SignerDictionary {
  list: string[];
  index: Map<string, number>;
  isBorough: boolean[];
}

/** The index of a signer in the dictionary, added at the end when new. */
export function internSigner(d: SignerDictionary, code: string, isBorough: boolean): number {
  let i = d.index.get(code);
  if (i === undefined) {
    d.index.set(code, (i = d.list.push(code) - 1));
    d.isBorough.push(isBorough);
  }
  return i;
}

/** The per-row columns of a CycleTable (one entry per submitted initiative and stage). */
export interface CycleRows {
  init: Int32Array;
  stage: Uint16Array;
  outcome: Uint8Array;
  submittedAt: Float64Array;
  /** NaN unless approved. */
  approvedAt: Float64Array;
  /** NaN unless rejected or withdrawn. */
  endedAt: Float64Array;
  /** Review rounds (at most UINT16_MAX: setCycleRow refuses more). */
  rounds: Uint16Array;
  teamMs: Float64Array;
  /** NaN unless a team interval was still open. */
  openQueryAt: Float64Array;
  subDay: Int32Array;
  subCum: Int32Array;
  /** Working-day index of the approval date (0 unless approved). */
  apprCum: Int32Array;
  /** year × 12 + month of the London submission date (years 0..5461: setCycleRow refuses others). */
  subMonth: Uint16Array;
  /** London day of the final end (approval, rejection or withdrawal); OPEN_END_DAY while open. */
  endDay: Int32Array;
  /** Working days from submission to approval (0 unless approved; at most UINT16_MAX, about 250 years). */
  approvedWd: Uint16Array;
}

/** The names of the per-row columns, for code that copies or trims them all. */
export const ROW_COLUMNS = ["init", "stage", "outcome", "submittedAt", "approvedAt", "endedAt", "rounds", "teamMs", "openQueryAt", "subDay", "subCum", "apprCum", "subMonth", "endDay", "approvedWd"] as const satisfies readonly (keyof CycleRows)[];

/** Zeroed per-row columns for n rows. */
export function allocateRows(n: number): CycleRows {
  return {
    init: new Int32Array(n),
    stage: new Uint16Array(n),
    outcome: new Uint8Array(n),
    submittedAt: new Float64Array(n),
    approvedAt: new Float64Array(n),
    endedAt: new Float64Array(n),
    rounds: new Uint16Array(n),
    teamMs: new Float64Array(n),
    openQueryAt: new Float64Array(n),
    subDay: new Int32Array(n),
    subCum: new Int32Array(n),
    apprCum: new Int32Array(n),
    subMonth: new Uint16Array(n),
    endDay: new Int32Array(n),
    approvedWd: new Uint16Array(n),
  };
}

/**
 * The derived cycles of one data version as typed-array columns: one entry per submitted
 * (initiative, stage), with the initiative's attributes as dictionary indexes and the London day
 * and working-day index of each instant precomputed, so a metric is one pass over arrays and a
 * working-day duration is one subtraction. Immutable once built; valid for `version` only.
 */
export interface CycleTable extends CycleRows {
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
  /** Partner organisations (slugs) any initiative names as a participant; append-only. */
  partners: string[];
  partnerIndex: Map<string, number>;
  /**
   * Each initiative's participants as a list (CSR): initiative i's are entries partFirst[i] ..
   * partFirst[i] + partCount[i] − 1 of partIds, its boroughs first (partBoroughs[i] of them, indexes
   * into `boroughs`), then its partner organisations (indexes into `partners`). A delta appends a
   * changed initiative's list at the end (its old entries become garbage), see db/cycles/cycle-table.delta.ts.
   */
  partFirst: Int32Array;
  partCount: Uint8Array;
  partBoroughs: Uint8Array;
  partIds: Uint16Array;
  /** Entries of partIds in use (live or garbage). */
  partUsed: number;
  /** Entries of partIds no initiative points at any more. */
  partGarbage: number;
  /** Practices used, bit i = practices[i]. */
  initPractices: Uint32Array;
  n: number;
  /** The largest approvedWd (a bound for histograms). */
  maxApprovedWd: number;
  /** Lazily: approved rows ordered by working-day duration (ties by row). */
  approvedByWorkingDays?: Int32Array;
  /** Sign-offs by cycle row: read on first use, then carried along by every delta. */
  signoffs?: SignoffColumns;
}

/**
 * A table object with every field in one order, made by this one literal: every table (a full
 * read or a delta) then has the same hidden class, so the kernels V8 has optimised for one keep
 * running on the next instead of deoptimising ("wrong map") on the first query after each write.
 */
export function cycleTable(f: CycleTable): CycleTable {
  return {
    version: f.version,
    lastSeq: f.lastSeq,
    madeBy: f.madeBy,
    initIndex: f.initIndex,
    rowOf: f.rowOf,
    maxInstant: f.maxInstant,
    deadRows: f.deadRows,
    buildMs: f.buildMs,
    stages: f.stages,
    tools: f.tools,
    boroughs: f.boroughs,
    practices: f.practices,
    stageIndex: f.stageIndex,
    toolIndex: f.toolIndex,
    boroughIndex: f.boroughIndex,
    practiceIndex: f.practiceIndex,
    initiativeIds: f.initiativeIds,
    initTool: f.initTool,
    initLead: f.initLead,
    partners: f.partners,
    partnerIndex: f.partnerIndex,
    partFirst: f.partFirst,
    partCount: f.partCount,
    partBoroughs: f.partBoroughs,
    partIds: f.partIds,
    partUsed: f.partUsed,
    partGarbage: f.partGarbage,
    initPractices: f.initPractices,
    n: f.n,
    maxApprovedWd: f.maxApprovedWd,
    approvedByWorkingDays: f.approvedByWorkingDays,
    signoffs: f.signoffs,
    init: f.init,
    stage: f.stage,
    outcome: f.outcome,
    submittedAt: f.submittedAt,
    approvedAt: f.approvedAt,
    endedAt: f.endedAt,
    rounds: f.rounds,
    teamMs: f.teamMs,
    openQueryAt: f.openQueryAt,
    subDay: f.subDay,
    subCum: f.subCum,
    apprCum: f.apprCum,
    subMonth: f.subMonth,
    endDay: f.endDay,
    approvedWd: f.approvedWd,
  };
}

/** Sign-off columns in one field order (one hidden class, as {@link cycleTable}). */
export function signoffColumnsOf(f: SignoffColumns): SignoffColumns {
  return { first: f.first, count: f.count, used: f.used, garbage: f.garbage, borough: f.borough, signer: f.signer, at: f.at, reviewedAt: f.reviewedAt, wd: f.wd, minWd: f.minWd, maxWd: f.maxWd, signers: f.signers, initSigners: f.initSigners, initPeriods: f.initPeriods };
}

/** The largest value of the 16-bit columns (rounds, subMonth, approvedWd). */
export const UINT16_MAX = 0xffff;

/** A value for a 16-bit column, or a RangeError naming the column and the bound (a typed array would wrap it silently). */
function uint16(column: string, v: number): number {
  if (v >= 0 && v <= UINT16_MAX) return v;
  throw new RangeError(`cycle table column ${column}: ${v} is outside 0..${UINT16_MAX}, the range its 16-bit column holds`);
}

/**
 * Fills row k with one derived cycle of initiative i (a stage_cycles row: outcome name and epoch
 * milliseconds, null where absent), precomputing its London days and working-day indexes, and
 * widens the table's bounds (maxApprovedWd, maxInstant).
 */
export function setCycleRow(
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
  t.rounds[k] = uint16("rounds", rounds);
  t.teamMs[k] = team;
  t.openQueryAt[k] = openQ ?? NaN;
  const sd = londonDayNumber(sub);
  t.subDay[k] = sd;
  t.subCum[k] = workingDayIndex(sd);
  t.subMonth[k] = uint16("subMonth", monthIndexOfDay(sd));
  t.apprCum[k] = appr !== null ? workingDayIndex(londonDayNumber(appr)) : 0;
  const end = t.outcome[k] === OUTCOME_APPROVED ? appr : t.outcome[k] === OUTCOME_OPEN ? null : ended;
  t.endDay[k] = end !== null ? londonDayNumber(end) : OPEN_END_DAY;
  const wd = appr !== null ? Math.max(0, t.apprCum[k]! - t.subCum[k]!) : 0;
  t.approvedWd[k] = uint16("approvedWd", wd);
  if (wd > t.maxApprovedWd) t.maxApprovedWd = wd;
  const last = Math.max(sub, appr ?? sub, ended ?? sub);
  if (last > t.maxInstant) t.maxInstant = last;
}

/** Row status at an instant: EXCLUDED (not yet submitted), or the outcome as it stood then. */
export function statusAt(t: CycleTable, r: number, asOf: number): number {
  if (t.submittedAt[r]! > asOf) return EXCLUDED;
  const o = t.outcome[r]!;
  if (o === OUTCOME_APPROVED) return t.approvedAt[r]! <= asOf ? OUTCOME_APPROVED : OUTCOME_OPEN;
  if (o === OUTCOME_REJECTED || o === OUTCOME_WITHDRAWN) return t.endedAt[r]! <= asOf ? o : OUTCOME_OPEN;
  return OUTCOME_OPEN;
}

/** Time to approval of an approved row in the unit. */
export function approvedDuration(t: CycleTable, r: number, unit: Unit): number {
  return unit === "WORKING_DAYS" ? t.apprCum[r]! - t.subCum[r]! : (t.approvedAt[r]! - t.submittedAt[r]!) / MS_PER_DAY;
}

/** Elapsed time of a row still open at asOf (censored) in the unit; asOfCum is asOf's working-day index. */
export function censoredDuration(t: CycleTable, r: number, unit: Unit, asOf: number, asOfCum: number): number {
  return unit === "WORKING_DAYS" ? asOfCum - t.subCum[r]! : (asOf - t.submittedAt[r]!) / MS_PER_DAY;
}

/** The working-day index of an instant's London date (durations to it are one subtraction). */
export function workingDayIndexAt(ms: number): number {
  return workingDayIndex(londonDayNumber(ms));
}

/** The most participants one initiative's list holds (partCount is 8-bit). */
export const MAX_PARTICIPANTS = 255;

/**
 * Writes initiative i's participants (borough indexes, then partner indexes) at the end of partIds
 * (which must have room for them) and points the initiative at them; a RangeError past MAX_PARTICIPANTS.
 */
export function appendParticipants(t: CycleTable, i: number, boroughs: ArrayLike<number>, partners: ArrayLike<number>): void {
  const count = boroughs.length + partners.length;
  if (count > MAX_PARTICIPANTS) throw new RangeError(`initiative ${t.initiativeIds[i]} has ${count} participants; the cycle table holds at most ${MAX_PARTICIPANTS} per initiative`);
  let j = t.partUsed;
  t.partFirst[i] = j;
  t.partCount[i] = count;
  t.partBoroughs[i] = boroughs.length;
  for (let k = 0; k < boroughs.length; k++) t.partIds[j++] = boroughs[k]!;
  for (let k = 0; k < partners.length; k++) t.partIds[j++] = partners[k]!;
  t.partUsed = j;
}

/** The participating boroughs of initiative i (GSS codes, in the table's borough order). */
export function boroughCodesOf(t: CycleTable, i: number): string[] {
  const out: string[] = [];
  const f = t.partFirst[i]!;
  for (let j = f; j < f + t.partBoroughs[i]!; j++) out.push(t.boroughs[t.partIds[j]!]!);
  return out;
}

/** The participating partner organisations of initiative i (slugs, in the table's partner order). */
export function partnerSlugsOf(t: CycleTable, i: number): string[] {
  const out: string[] = [];
  const f = t.partFirst[i]!;
  for (let j = f + t.partBoroughs[i]!; j < f + t.partCount[i]!; j++) out.push(t.partners[t.partIds[j]!]!);
  return out;
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
