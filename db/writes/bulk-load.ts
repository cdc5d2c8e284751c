import type { HubDb } from "../connection.js";
import { PgDeferredChecks } from "./bulk-load.pg.js";

/**
 * The settings of a bulk load (an import), on SQLite: the connection's page cache, journal and
 * temporary storage for the whole import ({@link withImportSettings}), and within the write session
 * ({@link BulkLoad}) foreign-key enforcement off and the secondary indexes of empty tables rebuilt
 * at the end. PostgreSQL keeps its own settings; the foreign keys and secondary indexes of empty
 * tables are dropped and put back before commit (see PgDeferredChecks), and rows go in by COPY
 * (BatchInsert, EventInserter).
 */

/** Tables a bulk load writes many rows to (their secondary indexes are rebuilt when they start empty). */
export const BULK_TABLES = ["stage_events", "stage_cycles", "borough_signoffs", "initiatives", "initiative_boroughs", "initiative_partners", "initiative_practices"];

/**
 * The event index a bulk load keeps live while events arrive in initiative order (exports list
 * them so, and files usually group an initiative's events): each row then lands at the right edge
 * of the index, which costs less than sorting a million rows into it at the end (measured: about
 * 0.5 s of CPU per million events). The first event of an initiative that sorts before the previous
 * one drops it, to be rebuilt with the other deferred indexes.
 */
const ORDERED_INDEX = "stage_events_initiative_idx";

/** One write session's bulk-load state: the foreign-key setting it changed and the indexes it dropped. */
export class BulkLoad {
  /** foreign_keys as it was before the load turned it off (null: not turned off). */
  private foreignKeysBefore: number | null = null;
  /** The deferred index still kept live while events arrive in its order (see {@link ORDERED_INDEX}). */
  private orderedIndex: { name: string; sql: string } | null = null;
  /** Indexes dropped for the load, by table, with the SQL that rebuilds them. */
  private readonly deferredIndexes = new Map<string, { name: string; sql: string }[]>();
  /** PostgreSQL's deferred foreign keys and indexes (null on SQLite). */
  private readonly pg: PgDeferredChecks | null;

  constructor(private readonly db: HubDb) {
    this.pg = db.dialect === "postgres" ? new PgDeferredChecks(db.sql) : null;
  }

  /**
   * Turns SQLite's foreign-key enforcement off for the load's own transaction (measured: about
   * 1 s of CPU per million events, two index probes per row); call before BEGIN (the pragma
   * cannot change inside a transaction). This is safe because the write session never writes a
   * reference it has not checked against the database inside the same transaction (BEGIN
   * IMMEDIATE: no other writer can remove the target meanwhile): an event's initiative is one
   * stored or created in this session and its borough is one of the authorities; an initiative's
   * lead, boroughs, tool and practices are checked against the reference sets loaded when the
   * session began, its process is the stored default and unknown partners are created first; the
   * derived cycles and sign-offs only repeat references of validated events. Enforcement is
   * restored right after COMMIT or ROLLBACK ({@link restoreForeignKeys}), and a killed process
   * loses the setting with it.
   */
  relaxForeignKeys(): void {
    const sqlite = this.db.sqlite;
    if (!sqlite) return; // PostgreSQL keeps checking them
    const before = sqlite.pragma("foreign_keys", { simple: true }) as number;
    if (!before) return;
    sqlite.pragma("foreign_keys = OFF");
    this.foreignKeysBefore = before;
  }

  restoreForeignKeys(): void {
    if (this.foreignKeysBefore === null) return;
    this.db.sqlite!.pragma(`foreign_keys = ${this.foreignKeysBefore ? "ON" : "OFF"}`);
    this.foreignKeysBefore = null;
  }

  /**
   * Drops the secondary indexes (not the unique ones) of those tables that are empty, to rebuild
   * them at the end; on PostgreSQL their foreign keys too (see PgDeferredChecks).
   */
  deferIndexes(tables: string[]): void {
    if (this.pg) {
      this.pg.defer(tables);
      return;
    }
    const sql = this.db.sql;
    for (const table of tables) {
      if (sql.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) continue;
      // Unique indexes stay: they are the duplicate check.
      const indexes = (sql.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[]).filter(
        (i) => !/^CREATE UNIQUE/i.test(i.sql),
      );
      const ordered = indexes.findIndex((i) => i.name === ORDERED_INDEX);
      if (ordered >= 0) this.orderedIndex = indexes.splice(ordered, 1)[0]!;
      for (const i of indexes) sql.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
      if (indexes.length > 0) this.deferredIndexes.set(table, indexes);
    }
  }

