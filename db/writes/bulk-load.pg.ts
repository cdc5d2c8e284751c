import { PgConn, PgError, type SqlConn } from "../driver/index.js";

/**
 * PostgreSQL's side of a bulk load into empty tables (a first import): their foreign keys and
 * secondary indexes are dropped inside the import's transaction and put back before it commits.
 *
 * PostgreSQL checks a foreign key row by row (a lookup and a row lock in the referenced table per
 * row copied: most of the server's time in a COPY of events), and maintains every index as rows
 * arrive. Adding the constraint back checks every row in one join, and building an index from the
 * table sorts once. Nothing is given up: a row that breaks a foreign key fails the ADD CONSTRAINT,
 * and so the import, as it would have failed the COPY; unique indexes and primary keys (the
 * duplicate checks) stay, and so do the triggers, but for the change-log triggers (idle while the
 * session pauses the log, and enabled again before the pause ends) and one more: the trigger that numbers a new event
 * when its id is NULL (migration 0001) is disabled while an empty stage_events is loaded, since the
 * load numbers every row itself (EventInserter) and no other writer can insert meanwhile (the write
 * lock, and the table's lock below); it is enabled again with the table's indexes, before anything
 * else writes an event (a retraction). The DDL is part of the transaction, so an import that fails,
 * is a dry run or is killed (SIGKILL) leaves the constraints, indexes and triggers as they were.
 *
 * The price is locking: dropping a constraint takes an ACCESS EXCLUSIVE lock on its table and on
 * the table it references until COMMIT, so another connection reading those tables waits for the
 * import to end (as SQLite's readers wait during an import with the rollback journal; see
 * withImportSettings). That is why only empty tables are treated so: loading into a database in
 * use keeps the row-by-row checks. The locks are all taken at once, up front, without waiting
 * (NOWAIT): when another connection is reading one of those tables at that moment, the import
 * keeps the row-by-row checks rather than wait for it — waiting could deadlock with a reader that
 * holds one table and wants the next.
 */
/** The trigger that numbers events without an id (migration 0001), and its table. */
const ID_TRIGGER = { table: "stage_events", name: "stage_events_next_id" };

export class PgDeferredChecks {
  /** Foreign keys dropped, as `ALTER TABLE ... ADD CONSTRAINT` statements. */
  private readonly foreignKeys: string[] = [];
  /** Secondary indexes dropped, by table, as `CREATE INDEX` statements. */
  private readonly indexes = new Map<string, string[]>();
  /** The id trigger is disabled (see ID_TRIGGER). */
  private idTriggerOff = false;
  /** Change-log triggers disabled for the load, as `ALTER TABLE ... ENABLE TRIGGER` statements (see defer). */
  private readonly logTriggers: string[] = [];

  constructor(private readonly sql: SqlConn) {}

  /** Drops the foreign keys and secondary (not unique) indexes of those of `tables` that are empty. */
  defer(tables: readonly string[]): void {
    const empty = tables.filter((t) => !this.sql.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get());
    if (empty.length === 0) return;
    const fks = this.sql
      .prepare<{ tbl: string; ref: string; name: string; def: string }>(
        "SELECT c.conrelid::regclass::text AS tbl, c.confrelid::regclass::text AS ref, c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY(?::regclass[]) ORDER BY c.conrelid::regclass::text, c.conname",
      )
      .all([empty]);
    const idx = this.sql
      .prepare<{ tbl: string; name: string; def: string }>(
        "SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i WHERE i.indrelid = ANY(?::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary ORDER BY 1, 2",
      )
      .all([empty]);
    // The change-log triggers (migration 0001, hub_log_change) do nothing while the bulk session
    // has paused the log (pauseChangeLog), but each still runs once per row copied (a PL/pgSQL call
    // and a query): on the empty tables they are disabled until the end of the load, before the
    // pause ends (restoreAll runs before resumeChangeLog).
    const logTriggers = this.sql
      .prepare<{ tbl: string; name: string }>(
        "SELECT t.tgrelid::regclass::text AS tbl, t.tgname AS name FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'hub_log_change' AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgrelid = ANY(?::regclass[]) ORDER BY 1, 2",
      )
      .all([empty]);
    // Dropping a foreign key locks the table it references too.
    const locked = [...new Set([...empty, ...fks.map((fk) => fk.ref)])];
    this.sql.exec("SAVEPOINT bulk_defer");
    try {
      this.sql.exec(`LOCK TABLE ${locked.join(", ")} IN ACCESS EXCLUSIVE MODE NOWAIT`);
    } catch (err) {
      this.sql.exec("ROLLBACK TO SAVEPOINT bulk_defer; RELEASE SAVEPOINT bulk_defer");
      if (err instanceof PgError && err.code === "55P03") return; // lock_not_available: a reader is on one of them
      throw err;
    }
    const drops: string[] = ["RELEASE SAVEPOINT bulk_defer"];
    if (empty.includes(ID_TRIGGER.table)) {
      drops.push(`ALTER TABLE ${ID_TRIGGER.table} DISABLE TRIGGER ${ID_TRIGGER.name}`);
      this.idTriggerOff = true;
    }
    for (const t of logTriggers) {
      drops.push(`ALTER TABLE ${t.tbl} DISABLE TRIGGER ${quote(t.name)}`);
      this.logTriggers.push(`ALTER TABLE ${t.tbl} ENABLE TRIGGER ${quote(t.name)}`);
    }
    for (const fk of fks) {
      drops.push(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${quote(fk.name)}`);
      this.foreignKeys.push(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${quote(fk.name)} ${fk.def}`);
    }
    for (const i of idx) {
      drops.push(`DROP INDEX ${i.name}`);
      const list = this.indexes.get(i.tbl) ?? [];
      list.push(i.def);
      this.indexes.set(i.tbl, list);
    }
    // One round trip for all of them.
    this.sql.exec(drops.join(";\n"));
  }

  /**
   * Builds the dropped indexes of one table again (reads that follow want them). Sent without
   * waiting (PgConn.execStart): the server builds them while the session derives the cycles of
   * its new initiatives from the events in hand, and any statement that follows runs after them.
   */
  restoreIndexes(table: string): void {
    const list = this.indexes.get(table) ?? [];
    this.indexes.delete(table);
    if (table === ID_TRIGGER.table) list.push(...this.enableIdTrigger());
    if (list.length > 0) this.background(list.join(";\n"));
  }

  private background(sql: string): void {
    if (this.sql instanceof PgConn) this.sql.execStart(sql);
    else this.sql.exec(sql);
  }

  private enableIdTrigger(): string[] {
    if (!this.idTriggerOff) return [];
    this.idTriggerOff = false;
    return [`ALTER TABLE ${ID_TRIGGER.table} ENABLE TRIGGER ${ID_TRIGGER.name}`];
  }

  /** Builds every index still dropped and adds the foreign keys back, checking every row. */
  restoreAll(): void {
    const statements = [...this.enableIdTrigger(), ...this.logTriggers, ...[...this.indexes.values()].flat(), ...this.foreignKeys];
    this.indexes.clear();
    this.foreignKeys.length = 0;
    this.logTriggers.length = 0;
    // Sent without waiting too: the audit rows that follow are prepared meanwhile, and COMMIT waits for them.
    if (statements.length > 0) this.background(statements.join(";\n"));
  }
}

/** A name as an SQL identifier. */
function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
