import { workingDayIndex, londonDayNumber } from "../../analytics/working-days.js";
import { signoffColumnsOf, type CycleTable, type SignoffColumns } from "../../analytics/metrics/index.js";
import { readSnapshot, type SqlConn } from "../driver/index.js";
import { DATA_VERSION_SQL } from "./cycles.queries.js";
import { jsonColumns } from "./cycle-table.build.js";
import { allocate } from "./cycle-table.columns.js";

/** Appends a sign-off of row k (its entries must be the last ones appended). */
export function appendSignoff(sig: SignoffColumns, k: number, borough: number, at: number, subCum: number): void {
  const j = sig.used++;
  sig.borough[j] = borough;
  sig.at[j] = at;
  const wd = workingDayIndex(londonDayNumber(at)) - subCum;
  sig.wd[j] = wd;
  if (wd < sig.minWd) sig.minWd = wd;
  if (wd > sig.maxWd) sig.maxWd = wd;
  sig.count[k]!++;
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
    at: new Float64Array(live),
    wd: new Int32Array(live),
    minWd: Infinity,
    maxWd: -Infinity,
  });
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
 * (cycle-table.delta.ts re-reads a changed initiative's sign-offs with its cycles). A table made
 * by a full build starts without them.
 */
export function signoffColumns(conn: SqlConn, t: CycleTable): SignoffColumns {
  if (t.signoffs) return t.signoffs;
  const stageCount = t.stages.length;
  const initIndex = t.initIndex;
  const rowOf = t.rowOf;
  // Read with the version in one transaction: kept only if it is the table's own snapshot.
  const { version, columns } = readSnapshot(conn, () => ({
    version: conn.prepare<{ v: number }>(DATA_VERSION_SQL).get()?.v ?? 0,
    columns: jsonColumns(conn, "boroughSignoffs"),
  }));
  const [sIds, sStages, sCodes, sAt] = columns as [string[], string[], string[], number[]];
  const read = sIds.length;
  const rowOfEntry = new Int32Array(read).fill(-1);
  const boroughOfEntry = new Uint8Array(read);
  // With headroom (cycle-table.columns.ts): the deltas append to them in place.
  const first = allocate(Int32Array, t.n + 1);
  const count = allocate(Uint8Array, t.n);
  for (let j = 0; j < read; j++) {
    const i = initIndex.get(sIds[j]!);
    const s = t.stageIndex.get(sStages[j]!);
    const b = t.boroughIndex.get(sCodes[j]!);
    if (i === undefined || s === undefined || b === undefined) continue;
    const r = rowOf[i * stageCount + s]!;
    if (r < 0) continue;
    rowOfEntry[j] = r;
    boroughOfEntry[j] = b;
    first[r + 1]!++;
    count[r]!++;
  }
  for (let r = 0; r < t.n; r++) first[r + 1]! += first[r]!;
  const total = first[t.n]!;
  const fill = first.slice(0, t.n);
  const borough = allocate(Uint8Array, total);
  const at = allocate(Float64Array, total);
  const wd = allocate(Int32Array, total);
  let minWd = Infinity;
  let maxWd = -Infinity;
  for (let j = 0; j < read; j++) {
    const r = rowOfEntry[j]!;
    if (r < 0) continue;
    const k = fill[r]!++;
    borough[k] = boroughOfEntry[j]!;
    at[k] = sAt[j]!;
    const d = (wd[k] = workingDayIndex(londonDayNumber(sAt[j]!)) - t.subCum[r]!);
    if (d < minWd) minWd = d;
    if (d > maxWd) maxWd = d;
  }
  const out: SignoffColumns = signoffColumnsOf({ first: first.subarray(0, t.n), count, used: total, garbage: 0, borough, at, wd, minWd, maxWd });
  if (version === t.version) t.signoffs = out;
  return out;
}
