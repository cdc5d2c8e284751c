import { dialectOf, type Dialect, type SqlConn, type SqlStatement } from "../driver/index.js";
import { BatchInsert } from "./batch.insert.js";
import { INITIATIVE_BOROUGH_COLUMNS, INITIATIVE_COLUMNS, STAGE_EVENT_COLUMNS, INITIATIVE_PARTNER_COLUMNS, INITIATIVE_PRACTICE_COLUMNS } from "./table.columns.js";
import type { ReferenceSets, StoredEvent } from "./write.rules.js";

/** The SQL a write session runs on its records, prepared once per session. */

/** Events per multi-row INSERT (8 parameters each, well under SQLite's parameter limit). */
export const EVENT_BATCH = 64;

/** An initiative row as stored. */
export interface InitiativeRow {
  id: string;
  title: string;
  purpose: string | null;
  lead_borough: string;
  tool_slug: string;
  process_slug: string;
  status: string;
  created_at: string;
}

export interface WriteStatements {
  insertEvent: SqlStatement;
  insertEventBatch: SqlStatement;
  eventByRef: SqlStatement<StoredEvent>;
  initiative: SqlStatement<InitiativeRow>;
  /** `signs`: 1 or 0 (true/false on PostgreSQL's integer column is also 1/0). */
  /** `dated`: 1 when the participant joined late or left (joined_at or left_at set). */
  initiativeBoroughs: SqlStatement<{ code: string; signs: number; dated: number }>;
  initiativePartners: SqlStatement<{ slug: string; signs: number; dated: number }>;
  initiativePractices: SqlStatement<{ slug: string }>;
  insertInitiative: SqlStatement;
  insertBorough: SqlStatement;
  insertPartner: SqlStatement;
  insertPractice: SqlStatement;
  insertOrganisation: SqlStatement;
  firstSubmittedBefore: SqlStatement<{ at: number | null }>;
}

/**
 * Prepares the session's statements. `recordedAt` and `actor` are constant per session: written
 * into the statements as literals rather than bound per row.
 */
export function prepareWriteStatements(s: SqlConn, recordedAt: string, actor: string): WriteStatements {
  const eventColumns = STAGE_EVENT_COLUMNS.join(", ");
  // The values of the columns before recorded_at and recorded_by are bound; those two are constants.
  const eventRow = `(${Array(STAGE_EVENT_COLUMNS.length - 2).fill("?").join(",")},${recordedAt},${actor})`;
  return {
    // PostgreSQL: numbered by the session, as its batches are (see EventInserter.copyBatch): a bulk
    // load into an empty table disables the trigger that numbers them otherwise (PgDeferredChecks).
    insertEvent: s.prepare(
      dialectOf(s) === "postgres"
        ? `INSERT INTO stage_events (id, ${eventColumns}) VALUES (?,${eventRow.slice(1)} ON CONFLICT(source, source_ref) DO NOTHING RETURNING id`
        : `INSERT INTO stage_events (${eventColumns}) VALUES ${eventRow} ON CONFLICT(source, source_ref) DO NOTHING`,
    ),
    // SQLite (PostgreSQL copies its batches; see EventInserter.flush). No ON CONFLICT: a clash
    // aborts the whole statement, and the rows are retried one by one.
    insertEventBatch: s.prepare(`INSERT INTO stage_events (${eventColumns}) VALUES ${Array(EVENT_BATCH).fill(eventRow).join(",")}`),
    eventByRef: s.prepare("SELECT id, initiative_id, stage, authority_code, organisation_slug, kind, at FROM stage_events WHERE source = ? AND source_ref = ?"),
    initiative: s.prepare("SELECT id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at FROM initiatives WHERE id = ?"),
    initiativeBoroughs: s.prepare("SELECT authority_code AS code, signs, CASE WHEN joined_at IS NULL AND left_at IS NULL THEN 0 ELSE 1 END AS dated FROM initiative_boroughs WHERE initiative_id = ?"),
    initiativePartners: s.prepare("SELECT organisation_slug AS slug, signs, CASE WHEN joined_at IS NULL AND left_at IS NULL THEN 0 ELSE 1 END AS dated FROM initiative_partners WHERE initiative_id = ?"),
    initiativePractices: s.prepare("SELECT practice_slug AS slug FROM initiative_practices WHERE initiative_id = ?"),
    insertInitiative: s.prepare(
      "INSERT INTO initiatives (id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at, synthetic, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,0,?,?)",
    ),
    insertBorough: s.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role, signs) VALUES (?,?,?,?)"),
    insertPartner: s.prepare("INSERT INTO initiative_partners (initiative_id, organisation_slug, role, signs) VALUES (?,?,'PARTNER',?)"),
    insertPractice: s.prepare("INSERT INTO initiative_practices (initiative_id, practice_slug) VALUES (?,?)"),
    insertOrganisation: s.prepare("INSERT INTO organisations (slug, name, kind, synthetic) VALUES (?,?,'OTHER',0)"),
    firstSubmittedBefore: s.prepare("SELECT MIN(at) AS at FROM stage_events WHERE initiative_id = ? AND stage = ? AND kind = 'SUBMITTED' AND id <= ?"),
  };
}

