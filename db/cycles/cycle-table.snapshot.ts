import { crc32 } from "node:zlib";
import { ROW_COLUMNS, cycleTable, signoffColumnsOf, type CycleTable, type SignerDictionary, type SignoffColumns } from "../../analytics/metrics/index.js";
import { allocate, type Column } from "./cycle-table.columns.js";

/**
 * A cycle table and its sign-off columns as bytes, and back (db/cycles/snapshot.store.ts keeps
 * them in the database): a server that starts over a large set loads them instead of reading
 * millions of rows as SQL text, then applies the change log since. Layout: "IGCT", the format
 * version, the length of a JSON header (the scalars, the string dictionaries, each column's type
 * and length) and the header, then every typed column's used entries as raw bytes (little-endian,
 * as the machine's typed arrays), each at an 8-byte boundary. Per-initiative lists (initSigners,
 * initPeriods) are stored as lengths (−1: none) and one concatenated column. On load every column
 * is a fresh copy with the headroom `allocate` gives, so deltas append to it in place as they do to
 * a built table; the maps are rebuilt from their lists; the objects are made by `cycleTable` and
 * `signoffColumnsOf` (one hidden class).
 */

/** Bumped whenever the layout or the meaning of a stored field changes: a snapshot of another format is ignored. */
export const SNAPSHOT_FORMAT = 1;

const MAGIC = 0x54434749; // "IGCT" read as a little-endian u32

const CTORS = { i32: Int32Array, u16: Uint16Array, u32: Uint32Array, u8: Uint8Array, f64: Float64Array } as const;
type Code = keyof typeof CTORS;

function codeOf(a: Column): Code {
  if (a instanceof Int32Array) return "i32";
  if (a instanceof Uint16Array) return "u16";
  if (a instanceof Uint32Array) return "u32";
  if (a instanceof Uint8Array) return "u8";
  return "f64";
}

/** The table's typed columns besides the per-row ones, in a fixed order. */
const INIT_KEYS = ["rowOf", "initTool", "initLead", "partFirst", "partCount", "partBoroughs", "partIds", "initPractices"] as const;
const SIG_KEYS = ["first", "count", "borough", "signer", "at", "reviewedAt", "wd"] as const;

/** A number JSON can carry (±Infinity and NaN as strings). */
const num = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

interface Header {
  scalars: Record<string, number | string>;
  dicts: { stages: string[]; tools: string[]; boroughs: string[]; practices: string[]; partners: string[]; initiativeIds: string[] };
  columns: [key: string, code: Code, length: number][];
  sig: null | { scalars: Record<string, number | string>; signers: string[]; signerIsBorough: boolean[]; hasPeriods: boolean; columns: [key: string, code: Code, length: number][] };
}

/** Lists of typed arrays (undefined for none) as lengths (−1 for none) and one concatenated column. */
function packLists<A extends Uint16Array | Float64Array>(lists: readonly (A | undefined)[], m: number, ctor: new (n: number) => A): { lengths: Int32Array; values: A } {
  const lengths = new Int32Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const l = lists[i];
    lengths[i] = l ? l.length : -1;
    if (l) total += l.length;
  }
  const values = new ctor(total);
  let at = 0;
  for (let i = 0; i < m; i++) {
    const l = lists[i];
    if (!l) continue;
    values.set(l, at);
    at += l.length;
  }
  return { lengths, values };
}

function unpackLists<A extends Uint16Array | Float64Array>(lengths: Int32Array, values: A): (A | undefined)[] {
  const out: (A | undefined)[] = new Array(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (len < 0) continue;
    if (at + len > values.length) throw new Error("list lengths run past their values");
    out[i] = values.subarray(at, at + len) as A;
    at += len;
  }
  if (at !== values.length) throw new Error("list lengths do not add up to their values");
  return out;
}

