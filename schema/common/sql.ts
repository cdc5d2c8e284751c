import type { SqlConn, SqlStatement } from "../../db/driver/index.js";
import type { HubDb } from "../../db/connection.js";

const caches = new WeakMap<SqlConn, Map<string, SqlStatement>>();
/** Dynamic SQL (filters, batch sizes) yields many texts; keep the most recent ones prepared. */
const MAX_CACHED = 500;

/**
 * Returns a prepared statement for `sql` on this database, prepared once and reused by every
 * request (preparing is a large share of a small query's cost).
 */
export function stmt<R = unknown>(db: HubDb, sql: string): SqlStatement<R> {
  let cache = caches.get(db.sql);
  if (!cache) caches.set(db.sql, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    s = db.sql.prepare(sql);
    cache.set(sql, s);
  }
  return s as SqlStatement<R>;
}

/** `?, ?, ?` for n parameters, and whether a key can match a stored one (defined with the db layer, which needs them too). */
export { matchable, placeholders } from "../../db/sql.js";

/**
 * Groups rows by a key and returns one array per requested key, in key order (what a DataLoader
 * batch function must return).
 */
export function groupInKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const k of keys) byKey.set(k, []);
  for (const r of rows) byKey.get(keyOf(r))?.push(r);
  return keys.map((k) => byKey.get(k)!);
}

/** One row (or null) per requested key, in key order. */
export function oneInKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const r of rows) byKey.set(keyOf(r), r);
  return keys.map((k) => byKey.get(k) ?? null);
}
