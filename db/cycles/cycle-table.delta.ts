import { OUTCOME_OPEN, ROW_COLUMNS, cycleTable, setCycleRow, signoffColumnsOf, type CycleTable, type SignoffColumns } from "../../analytics/metrics/index.js";
import type { SqlConn } from "../driver/index.js";
import { changeBounds, intern, type Dictionary } from "./cycle-table.build.js";
import { UndoLog, allocate, extend, keepSnapshot, keepValue, markOverwritten, type Column } from "./cycle-table.columns.js";
import {
  BOROUGHS_BY_INITIATIVE_SQL,
  CHANGED_INITIATIVES_SQL,
  PARTNERS_BY_INITIATIVE_SQL,
  CYCLES_BY_INITIATIVE_SQL,
  INITIATIVE_BY_ID_SQL,
  PRACTICES_BY_INITIATIVE_SQL,
  PARTNER_SIGNOFFS_BY_INITIATIVE_SQL,
  REVIEWS_BY_INITIATIVE_SQL,
  SIGNERS_BY_INITIATIVE_SQL,
  SIGNOFFS_BY_INITIATIVE_SQL,
} from "./cycles.queries.js";
import { appendSignoff, compactSignoffs, reviewIndex, reviewedAtOf, type ReviewRow } from "./signoff-columns.js";
import { NOT_A_BOROUGH, appendParticipants, internSigner } from "../../analytics/metrics/index.js";

/** Above this many changed initiatives a full read is cheaper than a delta. */
export const MAX_DELTA_INITIATIVES = 5000;

/** A stage_cycles row as CYCLES_BY_INITIATIVE_SQL returns it. */
type CycleRow = [initiativeId: string, stage: string, outcome: string, submittedAt: number, approvedAt: number | null, endedAt: number | null, rounds: number, teamMs: number, openQueryAt: number | null];

/** Marks row k as gone (its cycle was deleted): never submitted, so every metric skips it. */
function killRow(t: CycleTable, k: number): void {
  if (t.submittedAt[k] !== Infinity) t.deadRows++;
  t.submittedAt[k] = Infinity;
  t.outcome[k] = OUTCOME_OPEN;
}


/** The per-initiative columns updated in place (the participant lists' pointers among them: see writeParticipants). */
const INIT_COLUMNS = ["initTool", "initLead", "initPractices", "partFirst", "partCount", "partBoroughs"] as const;

/**
 * The participants of initiative i, appended at the end of the table's lists (its old entries
 * become garbage; entries in use never change, so a table still holding the old lists keeps its own).
 */
function writeParticipants(t: CycleTable, i: number, known: boolean, codes: readonly string[], slugs: readonly string[], boroughs: Dictionary, partners: Dictionary): void {
  if (known) t.partGarbage += t.partCount[i]!;
  const b = Uint16Array.from(codes, (code) => intern(boroughs, code)).sort();
  const p = Uint16Array.from(slugs, (slug) => intern(partners, slug)).sort();
  appendParticipants(t, i, b, p);
}

/** The participant lists without garbage, into new columns (with room for `extra` entries) that no other table shares. */
function compactParticipants(t: CycleTable, m: number, oldM: number, extra: number): void {
  const live = t.partUsed - t.partGarbage;
  const first = allocate(Int32Array, m);
  const count = allocate(Uint8Array, m);
  const bcount = allocate(Uint8Array, m);
  const ids = allocate(Uint16Array, live + extra);
  let j = 0;
  for (let i = 0; i < oldM; i++) {
    const f = t.partFirst[i]!;
    const c = t.partCount[i]!;
    first[i] = j;
    count[i] = c;
    bcount[i] = t.partBoroughs[i]!;
    ids.set(t.partIds.subarray(f, f + c), j);
    j += c;
  }
  t.partFirst = first;
  t.partCount = count;
  t.partBoroughs = bcount;
  t.partIds = ids;
  t.partUsed = j;
  t.partGarbage = 0;
}

/** What the database holds now for one changed initiative (attrs undefined: it is gone). */
interface InitiativeRead {
  id: string;
  attrs: [tool: string, lead: string] | undefined;
  boroughs: string[];
  partners: string[];
  practices: string[];
  cycles: CycleRow[];
  signoffs: [stage: string, borough: string, at: number][];
  partnerSignoffs: [stage: string, organisation: string, at: number][];
  /** The initiative's signing participants: code or slug, and whether it is a borough. */
  signers: [code: string, isBorough: number | boolean, joinedAt: number | string | null, leftAt: number | string | null][];
  /** Its DPO reviews' first times (signoff-columns.ts reviewIndex). */
  reviews: Map<string, number>;
}

