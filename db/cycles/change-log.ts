import type { Dialect, SqlConn } from "../driver/index.js";
import { getMeta } from "../meta.js";

/**
 * How a write tells readers what it changed: the data version (one counter for the whole database,
 * bumped by every write transaction that changes events or initiatives) and the analytics change
 * log (`analytics_changes`: one entry per changed initiative, migrations 0003 and 0004), from which
 * the metrics cache refreshes only the initiatives that changed since it last read.
 */

/**
 * A counter bumped by every write transaction that changes events or initiatives. Caches key
 * their entries by it, so several hub processes over one database never serve stale results.
 */
export function getDataVersion(conn: SqlConn): number {
  return Number(getMeta(conn, "data_version") ?? 0);
}

/** Bumps the data version; call inside the write transaction. */
export function bumpDataVersion(conn: SqlConn): number {
  conn
    .prepare(
      "INSERT INTO meta (key, value) VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)",
    )
    .run();
  return getDataVersion(conn);
}

/**
 * More touched initiatives than this and a bulk session resets the analytics change log instead of
 * listing them (the metrics cache re-reads everything above 5,000 changed initiatives anyway).
 */
const LOG_RESET_ABOVE = 5000;

/**
 * Silences the change-log triggers (migration 0004) for the rest of the write transaction: a bulk
 * load logs what it touched once, at the end ({@link resumeChangeLog}), instead of a row per write.
 */
export function pauseChangeLog(conn: SqlConn): void {
  conn.exec("INSERT INTO analytics_changes_paused (paused) VALUES (1)");
}

/**
 * Ends the pause of the change-log triggers and logs what they would have: each initiative in
 * `touched` (created, given events or given participants). Above {@link LOG_RESET_ABOVE}
 * initiatives the log is reset instead — emptied, and one entry whose seq leaves a gap — which the
 * metrics cache reads as pruned entries and answers with a full read, as it would for that many
 * entries anyway.
 */
export function resumeChangeLog(conn: SqlConn, dialect: Dialect, touched: ReadonlySet<string>): void {
  conn.exec("DELETE FROM analytics_changes_paused");
  if (touched.size === 0) return;
  if (touched.size <= LOG_RESET_ABOVE && dialect === "postgres") {
    // One statement (one round trip), in the same order as the rows below.
    conn.prepare("INSERT INTO analytics_changes (initiative_id) SELECT id FROM unnest(?::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n").run([[...touched]]); // [[ids]]: one parameter, an array
    return;
  }
  if (touched.size <= LOG_RESET_ABOVE) {
    const log = conn.prepare("INSERT INTO analytics_changes (initiative_id) VALUES (?)");
    for (const id of touched) log.run(id);
    return;
  }
  const hi = (conn.prepare("SELECT COALESCE(MAX(seq), 0) FROM analytics_changes").pluck().get() as number) ?? 0;
  conn.exec("DELETE FROM analytics_changes");
  conn.prepare("INSERT INTO analytics_changes (seq, initiative_id) VALUES (?, ?)").run(hi + 2, touched.values().next().value!);
  // PostgreSQL: an explicit value does not move the identity sequence; later entries must number after it.
  if (dialect === "postgres") conn.prepare("SELECT setval(pg_get_serial_sequence('analytics_changes', 'seq'), ?)").get(hi + 2);
}
