/**
 * Borough sign-off time (DESIGN.md, "Metric definitions") over a cycle table and its sign-off
 * columns: per (borough, stage) cell, the borough's own times, its peers' times on the same stages,
 * how often it signed last, and the censored time of every participant still to sign.
 */
import { mean, percentileOfCounts, percentileSelect, percentileSorted } from "../percentiles.js";
import { kaplanMeierSplit } from "../survival.js";
import { MS_PER_DAY } from "../working-days.js";
import { EXCLUDED, OUTCOME_APPROVED, OUTCOME_OPEN, censoredDuration, statusAt, workingDayIndexAt, type CycleTable, type SignoffColumns } from "./cycle-table.js";
import { MAX_HISTOGRAM_CELLS } from "./cycle-times.js";
import { passes, seesEverythingFinal, signerListed, type CompiledFilter } from "./filter.js";
import type { SignOffOptions } from "./options.js";
import { GROUP_CHUNK, inChunks, runToEnd, type Steps } from "./slicing.js";

/** One signer's sign-off times on one stage (plain data; the GraphQL type mirrors it). */
export interface SignOffData {
  /** GSS code when the signer is a borough; null for a partner organisation. */
  borough: string | null;
  /** The signer: a borough's GSS code or a partner organisation's slug. */
  organisation: string;
  isBorough: boolean;
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
  /** Sign-offs (of signedCount) with a DPO review recorded at or before them. */
  reviewedCount: number;
  /** Median submission → DPO review over those; null when none. */
  reviewMedian: number | null;
  /** Median DPO review → sign-off over those; null when none. */
  afterReviewMedian: number | null;
}

/** (cell, value) pairs in growable typed arrays, grouped by cell at the end. */
class CellValues {
  cell: Int32Array;
  value: Float64Array;
  n = 0;

  /** `capacity`: the pairs expected (an upper bound avoids the copies, and the garbage, of growing). */
  constructor(capacity = 1024) {
    this.cell = new Int32Array(Math.max(1, capacity));
    this.value = new Float64Array(Math.max(1, capacity));
  }

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

  /** The values of cell k at values[offsets[k] .. offsets[k + 1]), each cell's ascending unless `sorted` is false. */
  grouped(cells: number, sorted = true): { offsets: Int32Array; values: Float64Array } {
    const offsets = new Int32Array(cells + 1);
    for (let j = 0; j < this.n; j++) offsets[this.cell[j]! + 1]!++;
    for (let k = 0; k < cells; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, cells);
    const values = new Float64Array(this.n);
    for (let j = 0; j < this.n; j++) values[fill[this.cell[j]!]!++] = this.value[j]!;
    if (sorted) for (let k = 0; k < cells; k++) if (offsets[k + 1]! - offsets[k]! > 1) values.subarray(offsets[k]!, offsets[k + 1]!).sort();
    return { offsets, values };
  }
}

/** What one pass of `signOffTimes` accumulates per (borough, stage) cell = borough × stageCount + stage. */
interface SignOffAccumulators {
  stageCount: number;
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
  /** Per cell, submission → DPO review and DPO review → sign-off of the reviewed sign-offs (filled by one pass only). */
  review: { before: CellValues; after: CellValues } | null;
}

/**
 * The sign-off pass: for every row passing the filter, each borough's own sign-off time (signed by
 * asOf), its peers' times on the same stage, last-to-sign counts on contested approved stages, and
 * the censored time of each participant still to sign an open stage.
 */
function* signOffPass(t: CycleTable, sig: SignoffColumns, f: CompiledFilter, acc: SignOffAccumulators, wd: boolean, asOf: number, asOfCum: number): Steps<void> {
  const all = seesEverythingFinal(t, f, asOf);
  // The row's sign-offs up to asOf (a row has at most 255 entries): who signed, the time it took
  // in the unit (lists) or its histogram bucket (working days − lo), and whether it came last.
  const scratch: RowScratch = {
    signer: new Uint16Array(256),
    signerValue: new Float64Array(256),
    signerBucket: new Int32Array(256),
    signerLast: new Uint8Array(256),
    // Signers of the row so far, by signer index (a stamp per row instead of clearing a set).
    signedStamp: new Int32Array(sig.signers.list.length + 1).fill(-1),
  };
  yield* inChunks(t.n, (from, to) => signOffRows(t, sig, f, acc, wd, asOf, asOfCum, all, scratch, from, to));
}

/** Per-row scratch of the sign-off pass. */
interface RowScratch {
  signer: Uint16Array;
  signerValue: Float64Array;
  signerBucket: Int32Array;
  signerLast: Uint8Array;
  signedStamp: Int32Array;
}

