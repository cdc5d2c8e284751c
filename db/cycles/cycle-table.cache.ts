import { UnknownValueError, type CycleTable } from "../../analytics/metrics/index.js";
import type { HubDb } from "../connection.js";
import { readSnapshot, type SqlConn, type SqlStatement } from "../driver/index.js";
import { buildCycleTable } from "./cycle-table.build.js";
import { applyChanges } from "./cycle-table.delta.js";
import { DATA_VERSION_SQL } from "./cycles.queries.js";
import { signoffColumns } from "./signoff-columns.js";
import { loadCycleSnapshot, saveCycleSnapshotInBackground, type SnapshotSave } from "./snapshot.store.js";

interface CacheEntry {
  table: CycleTable;
  versionStmt: SqlStatement<{ v: number }>;
}

/** One table per connection (a process may hold several databases, e.g. in tests). */
const cache = new WeakMap<SqlConn, CacheEntry>();

/** One refresh of a connection's cycle table: a full build or a delta from the change log. */
export interface CycleTableRefresh {
  conn: SqlConn;
  /** "snapshot": the stored snapshot (snapshot.store.ts) loaded and brought up to date from the change log. */
  kind: "build" | "delta" | "snapshot";
  ms: number;
  /** Why a stored snapshot was not used (a full build instead); no personal data. */
  snapshotIgnored?: string;
}

const refreshListeners = new Set<(refresh: CycleTableRefresh) => void>();

/**
 * Calls `listener` after every refresh of any connection's cycle table (the server counts them for
 * /metrics; db/ knows nothing of how). Returns the function that stops it.
 */
export function onCycleTableRefresh(listener: (refresh: CycleTableRefresh) => void): () => void {
  refreshListeners.add(listener);
  return () => refreshListeners.delete(listener);
}

/**
 * The columnar cycle table for the database's current data version: built on first use and
 * rebuilt when the version moves (any write transaction that changes events or initiatives bumps
 * it) — from the change log when it can, else in full. Reads run in one transaction, so the table
 * is a consistent snapshot. `force` rebuilds in full even when the version is unchanged
 * (reference data may be loaded without a version bump).
 */
export function getCycleTableSync(conn: SqlConn, opts: { force?: boolean } = {}): CycleTable {
  let entry = cache.get(conn);
  const versionStmt = entry?.versionStmt ?? conn.prepare<{ v: number }>(DATA_VERSION_SQL);
  const current = versionStmt.get()?.v ?? 0;
  if (entry && entry.table.version === current && !opts.force) return entry.table;
  const previous = opts.force ? undefined : entry?.table;
  const started = performance.now();
  let kind: CycleTableRefresh["kind"] = "build";
  let snapshotIgnored: string | undefined;
  const table = readSnapshot(conn, () => {
    const version = versionStmt.get()?.v ?? 0;
    if (previous) {
      const delta = applyChanges(conn, previous, version);
      if (delta) {
        kind = "delta";
        return delta;
      }
    }
    // A connection's first table: the stored snapshot (with its sign-offs) plus the change log since, if it can.
    if (!entry && !opts.force) {
      const stored = fromSnapshot(conn, version);
      if (stored.table) {
        kind = "snapshot";
        return stored.table;
      }
      snapshotIgnored = stored.ignored;
    }
    return buildCycleTable(conn, version);
  });
  entry = { table, versionStmt };
  cache.set(conn, entry);
  if (refreshListeners.size) {
    const refresh: CycleTableRefresh = { conn, kind, ms: performance.now() - started };
    if (snapshotIgnored) refresh.snapshotIgnored = snapshotIgnored;
    for (const listener of refreshListeners) listener(refresh);
  }
  return table;
}

/**
 * The stored snapshot brought to `version` with the change log (the delta a running server
 * applies), or why it was not used: none stored, ignored (format, reference data, damaged bytes),
 * newer than the database (restored from an older backup?), or a change log that cannot bring it
 * up to date (pruned, reset, too many changes). Call inside the read snapshot.
 */
function fromSnapshot(conn: SqlConn, version: number): { table?: CycleTable; ignored?: string } {
  let loaded;
  try {
    loaded = loadCycleSnapshot(conn);
  } catch (err) {
    return { ignored: `unreadable: ${(err as Error).message}` };
  }
  const t = loaded.table;
  if (!t) return { ignored: loaded.ignored };
  if (t.version === version) return { table: t };
  if (t.version > version) return { ignored: `saved at data version ${t.version}, the database is at ${version}` };
  const table = applyChanges(conn, t, version);
  return table ? { table } : { ignored: `the change log cannot bring it from version ${t.version} to ${version}` };
}

