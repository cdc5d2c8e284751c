import type { HubDb } from "../connection.js";
import { formatEventTime } from "../import/timestamp.js";
import { placeholders } from "../sql.js";

/**
 * The initiatives file's `joined` and `left` cells (db/writes/participation.ts): `;`-separated
 * `code@time` entries sorted by code, time in the canonical export form (ISO UTC with ms).
 */

/** Whether any participant of the database joined late or left (the columns are written only then, so older exports keep their bytes). */
export function hasPeriods(db: HubDb): boolean {
  return (
    db.sql
      .prepare("SELECT 1 FROM initiative_boroughs WHERE joined_at IS NOT NULL OR left_at IS NOT NULL UNION ALL SELECT 1 FROM initiative_partners WHERE joined_at IS NOT NULL OR left_at IS NOT NULL LIMIT 1")
      .get() !== undefined
  );
}

/** The joined and left cells of a page of initiatives, by id (initiatives without either are absent). */
export function periodCells(db: HubDb, ids: readonly string[]): Map<string, { joined: string; left: string }> {
  const out = new Map<string, { joined: string; left: string }>();
  if (ids.length === 0) return out;
  const rows = db.sql
    .prepare<{ initiative_id: string; code: string; joined_at: number | string | null; left_at: number | string | null }>(
      `SELECT initiative_id, code, joined_at, left_at FROM (
         SELECT initiative_id, authority_code AS code, joined_at, left_at FROM initiative_boroughs WHERE initiative_id IN (${placeholders(ids.length)}) AND (joined_at IS NOT NULL OR left_at IS NOT NULL)
         UNION ALL SELECT initiative_id, organisation_slug AS code, joined_at, left_at FROM initiative_partners WHERE initiative_id IN (${placeholders(ids.length)}) AND (joined_at IS NOT NULL OR left_at IS NOT NULL)) p`,
    )
    .all(...ids, ...ids);
  const lists = new Map<string, { joined: string[]; left: string[] }>();
  for (const r of rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    let l = lists.get(r.initiative_id);
    if (!l) lists.set(r.initiative_id, (l = { joined: [], left: [] }));
    if (r.joined_at !== null) l.joined.push(`${r.code}@${formatEventTime(Number(r.joined_at))}`);
    if (r.left_at !== null) l.left.push(`${r.code}@${formatEventTime(Number(r.left_at))}`);
  }
  for (const [id, l] of lists) out.set(id, { joined: l.joined.join(";"), left: l.left.join(";") });
  return out;
}