/** The sign-off pass over rows from .. to − 1. */
function signOffRows(t: CycleTable, sig: SignoffColumns, f: CompiledFilter, acc: SignOffAccumulators, wd: boolean, asOf: number, asOfCum: number, all: boolean, scratch: RowScratch, from: number, to: number): void {
  const { stageCount, lo, width, ownHist, peerHist, ownN, peerN, last, contested, lists, pending } = acc;
  const { signer, signerValue, signerBucket, signerLast, signedStamp } = scratch;
  for (let r = from; r < to; r++) {
    const entries = sig.count[r]!;
    let st = t.outcome[r]!;
    // Nothing signed and nothing pending. Judged on the status at asOf, not the final outcome: a
    // stage open at asOf and withdrawn or rejected later still has its boroughs pending at asOf.
    if (all && entries === 0 && st !== OUTCOME_OPEN) continue;
    if (!all) {
      if (!passes(t, f, r)) continue;
      st = statusAt(t, r, asOf);
      if (st === EXCLUDED || (entries === 0 && st !== OUTCOME_OPEN)) continue;
    }
    const s = t.stage[r]!;
    const i = t.init[r]!;
    const required = sig.initSigners[i];
    // Two or more signing participants (boroughs and partner organisations).
    const isContested = st === OUTCOME_APPROVED && required !== undefined && required.length >= 2;
    let signers = 0;
    const from = sig.first[r]!;
    const approvedAt = t.approvedAt[r]!;
    for (let k = from; k < from + entries; k++) {
      const at = sig.at[k]!;
      if (at > asOf) continue;
      const b = sig.signer[k]!;
      if (b < signedStamp.length) signedStamp[b] = r;
      signer[signers] = b;
      if (ownHist) signerBucket[signers] = sig.wd[k]! - lo;
      else signerValue[signers] = wd ? sig.wd[k]! : (at - t.submittedAt[r]!) / MS_PER_DAY;
      signerLast[signers] = at === approvedAt ? 1 : 0;
      const rev = sig.reviewedAt[k]!;
      if (acc.review && rev === rev) {
        const cell = b * stageCount + s;
        if (wd) {
          const revWd = workingDayIndexAt(rev) - t.subCum[r]!;
          acc.review.before.push(cell, revWd);
          acc.review.after.push(cell, sig.wd[k]! - revWd);
        } else {
          acc.review.before.push(cell, (rev - t.submittedAt[r]!) / MS_PER_DAY);
          acc.review.after.push(cell, (at - rev) / MS_PER_DAY);
        }
      }
      signers++;
    }
    if (ownHist && peerHist) {
      // Working days: histogram buckets (value − lo) per cell.
      for (let j = 0; j < signers; j++) {
        const cell = signer[j]! * stageCount + s;
        const h0 = cell * width;
        ownN[cell]!++;
        peerN[cell]! += signers - 1;
        ownHist[h0 + signerBucket[j]!]!++;
        for (let j2 = 0; j2 < signers; j2++) if (j2 !== j) peerHist[h0 + signerBucket[j2]!]!++;
        if (isContested) {
          contested[cell]!++;
          last[cell]! += signerLast[j]!;
        }
      }
    } else {
      for (let j = 0; j < signers; j++) {
        const cell = signer[j]! * stageCount + s;
        ownN[cell]!++;
        peerN[cell]! += signers - 1;
        if (lists) {
          lists.ownValues[lists.ownAt[cell]!++] = signerValue[j]!;
          let at = lists.peerAt[cell]!;
          for (let j2 = 0; j2 < signers; j2++) if (j2 !== j) lists.peerValues[at++] = signerValue[j2]!;
          lists.peerAt[cell] = at;
        }
        if (isContested) {
          contested[cell]!++;
          last[cell]! += signerLast[j]!;
        }
      }
    }
    if (st === OUTCOME_OPEN && (ownHist || lists)) {
      const censored = censoredDuration(t, r, wd ? "WORKING_DAYS" : "CALENDAR_DAYS", asOf, asOfCum);
      if (required) for (let q = 0; q < required.length; q++) if (signedStamp[required[q]!] !== r) pending.push(required[q]! * stageCount + s, censored);
    }
  }
}

/**
 * Borough sign-off time (DESIGN.md) = the borough's APPROVED − the stage's submission, per borough
 * and stage; how often the borough was the last to sign (stages with two or more participating
 * boroughs; ties count for each), and its median against its peers' median on the same stages.
 * Participating boroughs that had not signed an open stage by asOf are censored at asOf. Ordered by
 * stage, then GSS code; with a borough filter, only those boroughs are listed.
 */
export function signOffTimes(t: CycleTable, sig: SignoffColumns, f: CompiledFilter, opts: SignOffOptions): SignOffData[] {
  return runToEnd(signOffSteps(t, sig, f, opts));
}