/** Forgets the connection's cached table (its next use reads it anew: the stored snapshot first, as a new process would). */
export function dropCycleTable(conn: SqlConn): void {
  cache.delete(conn);
}

/** `getCycleTableSync` for the hub's database, as the services call it. */
export async function getCycleTable(db: HubDb, opts: { force?: boolean } = {}): Promise<CycleTable> {
  return getCycleTableSync(db.sql, opts);
}

/**
 * The current table with `compile` applied to it (filters resolved against its dictionaries). A
 * filter that names a value the table does not know (UnknownValueError) may name reference data
 * loaded since the table was built, so the table is rebuilt once and compiled again; a second
 * UnknownValueError is the caller's to report.
 */
export async function getCycleTableWith<T>(db: HubDb, compile: (t: CycleTable) => T): Promise<{ table: CycleTable; compiled: T }> {
  let table = await getCycleTable(db);
  try {
    return { table, compiled: compile(table) };
  } catch (err) {
    if (!(err instanceof UnknownValueError)) throw err;
    table = await getCycleTable(db, { force: true });
    return { table, compiled: compile(table) };
  }
}

/** What `warmCycleCache` did: rows in the table and milliseconds per step. */
export interface WarmUpResult {
  version: number;
  rows: number;
  signoffs: number;
  cyclesMs: number;
  signoffsMs: number;
  /** How the table was made: a full read, or the stored snapshot plus the change log. */
  source: "build" | "snapshot";
  /** Why a stored snapshot was not used, when one was there (no personal data). */
  snapshotIgnored?: string;
  /** The snapshot written after the warm-up (saved false: the stored one was current, or why not). */
  snapshotSave?: SnapshotSave;
}

/**
 * Builds the columnar cycle table and its sign-offs for the current data version ahead of the
 * first metrics query (the server calls it after it starts listening), then stores them as the
 * database's snapshot (snapshot.store.ts) when the stored one is missing or older, so that the
 * next start loads them instead of reading them as SQL text. Three synchronous steps with a turn
 * of the event loop between them, so a request that arrives meanwhile waits for one step, not
 * all. Idempotent: a table already current is reused. `save: false` skips the snapshot.
 */
export async function warmCycleCache(db: HubDb, opts: { save?: boolean } = {}): Promise<WarmUpResult> {
  const t0 = performance.now();
  let source: WarmUpResult["source"] = "build";
  let snapshotIgnored: string | undefined;
  const stop = onCycleTableRefresh((r) => {
    if (r.conn !== db.sql) return;
    source = r.kind === "snapshot" ? "snapshot" : "build";
    snapshotIgnored = r.snapshotIgnored;
  });
  let t: CycleTable;
  try {
    t = getCycleTableSync(db.sql);
  } finally {
    stop();
  }
  const t1 = performance.now();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const table = getCycleTableSync(db.sql);
  const sig = signoffColumns(db.sql, table);
  const t2 = performance.now();
  const out: WarmUpResult = { version: t.version, rows: t.n - t.deadRows, signoffs: sig.used - sig.garbage, cyclesMs: t1 - t0, signoffsMs: t2 - t1, source };
  if (snapshotIgnored) out.snapshotIgnored = snapshotIgnored;
  if (opts.save !== false) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const current = getCycleTableSync(db.sql);
    // A failed save costs the next start its head start, nothing else: reported, not thrown.
    if (current.signoffs) out.snapshotSave = await saveCycleSnapshotInBackground(db, current).catch((err: unknown) => ({ saved: false, reason: (err as Error).message, bytes: 0, encodeMs: 0, writeMs: 0 }));
  }
  return out;
}

/**
 * Reads the sign-offs of the connection's cached table if it has none yet and is still current
 * (a table a full build made starts without them): the server calls it after a full rebuild so
 * that the next signOffTimes is warm. Returns the sign-offs read, or undefined when there was
 * nothing to do (no table, sign-offs already there, or the data moved on: the next query rebuilds).
 */
export function warmSignoffs(conn: SqlConn): number | undefined {
  const entry = cache.get(conn);
  if (!entry || entry.table.signoffs || (entry.versionStmt.get()?.v ?? 0) !== entry.table.version) return undefined;
  const sig = signoffColumns(conn, entry.table);
  return sig.used - sig.garbage;
}