  /** Whether the event index is still kept live (events have so far arrived in initiative order). */
  get keepsOrderedIndex(): boolean {
    return this.orderedIndex !== null;
  }

  /**
   * Drops the index kept live in {@link deferIndexes} once events stop arriving in initiative order
   * (it is then rebuilt with the others); rows already inserted are in it, so nothing is lost.
   */
  dropOrderedIndex(): void {
    const i = this.orderedIndex!;
    this.orderedIndex = null;
    this.db.sql.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
    const deferred = this.deferredIndexes.get("stage_events") ?? [];
    deferred.push(i);
    this.deferredIndexes.set("stage_events", deferred);
  }

  /** Rebuilds the dropped indexes of one table. */
  restoreIndexes(table: string): void {
    if (this.pg) {
      this.pg.restoreIndexes(table);
      return;
    }
    for (const i of this.deferredIndexes.get(table) ?? []) this.db.sql.exec(i.sql);
    this.deferredIndexes.delete(table);
  }

  /** Rebuilds every index still dropped (PostgreSQL: and adds the dropped foreign keys back, checking every row). */
  restoreAllIndexes(): void {
    if (this.pg) {
      this.pg.restoreAll();
      return;
    }
    for (const table of [...this.deferredIndexes.keys()]) this.restoreIndexes(table);
  }
}

/**
 * Runs an import with the settings of a bulk load (SQLite; PostgreSQL keeps its own), each put back
 * afterwards:
 * - a 1 GiB page cache: a million-event transaction (about 300 MB of pages) otherwise spills dirty
 *   pages to the journal long before it commits;
 * - statement journals and sorter files in memory: each multi-row INSERT keeps a statement journal
 *   so that it can be undone alone, and on disk that is a temporary file written per batch;
 * - a rollback journal instead of the WAL, when this is the only connection to the file: a WAL
 *   commit writes every page twice (to the WAL, then the checkpoint copies it into the database),
 *   a rollback journal once, and pages the database did not have before the import (nearly all of
 *   a first import) are not journalled at all. With synchronous=FULL the rollback journal is as
 *   crash-safe as the WAL (SIGKILL test, test/db/import/crash.test.ts). The journal mode can only change
 *   with no other connection open; when one is, the import keeps the WAL. While the import runs, a
 *   new connection waits (busy_timeout) instead of reading beside it: WAL is restored after COMMIT.
 * (Sorter threads for the index rebuilds were measured and left out: on two shared cores they cost
 * CPU and wall time, 19-23 s against 13-15 s at load 6-7.)
 */
export async function withImportSettings<T>(db: HubDb, run: () => Promise<T>): Promise<T> {
  const sqlite = db.sqlite;
  if (!sqlite) return run();
  const before = {
    cache_size: sqlite.pragma("cache_size", { simple: true }) as number,
    temp_store: sqlite.pragma("temp_store", { simple: true }) as number,
  };
  sqlite.pragma("cache_size = -1048576");
  sqlite.pragma("temp_store = MEMORY");
  const journal = useRollbackJournal(sqlite);
  try {
    return await run();
  } finally {
    if (journal) restoreWal(sqlite);
    sqlite.pragma(`cache_size = ${before.cache_size}`);
    sqlite.pragma(`temp_store = ${before.temp_store}`);
  }
}

/** Switches a WAL file database to a rollback journal when no other connection has it open; true when it did. */
function useRollbackJournal(sqlite: NonNullable<HubDb["sqlite"]>): boolean {
  if (sqlite.memory || sqlite.inTransaction) return false;
  if (sqlite.pragma("journal_mode", { simple: true }) !== "wal") return false;
  // Asked once, without waiting: another connection that has the file open would hold it for the busy timeout.
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    return sqlite.pragma("journal_mode = DELETE", { simple: true }) === "delete";
  } catch (err) {
    // SQLITE_BUSY: another connection has the database open, and it keeps the WAL.
    if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) return false;
    throw err;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Puts the WAL back after an import; if that fails (a reader holds the file), the next openDb does. */
function restoreWal(sqlite: NonNullable<HubDb["sqlite"]>): void {
  if (!sqlite.open || sqlite.inTransaction) return;
  try {
    sqlite.pragma("journal_mode = WAL");
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw err;
  }
}

