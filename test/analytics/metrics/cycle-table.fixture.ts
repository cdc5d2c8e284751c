import { allocateRows, appendParticipants, setCycleRow, type CycleTable, type SignoffColumns } from "../../../analytics/metrics/index.js";
import { londonDayNumber, workingDayIndex } from "../../../analytics/working-days.js";

/** One derived cycle of a hand-made table, with its initiative's attributes (instants as ISO strings). */
export interface CycleFixture {
  id: string;
  stage: string;
  tool: string;
  lead: string;
  boroughs: string[];
  /** Participating partner organisations (slugs, in `Dictionaries.partners`). */
  partners?: string[];
  practices?: string[];
  outcome: "OPEN" | "APPROVED" | "REJECTED" | "WITHDRAWN";
  submitted: string;
  approved?: string;
  ended?: string;
  rounds?: number;
  teamMs?: number;
}

/** The dictionaries of a table (each value's index is its position); values no row uses are allowed. */
export interface Dictionaries {
  stages: string[];
  tools: string[];
  boroughs: string[];
  practices: string[];
  partners?: string[];
}

const indexOf = (list: string[]) => new Map(list.map((v, i) => [v, i]));
const ms = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso));

/**
 * A cycle table made in memory, the way db/cycles lays one out from the database: rows in the
 * order given, an initiative's attributes from its first row.
 */
export function tableOf(rows: readonly CycleFixture[], dicts: Dictionaries): CycleTable {
  const initiativeIds = [...new Set(rows.map((r) => r.id))];
  const m = initiativeIds.length;
  const n = rows.length;
  const t: CycleTable = {
    version: 1,
    lastSeq: 0,
    madeBy: "full",
    initIndex: indexOf(initiativeIds),
    rowOf: new Int32Array(m * dicts.stages.length).fill(-1),
    maxInstant: -Infinity,
    deadRows: 0,
    buildMs: 0,
    ...dicts,
    partners: dicts.partners ?? [],
    partnerIndex: indexOf(dicts.partners ?? []),
    stageIndex: indexOf(dicts.stages),
    toolIndex: indexOf(dicts.tools),
    boroughIndex: indexOf(dicts.boroughs),
    practiceIndex: indexOf(dicts.practices),
    initiativeIds,
    initTool: new Uint16Array(m),
    initLead: new Uint16Array(m),
    partFirst: new Int32Array(m),
    partCount: new Uint8Array(m),
    partBoroughs: new Uint8Array(m),
    partIds: new Uint16Array(rows.reduce((k, r) => k + r.boroughs.length + (r.partners?.length ?? 0), 0)),
    partUsed: 0,
    partGarbage: 0,
    initPractices: new Uint32Array(m),
    n,
    ...allocateRows(n),
    maxApprovedWd: 0,
  };
  const seen = new Set<number>();
  rows.forEach((row, k) => {
    const i = t.initIndex.get(row.id)!;
    const s = t.stageIndex.get(row.stage)!;
    if (!seen.has(i)) {
      seen.add(i);
      t.initTool[i] = t.toolIndex.get(row.tool)!;
      t.initLead[i] = t.boroughIndex.get(row.lead)!;
      const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
      appendParticipants(t, i, sorted(row.boroughs.map((code) => t.boroughIndex.get(code)!)), sorted((row.partners ?? []).map((slug) => t.partnerIndex.get(slug)!)));
      for (const slug of row.practices ?? []) t.initPractices[i]! |= 1 << t.practiceIndex.get(slug)!;
    }
    setCycleRow(t, k, i, s, row.outcome, Date.parse(row.submitted), ms(row.approved), ms(row.ended), row.rounds ?? 1, row.teamMs ?? 0, null);
    t.rowOf[i * dicts.stages.length + s] = k;
  });
  return t;
}

/** Sign-off columns for a hand-made table: each borough's APPROVED instant on a cycle (ISO). */
export function signoffsOf(t: CycleTable, signoffs: readonly { id: string; stage: string; borough: string; at: string }[]): SignoffColumns {
  const byRow = Array.from({ length: t.n }, () => [] as { borough: number; at: number }[]);
  for (const s of signoffs) {
    const r = t.rowOf[t.initIndex.get(s.id)! * t.stages.length + t.stageIndex.get(s.stage)!]!;
    byRow[r]!.push({ borough: t.boroughIndex.get(s.borough)!, at: Date.parse(s.at) });
  }
  const total = signoffs.length;
  const sig: SignoffColumns = {
    first: new Int32Array(t.n),
    count: new Uint8Array(t.n),
    used: total,
    garbage: 0,
    borough: new Uint8Array(total),
    // Boroughs only: a borough's signer index is its borough index.
    signer: new Uint16Array(total),
    at: new Float64Array(total),
    reviewedAt: new Float64Array(total).fill(NaN),
    wd: new Int32Array(total),
    minWd: Infinity,
    maxWd: -Infinity,
    signers: { list: [...t.boroughs], index: new Map(t.boroughIndex), isBorough: t.boroughs.map(() => true) },
    initSigners: t.initiativeIds.map((_, i) => t.partIds.slice(t.partFirst[i]!, t.partFirst[i]! + t.partBoroughs[i]!)),
  };
  let j = 0;
  byRow.forEach((entries, r) => {
    sig.first[r] = j;
    sig.count[r] = entries.length;
    for (const e of entries) {
      sig.borough[j] = e.borough;
      sig.signer[j] = e.borough;
      sig.at[j] = e.at;
      const wd = (sig.wd[j] = workingDayIndex(londonDayNumber(e.at)) - t.subCum[r]!);
      sig.minWd = Math.min(sig.minWd, wd);
      sig.maxWd = Math.max(sig.maxWd, wd);
      j++;
    }
  });
  return sig;
}
