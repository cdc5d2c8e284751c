import { workingDayIndex, londonDayNumber } from "../../analytics/working-days.js";
import { NOT_A_BOROUGH, internSigner, signoffColumnsOf, type CycleTable, type SignerDictionary, type SignoffColumns } from "../../analytics/metrics/index.js";
import { readSnapshot, type SqlConn } from "../driver/index.js";
import { DATA_VERSION_SQL } from "./cycles.queries.js";
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

/**
 * Each initiative's participant periods, parallel to its `initSigners` list: [joinedAt, leftAt] pairs,
 * ±Infinity for null; undefined for an initiative whose signers all take part throughout. `dated`
 * is the column-wise read of the signing participants who joined late or left (initiative id,
 * code, is_borough, joined_at, left_at).
 */
export function periodsByInitiative(
  t: CycleTable,
  signers: SignerDictionary,
  initSigners: readonly (Uint16Array | undefined)[],
  dated: [ids: string[], codes: string[], isBorough: (number | boolean)[], joined: (number | string | null)[], left: (number | string | null)[]],
): (Float64Array | undefined)[] {
  const [ids, codes, , joined, left] = dated;
  const out: (Float64Array | undefined)[] = new Array(t.initiativeIds.length);
  for (let j = 0; j < ids.length; j++) {
    const i = t.initIndex.get(ids[j]!);
    const list = i === undefined ? undefined : initSigners[i];
    if (!list) continue;
    const signer = signers.index.get(codes[j]!);
    const k = signer === undefined ? -1 : list.indexOf(signer);
    if (k < 0) continue;
    let periods = out[i!];
    if (!periods) {
      periods = out[i!] = new Float64Array(list.length * 2);
      for (let q = 0; q < list.length; q++) {
        periods[2 * q] = -Infinity;
        periods[2 * q + 1] = Infinity;
      }
    }
    if (joined[j] != null) periods[2 * k] = Number(joined[j]);
    if (left[j] != null) periods[2 * k + 1] = Number(left[j]);
  }
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

/** DPO reviews by cycle row (CSR): row r's are entries first[r] .. first[r + 1] − 1; signer −1 for a signer-less review. */
interface ReviewsByRow {
  first: Int32Array;
  signer: Int32Array;
  at: Float64Array;
}

/**
 * The column-wise read of the DPO reviews (initiative, stage, signer or null, at) by cycle row, the
 * signers as indexes into `signers` (a review by a signer that has no sign-off in the table can
 * match none: left out). Reviews of a stage without a cycle row are left out too.
 */
function reviewsByRow(t: CycleTable, signers: SignerDictionary, columns: [ids: string[], stages: string[], codes: (string | null)[], ats: number[]]): ReviewsByRow {
  const [ids, stages, codes, ats] = columns;
  const stageCount = t.stages.length;
  const rowOfReview = new Int32Array(ids.length);
  const first = new Int32Array(t.n + 1);
  let lastId: string | undefined;
  let lastStage: string | undefined;
  let i = -1;
  let r = -1;
  for (let j = 0; j < ids.length; j++) {
    const id = ids[j]!;
    const stage = stages[j]!;
    if (id !== lastId || stage !== lastStage) {
      if (id !== lastId) i = t.initIndex.get(id) ?? -1;
      lastId = id;
      lastStage = stage;
      const s = t.stageIndex.get(stage);
      r = i < 0 || s === undefined ? -1 : t.rowOf[i * stageCount + s]!;
    }
    const code = codes[j];
    rowOfReview[j] = code == null || signers.index.has(code) ? r : -1;
    if (rowOfReview[j]! >= 0) first[r + 1]!++;
  }
  for (let q = 0; q < t.n; q++) first[q + 1]! += first[q]!;
  const fill = first.slice(0, t.n);
  const signer = new Int32Array(first[t.n]!);
  const at = new Float64Array(first[t.n]!);
  for (let j = 0; j < ids.length; j++) {
    const row = rowOfReview[j]!;
    if (row < 0) continue;
    const k = fill[row]!++;
    const code = codes[j];
    signer[k] = code == null ? -1 : signers.index.get(code)!;
    at[k] = Number(ats[j]);
  }
  return { first, signer, at };
}

/** reviewedAtOf over row r's reviews (reviewsByRow): the signer's own first review or the first signer-less one, if at or before `at`. */
function reviewedAtIn(reviews: ReviewsByRow, r: number, signer: number, at: number): number {
  let first = Infinity;
  for (let k = reviews.first[r]!, end = reviews.first[r + 1]!; k < end; k++) {
    const who = reviews.signer[k]!;
    if ((who === signer || who === -1) && reviews.at[k]! < first) first = reviews.at[k]!;
  }
  return first <= at ? first : NaN;
}

/**
 * Each initiative's signing participants as signer indexes, from the table's participant lists
 * less the non-signing ones (few): boroughs first (a borough's signer index is its borough index:
 * `signers` starts with the table's boroughs in order), then partners, each in the lists' order.
 */
function signersFromParticipants(t: CycleTable, signers: SignerDictionary, nonSigning: [ids: string[], codes: string[], isBorough: (number | boolean)[]]): (Uint16Array | undefined)[] {
  const m = t.initiativeIds.length;
  const skip = new Map<number, Set<string>>();
  const [nIds, nCodes] = nonSigning;
  for (let j = 0; j < nIds.length; j++) {
    const i = t.initIndex.get(nIds[j]!);
    if (i === undefined) continue;
    let set = skip.get(i);
    if (!set) skip.set(i, (set = new Set()));
    set.add(nCodes[j]!);
  }
  // Interned on first use: only the partners that take part get a signer index.
  const partnerSigner = new Int32Array(t.partners.length).fill(-1);
  const all = new Uint16Array(t.partUsed);
  const out: (Uint16Array | undefined)[] = new Array(m);
  let at = 0;
  for (let i = 0; i < m; i++) {
    const f = t.partFirst[i]!;
    const nb = t.partBoroughs[i]!;
    const end = f + t.partCount[i]!;
    const from = at;
    const no = skip.get(i);
    for (let j = f; j < end; j++) {
      const id = t.partIds[j]!;
      if (no && no.has(j < f + nb ? t.boroughs[id]! : t.partners[id]!)) continue;
      if (j < f + nb) all[at++] = id;
      else all[at++] = partnerSigner[id]! >= 0 ? partnerSigner[id]! : (partnerSigner[id] = internSigner(signers, t.partners[id]!, false));
    }
    if (at > from) out[i] = all.subarray(from, at);
  }
  return out;
}

/**
 * Sign-offs by cycle row: read in full once (on first use) and then kept current by the deltas
 * (cycle-table.delta.ts re-reads a changed initiative's sign-offs with its cycles). A table made
 * by a full build starts without them. The read is the sign-off tables' columns (one scan each),
 * the few non-signing participants and the DPO reviews; the signers come from the table's own
 * participant lists, and consecutive entries of one initiative and stage are looked up once.
 */
export function signoffColumns(conn: SqlConn, t: CycleTable): SignoffColumns {
  if (t.signoffs) return t.signoffs;
  const stageCount = t.stages.length;
  const initIndex = t.initIndex;
  const rowOf = t.rowOf;
  // Read with the version in one transaction: kept only if it is the table's own snapshot.
  const { version, columns, partnerColumns, nonSigningColumns, periodColumns, reviewColumns } = readSnapshot(conn, () => ({
    version: conn.prepare<{ v: number }>(DATA_VERSION_SQL).get()?.v ?? 0,
    columns: jsonColumns(conn, "boroughSignoffs"),
    partnerColumns: jsonColumns(conn, "partnerSignoffs"),
    nonSigningColumns: jsonColumns(conn, "initiativeNonSigners"),
    periodColumns: jsonColumns(conn, "initiativePeriods"),
    reviewColumns: jsonColumns(conn, "reviews"),
  }));
  const signers: SignerDictionary = { list: [], index: new Map(), isBorough: [] };
  // Boroughs first, in the table's order, so that a borough's signer index is its borough index.
  for (const code of t.boroughs) internSigner(signers, code, true);
  const sources = [columns, partnerColumns] as [string[], string[], string[], number[]][];
  const read = sources[0]![0].length + sources[1]![0].length;
  const rowOfEntry = new Int32Array(read).fill(-1);
  const boroughOfEntry = new Uint8Array(read);
  const signerOfEntry = new Uint16Array(read);
  // With headroom (cycle-table.columns.ts): the deltas append to them in place.
  const first = allocate(Int32Array, t.n + 1);
  const count = allocate(Uint8Array, t.n);
  let e = 0;
  for (let src = 0; src < 2; src++) {
    const [ids, stages, codes] = sources[src]!;
    const isBorough = src === 0;
    let lastId: string | undefined;
    let lastStage: string | undefined;
    let i = -1;
    let r = -1;
    for (let j = 0; j < ids.length; j++, e++) {
      const id = ids[j]!;
      const stage = stages[j]!;
      if (id !== lastId || stage !== lastStage) {
        if (id !== lastId) i = initIndex.get(id) ?? -1;
        lastId = id;
        lastStage = stage;
        const s = t.stageIndex.get(stage);
        r = i < 0 || s === undefined ? -1 : rowOf[i * stageCount + s]!;
      }
      if (r < 0) continue;
      const code = codes[j]!;
      let b = NOT_A_BOROUGH;
      if (isBorough) {
        const x = t.boroughIndex.get(code);
        if (x === undefined) continue;
        b = x;
      }
      rowOfEntry[e] = r;
      boroughOfEntry[e] = b;
      signerOfEntry[e] = isBorough ? b : internSigner(signers, code, false);
      first[r + 1]!++;
      count[r]!++;
    }
  }
  for (let r = 0; r < t.n; r++) first[r + 1]! += first[r]!;
  // After the sign-offs: every signer with a sign-off is interned.
  const reviews = reviewsByRow(t, signers, reviewColumns as Parameters<typeof reviewsByRow>[2]);
  const total = first[t.n]!;
  const fill = first.slice(0, t.n);
  const borough = allocate(Uint8Array, total);
  const signer = allocate(Uint16Array, total);
  const at = allocate(Float64Array, total);
  const reviewedAt = allocate(Float64Array, total);
  const wd = allocate(Int32Array, total);
  let minWd = Infinity;
  let maxWd = -Infinity;
  e = 0;
  for (let src = 0; src < 2; src++) {
    const [ids, , , ats] = sources[src]!;
    for (let j = 0; j < ids.length; j++, e++) {
      const r = rowOfEntry[e]!;
      if (r < 0) continue;
      const k = fill[r]!++;
      const when = ats[j]!;
      borough[k] = boroughOfEntry[e]!;
      signer[k] = signerOfEntry[e]!;
      at[k] = when;
      reviewedAt[k] = reviews.first[r + 1]! > reviews.first[r]! ? reviewedAtIn(reviews, r, signerOfEntry[e]!, when) : NaN;
      const d = (wd[k] = workingDayIndex(londonDayNumber(when)) - t.subCum[r]!);
      if (d < minWd) minWd = d;
      if (d > maxWd) maxWd = d;
    }
  }
  const initSigners = signersFromParticipants(t, signers, nonSigningColumns as [string[], string[], (number | boolean)[]]);
  const initPeriods = periodsByInitiative(t, signers, initSigners, periodColumns as Parameters<typeof periodsByInitiative>[3]);
  const out: SignoffColumns = signoffColumnsOf({ first: first.subarray(0, t.n), count, used: total, garbage: 0, borough, signer, at, reviewedAt, wd, minWd, maxWd, signers, initSigners, initPeriods });
  if (version === t.version) t.signoffs = out;
  return out;
}
