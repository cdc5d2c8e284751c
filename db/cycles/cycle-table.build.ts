import { MAX_PARTICIPANTS, allocateRows, cycleTable, setCycleRow, ROW_COLUMNS, type CycleTable } from "../../analytics/metrics/index.js";
import { dialectOf, type SqlConn } from "../driver/index.js";
import { allocate, capacityFor, viewOf } from "./cycle-table.columns.js";
import { AUTHORITIES_SQL, CHANGE_BOUNDS_SQL, COLUMN_WISE, PARTNERS_SQL, PRACTICES_SQL, STAGES_SQL, TOOLS_SQL, type ColumnWiseReads } from "./cycles.queries.js";

/** A list of distinct values and each one's index in it (the table's dictionary of a column). */
export interface Dictionary {
  list: string[];
  index: Map<string, number>;
}

export function dictionary(values: Iterable<string>): Dictionary {
  const list: string[] = [];
  const index = new Map<string, number>();
  for (const v of values) if (!index.has(v)) index.set(v, list.push(v) - 1);
  return { list, index };
}

/** The index of v in the dictionary, added at the end when new. */
export function intern(d: Dictionary, v: string): number {
  let i = d.index.get(v);
  if (i === undefined) d.index.set(v, (i = d.list.push(v) - 1));
  return i;
}

/** Runs one of the column-wise reads (cycles.queries.ts) in the connection's dialect and parses each column (an INTEGER_LIST one as a Float64Array). */
export function jsonColumns(conn: SqlConn, read: keyof ColumnWiseReads): ArrayLike<unknown>[] {
  const row = conn.prepare(COLUMN_WISE[dialectOf(conn)][read]).raw().get() as string[];
  return row.map((col) => (col.length === 0 || col.charCodeAt(0) !== 91 /* [ */ ? parseIntegerList(col) : (JSON.parse(col) as unknown[])));
}

/** Decimal integers separated by commas ('' for none), as an INTEGER_LIST column is read; throws on anything else. */
export function parseIntegerList(text: string): Float64Array {
  if (text.length === 0) return new Float64Array(0);
  let n = 1;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) n++;
  const out = new Float64Array(n);
  let k = 0;
  let v = 0;
  let sign = 1;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
    } else if (c === 44 && digits > 0) {
      out[k++] = sign * v;
      v = 0;
      sign = 1;
      digits = 0;
    } else if (c === 45 && digits === 0 && sign === 1) sign = -1;
    else throw new Error(`not a list of integers: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))} at character ${i}`);
  }
  return out;
}

/** Bounds of the change log: the entries a table has applied are those up to its lastSeq. */
export function changeBounds(conn: SqlConn): { lo: number | null; hi: number | null } {
  return conn.prepare(CHANGE_BOUNDS_SQL).get() as { lo: number | null; hi: number | null };
}

/** Sorts a[from .. to − 1] ascending in place (insertion sort: a list holds a few entries). */
function sortRange(a: Uint16Array, from: number, to: number): void {
  for (let j = from + 1; j < to; j++) {
    const v = a[j]!;
    let k = j - 1;
    while (k >= from && a[k]! > v) {
      a[k + 1] = a[k]!;
      k--;
    }
    a[k + 1] = v;
  }
}

/** Each initiative's participants as lists (CycleTable's partFirst .. partGarbage), boroughs then partners, each part ascending. */
export function participantLists(
  initIndex: Map<string, number>,
  m: number,
  bIds: string[],
  bCodes: string[],
  boroughs: Dictionary,
  pIds: string[],
  pSlugs: string[],
  partners: Dictionary,
): Pick<CycleTable, "partFirst" | "partCount" | "partBoroughs" | "partIds" | "partUsed" | "partGarbage"> {
  const partCount = allocate(Uint8Array, m);
  const partBoroughs = allocate(Uint8Array, m);
  const bInit = new Int32Array(bIds.length);
  const pInit = new Int32Array(pIds.length);
  const count = new Int32Array(m);
  const countOf = (ids: string[], out: Int32Array, isBorough: boolean) => {
    for (let j = 0; j < ids.length; j++) {
      const i = initIndex.get(ids[j]!) ?? -1;
      out[j] = i;
      if (i < 0) continue;
      count[i]!++;
      if (isBorough) partBoroughs[i]!++;
    }
  };
  countOf(bIds, bInit, true);
  countOf(pIds, pInit, false);
  const partFirst = allocate(Int32Array, m);
  let used = 0;
  for (let i = 0; i < m; i++) {
    const c = count[i]!;
    if (c > MAX_PARTICIPANTS) throw new RangeError(`initiative ${[...initIndex].find(([, x]) => x === i)?.[0]} has ${c} participants; the cycle table holds at most ${MAX_PARTICIPANTS} per initiative`);
    partFirst[i] = used;
    partCount[i] = c;
    used += c;
  }
  const partIds = allocate(Uint16Array, used);
  const fillB = new Int32Array(m);
  const fillP = new Int32Array(m);
  for (let j = 0; j < bIds.length; j++) {
    const i = bInit[j]!;
    if (i >= 0) partIds[partFirst[i]! + fillB[i]!++] = intern(boroughs, bCodes[j]!);
  }
  for (let j = 0; j < pIds.length; j++) {
    const i = pInit[j]!;
    if (i >= 0) partIds[partFirst[i]! + partBoroughs[i]! + fillP[i]!++] = intern(partners, pSlugs[j]!);
  }
  // Each part ascending (the database's row order is not the same on SQLite and PostgreSQL).
  for (let i = 0; i < m; i++) {
    if (count[i]! < 2) continue;
    const f = partFirst[i]!;
    sortRange(partIds, f, f + partBoroughs[i]!);
    sortRange(partIds, f + partBoroughs[i]!, f + count[i]!);
  }
  return { partFirst, partCount, partBoroughs, partIds, partUsed: used, partGarbage: 0 };
}

