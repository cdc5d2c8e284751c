import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { CycleTable } from "../../analytics/metrics/index.js";
import { workingDayIndex } from "../../analytics/working-days.js";
import { beginWrite, commit, dialectOf, rollback, type SqlConn } from "../driver/index.js";
import { SNAPSHOT_FORMAT, checksumOf, decodeCycleTable, encodeCycleTable } from "./cycle-table.snapshot.js";
import { AUTHORITIES_SQL, CHANGE_BOUNDS_SQL, PARTNERS_SQL, PRACTICES_SQL, STAGES_SQL, TOOLS_SQL } from "./cycles.queries.js";

/**
 * The cycle table's snapshot in the database (table analytics_snapshots, migrations sqlite 0010,
 * postgres 0007): one snapshot per kind, its bytes in chunks, each row with the same header (the
 * format, the data version and change-log position it reflects, a fingerprint of the reference
 * data and the schema level (migrations applied) it was built with, the total size and a CRC-32). Writing it touches nothing else: no data
 * version bump, no change-log entry, no event.
 */

export const CYCLE_TABLE_KIND = "cycle-table";

/**
 * Bytes per chunk row: SQLite keeps the whole snapshot in one row (a blob up to its 1 GB limit, read
 * without a second copy); PostgreSQL sends bytea as hex text, so smaller rows keep each message
 * small, and serve's warm-up writes one row per turn of the event loop (saveInTurns).
 */
export const CHUNK_BYTES = { sqlite: 512 * 2 ** 20, postgres: 2 ** 20 } as const;

/** Staged rows (saveInTurns) older than this are a crashed saver's: removed by the next save. */
const STAGED_TTL_MS = 60 * 60 * 1000;

/** The reference data the build reads as dictionaries, which may change without a data-version bump. */
function referenceLists(conn: SqlConn): string[][] {
  return [STAGES_SQL, TOOLS_SQL, AUTHORITIES_SQL, PRACTICES_SQL, PARTNERS_SQL].map((sql) => conn.prepare(sql).pluck().all() as string[]);
}

/**
 * The working-day columns depend on the bank holidays, which come from the `date-holidays` library:
 * its version stands for them (reading the holidays of every year would cost more than the load).
 */
let holidaySource: string | undefined;
function holidaysVersion(): string {
  holidaySource ??= `date-holidays@${(createRequire(import.meta.url)("date-holidays/package.json") as { version: string }).version}`;
  return holidaySource;
}

/**
 * How many migrations the database has applied: a migration may change what the build reads (a
 * column's meaning, derived rows) without a data-version bump, so a snapshot saved at another
 * schema level is not used.
 */
function schemaLevel(conn: SqlConn): number {
  // The connection's own schema's table on PostgreSQL (db/driver/pg.conn.ts migrate), the file's on SQLite.
  return Number(conn.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get());
}

function fingerprintOf(conn: SqlConn, lists: string[][]): string {
  return createHash("sha256").update(JSON.stringify([holidaysVersion(), schemaLevel(conn), lists])).digest("hex").slice(0, 32);
}

/** The fingerprint of the reference data (and the schema level) the database holds now. */
export function referenceFingerprint(conn: SqlConn): string {
  return fingerprintOf(conn, referenceLists(conn));
}

/** Whether each dictionary of `t` starts with the reference list a full build would start it with (else the table predates a reference load). */
function matchesReference(t: CycleTable, lists: string[][]): boolean {
  const dicts = [t.stages, t.tools, t.boroughs, t.practices, t.partners];
  return lists.every((list, d) => list.every((v, i) => dicts[d]![i] === v));
}

interface StoredHeader {
  format: number;
  version: number;
  lastSeq: number;
  fingerprint: string;
  chunks: number;
  size: number;
  checksum: number;
}

const HEADER_SQL =
  'SELECT format, data_version AS "version", last_seq AS "lastSeq", fingerprint, chunks, size, checksum FROM analytics_snapshots WHERE kind = ? AND chunk = 0';

function storedHeader(conn: SqlConn, kind: string): StoredHeader | undefined {
  const row = conn.prepare(HEADER_SQL).get(kind) as StoredHeader | undefined;
  return row && { ...row, version: Number(row.version), lastSeq: Number(row.lastSeq), size: Number(row.size), checksum: Number(row.checksum) };
}

/** What loadCycleSnapshot found: a table, nothing stored, or a snapshot it ignored and why (no personal data in the reason). */
export type SnapshotLoad = { table: CycleTable } | { table?: undefined; ignored?: string };