/** The initiatives logged since `previous.lastSeq`, re-read by primary key; null when a full read is needed. */
function readChanges(conn: SqlConn, previous: CycleTable): { hi: number; reads: InitiativeRead[] } | null {
  const bounds = changeBounds(conn);
  const hi = bounds.hi ?? 0;
  if (hi < previous.lastSeq) return null; // the log was reset: another database, or rebuilt
  if (hi > previous.lastSeq && (bounds.lo === null || bounds.lo > previous.lastSeq + 1)) return null; // entries pruned
  const ids = hi === previous.lastSeq ? [] : (conn.prepare(CHANGED_INITIATIVES_SQL).pluck().all(previous.lastSeq) as string[]);
  if (ids.length > MAX_DELTA_INITIATIVES) return null;
  const attrs = conn.prepare(INITIATIVE_BY_ID_SQL).raw();
  const boroughsOf = conn.prepare(BOROUGHS_BY_INITIATIVE_SQL).pluck();
  const practicesOf = conn.prepare(PRACTICES_BY_INITIATIVE_SQL).pluck();
  const partnersOf = conn.prepare(PARTNERS_BY_INITIATIVE_SQL).pluck();
  const cyclesOf = conn.prepare(CYCLES_BY_INITIATIVE_SQL).raw();
  const signoffsOf = conn.prepare(SIGNOFFS_BY_INITIATIVE_SQL).raw();
  const partnerSignoffsOf = conn.prepare(PARTNER_SIGNOFFS_BY_INITIATIVE_SQL).raw();
  const signersOf = conn.prepare(SIGNERS_BY_INITIATIVE_SQL).raw();
  const reviewsOf = conn.prepare(REVIEWS_BY_INITIATIVE_SQL).raw();
  // Sign-offs are carried along only once they have been read (signOffTimes reads them on first use).
  const withSignoffs = previous.signoffs !== undefined;
  const reads = ids.map((id) => ({
    id,
    attrs: attrs.get(id) as [string, string] | undefined,
    boroughs: boroughsOf.all(id) as string[],
    partners: partnersOf.all(id) as string[],
    practices: practicesOf.all(id) as string[],
    cycles: cyclesOf.all(id) as CycleRow[],
    signoffs: withSignoffs ? (signoffsOf.all(id) as [string, string, number][]) : [],
    partnerSignoffs: withSignoffs ? (partnerSignoffsOf.all(id) as [string, string, number][]) : [],
    signers: withSignoffs ? (signersOf.all(id, id) as [string, number | boolean, number | string | null, number | string | null][]) : [],
    reviews: withSignoffs ? reviewIndex(reviewsOf.all(id) as ReviewRow[]) : new Map<string, number>(),
  }));
  return { hi, reads };
}

type Keyed = Record<string, Column>;

/**
 * Lengthens `keys` of `from` to `len` entries into `to` (in place over the same buffers when they
 * have room) and, for each column shared so, an undo log that will keep `from`'s snapshot.
 */
function extendColumns(from: object, to: object, keys: readonly string[], len: number, undo: Map<string, UndoLog>): UndoLog[] {
  const logs: UndoLog[] = [];
  for (const key of keys) {
    const old = (from as Keyed)[key]!;
    const { column, shared } = extend(old, len);
    (to as Keyed)[key] = column;
    if (!shared) continue;
    const log = new UndoLog(old);
    undo.set(key, log);
    logs.push(log);
  }
  return logs;
}

/**
 * The previous table brought up to date from the change log (migration 0003): only the initiatives
 * logged since `previous.lastSeq` are re-read (by primary key) and their entries rewritten in the
 * previous table's columns, in place (appended rows go into the columns' headroom; past it, the
 * columns are copied with new headroom). A query still holding the previous table keeps a
 * consistent snapshot: the entries overwritten are recorded, and the previous table's columns
 * become copies with them restored the first time it is read again (cycle-table.columns.ts).
 * Null when a full read is needed instead: log entries pruned or reset, too many changes, a stage
 * code not seen before, or more authorities or practices than the columns hold. Call inside a read snapshot.
 */