/** The bytes of table `t` (with its sign-off columns if it has them). */
export function encodeCycleTable(t: CycleTable): Buffer {
  const columns: [string, Column][] = [];
  for (const key of ROW_COLUMNS) columns.push([key, t[key]]);
  for (const key of INIT_KEYS) columns.push([key, t[key]]);
  const sig = t.signoffs;
  const sigColumns: [string, Column][] = [];
  if (sig) {
    const m = t.initiativeIds.length;
    for (const key of SIG_KEYS) sigColumns.push([key, sig[key].subarray(0, key === "first" || key === "count" ? t.n : sig.used)]);
    const signers = packLists(sig.initSigners, m, Uint16Array);
    sigColumns.push(["initSigners.lengths", signers.lengths], ["initSigners.values", signers.values]);
    if (sig.initPeriods) {
      const periods = packLists(sig.initPeriods, m, Float64Array);
      sigColumns.push(["initPeriods.lengths", periods.lengths], ["initPeriods.values", periods.values]);
    }
  }
  const header: Header = {
    scalars: { version: t.version, lastSeq: t.lastSeq, maxInstant: num(t.maxInstant), deadRows: t.deadRows, partUsed: t.partUsed, partGarbage: t.partGarbage, n: t.n, maxApprovedWd: t.maxApprovedWd, madeBy: t.madeBy },
    dicts: { stages: t.stages, tools: t.tools, boroughs: t.boroughs, practices: t.practices, partners: t.partners, initiativeIds: t.initiativeIds },
    columns: columns.map(([key, a]) => [key, codeOf(a), a.length]),
    sig: sig
      ? {
          scalars: { used: sig.used, garbage: sig.garbage, minWd: num(sig.minWd), maxWd: num(sig.maxWd) },
          signers: sig.signers.list,
          signerIsBorough: sig.signers.isBorough,
          hasPeriods: sig.initPeriods !== undefined,
          columns: sigColumns.map(([key, a]) => [key, codeOf(a), a.length]),
        }
      : null,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const align = (x: number) => (x + 7) & ~7;
  let size = align(12 + json.length);
  for (const [, a] of [...columns, ...sigColumns]) size += align(a.byteLength);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(SNAPSHOT_FORMAT, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  let at = align(12 + json.length);
  for (const [, a] of [...columns, ...sigColumns]) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += align(a.byteLength);
  }
  return out;
}

/** The checksum stored beside the bytes (CRC-32). */
export function checksumOf(bytes: Uint8Array): number {
  return crc32(bytes);
}

/** Reads the columns listed in a header from `bytes` from `at` on, each a fresh copy with headroom. */
function readColumns(bytes: Uint8Array, at: number, list: [string, Code, number][]): { columns: Map<string, Column>; at: number } {
  const columns = new Map<string, Column>();
  for (const [key, code, length] of list) {
    const ctor = CTORS[code];
    if (!ctor || !Number.isInteger(length) || length < 0) throw new Error(`column ${key}: unknown type or length`);
    const byteLength = length * ctor.BYTES_PER_ELEMENT;
    if (at + byteLength > bytes.length) throw new Error(`column ${key}: runs past the end of the snapshot`);
    const column = allocate(ctor as new (n: number) => Column, length);
    new Uint8Array(column.buffer, column.byteOffset, byteLength).set(bytes.subarray(at, at + byteLength));
    columns.set(key, column);
    at += (byteLength + 7) & ~7;
  }
  return { columns, at };
}

const indexOf = (list: string[]) => new Map(list.map((v, i) => [v, i] as [string, number]));

/** Throws unless `ok`, naming what is off (the caller reports it and builds in full). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`inconsistent snapshot: ${what}`);
}

/**
 * The table encoded in `bytes` (as encodeCycleTable wrote it), or an Error saying what is off (a
 * foreign or truncated buffer, another format, lengths that do not fit the table). The caller
 * checks the stored checksum first.
 */
export function decodeCycleTable(bytes: Uint8Array): CycleTable {
  check(bytes.length >= 12, "shorter than its header");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  check(view.getUint32(0, true) === MAGIC, "not a cycle-table snapshot");
  check(view.getUint32(4, true) === SNAPSHOT_FORMAT, `format ${view.getUint32(4, true)}, expected ${SNAPSHOT_FORMAT}`);
  const jsonLength = view.getUint32(8, true);
  check(12 + jsonLength <= bytes.length, "header runs past the end");
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 12, jsonLength).toString("utf8")) as Header;
  const { columns, at } = readColumns(bytes, (12 + jsonLength + 7) & ~7, header.columns);
  const s = header.scalars;
  const d = header.dicts;
  const n = Number(s.n);
  const m = d.initiativeIds.length;
  const col = <A extends Column>(key: string, length: number): A => {
    const c = columns.get(key);
    check(c !== undefined && c.length === length, `column ${key}`);
    return c as A;
  };
  const rows = Object.fromEntries(ROW_COLUMNS.map((key) => [key, col(key, n)]));
  const partUsed = Number(s.partUsed);
  const partIds = columns.get("partIds");
  check(partIds !== undefined && partIds.length >= partUsed, "column partIds");
  const table = cycleTable({
    version: Number(s.version),
    lastSeq: Number(s.lastSeq),
    madeBy: s.madeBy === "delta" ? "delta" : "full",
    initIndex: indexOf(d.initiativeIds),
    rowOf: col("rowOf", m * d.stages.length),
    maxInstant: Number(s.maxInstant),
    deadRows: Number(s.deadRows),
    buildMs: 0,
    stages: d.stages,
    tools: d.tools,
    boroughs: d.boroughs,
    practices: d.practices,
    stageIndex: indexOf(d.stages),
    toolIndex: indexOf(d.tools),
    boroughIndex: indexOf(d.boroughs),
    practiceIndex: indexOf(d.practices),
    initiativeIds: d.initiativeIds,
    initTool: col("initTool", m),
    initLead: col("initLead", m),
    partners: d.partners,
    partnerIndex: indexOf(d.partners),
    partFirst: col("partFirst", m),
    partCount: col("partCount", m),
    partBoroughs: col("partBoroughs", m),
    partIds: partIds as Uint16Array,
    partUsed,
    partGarbage: Number(s.partGarbage),
    initPractices: col("initPractices", m),
    n,
    maxApprovedWd: Number(s.maxApprovedWd),
    approvedByWorkingDays: undefined,
    signoffs: undefined,
    ...(rows as unknown as Pick<CycleTable, (typeof ROW_COLUMNS)[number]>),
  });
  check(table.initIndex.size === m && table.stageIndex.size === d.stages.length, "duplicate dictionary entries");
  if (header.sig) table.signoffs = decodeSignoffs(bytes, at, header.sig, n, m);
  return table;
}

