import { workingDayIndex, londonDayNumber } from "../../analytics/working-days.js";
import { NOT_A_BOROUGH, internSigner, signoffColumnsOf, type CycleTable, type SignerDictionary, type SignoffColumns } from "../../analytics/metrics/index.js";
import { readSnapshot, type SqlConn } from "../driver/index.js";
import { DATA_VERSION_SQL, REVIEWS_SQL } from "./cycles.queries.js";
import { jsonColumns } from "./cycle-table.build.js";
import { allocate } from "./cycle-table.columns.js";

/** DPO reviews as REVIEWS_SQL reads them (initiative, stage, signer or null, at). */
export type ReviewRow = [initiativeId: string, stage: string, signer: string | null, at: number];

/** Each (initiative, stage, signer) key's first DPO review; a signer-less review under signer "". */
export function reviewIndex(rows: readonly ReviewRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, stage, signer, at] of rows) {
    const key = `${id}\u0000${stage}\u0000${signer ?? ""}`;
    const was = out.get(key);
    if (was === undefined || Number(at) < was) out.set(key, Number(at));
  }
  return out;
}

/**
 * When a signer's DPO reviewed a stage before signing it off at `at`: its first DPO_REVIEWED of the
 * stage (or the first signer-less one, which reviews for all), if that is at or before `at`; else NaN.
 */
export function reviewedAtOf(reviews: Map<string, number>, id: string, stage: string, signer: string, at: number): number {
  const own = reviews.get(`${id}\u0000${stage}\u0000${signer}`) ?? Infinity;
  const all = reviews.get(`${id}\u0000${stage}\u0000`) ?? Infinity;
  const first = Math.min(own, all);
  return first <= at ? first : NaN;
}

/** Appends a sign-off of row k (its entries must be the last ones appended). */
export function appendSignoff(sig: SignoffColumns, k: number, borough: number, signer: number, at: number, reviewedAt: number, subCum: number): void {
  const j = sig.used++;
  sig.borough[j] = borough;
  sig.signer[j] = signer;
  sig.at[j] = at;
  sig.reviewedAt[j] = reviewedAt;
  const wd = workingDayIndex(londonDayNumber(at)) - subCum;
  sig.wd[j] = wd;
  if (wd < sig.minWd) sig.minWd = wd;
  if (wd > sig.maxWd) sig.maxWd = wd;
  sig.count[k]!++;
}

/** Each initiative's signing participants as signer indexes, from the column-wise read (initiative id, code, is_borough). */
export function signersByInitiative(t: CycleTable, signers: SignerDictionary, ids: string[], codes: string[], isBorough: (number | boolean)[]): (Uint16Array | undefined)[] {
  const lists: number[][] = [];
  for (let j = 0; j < ids.length; j++) {
    const i = t.initIndex.get(ids[j]!);
    if (i === undefined) continue;
    (lists[i] ??= []).push(internSigner(signers, codes[j]!, Boolean(Number(isBorough[j]))));
  }
  const out: (Uint16Array | undefined)[] = new Array(t.initiativeIds.length);
  for (let i = 0; i < out.length; i++) if (lists[i]) out[i] = Uint16Array.from(lists[i]!);
  return out;
}

/**
 * Each initiative's participant periods, parallel to signersByInitiative's lists (same columns, same
 * order): [joinedAt, leftAt] pairs, ±Infinity for null; undefined for an initiative whose
 * participants all take part throughout.
 */
export function periodsByInitiative(t: CycleTable, ids: string[], joined: (number | string | null)[], left: (number | string | null)[]): (Float64Array | undefined)[] {
  const lists: number[][] = [];
  const dated = new Set<number>();
  for (let j = 0; j < ids.length; j++) {
    const i = t.initIndex.get(ids[j]!);
    if (i === undefined) continue;
    const from = joined[j] ?? null;
    const to = left[j] ?? null;
    if (from !== null || to !== null) dated.add(i);
    (lists[i] ??= []).push(from === null ? -Infinity : Number(from), to === null ? Infinity : Number(to));
  }
  const out: (Float64Array | undefined)[] = new Array(t.initiativeIds.length);
  for (const i of dated) out[i] = Float64Array.from(lists[i]!);
  return out;
}

/** The same sign-offs without garbage: each row's entries contiguous, in row order. */
export function compactSignoffs(sig: SignoffColumns, n: number): SignoffColumns {
  const live = sig.used - sig.garbage;
  const out: SignoffColumns = signoffColumnsOf({
    first: new Int32Array(n),
    count: sig.count,
    used: live,
    garbage: 0,
    borough: new Uint8Array(live),
    signer: new Uint16Array(live),
    at: new Float64Array(live),
    reviewedAt: new Float64Array(live),
    wd: new Int32Array(live),
    minWd: Infinity,
    maxWd: -Infinity,
    signers: sig.signers,
    initSigners: sig.initSigners,
    initPeriods: sig.initPeriods,
  });
  let j = 0;
  for (let r = 0; r < n; r++) {
    const c = sig.count[r]!;
    const from = sig.first[r]!;
    out.first[r] = j;
    for (let k = from; k < from + c; k++, j++) {
      out.borough[j] = sig.borough[k]!;
      out.signer[j] = sig.signer[k]!;
      out.at[j] = sig.at[k]!;
      out.reviewedAt[j] = sig.reviewedAt[k]!;
      const wd = (out.wd[j] = sig.wd[k]!);
      if (wd < out.minWd) out.minWd = wd;
      if (wd > out.maxWd) out.maxWd = wd;
    }
  }
  return out;
}