/**
 * The stored cycle table (with its sign-offs) if there is one of this format, built with the
 * reference data the database holds now, and intact (sizes, CRC-32, layout); else why not. Call
 * inside a read snapshot; the caller brings the table up to date with the change log.
 */
export function loadCycleSnapshot(conn: SqlConn): SnapshotLoad {
  const h = storedHeader(conn, CYCLE_TABLE_KIND);
  if (!h) return {};
  if (h.format !== SNAPSHOT_FORMAT) return { ignored: `format ${h.format}, expected ${SNAPSHOT_FORMAT}` };
  if (h.fingerprint !== referenceFingerprint(conn)) return { ignored: "reference data or the schema changed since it was saved" };
  if (!(h.size > 0) || !(h.chunks > 0)) return { ignored: "empty" };
  const chunk = conn.prepare("SELECT data_version, checksum, bytes FROM analytics_snapshots WHERE kind = ? AND chunk = ?").raw();
  // One chunk (SQLite) is used as read; several are put together into one buffer.
  let bytes: Uint8Array | undefined;
  let at = 0;
  for (let c = 0; c < h.chunks; c++) {
    const row = chunk.get(CYCLE_TABLE_KIND, c) as [number, number, Uint8Array] | undefined;
    if (!row) return { ignored: `chunk ${c} of ${h.chunks} missing` };
    if (Number(row[0]) !== h.version || Number(row[1]) !== h.checksum) return { ignored: `chunk ${c} belongs to another snapshot` };
    const part = row[2];
    if (at + part.length > h.size) return { ignored: "longer than its recorded size" };
    if (h.chunks === 1) bytes = part;
    else (bytes ??= Buffer.allocUnsafe(h.size)).set(part, at);
    at += part.length;
  }
  if (at !== h.size) return { ignored: `${at} bytes, expected ${h.size}` };
  if (!bytes || checksumOf(bytes) !== h.checksum) return { ignored: "checksum mismatch" };
  let table: CycleTable;
  try {
    table = decodeCycleTable(bytes);
  } catch (err) {
    return { ignored: (err as Error).message };
  }
  if (table.version !== h.version || table.lastSeq !== h.lastSeq || !table.signoffs) return { ignored: "header and contents disagree" };
  alignWorkingDays(table);
  return { table };
}

/**
 * Working-day indexes (subCum, apprCum) count from the start of the process's working-day index,
 * which depends on the first date the process asked about (analytics/working-days.ts): only
 * differences mean anything. A loaded table's indexes are moved by the difference between the
 * saving process's start and this one's (read off row 0, whose day and index were stored
 * together), so that they line up with what this process computes for the deltas and as-of instants.
 */
function alignWorkingDays(t: CycleTable): void {
  if (t.n === 0) return;
  const offset = workingDayIndex(t.subDay[0]!) - t.subCum[0]!;
  if (offset === 0) return;
  for (let r = 0; r < t.n; r++) {
    t.subCum[r]! += offset;
    if (!Number.isNaN(t.approvedAt[r]!)) t.apprCum[r]! += offset;
  }
}

/**
 * Changed initiatives since the stored snapshot above which serve's warm-up saves a new one: below,
 * the next start's delta from the stored one is cheap (a few ms per hundred initiatives), and
 * rewriting some 75 MB after every handful of writes would cost more than it saves.
 */
export const SAVE_AFTER_CHANGES = 500;

/**
 * Whether a snapshot of `t` should be written: none stored, another format or fingerprint, or an
 * older version that `minChanges` or more changed initiatives separate from `t` (or a change log
 * that no longer reaches back to it: the next start could not bring it up to date).
 */
function stale(conn: SqlConn, h: StoredHeader | undefined, t: CycleTable, fingerprint: string, minChanges: number): boolean {
  if (!h || h.format !== SNAPSHOT_FORMAT || h.fingerprint !== fingerprint) return true;
  if (h.version >= t.version) return false;
  if (minChanges <= 1) return true;
  const { lo, hi } = conn.prepare(CHANGE_BOUNDS_SQL).get() as { lo: number | null; hi: number | null };
  if (hi === null || hi < h.lastSeq || (hi > h.lastSeq && (lo === null || lo > h.lastSeq + 1))) return true;
  const changed = Number(conn.prepare("SELECT COUNT(DISTINCT initiative_id) FROM analytics_changes WHERE seq > ?").pluck().get(h.lastSeq));
  return changed >= minChanges;
}

