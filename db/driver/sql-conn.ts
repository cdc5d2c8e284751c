/**
 * The hub's SQL connection, whichever database holds the data. The interface is the part of
 * better-sqlite3's synchronous API the hub uses, so a better-sqlite3 `Database` is one as it is (no
 * wrapper on SQLite's hot paths) and {@link PgConn} implements it over PostgreSQL.
 *
 * SQL written for it is the common subset of SQLite and PostgreSQL: `?` placeholders (translated to
 * `$n` for PostgreSQL), `ON CONFLICT ... DO NOTHING/UPDATE`, `RETURNING`, `COALESCE`; integers and
 * booleans come back as JavaScript numbers (0/1) on both. Where the dialects differ, code branches on
 * {@link dialectOf}.
 */
export type Dialect = "sqlite" | "postgres";

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqlStatement<R = unknown> {
  all(...params: unknown[]): R[];
  get(...params: unknown[]): R | undefined;
  run(...params: unknown[]): RunResult;
  iterate(...params: unknown[]): IterableIterator<R>;
  /** Rows become their first column. */
  pluck(toggle?: boolean): this;
  /** Rows become arrays of column values. */
  raw(toggle?: boolean): this;
}

export interface SqlConn {
  prepare<R = unknown>(sql: string): SqlStatement<R>;
  exec(sql: string): unknown;
  /** Wraps `fn` in BEGIN/COMMIT (a SAVEPOINT when already inside a transaction); ROLLBACK on throw. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<T>(fn: (...args: any[]) => T): (...args: any[]) => T;
  readonly inTransaction: boolean;
  readonly open: boolean;
  close(): unknown;
}

/** Implemented by connections that are not better-sqlite3 (which has no such property). */
export interface DialectTagged {
  readonly dialect: Dialect;
}

export function dialectOf(conn: SqlConn): Dialect {
  return (conn as Partial<DialectTagged>).dialect ?? "sqlite";
}

/**
 * `?` placeholders → `$1, $2, ...` for PostgreSQL, and better-sqlite3's `@name` parameters → `$n`
 * (the same name, the same number; `names` lists them in order), leaving string literals (also
 * E'...' and $$...$$), quoted identifiers and comments alone.
 */
export function toNumberedParams(sql: string): { text: string; names: string[] | null } {
  let out = "";
  let n = 0;
  const names: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" && /[Ee]/.test(sql[i - 1] ?? "") && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? "")) {
      // E'...': backslash escapes (PostgreSQL), so \' does not end the string
      let j = i + 1;
      while (j < sql.length && sql[j] !== "'") j += sql[j] === "\\" ? 2 : 1;
      const stop = Math.min(j + 1, sql.length);
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "'" || c === '"') {
      // '' and "" inside are two quoted runs back to back: same result
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "$" && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i, i + 64)) && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? "")) {
      // $$...$$ and $tag$...$tag$ (PostgreSQL function bodies)
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64))![0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end < 0 ? sql.length : end + tag.length;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "?") {
      out += `$${++n}`;
    } else if (c === "@" && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      // better-sqlite3's named parameters (`@name`, bound from an object)
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      let k = names.indexOf(m[0]);
      if (k < 0) k = names.push(m[0]) - 1;
      out += `$${k + 1}`;
      i += m[0].length;
    } else {
      out += c;
    }
  }
  if (n > 0 && names.length > 0) throw new TypeError("a statement cannot mix ? and @name parameters");
  return { text: out, names: names.length > 0 ? names : null };
}

/** better-sqlite3 accepts `f(a, b)` and `f([a, b])`; so do the other connections. */
export function flattenParams(params: unknown[]): unknown[] {
  return params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
}