/**
 * Sign-offs by cycle row: read in full once (on first use) and then kept current by the deltas
 * (cycle-table.delta.ts re-reads a changed initiative's sign-offs with its cycles). A table made
 * by a full build starts without them.
 */
export function signoffColumns(conn: SqlConn, t: CycleTable): SignoffColumns {
  if (t.signoffs) return t.signoffs;
  const stageCount = t.stages.length;
  const initIndex = t.initIndex;
  const rowOf = t.rowOf;
  // Read with the version in one transaction: kept only if it is the table's own snapshot.
  const { version, columns, partnerColumns, signerColumns, reviewRows } = readSnapshot(conn, () => ({
    version: conn.prepare<{ v: number }>(DATA_VERSION_SQL).get()?.v ?? 0,
    columns: jsonColumns(conn, "boroughSignoffs"),
    partnerColumns: jsonColumns(conn, "partnerSignoffs"),
    signerColumns: jsonColumns(conn, "initiativeSigners"),
    reviewRows: conn.prepare(REVIEWS_SQL).raw().all() as ReviewRow[],
  }));
  const reviews = reviewIndex(reviewRows);
  const signers: SignerDictionary = { list: [], index: new Map(), isBorough: [] };
  // Boroughs first, in the table's order, so that a borough's signer index is stable.
  for (const code of t.boroughs) internSigner(signers, code, true);
  const [bIds, bStages, bCodes, bAt] = columns as [string[], string[], string[], number[]];
  const [pIds, pStages, pCodes, pAt] = partnerColumns as [string[], string[], string[], number[]];
  const sIds = [...bIds, ...pIds];
  const sStages = [...bStages, ...pStages];
  const sCodes = [...bCodes, ...pCodes];
  const sAt = [...bAt, ...pAt];
  const boroughEntries = bIds.length;
  const read = sIds.length;
  const rowOfEntry = new Int32Array(read).fill(-1);
  const boroughOfEntry = new Uint8Array(read);
  const signerOfEntry = new Uint16Array(read);
  // With headroom (cycle-table.columns.ts): the deltas append to them in place.
  const first = allocate(Int32Array, t.n + 1);
  const count = allocate(Uint8Array, t.n);
  for (let j = 0; j < read; j++) {
    const i = initIndex.get(sIds[j]!);
    const s = t.stageIndex.get(sStages[j]!);
    const isBorough = j < boroughEntries;
    const b = isBorough ? t.boroughIndex.get(sCodes[j]!) : NOT_A_BOROUGH;
    if (i === undefined || s === undefined || b === undefined) continue;
    const r = rowOf[i * stageCount + s]!;
    if (r < 0) continue;
    rowOfEntry[j] = r;
    boroughOfEntry[j] = b;
    signerOfEntry[j] = internSigner(signers, sCodes[j]!, isBorough);
    first[r + 1]!++;
    count[r]!++;
  }
  for (let r = 0; r < t.n; r++) first[r + 1]! += first[r]!;
  const total = first[t.n]!;
  const fill = first.slice(0, t.n);
  const borough = allocate(Uint8Array, total);
  const signer = allocate(Uint16Array, total);
  const at = allocate(Float64Array, total);
  const reviewedAt = allocate(Float64Array, total);
  const wd = allocate(Int32Array, total);
  let minWd = Infinity;
  let maxWd = -Infinity;
  for (let j = 0; j < read; j++) {
    const r = rowOfEntry[j]!;
    if (r < 0) continue;
    const k = fill[r]!++;
    borough[k] = boroughOfEntry[j]!;
    signer[k] = signerOfEntry[j]!;
    at[k] = sAt[j]!;
    reviewedAt[k] = reviewedAtOf(reviews, sIds[j]!, sStages[j]!, sCodes[j]!, sAt[j]!);
    const d = (wd[k] = workingDayIndex(londonDayNumber(sAt[j]!)) - t.subCum[r]!);
    if (d < minWd) minWd = d;
    if (d > maxWd) maxWd = d;
  }
  const [gIds, gCodes, gBorough, gJoined, gLeft] = signerColumns as [string[], string[], (number | boolean)[], (number | null)[], (number | null)[]];
  const initSigners = signersByInitiative(t, signers, gIds, gCodes, gBorough);
  const initPeriods = periodsByInitiative(t, gIds, gJoined, gLeft);
  const out: SignoffColumns = signoffColumnsOf({ first: first.subarray(0, t.n), count, used: total, garbage: 0, borough, signer, at, reviewedAt, wd, minWd, maxWd, signers, initSigners, initPeriods });
  if (version === t.version) t.signoffs = out;
  return out;
}