export function applyChanges(conn: SqlConn, previous: CycleTable, version: number): CycleTable | null {
  const t0 = performance.now();
  const changes = readChanges(conn, previous);
  if (!changes) return null;
  const { hi, reads } = changes;

  // Everything that can refuse the delta is checked before any column is touched.
  const stageCount = previous.stages.length;
  const tools = { list: [...previous.tools], index: new Map(previous.toolIndex) };
  const boroughs = { list: [...previous.boroughs], index: new Map(previous.boroughIndex) };
  const practices = { list: [...previous.practices], index: new Map(previous.practiceIndex) };
  const partners = { list: [...previous.partners], index: new Map(previous.partnerIndex) };
  const oldM = previous.initiativeIds.length;
  let added = 0;
  let appended = 0;
  let participants = 0;
  for (const r of reads) {
    if (!r.attrs) continue;
    participants += r.boroughs.length + r.partners.length;
    const known = previous.initIndex.get(r.id);
    if (known === undefined) added++;
    intern(tools, r.attrs[0]);
    intern(boroughs, r.attrs[1]);
    for (const code of r.boroughs) intern(boroughs, code);
    for (const slug of r.practices) intern(practices, slug);
    for (const c of r.cycles) {
      const s = previous.stageIndex.get(c[1]);
      if (s === undefined) return null; // a new stage code changes every stride: read in full
      if (known === undefined || previous.rowOf[known * stageCount + s]! < 0) appended++;
    }
  }
  if (boroughs.list.length > 255 || partners.list.length > 0xffff || practices.list.length > 32) return null;
  const m = oldM + added;
  const n = previous.n + appended;

  const t: CycleTable = cycleTable({
    ...previous,
    version,
    lastSeq: hi,
    madeBy: "delta",
    tools: tools.list,
    toolIndex: tools.index,
    boroughs: boroughs.list,
    boroughIndex: boroughs.index,
    practices: practices.list,
    practiceIndex: practices.index,
    partners: partners.list,
    partnerIndex: partners.index,
    n,
    approvedByWorkingDays: undefined,
    signoffs: undefined,
  });
  const undo = new Map<string, UndoLog>();
  markOverwritten(previous); // before any entry of a shared buffer changes (slicing.ts restarts a kernel suspended over it)
  const rowLogs = extendColumns(previous, t, ROW_COLUMNS, n, undo);
  // Participant lists: appended to in place; compacted into new columns once at least as many
  // entries are garbage as are live (and enough to matter).
  let garbage = previous.partGarbage;
  for (const r of reads) {
    const i = previous.initIndex.get(r.id);
    if (i !== undefined) garbage += previous.partCount[i]!;
  }
  const compact = garbage > 4096 && garbage * 2 >= previous.partUsed;
  const initLogs = extendColumns(previous, t, compact ? INIT_COLUMNS.slice(0, 3) : INIT_COLUMNS, m, undo);
  if (compact) compactParticipants(t, m, oldM, participants);
  else extendColumns(previous, t, ["partIds"], previous.partUsed + participants, new Map()); // appended to only: entries in use never change
  const rowOfLogs = extendColumns(previous, t, ["rowOf"], m * stageCount, undo);
  if (m > oldM) t.rowOf.fill(-1, oldM * stageCount);
  const ps = previous.signoffs;
  let sig: SignoffColumns | undefined;
  let sigLogs: UndoLog[] = [];
  const sigUndo = new Map<string, UndoLog>();
  if (ps) {
    let extra = 0;
    for (const r of reads) extra += r.signoffs.length + r.partnerSignoffs.length;
    // initSigners is copied (the previous table keeps its own); the signer dictionary is shared and
    // append-only: indexes the previous table holds keep their meaning.
    sig = signoffColumnsOf({ ...ps, initSigners: [...ps.initSigners], initPeriods: [...(ps.initPeriods ?? [])] });
    sig.initSigners.length = m;
    sig.initPeriods!.length = m;
    sigLogs = extendColumns(ps, sig, ["first", "count"], n, sigUndo);
    extendColumns(ps, sig, ["borough", "signer", "at", "reviewedAt", "wd"], ps.used + extra, new Map()); // appended to only: entries in use never change
  }
  // The entries about to be overwritten, as the previous table holds them.
  for (const r of reads) {
    const i = previous.initIndex.get(r.id);
    if (i === undefined) continue;
    for (const log of initLogs) log.save(i);
    for (let s = 0; s < stageCount; s++) {
      for (const log of rowOfLogs) log.save(i * stageCount + s);
      const k = previous.rowOf[i * stageCount + s]!;
      if (k < 0) continue;
      for (const log of rowLogs) log.save(k);
      for (const log of sigLogs) log.save(k);
    }
  }
  for (const [key, log] of undo) keepSnapshot(previous, key, () => (t as unknown as Keyed)[key]!, log);
  if (ps && sig) for (const [key, log] of sigUndo) keepSnapshot(ps, key, () => (sig as unknown as Keyed)[key]!, log);
  if (added) {
    // The id list and index are shared and appended to: the previous table's are cut back on demand.
    const ids = previous.initiativeIds;
    const index = previous.initIndex;
    keepValue(previous, "initiativeIds", () => ids.slice(0, oldM));
    keepValue(previous, "initIndex", () => new Map([...index].filter(([, i]) => i < oldM)));
  }

  let next = previous.n;
  for (const r of reads) {
    let i = t.initIndex.get(r.id);
    if (i !== undefined) {
      // Every row of the initiative is re-derived from what the database holds now.
      for (let s = 0; s < stageCount; s++) {
        const k = t.rowOf[i * stageCount + s]!;
        if (k < 0) continue;
        killRow(t, k);
        if (sig) {
          sig.garbage += sig.count[k]!;
          sig.count[k] = 0;
        }
      }
    }
    if (!r.attrs) continue;
    const known = i !== undefined;
    if (i === undefined) t.initIndex.set(r.id, (i = t.initiativeIds.push(r.id) - 1));
    t.initTool[i] = intern(tools, r.attrs[0]);
    t.initLead[i] = intern(boroughs, r.attrs[1]);
    writeParticipants(t, i, known, r.boroughs, r.partners, boroughs, partners);
    let practiceMask = 0;
    for (const slug of r.practices) {
      const p = intern(practices, slug);
      if (p < 32) practiceMask |= 1 << p;
    }
    t.initPractices[i] = practiceMask;
    if (sig) sig.initSigners[i] = r.signers.length > 0 ? Uint16Array.from(r.signers, ([code, isBorough]) => internSigner(sig!.signers, code, Boolean(Number(isBorough)))) : undefined;
    if (sig) sig.initPeriods![i] = r.signers.some((g) => g[2] !== null || g[3] !== null) ? Float64Array.from(r.signers.flatMap((g) => [g[2] === null ? -Infinity : Number(g[2]), g[3] === null ? Infinity : Number(g[3])])) : undefined;
    for (const c of r.cycles) {
      const s = t.stageIndex.get(c[1])!;
      let k = t.rowOf[i * stageCount + s]!;
      if (k < 0) t.rowOf[i * stageCount + s] = k = next++;
      else if (t.submittedAt[k] === Infinity) t.deadRows--; // killed above, alive again
      setCycleRow(t, k, i, s, c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
      if (sig) {
        sig.first[k] = sig.used;
        sig.count[k] = 0;
        for (const [stage, code, at] of r.signoffs) if (stage === c[1]) appendSignoff(sig, k, intern(boroughs, code), internSigner(sig.signers, code, true), at, reviewedAtOf(r.reviews, r.id, stage, code, at), t.subCum[k]!);
        for (const [stage, slug, at] of r.partnerSignoffs) if (stage === c[1]) appendSignoff(sig, k, NOT_A_BOROUGH, internSigner(sig.signers, slug, false), at, reviewedAtOf(r.reviews, r.id, stage, slug, at), t.subCum[k]!);
      }
    }
  }
  // Compacted once at least as many entries are garbage as are live (and enough to matter).
  if (sig && sig.garbage > 4096 && sig.garbage * 2 >= sig.used) {
    const compacted = compactSignoffs(sig, n);
    // Its own counts: later deltas update them in place, and `sig` must stay as it is (the previous table's snapshot reads it).
    compacted.count = allocate(Uint8Array, n);
    compacted.count.set(sig.count.subarray(0, n));
    t.signoffs = compacted;
  } else if (sig) t.signoffs = sig;
  t.buildMs = performance.now() - t0;
  return t;
}
