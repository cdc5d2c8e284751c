import { OUTCOME_OPEN, ROW_COLUMNS, setCycleRow, type CycleTable, type SignoffColumns } from "../../analytics/metrics/index.js";
import type { SqlConn } from "../driver/index.js";
import { changeBounds, intern } from "./cycle-table.build.js";
import {
  BOROUGHS_BY_INITIATIVE_SQL,
  CHANGED_INITIATIVES_SQL,
  CYCLES_BY_INITIATIVE_SQL,
  INITIATIVE_BY_ID_SQL,
  PRACTICES_BY_INITIATIVE_SQL,
  PARTNER_SIGNOFFS_BY_INITIATIVE_SQL,
  SIGNERS_BY_INITIATIVE_SQL,
  SIGNOFFS_BY_INITIATIVE_SQL,
} from "./cycles.queries.js";
import { appendSignoff, compactSignoffs } from "./signoff-columns.js";
import { NOT_A_BOROUGH, internSigner } from "../../analytics/metrics/index.js";

/** Above this many changed initiatives a full read is cheaper than a delta. */
export const MAX_DELTA_INITIATIVES = 5000;

/** A stage_cycles row as CYCLES_BY_INITIATIVE_SQL returns it. */
type CycleRow = [initiativeId: string, stage: string, outcome: string, submittedAt: number, approvedAt: number | null, endedAt: number | null, rounds: number, teamMs: number, openQueryAt: number | null];

type Column = Int32Array | Uint16Array | Uint32Array | Uint8Array | Float64Array;

/** A copy of `a` with length `len` (zero-filled past a's end). */
function grow<A extends Column>(a: A, len: number): A {
  const out = new (a.constructor as new (n: number) => A)(len);
  out.set(a.subarray(0, Math.min(a.length, len)));
  return out;
}

/** Marks row k as gone (its cycle was deleted): never submitted, so every metric skips it. */
function killRow(t: CycleTable, k: number): void {
  if (t.submittedAt[k] !== Infinity) t.deadRows++;
  t.submittedAt[k] = Infinity;
  t.outcome[k] = OUTCOME_OPEN;
}

/**
 * The previous table brought up to date from the change log (migration 0003): only the initiatives
 * logged since `previous.lastSeq` are re-read (by primary key), and the columns are copied so a
 * query still holding the previous table keeps a consistent snapshot. Null when a full read is
 * needed instead: log entries pruned or reset, too many changes, or a stage code not seen before.
 * Call inside a read snapshot.
 */
