/**
 * What the open items, forecasts and register read beside the cycle table: the service levels an
 * admin set (kept in `meta`, one key per process and stage, so no migration is needed), the titles
 * of the initiatives listed, and which query rounds were open at a past asOf.
 */
import { beginWrite, commit, rollback, type SqlConn } from "../driver/index.js";
import { getMeta, setMeta } from "../meta.js";

const KEY_PREFIX = "service_level:";

/** The meta key of a stage's service level: `service_level:<process slug>:<stage code>`. */
export function serviceLevelKey(process: string, stage: string): string {
  return `${KEY_PREFIX}${process}:${stage}`;
}

/** A plain error for a process or stage that is not in the reference data (the graph maps it to BAD_USER_INPUT). */
export class UnknownStageError extends Error {
  constructor(
    readonly field: "process" | "stage",
    message: string,
  ) {
    super(message);
    this.name = "UnknownStageError";
  }
}

/** The service levels set for the default process's stages, by stage code (working days). */
export function readServiceLevels(conn: SqlConn): Map<string, number> {
  const process = conn.prepare("SELECT slug FROM processes ORDER BY is_default DESC, slug").pluck().get() as string | undefined;
  const out = new Map<string, number>();
  if (process === undefined) return out;
  const rows = conn.prepare("SELECT key, value FROM meta WHERE key LIKE ?").all(`${KEY_PREFIX}${process}:%`) as { key: string; value: string }[];
  for (const { key, value } of rows) out.set(key.slice(KEY_PREFIX.length + process.length + 1), Number(value));
  return out;
}

/**
 * Sets (days) or clears (null, back to the historical p85) the service level of a process's
 * stage. Throws UnknownStageError for a process or stage the reference data does not have.
 */
export function writeServiceLevel(conn: SqlConn, process: string, stage: string, days: number | null): void {
  const known = conn.prepare("SELECT slug FROM processes WHERE slug = ?").pluck().get(process);
  if (known === undefined) throw new UnknownStageError("process", `unknown process ${JSON.stringify(process)}`);
  const stages = conn.prepare("SELECT code FROM process_stages WHERE process_slug = ? ORDER BY position").pluck().all(process) as string[];
  if (!stages.includes(stage)) throw new UnknownStageError("stage", `unknown stage ${JSON.stringify(stage)} of ${process}: expected one of ${stages.join(", ")}`);
  beginWrite(conn);
  try {
    if (days === null) conn.prepare("DELETE FROM meta WHERE key = ?").run(serviceLevelKey(process, stage));
    else setMeta(conn, serviceLevelKey(process, stage), String(days));
    commit(conn);
  } catch (err) {
    rollback(conn);
    throw err;
  }
}

/** One stage's service level as set, or null. */
export function readServiceLevel(conn: SqlConn, process: string, stage: string): number | null {
  const v = getMeta(conn, serviceLevelKey(process, stage));
  return v === null ? null : Number(v);
}

/** Titles of these initiatives (primary-key reads). */
export function initiativeTitles(conn: SqlConn, ids: Iterable<string>): Map<string, string> {
  const get = conn.prepare("SELECT title FROM initiatives WHERE id = ?").pluck();
  const out = new Map<string, string>();
  for (const id of new Set(ids)) out.set(id, (get.get(id) as string | undefined) ?? "");
  return out;
}

/**
 * Whether the last query round of a stage begun by asOf was still open then: its latest
 * QUERY_RAISED or RESUBMITTED event at or before asOf is a QUERY_RAISED (read per stage asked,
 * from the (initiative, stage, at) index).
 */
export function queryOpenAt(conn: SqlConn, initiativeId: string, stage: string, asOf: number): boolean {
  const kind = conn
    .prepare("SELECT kind FROM stage_events WHERE initiative_id = ? AND stage = ? AND kind IN ('QUERY_RAISED', 'RESUBMITTED') AND at <= ? ORDER BY at DESC, id DESC LIMIT 1")
    .pluck()
    .get(initiativeId, stage, asOf) as string | undefined;
  return kind === "QUERY_RAISED";
}
