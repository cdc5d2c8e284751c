import type { SqlConn, SqlStatement } from "./driver/index.js";

/** What a database holds: nothing yet, the synthetic demo or large set, or imported (real) data. */
export type DatasetKind = "empty" | "demo" | "large" | "imported";

/** Reads one `meta` value, or null. */
export function getMeta(sqlite: SqlConn, key: string): string | null {
  const row = sqlite.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Writes one `meta` value. */
export function setMeta(sqlite: SqlConn, key: string, value: string): void {
  sqlite.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}

/** The kind of data set this database holds (`empty` until something is loaded). */
export function getDatasetKind(sqlite: SqlConn): DatasetKind {
  return (getMeta(sqlite, "dataset") as DatasetKind | null) ?? "empty";
}

/**
 * A counter bumped by every write transaction that changes events or initiatives. Caches key
 * their entries by it, so several hub processes over one database never serve stale results.
 */
export function getDataVersion(sqlite: SqlConn): number {
  return Number(getMeta(sqlite, "data_version") ?? 0);
}

/** Bumps the data version; call inside the write transaction. */
export function bumpDataVersion(sqlite: SqlConn): number {
  sqlite
    .prepare(
      "INSERT INTO meta (key, value) VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)",
    )
    .run();
  return getDataVersion(sqlite);
}
