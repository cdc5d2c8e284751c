import type { SqlConn } from "./driver/index.js";
import { cachedConnStatement } from "./sql.js";

/** What a database holds: nothing yet, the synthetic demo or large set, or imported (real) data. */
export type DatasetKind = "empty" | "demo" | "large" | "imported";

/** Reads one `meta` value, or null. */
export function getMeta(conn: SqlConn, key: string): string | null {
  // Prepared once per connection: every GraphQL answer reads the data set's kind (its label).
  const row = cachedConnStatement<{ value: string }>(conn, "SELECT value FROM meta WHERE key = ?").get(key);
  return row?.value ?? null;
}

/** Writes one `meta` value. */
export function setMeta(conn: SqlConn, key: string, value: string): void {
  conn.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}

/** The kind of data set this database holds (`empty` until something is loaded). */
export function getDatasetKind(conn: SqlConn): DatasetKind {
  return (getMeta(conn, "dataset") as DatasetKind | null) ?? "empty";
}
