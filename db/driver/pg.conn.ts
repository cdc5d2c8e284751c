import { createRequire } from "node:module";
import type { createSyncFn as CreateSyncFn } from "synckit";
import { copyStatement } from "./pg.copy.js";
import { flattenParams, toNumberedParams, type Dialect, type DialectTagged, type RunResult, type SqlConn, type SqlStatement } from "./sql-conn.js";

/** A PostgreSQL error with its SQLSTATE (`23505` unique violation, `P0001` raised by a trigger, ...). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly detail: string | null,
  ) {
    super(message);
    this.name = "PgError";
  }
}

type Reply<T> = { ok: T } | { error: { message: string; code: string | null; detail: string | null } };
type Call = <T>(op: string, args: Record<string, unknown>) => Reply<T>;

let callWorker: Call | undefined;
function call<T>(op: string, args: Record<string, unknown>): T {
  // synckit is loaded on the first PostgreSQL call: a hub on SQLite never loads it (~1 MB of heap).
  callWorker ??= (createRequire(import.meta.url)("synckit") as { createSyncFn: typeof CreateSyncFn }).createSyncFn(new URL("./pg.worker.mjs", import.meta.url)) as unknown as Call;
  const reply = callWorker<T>(op, args);
  if ("error" in reply) throw new PgError(reply.error.message, reply.error.code, reply.error.detail);
  return reply.ok;
}

/**
 * Writers take one transaction-level advisory lock, so writes are serialised across every hub
 * instance as SQLite serialises them (BEGIN IMMEDIATE): the write session's checks (an initiative
 * exists, a source_ref is new, the next event id) stay true until it commits. READ COMMITTED, so
 * each statement after the lock sees everything committed before it. The lock is per schema: hubs
 * on other schemas of the same database (other hub databases) do not wait for each other.
 */
export const WRITE_LOCK_KEY = "721983450, hashtext(current_schema())";
export const BEGIN_WRITE = `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`;

/** Rows fetched per round trip when a statement is iterated (exports stream millions of rows). */
const ITERATE_BATCH = 5000;

const translated = new Map<string, { text: string; names: string[] | null }>();
function pgText(sql: string): { text: string; names: string[] | null } {
  let t = translated.get(sql);
  if (t === undefined) {
    t = toNumberedParams(sql);
    if (translated.size > 2000) translated.clear();
    translated.set(sql, t);
  }
  return t;
}

/** JavaScript values as node-postgres sends them; `@name` parameters are bound from one object. */
function toPg(params: unknown[], names: string[] | null): unknown[] {
  let values: unknown[];
  if (names) {
    const obj = (params[0] ?? {}) as Record<string, unknown>;
    values = names.map((n) => {
      if (!(n in obj)) throw new RangeError(`Missing named parameter "${n}"`);
      return obj[n];
    });
  } else values = flattenParams(params);
  return values.map((v) => (typeof v === "bigint" ? v.toString() : v === undefined ? null : v));
}

class PgStatement<R> implements SqlStatement<R> {
  private mode: "object" | "pluck" | "raw" = "object";

  private readonly text: string;
  private readonly names: string[] | null;

  constructor(
    private readonly conn: PgConn,
    sql: { text: string; names: string[] | null },
  ) {
    this.text = sql.text;
    this.names = sql.names;
  }

  pluck(toggle = true): this {
    this.mode = toggle ? "pluck" : "object";
    return this;
  }

  raw(toggle = true): this {
    this.mode = toggle ? "raw" : "object";
    return this;
  }

  private shape(rows: unknown[]): R[] {
    if (this.mode === "pluck") return (rows as unknown[][]).map((r) => r[0]) as R[];
    return rows as R[];
  }

  all(...params: unknown[]): R[] {
    const { rows } = this.conn.query(this.text, toPg(params, this.names), this.mode === "object" ? "object" : "array");
    return this.shape(rows);
  }

  get(...params: unknown[]): R | undefined {
    return this.all(...params)[0];
  }

  run(...params: unknown[]): RunResult {
    // `INSERT ... RETURNING id` (see {@link returningId}) stands in for SQLite's last_insert_rowid().
    const { rows, rowCount } = this.conn.query(this.text, toPg(params, this.names), "array");
    const last = rows.length > 0 ? (rows[rows.length - 1] as unknown[])[0] : 0;
    return { changes: rowCount, lastInsertRowid: typeof last === "number" || typeof last === "bigint" ? last : 0 };
  }

  *iterate(...params: unknown[]): IterableIterator<R> {
    const { cursor } = call<{ cursor: number }>("cursorOpen", {
      id: this.conn.id,
      text: this.text,
      params: toPg(params, this.names),
      mode: this.mode === "object" ? "object" : "array",
      tx: this.conn.inTransaction,
    });
    let done = false;
    try {
      for (;;) {
        const { rows } = call<{ rows: unknown[] }>("cursorRead", { cursor, n: ITERATE_BATCH });
        for (const r of this.shape(rows)) yield r;
        if (rows.length < ITERATE_BATCH) {
          done = true;
          return;
        }
      }
    } finally {
      if (!done) call("cursorClose", { cursor });
    }
  }
}

/**
 * A synchronous connection to PostgreSQL through node-postgres, with the same API as better-sqlite3
 * (see {@link SqlConn}). Each call blocks the calling thread until the worker thread that owns the
 * node-postgres client answers — one statement at a time per connection, as with better-sqlite3;
 * an instance scales out by running more instances (README, "Scaling out"). When the server drops
 * the connection (a restart), the next statement outside a transaction reconnects; inside one,
 * statements fail (SQLSTATE 08006) until the transaction is rolled back.
 */