/**
 * The cycle table of data version `version`, read in full: the dictionaries, the initiatives'
 * attributes and every derived cycle (one column-wise read each). Call inside a read snapshot.
 */
export function buildCycleTable(conn: SqlConn, version: number): CycleTable {
  const t0 = performance.now();
  const pluck = (sql: string) => conn.prepare(sql).pluck().all() as string[];
  const stages = dictionary(pluck(STAGES_SQL));
  const tools = dictionary(pluck(TOOLS_SQL));
  const boroughs = dictionary(pluck(AUTHORITIES_SQL));
  const practices = dictionary(pluck(PRACTICES_SQL));
  const partners = dictionary(pluck(PARTNERS_SQL));

  const [initIds, initTools, initLeads] = jsonColumns(conn, "initiatives") as [string[], string[], string[]];
  const m = initIds.length;
  const initIndex = new Map<string, number>();
  const initiativeIds: string[] = initIds;
  // Every column has headroom (cycle-table.columns.ts): a delta appends and updates in place.
  const initTool = allocate(Uint16Array, m);
  const initLead = allocate(Uint16Array, m);
  for (let i = 0; i < m; i++) {
    initIndex.set(initIds[i]!, i);
    initTool[i] = intern(tools, initTools[i]!);
    initLead[i] = intern(boroughs, initLeads[i]!);
  }
  const [bIds, bCodes] = jsonColumns(conn, "initiativeBoroughs") as [string[], string[]];
  const [pIds, pSlugs] = jsonColumns(conn, "initiativePartners") as [string[], string[]];
  const participants = participantLists(initIndex, m, bIds, bCodes, boroughs, pIds, pSlugs, partners);
  const initPractices = allocate(Uint32Array, m);
  const [prIds, prSlugs] = jsonColumns(conn, "initiativePractices") as [string[], string[]];
  for (let j = 0; j < prIds.length; j++) {
    const i = initIndex.get(prIds[j]!);
    const p = intern(practices, prSlugs[j]!);
    if (i !== undefined && p < 32) initPractices[i]! |= 1 << p;
  }
  if (boroughs.list.length > 255) throw new Error("metrics support at most 255 authorities");
  if (practices.list.length > 32) throw new Error("metrics support at most 32 practices");

  const [cIds, cStages, cOutcomes, cSub, cAppr, cEnded, cRounds, cTeam, cOpenQ] = jsonColumns(conn, "stageCycles") as [
    string[], string[], string[], number[], (number | null)[], (number | null)[], number[], number[], (number | null)[],
  ];
  const n = cIds.length;
  const bounds = changeBounds(conn);
  const rows = allocateRows(capacityFor(n));
  for (const key of ROW_COLUMNS) (rows as unknown as Record<string, Int32Array>)[key] = viewOf(rows[key] as Int32Array, n);
  const t: CycleTable = cycleTable({
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
    partners: partners.list,
    partnerIndex: partners.index,
    ...participants,
    initPractices,
    n,
    ...rows,
    maxApprovedWd: 0,
    approvedByWorkingDays: undefined,
    signoffs: undefined,
  });
  let k = 0;
  for (let r = 0; r < n; r++) {
    const i = initIndex.get(cIds[r]!);
    if (i === undefined) continue; // a cycle without its initiative cannot be filtered or grouped
    setCycleRow(t, k, i, intern(stages, cStages[r]!), cOutcomes[r]!, cSub[r]!, cAppr[r]!, cEnded[r]!, cRounds[r]!, cTeam[r]!, cOpenQ[r]!);
    k++;
  }
  if (k < n) {
    for (const key of ROW_COLUMNS) (t as unknown as Record<string, Int32Array>)[key] = (t[key] as Int32Array).subarray(0, k);
    t.n = k;
  }
  const stageCount = stages.list.length;
  t.rowOf = allocate(Int32Array, m * stageCount).fill(-1);
  for (let r = 0; r < t.n; r++) t.rowOf[t.init[r]! * stageCount + t.stage[r]!] = r;
  t.buildMs = performance.now() - t0;
  return t;
}