export function applyChanges(conn: SqlConn, previous: CycleTable, version: number): CycleTable | null {
  const t0 = performance.now();
  const bounds = changeBounds(conn);
  const hi = bounds.hi ?? 0;
  if (hi < previous.lastSeq) return null; // the log was reset: another database, or rebuilt
  if (hi > previous.lastSeq && (bounds.lo === null || bounds.lo > previous.lastSeq + 1)) return null; // entries pruned
  const ids = hi === previous.lastSeq ? [] : (conn.prepare(CHANGED_INITIATIVES_SQL).pluck().all(previous.lastSeq) as string[]);
  if (ids.length > MAX_DELTA_INITIATIVES) return null;

  const attrs = conn.prepare(INITIATIVE_BY_ID_SQL).raw();
  const boroughsOf = conn.prepare(BOROUGHS_BY_INITIATIVE_SQL).pluck();
  const practicesOf = conn.prepare(PRACTICES_BY_INITIATIVE_SQL).pluck();
  const cyclesOf = conn.prepare(CYCLES_BY_INITIATIVE_SQL).raw();
  const signoffsOf = conn.prepare(SIGNOFFS_BY_INITIATIVE_SQL).raw();
  const partnerSignoffsOf = conn.prepare(PARTNER_SIGNOFFS_BY_INITIATIVE_SQL).raw();
  const signersOf = conn.prepare(SIGNERS_BY_INITIATIVE_SQL).raw();
  // Sign-offs are carried along only once they have been read (signOffTimes reads them on first use).
  const withSignoffs = previous.signoffs !== undefined;
  const reads = ids.map((id) => ({
    id,
    attrs: attrs.get(id) as [string, string] | undefined,
    boroughs: boroughsOf.all(id) as string[],
    practices: practicesOf.all(id) as string[],
    cycles: cyclesOf.all(id) as CycleRow[],
    signoffs: withSignoffs ? (signoffsOf.all(id) as [string, string, number][]) : [],
    partnerSignoffs: withSignoffs ? (partnerSignoffsOf.all(id) as [string, string, number][]) : [],
    signers: withSignoffs ? (signersOf.all(id, id) as [string, number | boolean][]) : [],
  }));

  const stageCount = previous.stages.length;
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
      if (i >= previous.initiativeIds.length || previous.rowOf[i * stageCount + s]! < 0) appended++;
    }
  }
  const m = initiativeIds.length;
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
    rowOf: grow(previous.rowOf, m * stageCount),
    n,
    approvedByWorkingDays: undefined,
    signoffs: undefined,
  };
  if (m > previous.initiativeIds.length) t.rowOf.fill(-1, previous.initiativeIds.length * stageCount);
  for (const key of ROW_COLUMNS) (t as unknown as Record<string, Int32Array>)[key] = grow(previous[key] as Int32Array, n);
  let sig: SignoffColumns | undefined;
  if (previous.signoffs) {
    const ps = previous.signoffs;
    let extra = 0;
    for (const r of reads) extra += r.signoffs.length + r.partnerSignoffs.length;
    const cap = ps.used + extra;
    sig = {
      first: grow(ps.first, n),
      count: grow(ps.count, n),
      used: ps.used,
      garbage: ps.garbage,
      borough: grow(ps.borough, cap),
      signer: grow(ps.signer, cap),
      at: grow(ps.at, cap),
      wd: grow(ps.wd, cap),
      minWd: ps.minWd,
      maxWd: ps.maxWd,
      // Append-only: indexes the previous table holds keep their meaning.
      signers: ps.signers,
      initSigners: [...ps.initSigners],
    };
    sig.initSigners.length = m;
  }
  let next = previous.n;
  for (const r of reads) {
    const i = initIndex.get(r.id);
    if (i === undefined) continue;
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
    let practiceMask = 0;
    for (const slug of r.practices) {
      const p = intern(practices, slug);
      if (p < 32) practiceMask |= 1 << p;
    }
    t.initPractices[i] = practiceMask;
    if (sig) sig.initSigners[i] = r.signers.length > 0 ? Uint16Array.from(r.signers, ([code, isBorough]) => internSigner(sig!.signers, code, Boolean(Number(isBorough)))) : undefined;
    for (const c of r.cycles) {
      const s = t.stageIndex.get(c[1])!;
      let k = t.rowOf[i * stageCount + s]!;
      if (k < 0) t.rowOf[i * stageCount + s] = k = next++;
      else if (t.submittedAt[k] === Infinity) t.deadRows--; // killed above, alive again
      setCycleRow(t, k, i, s, c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
      if (sig) {
        sig.first[k] = sig.used;
        for (const [stage, code, at] of r.signoffs) if (stage === c[1]) appendSignoff(sig, k, intern(boroughs, code), internSigner(sig.signers, code, true), at, t.subCum[k]!);
        for (const [stage, slug, at] of r.partnerSignoffs) if (stage === c[1]) appendSignoff(sig, k, NOT_A_BOROUGH, internSigner(sig.signers, slug, false), at, t.subCum[k]!);
      }
    }
  }
  if (boroughs.list.length > 64 || practices.list.length > 32) return null;
  // Compacted once at least as many entries are garbage as are live (and enough to matter).
  if (sig) t.signoffs = sig.garbage > 4096 && sig.garbage * 2 >= sig.used ? compactSignoffs(sig, n) : sig;
  t.buildMs = performance.now() - t0;
  return t;
}
