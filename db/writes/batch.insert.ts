import { dialectOf, type SqlConn, type SqlStatement } from "../driver/index.js";

/**
 * Multi-row INSERTs for bulk rows that cannot clash (derived rows of initiatives created in this
 * session): one native call per `size` rows instead of one per row.
 */
export class BatchInsert {
  private args: unknown[] = [];
  private readonly full: SqlStatement;
  private readonly one: SqlStatement;
  private readonly postgres: boolean;

  constructor(
    private readonly conn: SqlConn,
    private readonly sql: string,
    private readonly width: number,
    private readonly size = 64,
    /**
     * Rows this table's rows refer to (PostgreSQL, which checks foreign keys during a bulk load:
     * an initiative's rows are written before the borough rows that name it).
     */
    private readonly after?: BatchInsert,
  ) {
    const row = `(${Array(width).fill("?").join(",")})`;
    this.full = conn.prepare(`${sql} VALUES ${Array(size).fill(row).join(",")}`);
    this.one = conn.prepare(`${sql} VALUES ${row}`);
    this.postgres = dialectOf(conn) === "postgres";
  }

  add(...values: unknown[]): void {
    for (const v of values) this.args.push(v);
    if (this.args.length === this.width * this.size) {
      this.after?.flush();
      // Spread, not an array: better-sqlite3 reads an array argument element by element through generic property lookups.
      this.full.run(...this.args);
      this.args = [];
    }
  }

  flush(): void {
    if (this.postgres && this.args.length > this.width) {
      // One round trip to the database's worker for the rest, not one per row.
      this.after?.flush();
      const row = `(${Array(this.width).fill("?").join(",")})`;
      this.conn.prepare(`${this.sql} VALUES ${Array(this.args.length / this.width).fill(row).join(",")}`).run(this.args);
      this.args = [];
      return;
    }
    if (this.args.length > 0) this.after?.flush();
    for (let i = 0; i < this.args.length; i += this.width) this.one.run(this.args.slice(i, i + this.width));
    this.args = [];
  }
}
