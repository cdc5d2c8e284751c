import type { SqlConn } from "../driver/index.js";
import { INITIATIVE_STATUSES, type RecordPosition } from "./write.records.js";
import type { ProblemSink, ReferenceSets } from "./write.rules.js";
import type { InitiativeRow } from "./write.statements.js";

/** Changes to an initiative's descriptive fields; an omitted field keeps its value. */
export interface InitiativeUpdate {
  title?: string;
  /** null clears it. */
  purpose?: string | null;
  tool?: string;
  /** The whole new list (replaces the stored one). */
  practices?: string[];
  status?: string;
}

/** Each field that changed: [before, after]. */
export type InitiativeChanges = Record<string, [unknown, unknown]>;

/** Checks an update against the reference data; reports problems on the field at fault. */
export function checkInitiativeUpdate(sink: ProblemSink, pos: RecordPosition, u: InitiativeUpdate, refs: ReferenceSets): void {
  if (u.title !== undefined && u.title.trim() === "") sink.fail(pos, "title", "missing title; expected a short title");
  if (u.tool !== undefined && !refs.tools.has(u.tool))
    sink.fail(pos, "tool", `unknown tool ${JSON.stringify(u.tool)}; expected one of ${[...refs.tools].sort().join(", ")}`);
  const seen = new Set<string>();
  for (const p of u.practices ?? []) {
    if (!refs.practices.has(p)) sink.fail(pos, "practices", `unknown practice ${JSON.stringify(p)}; expected slugs from ${[...refs.practices].sort().join(", ")}`);
    else if (seen.has(p)) sink.fail(pos, "practices", `practice ${p} is listed twice; expected each practice once`);
    seen.add(p);
  }
  if (u.status !== undefined && !(INITIATIVE_STATUSES as readonly string[]).includes(u.status))
    sink.fail(pos, "status", `unknown status ${JSON.stringify(u.status)}; expected one of ${INITIATIVE_STATUSES.join(", ")}`);
}

/**
 * Writes an update to a stored initiative and returns what changed (empty: nothing to write). A
 * tool change is logged to the analytics change log by the trigger on `initiatives.tool_slug`
 * (migration 0003), practices by theirs; a status change is logged here, so every metric sees the
 * initiative in its new cohort at the next read.
 */
export function applyInitiativeUpdate(conn: SqlConn, stored: InitiativeRow, storedPractices: string[], u: InitiativeUpdate): InitiativeChanges {
  const changes: InitiativeChanges = {};
  const title = u.title?.trim() ?? stored.title;
  const purpose = u.purpose === undefined ? stored.purpose : u.purpose;
  const tool = u.tool ?? stored.tool_slug;
  const status = u.status ?? stored.status;
  if (title !== stored.title) changes.title = [stored.title, title];
  if (purpose !== stored.purpose) changes.purpose = [stored.purpose, purpose];
  if (tool !== stored.tool_slug) changes.tool = [stored.tool_slug, tool];
  if (status !== stored.status) changes.status = [stored.status, status];
  if (changes.title || changes.purpose || changes.tool || changes.status)
    conn.prepare("UPDATE initiatives SET title = ?, purpose = ?, tool_slug = ?, status = ? WHERE id = ?").run(title, purpose, tool, status, stored.id);
  if (changes.status && !changes.tool) conn.prepare("INSERT INTO analytics_changes (initiative_id) VALUES (?)").run(stored.id);
  if (u.practices !== undefined) {
    const before = [...storedPractices].sort();
    const after = [...u.practices].sort();
    if (before.join(";") !== after.join(";")) {
      changes.practices = [before, after];
      const remove = conn.prepare("DELETE FROM initiative_practices WHERE initiative_id = ? AND practice_slug = ?");
      const add = conn.prepare("INSERT INTO initiative_practices (initiative_id, practice_slug) VALUES (?,?)");
      for (const p of before) if (!after.includes(p)) remove.run(stored.id, p);
      for (const p of after) if (!before.includes(p)) add.run(stored.id, p);
    }
  }
  return changes;
}