function decodeSignoffs(bytes: Uint8Array, at: number, h: NonNullable<Header["sig"]>, n: number, m: number): SignoffColumns {
  const { columns, at: end } = readColumns(bytes, at, h.columns);
  check(end === bytes.length, "bytes after the last column");
  const used = Number(h.scalars.used);
  const col = <A extends Column>(key: string, length: number): A => {
    const c = columns.get(key);
    check(c !== undefined && c.length === length, `column ${key}`);
    return c as A;
  };
  check(h.signers.length === h.signerIsBorough.length, "signer flags");
  const signers: SignerDictionary = { list: h.signers, index: indexOf(h.signers), isBorough: h.signerIsBorough };
  const signerLengths = col<Int32Array>("initSigners.lengths", m);
  const signerValues = columns.get("initSigners.values") as Uint16Array;
  const initSigners = unpackLists(signerLengths, signerValues);
  const initPeriods = h.hasPeriods ? unpackLists(col<Int32Array>("initPeriods.lengths", m), columns.get("initPeriods.values") as Float64Array) : undefined;
  return signoffColumnsOf({
    first: col("first", n),
    count: col("count", n),
    used,
    garbage: Number(h.scalars.garbage),
    borough: col("borough", used),
    signer: col("signer", used),
    at: col("at", used),
    reviewedAt: col("reviewedAt", used),
    wd: col("wd", used),
    minWd: Number(h.scalars.minWd),
    maxWd: Number(h.scalars.maxWd),
    signers,
    initSigners,
    initPeriods,
  });
}
