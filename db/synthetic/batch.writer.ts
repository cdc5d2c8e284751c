import { dialectOf, type SqlConn, type SqlStatement } from "../driver/index.js";

type Value = string | number | null;

/**
 * Buffers rows for one table and inserts them with a prepared multi-row INSERT: one call into
 * the database per `batchRows` rows instead of per row, which is most of the cost of a bulk load
 * from JS (on PostgreSQL each call is also a round trip to the server).
 * Call `flush()` before reading the table or committing. Use it inside a transaction that is
 * rolled back on any error: a failing statement keeps the rows it wrote before the failure.
 */
export class BatchInsert {
  private readonly many: SqlStatement;
  private readonly one: SqlStatement;
  private readonly buffer: Value[] = [];
  private readonly width: number;
  rows = 0;

  private readonly batchRows: number;
  private readonly parent: BatchInsert | null;
  private readonly conn: SqlConn;
  private readonly head: string;
  private readonly tuple: string;
  /** PostgreSQL only: multi-row statements for a partial batch, by row count. */
  private readonly partial: Map<number, SqlStatement> | null;

  constructor(
    conn: SqlConn,
    table: string,
    columns: readonly string[],
    options: {
      /** Rows per statement. */
      batchRows?: number;
      /** A batch whose rows this table references: flushed first, so foreign keys hold per statement. */
      parent?: BatchInsert;
      /** Columns with the same value in every row: written into the SQL instead of bound per row. */
      constants?: Record<string, string | number>;
    } = {},
  ) {
    this.batchRows = options.batchRows ?? 100;
    this.parent = options.parent ?? null;
    this.width = columns.length;
    const constants = Object.entries(options.constants ?? {});
    const literal = (v: string | number) => (typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);
    const tuple = `(${[...columns.map(() => "?"), ...constants.map(([, v]) => literal(v))].join(",")})`;
    const names = [...columns, ...constants.map(([c]) => c)].map((c) => `"${c}"`).join(",");
    // SQLite: OR FAIL — a failing row aborts the load's whole transaction anyway, and unlike the
    // default (ABORT) it needs no statement journal to undo the earlier rows of a multi-row
    // statement. PostgreSQL has no such clause (and a failing statement aborts the transaction).
    const head = `INSERT ${dialectOf(conn) === "sqlite" ? "OR FAIL " : ""}INTO "${table}" (${names}) VALUES `;
    this.many = conn.prepare<[Value[]]>(head + Array.from({ length: this.batchRows }, () => tuple).join(","));
    this.one = conn.prepare<[Value[]]>(head + tuple);
    this.conn = conn;
    this.head = head;
    this.tuple = tuple;
    this.partial = dialectOf(conn) === "postgres" ? new Map() : null;
  }

  /** Adds one row (values in column order). */
  add(...values: Value[]): void {
    for (const v of values) this.buffer.push(v);
    this.rows++;
    if (this.buffer.length === this.width * this.batchRows) {
      this.parent?.flush();
      this.many.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  /** Writes the rows still buffered. */
  flush(): void {
    if (this.buffer.length === 0) return;
    this.parent?.flush();
    if (this.partial) {
      // PostgreSQL: one statement for the rest (a round trip per row would dominate the load).
      const n = this.buffer.length / this.width;
      let stmt = this.partial.get(n);
      if (!stmt) this.partial.set(n, (stmt = this.conn.prepare(this.head + Array.from({ length: n }, () => this.tuple).join(","))));
      stmt.run(this.buffer);
    } else {
      for (let i = 0; i < this.buffer.length; i += this.width) this.one.run(this.buffer.slice(i, i + this.width));
    }
    this.buffer.length = 0;
  }
}
