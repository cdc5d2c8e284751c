import { PgConn, type SqlConn, type SqlStatement } from "../driver/index.js";
import { copyLine } from "../driver/pg.copy.js";

/** Rows per COPY on PostgreSQL: one round trip each, whatever its size (a few hundred kB of text). */
export const COPY_ROWS = 4096;

/**
 * Batched inserts of bulk rows that cannot clash (derived rows of initiatives created in this
 * session). SQLite: multi-row INSERTs, one native call per `size` rows instead of one per row.
 * PostgreSQL: `COPY ... FROM STDIN` of {@link COPY_ROWS} rows at a time, each sent without waiting
 * for the server (PgConn.copyStart), with the table's constraints and triggers applied as for INSERT.
 */
export class BatchInsert {
  private args: unknown[] = [];
  /** PostgreSQL: the rows waiting, as COPY text, and how many. */
  private copyText = "";
  private copyRows = 0;
  private readonly full: SqlStatement | null = null;
  private readonly one: SqlStatement | null = null;
  private readonly pg: PgConn | null;
  private readonly width: number;

  constructor(
    conn: SqlConn,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly size = 64,
    /**
     * Rows this table's rows refer to (PostgreSQL, which checks foreign keys during a bulk load:
     * an initiative's rows are written before the borough rows that name it).
     */
    private readonly after?: BatchInsert,
  ) {
    this.width = columns.length;
    this.pg = conn instanceof PgConn ? conn : null;
    if (this.pg) return;
    const sql = `INSERT INTO ${table} (${columns.join(", ")})`;
    const row = `(${Array(this.width).fill("?").join(",")})`;
    this.full = conn.prepare(`${sql} VALUES ${Array(size).fill(row).join(",")}`);
    this.one = conn.prepare(`${sql} VALUES ${row}`);
  }

  add(...values: unknown[]): void {
    if (this.pg) {
      this.copyText += copyLine(values);
      if (++this.copyRows === COPY_ROWS) this.flush();
      return;
    }
    for (const v of values) this.args.push(v);
    if (this.args.length === this.width * this.size) {
      this.after?.flush();
      // Spread, not an array: better-sqlite3 reads an array argument element by element through generic property lookups.
      this.full!.run(...this.args);
      this.args = [];
    }
  }

  flush(): void {
    if (this.pg) {
      if (this.copyRows === 0) return;
      this.after?.flush();
      const data = this.copyText;
      this.copyText = "";
      this.copyRows = 0;
      // Sent without waiting: PostgreSQL ingests it while the session goes on, and a failure is thrown by the next statement.
      this.pg.copyStart(this.table, this.columns, data);
      return;
    }
    if (this.args.length > 0) this.after?.flush();
    for (let i = 0; i < this.args.length; i += this.width) this.one!.run(this.args.slice(i, i + this.width));
    this.args = [];
  }
}
