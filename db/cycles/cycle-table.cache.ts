import { UnknownValueError, type CycleTable } from "../../analytics/metrics/index.js";
import type { HubDb } from "../connection.js";
import { readSnapshot, type SqlConn, type SqlStatement } from "../driver/index.js";
import { buildCycleTable } from "./cycle-table.build.js";
import { applyChanges } from "./cycle-table.delta.js";
import { DATA_VERSION_SQL } from "./cycles.queries.js";
import { signoffColumns } from "./signoff-columns.js";

interface CacheEntry {
  table: CycleTable;
  versionStmt: SqlStatement<{ v: number }>;
}

/** One table per connection (a process may hold several databases, e.g. in tests). */
const cache = new WeakMap<SqlConn, CacheEntry>();

/** One refresh of a connection's cycle table: a full build or a delta from the change log. */
export interface CycleTableRefresh {
  conn: SqlConn;
  kind: "build" | "delta";
  ms: number;
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
  const table = readSnapshot(conn, () => {
    const version = versionStmt.get()?.v ?? 0;
    if (previous) {
      const delta = applyChanges(conn, previous, version);
      if (delta) {
        kind = "delta";
        return delta;
      }
    }
    return buildCycleTable(conn, version);
  });
  entry = { table, versionStmt };
  cache.set(conn, entry);
  if (refreshListeners.size) {
    const refresh = { conn, kind, ms: performance.now() - started };
    for (const listener of refreshListeners) listener(refresh);
  }
  return table;
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
}

/**
 * Builds the columnar cycle table and its sign-offs for the current data version ahead of the
 * first metrics query (the server calls it after it starts listening). Two synchronous steps with
 * a turn of the event loop between them, so a request that arrives meanwhile waits for one step,
 * not both. Idempotent: a table already current is reused.
 */
export async function warmCycleCache(db: HubDb): Promise<WarmUpResult> {
  const t0 = performance.now();
  const t = getCycleTableSync(db.sql);
  const t1 = performance.now();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const sig = signoffColumns(db.sql, getCycleTableSync(db.sql));
  const t2 = performance.now();
  return { version: t.version, rows: t.n - t.deadRows, signoffs: sig.used - sig.garbage, cyclesMs: t1 - t0, signoffsMs: t2 - t1 };
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