/** `signOffTimes` as resumable steps (slicing.ts). */
export function* signOffSteps(t: CycleTable, sig: SignoffColumns, f: CompiledFilter, opts: SignOffOptions): Steps<SignOffData[]> {
  const { asOf } = opts;
  const asOfCum = workingDayIndexAt(asOf);
  const stageCount = t.stages.length;
  const cells = sig.signers.list.length * stageCount;
  const wd = opts.unit === "WORKING_DAYS";
  // Working-day durations are small integers: own and peer times go into a histogram per
  // (borough, stage) cell instead of lists (peers are every pair of signers of a stage).
  const lo = sig.minWd;
  const width = sig.maxWd - sig.minWd + 1;
  const hist = wd && sig.used > 0 && cells * width <= MAX_HISTOGRAM_CELLS;
  let reviewed = 0;
  for (let k = 0; k < sig.used; k++) if (sig.reviewedAt[k] === sig.reviewedAt[k]) reviewed++;
  const acc: SignOffAccumulators = {
    stageCount,
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
    // At most one pair per sign-off with a review: sized once, not grown by doubling (on the large
    // set that growth left ~45 MB of garbage buffers per call).
    review: { before: new CellValues(reviewed), after: new CellValues(reviewed) },
  };
  yield* signOffPass(t, sig, f, acc, wd, asOf, asOfCum);
  // The review split needs only medians: each cell's by selection, not a sort.
  const before = acc.review!.before.grouped(cells, false);
  yield;
  const after = acc.review!.after.grouped(cells, false);
  yield;
  acc.review = null;
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
    yield* signOffPass(t, sig, f, acc, wd, asOf, asOfCum);
    for (let k = 0; k < cells; k++) {
      if (acc.ownN[k]! > 1) {
        acc.lists.ownValues.subarray(ownOffsets[k]!, ownOffsets[k + 1]!).sort();
        if (k % GROUP_CHUNK === 0) yield;
      }
    }
  }

  const pending = acc.pending.grouped(cells);
  yield;
  // With a borough filter, only those boroughs' rows are listed (partners have none).
  const only = f.boroughOk || f.organisationOk ? (g: number) => signerListed(t, f, sig.signers.list[g]!, sig.signers.isBorough[g]!) : () => true;
  const cellsOut: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    if ((acc.ownN[cell]! > 0 || pending.offsets[cell + 1]! > pending.offsets[cell]!) && only(Math.floor(cell / stageCount))) cellsOut.push(cell);
  }
  // By stage, then boroughs by GSS code, then partner organisations by slug.
  const names = sig.signers.list;
  const isB = sig.signers.isBorough;
  cellsOut.sort((x, y) => {
    const a = Math.floor(x / stageCount);
    const b = Math.floor(y / stageCount);
    return (x % stageCount) - (y % stageCount) || Number(isB[b]) - Number(isB[a]) || names[a]!.localeCompare(names[b]!);
  });
  const out: SignOffData[] = [];
  for (const cell of cellsOut) {
    const b = Math.floor(cell / stageCount);
    let ownSorted: Float64Array;
    let peerMedian: number | null;
    if (acc.ownHist && acc.peerHist) {
      ownSorted = new Float64Array(acc.ownN[cell]!);
      for (let d = 0, at = 0, h0 = cell * width; d < width; d++) {
        const c = acc.ownHist[h0 + d]!;
        if (c) ownSorted.fill(lo + d, at, (at += c));
      }
      peerMedian = percentileOfCounts(acc.peerHist, cell * width, width, lo, acc.peerN[cell]!, 50);
    } else {
      // Peers (every pair of signers) are many: their median by selection, not a sort.
      ownSorted = acc.lists!.ownValues.subarray(ownOffsets![cell]!, ownOffsets![cell + 1]!);
      peerMedian = percentileSelect(acc.lists!.peerValues, peerOffsets![cell]!, peerOffsets![cell + 1]!, 50);
    }
    const pend = pending.values.subarray(pending.offsets[cell]!, pending.offsets[cell + 1]!);
    const med = percentileSorted(ownSorted, 50);
    const km = kaplanMeierSplit(ownSorted, pend);
    const last = acc.last[cell]!;
    const contested = acc.contested[cell]!;
    out.push({
      borough: isB[b] ? names[b]! : null,
      organisation: names[b]!,
      isBorough: isB[b]!,
      stage: t.stages[cell % stageCount]!,
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
      reviewedCount: before.offsets[cell + 1]! - before.offsets[cell]!,
      reviewMedian: percentileSelect(before.values, before.offsets[cell]!, before.offsets[cell + 1]!, 50),
      afterReviewMedian: percentileSelect(after.values, after.offsets[cell]!, after.offsets[cell + 1]!, 50),
    });
    if (out.length % GROUP_CHUNK === 0) yield;
  }
  return out;
}
