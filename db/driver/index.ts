import { BEGIN_WRITE, PgConn, PgError } from "./pg.conn.js";
import { dialectOf, type SqlConn } from "./sql-conn.js";

export * from "./sql-conn.js";
export { PgConn, PgError } from "./pg.conn.js";

/**
 * Runs `fn` on one consistent snapshot, without blocking writers: SQLite's deferred transaction (a
 * WAL read snapshot), PostgreSQL's REPEATABLE READ READ ONLY.
 */
export function readSnapshot<R>(conn: SqlConn, fn: () => R): R {
  return conn instanceof PgConn ? conn.snapshot(fn)() : conn.transaction(fn)();
}

/** Opens a write transaction that waits for other writers up front (SQLite BEGIN IMMEDIATE; PostgreSQL an advisory lock). */
export function beginWrite(conn: SqlConn): void {
  if (conn instanceof PgConn) {
    conn.exec(BEGIN_WRITE);
    conn.noteTransaction(true);
  } else conn.exec("BEGIN IMMEDIATE");
}

export function commit(conn: SqlConn): void {
  conn.exec("COMMIT");
  if (conn instanceof PgConn) conn.noteTransaction(false);
}

export function rollback(conn: SqlConn): void {
  // PostgreSQL: marked closed first, so a ROLLBACK after a lost connection reconnects (the server
  // rolled the transaction back already) instead of failing.
  if (conn instanceof PgConn) conn.noteTransaction(false);
  conn.exec("ROLLBACK");
}

/**
 * An INSERT whose `run().lastInsertRowid` is the new row's `id` on both databases (PostgreSQL has
 * no last_insert_rowid(): the statement returns the id instead).
 */
export function returningId(conn: SqlConn, insertSql: string): string {
  return dialectOf(conn) === "postgres" ? `${insertSql} RETURNING id` : insertSql;
}

/** A UNIQUE / PRIMARY KEY / NOT NULL / CHECK / FOREIGN KEY violation, on either database. */
export function isConstraintError(err: unknown): boolean {
  if (err instanceof PgError) return err.code !== null && err.code.startsWith("23");
  return String((err as { code?: unknown })?.code ?? "").startsWith("SQLITE_CONSTRAINT");
}
