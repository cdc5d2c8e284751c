import type { HubDb } from "./connection.js";
import type { SqlConn, SqlStatement } from "./driver/index.js";

/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return new Array(n).fill("?").join(", ");
}

/** Conditions joined with AND; `1 = 1` (always true, on SQLite and PostgreSQL) when there are none. */
export function allOf(conditions: readonly string[]): string {
  return conditions.length ? conditions.join(" AND ") : "1 = 1";
}

/**
 * Whether a text value can equal a stored one. PostgreSQL text cannot hold U+0000 (it refuses such
 * a parameter outright), so a key or search text with it matches nothing, and a read leaves it out
 * rather than sending it. The graph answers the same on SQLite, where only a write that let U+0000
 * through could have stored one.
 */
export function matchable(text: string): boolean {
  return !text.includes("\u0000");
}

const caches = new WeakMap<SqlConn, Map<string, SqlStatement>>();
/** Dynamic SQL (filters, batch sizes) yields many texts; keep the most recent ones prepared. */
const MAX_CACHED = 500;

/**
 * Returns a prepared statement for `sql` on this database, prepared once and reused by every
 * request (preparing is a large share of a small query's cost).
 */
export function cachedStatement<R = unknown>(db: HubDb, sql: string): SqlStatement<R> {
  return cachedConnStatement<R>(db.sql, sql);
}

/** `cachedStatement` on a bare connection (code below HubDb, such as db/meta.ts). */
export function cachedConnStatement<R = unknown>(conn: SqlConn, sql: string): SqlStatement<R> {
  let cache = caches.get(conn);
  if (!cache) caches.set(conn, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    s = conn.prepare(sql);
    cache.set(sql, s);
  }
  return s as SqlStatement<R>;
}