export class PgConn implements SqlConn, DialectTagged {
  readonly dialect: Dialect = "postgres";
  readonly id: number;
  /** The schema the hub's tables live in. */
  readonly schema: string;
  private depth = 0;
  private closed = false;

  constructor(
    url: string,
    schema?: string,
    private readonly onStatement?: (sql: string) => void,
  ) {
    const r = call<{ id: number; schema: string }>("connect", { url, schema: schema ?? null });
    this.id = r.id;
    this.schema = r.schema;
  }

  query(text: string, params: unknown[], mode: "object" | "array"): { rows: unknown[]; rowCount: number } {
    if (this.closed) throw new TypeError("The database connection is not open");
    this.onStatement?.(text);
    return call("query", { id: this.id, text, params, mode, tx: this.depth > 0 });
  }

  /**
   * `COPY table (columns) FROM STDIN` with `data`, rows in COPY's text format (see pg.copy.ts): any
   * number of rows in one round trip, with the table's triggers and constraints applied as for
   * INSERT. Returns the number of rows copied.
   */
  copyIn(table: string, columns: readonly string[], data: string): number {
    if (this.closed) throw new TypeError("The database connection is not open");
    const text = copyStatement(table, columns);
    this.onStatement?.(text);
    return call<{ rowCount: number }>("copyIn", { id: this.id, text, data, tx: this.depth > 0 }).rowCount;
  }

  /**
   * Starts the same COPY as {@link copyIn} and returns at once: PostgreSQL ingests the rows while
   * the caller prepares its next ones (no round trip waited for). It runs after this connection's
   * other background statements, and every later call runs after it, in the order sent. With
   * `savepoint` (a name), the COPY runs inside that savepoint, rolled back to when it fails, and
   * {@link copyWait} tells how it went; without, its failure is thrown by the next call (the
   * transaction is aborted), a ROLLBACK excepted.
   */
  copyStart(table: string, columns: readonly string[], data: string, savepoint?: string): void {
    if (this.closed) throw new TypeError("The database connection is not open");
    const text = copyStatement(table, columns);
    this.onStatement?.(text);
    call("copyStart", { id: this.id, text, data, tx: this.depth > 0, savepoint: savepoint ?? null });
  }

  /** Runs statements that return nothing (DDL: an index build) as {@link copyStart} runs a COPY without a savepoint: the caller does not wait. */
  execStart(sql: string): void {
    if (this.closed) throw new TypeError("The database connection is not open");
    this.onStatement?.(sql);
    call("execStart", { id: this.id, text: sql, tx: this.depth > 0 });
  }

  /**
   * Waits for the last {@link copyStart} with a savepoint: the number of rows copied, or its error
   * (the savepoint rolled back, the transaction goes on). A background statement that failed
   * outside a savepoint is thrown.
   */
  copyWait(): { rowCount: number } | { error: PgError } {
    const r = call<{ rowCount: number } | { failed: { message: string; code: string | null; detail: string | null } }>("copyWait", { id: this.id });
    if ("failed" in r) return { error: new PgError(r.failed.message, r.failed.code, r.failed.detail) };
    return r;
  }

  prepare<R = unknown>(sql: string): SqlStatement<R> {
    return new PgStatement<R>(this, pgText(sql));
  }

  exec(sql: string): this {
    if (this.closed) throw new TypeError("The database connection is not open");
    // `tx`: inside a transaction a lost connection is an error, never a silent reconnect.
    // A ROLLBACK runs even when a background COPY failed (copyStart): the rollback is what that failure asks for.
    call("exec", { id: this.id, text: sql, tx: this.depth > 0, discard: /^\s*ROLLBACK\b/i.test(sql) });
    return this;
  }

  /** Applies drizzle migrations from `folder` (tracked in this schema's `__drizzle_migrations`). */
  migrate(folder: string): void {
    call("migrate", { id: this.id, folder });
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get open(): boolean {
    return !this.closed;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<T>(fn: (...args: any[]) => T): (...args: any[]) => T {
    return this.wrap(fn, BEGIN_WRITE);
  }

  /** A read-only transaction on one snapshot (REPEATABLE READ): several reads that agree with each other. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  snapshot<T>(fn: (...args: any[]) => T): (...args: any[]) => T {
    return this.wrap(fn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private wrap<T>(fn: (...args: any[]) => T, begin: string): (...args: any[]) => T {
    return (...args: unknown[]): T => {
      const nested = this.depth > 0;
      const sp = `hub_sp_${this.depth}`;
      this.exec(nested ? `SAVEPOINT ${sp}` : begin);
      this.depth++;
      try {
        const result = fn(...args);
        // Still counted as inside: a COMMIT on a lost connection must fail, not reconnect.
        this.exec(nested ? `RELEASE SAVEPOINT ${sp}` : "COMMIT");
        this.depth--;
        return result;
      } catch (err) {
        this.depth--;
        try {
          this.exec(nested ? `ROLLBACK TO SAVEPOINT ${sp}; RELEASE SAVEPOINT ${sp}` : "ROLLBACK");
        } catch {
          /* the connection is gone; the server rolls back */
        }
        throw err;
      }
    };
  }

  /** Marks a transaction opened with plain `exec("BEGIN")` (the write session manages its own). */
  noteTransaction(open: boolean): void {
    this.depth = open ? 1 : 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    call("close", { id: this.id });
  }
}

/** Runs a statement that returns nothing useful through either dialect's `run`. */
export type { RunResult };