/** What saveCycleSnapshot did. */
export interface SnapshotSave {
  saved: boolean;
  /** Why not, when not saved. */
  reason?: string;
  bytes: number;
  encodeMs: number;
  writeMs: number;
}

/** A snapshot encoded and ready to write, or why it need not be. */
type Prepared = { none: SnapshotSave } | { none?: undefined; bytes: Buffer; checksum: number; fingerprint: string; encodeMs: number };

function prepareSave(conn: SqlConn, t: CycleTable, minChanges: number): Prepared {
  const none = (reason: string) => ({ none: { saved: false, reason, bytes: 0, encodeMs: 0, writeMs: 0 } });
  if (!t.signoffs) return none("no sign-off columns");
  const lists = referenceLists(conn);
  if (!matchesReference(t, lists)) return none("the table predates the reference data");
  const fingerprint = fingerprintOf(conn, lists);
  const h = storedHeader(conn, CYCLE_TABLE_KIND);
  if (!stale(conn, h, t, fingerprint, minChanges)) return none(h!.version >= t.version ? "up to date" : `fewer than ${minChanges} initiatives changed since the stored snapshot`);
  const t0 = performance.now();
  const bytes = encodeCycleTable(t);
  const checksum = checksumOf(bytes);
  return { bytes, checksum, fingerprint, encodeMs: performance.now() - t0 };
}

/**
 * Stores `t` (which must carry its sign-offs) as the cycle-table snapshot when the stored one is
 * missing, of another format or reference data, or older. One write transaction (SQLite BEGIN
 * IMMEDIATE, PostgreSQL the write lock) that re-checks the stored version first, so of two
 * processes saving at once the newer snapshot stays. A table older than the stored snapshot, or
 * built before a reference-data load, is not saved. `chunkBytes`: bytes per row (tests).
 * (serve's warm-up saves through saveCycleSnapshotInBackground, which waits for SAVE_AFTER_CHANGES.)
 */
export function saveCycleSnapshot(conn: SqlConn, t: CycleTable, opts: { chunkBytes?: number } = {}): SnapshotSave {
  const p = prepareSave(conn, t, 1);
  return p.none ? p.none : writeNow(conn, t, p, opts.chunkBytes);
}