/**
 * A bulk session's rows of new initiatives, buffered into multi-row INSERTs (they cannot clash:
 * ids are checked first). Flushed, in this order, before anything reads or follows them.
 */
export interface NewInitiativeRows {
  initiatives: BatchInsert;
  boroughs: BatchInsert;
  partners: BatchInsert;
  practices: BatchInsert;
}

export function newInitiativeRows(s: SqlConn, dialect: Dialect): NewInitiativeRows {
  const initiatives = new BatchInsert(s, "initiatives", INITIATIVE_COLUMNS);
  // SQLite's bulk load has foreign-key enforcement off (see BulkLoad.relaxForeignKeys); PostgreSQL checks each row.
  const parent = dialect === "postgres" ? initiatives : undefined;
  return {
    initiatives,
    boroughs: new BatchInsert(s, "initiative_boroughs", INITIATIVE_BOROUGH_COLUMNS, 64, parent),
    partners: new BatchInsert(s, "initiative_partners", INITIATIVE_PARTNER_COLUMNS, 64, parent),
    practices: new BatchInsert(s, "initiative_practices", INITIATIVE_PRACTICE_COLUMNS, 64, parent),
  };
}

/** The reference data records are checked against, with the partners known and each process's live stage. */
export function readReferenceSets(s: SqlConn): ReferenceSets & { organisations: Set<string>; liveStageByProcess: Map<string, string> } {
  const authorities = new Set(s.prepare("SELECT code FROM authorities").pluck().all() as string[]);
  const tools = new Set(s.prepare("SELECT slug FROM tools").pluck().all() as string[]);
  const practices = new Set(s.prepare("SELECT slug FROM practices").pluck().all() as string[]);
  const organisations = new Set(s.prepare("SELECT slug FROM organisations").pluck().all() as string[]);
  const stagesByProcess = new Map<string, Set<string>>();
  const stages = s.prepare("SELECT process_slug AS p, code FROM process_stages ORDER BY process_slug, position").all() as { p: string; code: string }[];
  for (const { p, code } of stages) {
    if (!stagesByProcess.has(p)) stagesByProcess.set(p, new Set());
    stagesByProcess.get(p)!.add(code);
  }
  const liveStageByProcess = new Map<string, string>();
  for (const [p, set] of stagesByProcess) liveStageByProcess.set(p, set.has("ISA") ? "ISA" : [...set].at(-1)!);
  const defaultProcess = (s.prepare("SELECT slug FROM processes ORDER BY is_default DESC, slug LIMIT 1").pluck().get() as string | undefined) || "loti-2019";
  return { authorities, tools, practices, organisations, stagesByProcess, liveStageByProcess, defaultProcess };
}