/** Writes a prepared snapshot in one write transaction on `conn`, unless a newer one was saved meanwhile. */
function writeNow(conn: SqlConn, t: CycleTable, p: Exclude<Prepared, { none: SnapshotSave }>, chunkBytes?: number): SnapshotSave {
  const { bytes, checksum, fingerprint } = p;
  const t1 = performance.now();
  beginWrite(conn);
  try {
    if (!stale(conn, storedHeader(conn, CYCLE_TABLE_KIND), t, fingerprint, 1)) {
      rollback(conn);
      return { saved: false, reason: "a newer snapshot was saved meanwhile", bytes: 0, encodeMs: p.encodeMs, writeMs: 0 };
    }
    conn.prepare("DELETE FROM analytics_snapshots WHERE kind = ?").run(CYCLE_TABLE_KIND);
    const insert = conn.prepare(
      "INSERT INTO analytics_snapshots (kind, chunk, format, data_version, last_seq, fingerprint, chunks, size, checksum, at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const size = chunkBytes ?? CHUNK_BYTES[dialectOf(conn)];
    const chunks = Math.max(1, Math.ceil(bytes.length / size));
    const now = Date.now();
    for (let c = 0; c < chunks; c++) {
      insert.run(CYCLE_TABLE_KIND, c, SNAPSHOT_FORMAT, t.version, t.lastSeq, fingerprint, chunks, bytes.length, checksum, now, bytes.subarray(c * size, (c + 1) * size));
    }
    commit(conn);
  } catch (err) {
    rollback(conn);
    throw err;
  }
  return { saved: true, bytes: bytes.length, encodeMs: p.encodeMs, writeMs: performance.now() - t1 };
}

/**
 * saveCycleSnapshot with the write off the main thread where it can be: for a SQLite file, the
 * encoding is done here (about 100 ms on the large set) and the write and sync (about half a second)
 * by a worker thread on a connection of its own (snapshot.worker.mjs: the same checks and SQL), so
 * requests are not held up meanwhile. PostgreSQL's driver blocks the caller on its own worker, so
 * there the chunk rows are written one per turn of the event loop (saveInTurns); an in-memory
 * SQLite database has no file to share: it saves synchronously. Saves only when the
 * stored snapshot is missing or at least `minChanges` changed initiatives old (SAVE_AFTER_CHANGES).
 */
export async function saveCycleSnapshotInBackground(db: { sql: SqlConn; dialect: string; path: string }, t: CycleTable, opts: { minChanges?: number } = {}): Promise<SnapshotSave> {
  const minChanges = opts.minChanges ?? SAVE_AFTER_CHANGES;
  const p = prepareSave(db.sql, t, minChanges);
  if (p.none) return p.none;
  if (db.dialect === "postgres") return saveInTurns(db.sql, t, p);
  if (db.path === ":memory:" || db.path === "") return writeNow(db.sql, t, p);
  const t1 = performance.now();
  const { Worker } = await import("node:worker_threads");
  const bytes = new Uint8Array(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
  const size = bytes.byteLength; // the buffer is handed over to the worker (detached here)
  const worker = new Worker(new URL("./snapshot.worker.mjs", import.meta.url), {
    workerData: { path: db.path, kind: CYCLE_TABLE_KIND, format: SNAPSHOT_FORMAT, version: t.version, lastSeq: t.lastSeq, fingerprint: p.fingerprint, checksum: p.checksum, chunkBytes: CHUNK_BYTES.sqlite, bytes },
    transferList: [bytes.buffer as ArrayBuffer],
  });
  const answer = await new Promise<{ saved?: boolean; error?: string }>((resolve) => {
    worker.once("message", resolve);
    worker.once("error", (err) => resolve({ error: err.message }));
    worker.once("exit", (code) => resolve({ error: `the snapshot writer stopped (exit code ${code})` }));
  });
  if (answer.error !== undefined) throw new Error(`saving the cycle-table snapshot failed: ${answer.error}`);
  const writeMs = performance.now() - t1;
  return answer.saved ? { saved: true, bytes: size, encodeMs: p.encodeMs, writeMs } : { saved: false, reason: "a newer snapshot was saved meanwhile", bytes: 0, encodeMs: p.encodeMs, writeMs };
}

/**
 * PostgreSQL: the chunk rows written one per turn of the event loop (each its own statement, 1 MB,
 * sent as 2 MB of hex text through the driver's worker, which the caller waits for), under a
 * staging kind no reader looks at, then made the snapshot in one short write transaction that
 * re-checks the stored version (the newer snapshot stays) and renames them. A saver that dies
 * midway leaves staged rows only, removed by a later save once an hour old.
 */
async function saveInTurns(conn: SqlConn, t: CycleTable, p: Exclude<Prepared, { none: SnapshotSave }>): Promise<SnapshotSave> {
  const t1 = performance.now();
  const { bytes, checksum, fingerprint } = p;
  const now = Date.now();
  const staged = `${CYCLE_TABLE_KIND}.staged.${process.pid}.${now}.${Math.random().toString(36).slice(2, 8)}`;
  conn.prepare("DELETE FROM analytics_snapshots WHERE kind LIKE ? AND at < ?").run(`${CYCLE_TABLE_KIND}.staged.%`, now - STAGED_TTL_MS);
  const insert = conn.prepare(
    "INSERT INTO analytics_snapshots (kind, chunk, format, data_version, last_seq, fingerprint, chunks, size, checksum, at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const size = CHUNK_BYTES.postgres;
  const chunks = Math.max(1, Math.ceil(bytes.length / size));
  try {
    for (let c = 0; c < chunks; c++) {
      insert.run(staged, c, SNAPSHOT_FORMAT, t.version, t.lastSeq, fingerprint, chunks, bytes.length, checksum, now, bytes.subarray(c * size, (c + 1) * size));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    beginWrite(conn);
    try {
      const saved = stale(conn, storedHeader(conn, CYCLE_TABLE_KIND), t, fingerprint, 1);
      if (saved) {
        conn.prepare("DELETE FROM analytics_snapshots WHERE kind = ?").run(CYCLE_TABLE_KIND);
        conn.prepare("UPDATE analytics_snapshots SET kind = ? WHERE kind = ?").run(CYCLE_TABLE_KIND, staged);
      }
      commit(conn);
      const writeMs = performance.now() - t1;
      return saved ? { saved: true, bytes: bytes.length, encodeMs: p.encodeMs, writeMs } : { saved: false, reason: "a newer snapshot was saved meanwhile", bytes: 0, encodeMs: p.encodeMs, writeMs };
    } catch (err) {
      rollback(conn);
      throw err;
    }
  } finally {
    conn.prepare("DELETE FROM analytics_snapshots WHERE kind = ?").run(staged);
  }
}
