import { beginWrite, commit, dialectOf, isConstraintError, returningId, rollback, type SqlConn, type SqlStatement } from "./driver/index.js";
import type { HubDb } from "./connection.js";
import { CycleMaintainer } from "./cycles.js";
import { bumpDataVersion, getDatasetKind, setMeta } from "./meta.js";
import { EVENT_KINDS, deriveStageCycle, type CycleEvent, type EventKind } from "../analytics/cycle.js";
import { formatEventTime, isIsoDate, parseEventTime } from "./import/timestamp.js";

/**
 * The write service: the one place that decides whether an initiative, a participant or a stage
 * event may enter the database. The importer (thousands of rows, one transaction) and the GraphQL
 * mutations (one row) both go through a {@link WriteSession}, so they apply the same rules and
 * produce the same audit rows, derived cycles and data-version bump.
 */

export const INITIATIVE_STATUSES = ["ACTIVE", "LIVE", "WITHDRAWN", "REJECTED"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** An initiative in canonical form (the columns of `initiatives.csv`); strings as read. */
export interface InitiativeRecord {
  id: string;
  title: string;
  /** Undefined when the source has no purpose column (it is then neither written nor compared). */
  purpose?: string | null;
  lead_borough: string;
  /** GSS codes of every participating borough, the lead included. */
  boroughs: string[];
  /** Partner organisation slugs; unknown slugs are created as partners. */
  partners: string[];
  /** Display names for partners created by this record (mappings know them); default: the slug. */
  partnerNames?: Record<string, string>;
  tool: string;
  practices: string[];
  /** "" = derive from the events once they are in. */
  status: string;
  created_at: string;
  /**
   * false when the source has no creation date and `created_at` is only the day it was first
   * imported (tool mappings): a later re-import then does not count a different date as a conflict.
   */
  compareCreatedAt?: boolean;
}

/** A stage event in canonical form (the columns of `events.csv`); strings as read. */
export interface EventRecord {
  initiative_id: string;
  stage: string;
  /** "" = initiative-wide. */
  borough: string;
  kind: string;
  at: string;
  source: string;
  source_ref: string;
}

/** Where a record came from, so an error can name file, line and column. */
export interface RecordPosition {
  file: string;
  /** 1-based line of the record (0 for a record that has no line, such as a mutation's input). */
  line: number;
  /** How to name the column that holds a canonical field (e.g. `4 (kind)`); defaults to the field name. */
  column?: (field: string) => string;
}

/** One problem with one record. `field` is the canonical field at fault. */
export interface RowError {
  file: string;
  line: number;
  column: string;
  field: string;
  message: string;
}

/** `file:line: column C: message` — the one-line form the CLI prints. */
export function formatRowError(e: RowError): string {
  return `${e.file}:${e.line}: column ${e.column}: ${e.message}`;
}

/** What a session did (or, for a dry run or a failed one, would have done). */
export interface WriteSummary {
  committed: boolean;
  dryRun: boolean;
  initiativesCreated: number;
  initiativesUnchanged: number;
  participantsAdded: number;
  eventsAdded: number;
  eventsUnchanged: number;
  errors: RowError[];
  /** Errors beyond the ones kept in `errors`. */
  moreErrors: number;
}

export interface WriteSessionOptions {
  /** Who writes: an API key id, `anonymous`, `import:<file>`. Stored on rows and in the audit log. */
  actor: string;
  /** Validate and report, then roll back. */
  dryRun?: boolean;
  /** Audit a summary row for the whole session (imports) under this label, e.g. the file names. */
  importLabel?: string;
  /** Clock (tests). */
  now?: () => number;
  /** How many errors to keep in the summary (the rest are only counted). */
  maxErrors?: number;
  /**
   * A bulk load (imports): secondary indexes of the event and cycle tables that are empty when the
   * session begins are dropped and rebuilt before commit — building an index from sorted rows
   * costs a fraction of a million random insertions into it (measured: 4.9 s of CPU against
   * 11.5 s here). The drop is part of the transaction, so a failed or killed import keeps them.
   */
  bulk?: boolean;
}

interface InitiativeState {
  processSlug: string;
  boroughs: Set<string>;
  lead: string;
  /** Created in this session (its events are all in hand). */
  created: boolean;
  line: number;
  /** Status given explicitly in this session; otherwise it is derived after the events are in. */
  statusGiven: boolean;
  status: string;
  eventsAdded: number;
  lastEvent?: { id: number; stage: string; kind: string; borough: string | null; at: number };
}

interface Group {
  initiativeId: string;
  stage: string;
  kinds: number[];
  /** Indexes into WriteSession.boroughNames; -1 = initiative-wide. */
  boroughs: number[];
  ats: number[];
  lines: number[];
  /** Indexes into WriteSession.fileNames (small integers: the arrays hold no pointers for the GC to scan). */
  files: number[];
}

/** Tables a bulk load writes many rows to (their secondary indexes are rebuilt when they start empty). */
const BULK_TABLES = ["stage_events", "stage_cycles", "borough_signoffs", "initiatives", "initiative_boroughs", "initiative_partners", "initiative_practices"];

/**
 * The event index a bulk load keeps live while events arrive in initiative order (exports list
 * them so, and files usually group an initiative's events): each row then lands at the right edge
 * of the index, which costs less than sorting a million rows into it at the end (measured: about
 * 0.5 s of CPU per million events). The first event of an initiative that sorts before the previous
 * one drops it, to be rebuilt with the other deferred indexes.
 */
const ORDERED_INDEX = "stage_events_initiative_idx";

/** Events per multi-row INSERT (7 parameters each, well under SQLite's parameter limit). */
const EVENT_BATCH = 64;

/** A stored event, as compared with a record of the same (source, source_ref). */
interface StoredEvent {
  id: number;
  initiative_id: string;
  stage: string;
  authority_code: string | null;
  kind: string;
  at: number;
}

interface PendingEvent {
  rec: EventRecord;
  borough: string | null;
  kindIndex: number;
  at: number;
  line: number;
  file: string;
  column?: (field: string) => string;
  st: InitiativeState;
}

/**
 * Multi-row INSERTs for bulk rows that cannot clash (derived rows of initiatives created in this
 * session): one native call per `size` rows instead of one per row.
 */
class BatchInsert {
  private args: unknown[] = [];
  private readonly full: SqlStatement;
  private readonly one: SqlStatement;
  private readonly postgres: boolean;

  constructor(
    private readonly conn: SqlConn,
    private readonly sql: string,
    private readonly width: number,
    private readonly size = 64,
    /**
     * Rows this table's rows refer to (PostgreSQL, which checks foreign keys during a bulk load:
     * an initiative's rows are written before the borough rows that name it).
     */
    private readonly after?: BatchInsert,
  ) {
    const row = `(${Array(width).fill("?").join(",")})`;
    this.full = conn.prepare(`${sql} VALUES ${Array(size).fill(row).join(",")}`);
    this.one = conn.prepare(`${sql} VALUES ${row}`);
    this.postgres = dialectOf(conn) === "postgres";
  }

  add(...values: unknown[]): void {
    for (const v of values) this.args.push(v);
    if (this.args.length === this.width * this.size) {
      this.after?.flush();
      // Spread, not an array: better-sqlite3 reads an array argument element by element through generic property lookups.
      this.full.run(...this.args);
      this.args = [];
    }
  }

  flush(): void {
    if (this.postgres && this.args.length > this.width) {
      // One round trip to the database's worker for the rest, not one per row.
      this.after?.flush();
      const row = `(${Array(this.width).fill("?").join(",")})`;
      this.conn.prepare(`${this.sql} VALUES ${Array(this.args.length / this.width).fill(row).join(",")}`).run(this.args);
      this.args = [];
      return;
    }
    if (this.args.length > 0) this.after?.flush();
    for (let i = 0; i < this.args.length; i += this.width) this.one.run(this.args.slice(i, i + this.width));
    this.args = [];
  }
}

/**
 * More touched initiatives than this and a bulk session resets the analytics change log instead of
 * listing them (the metrics cache re-reads everything above 5,000 changed initiatives anyway).
 */
const LOG_RESET_ABOVE = 5000;

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const KIND_INDEX = new Map<string, number>(EVENT_KINDS.map((k, i) => [k, i]));
const APPROVED = KIND_INDEX.get("APPROVED")!;
const SUBMITTED = KIND_INDEX.get("SUBMITTED")!;

/** Splits a `;`-separated list, trimming blanks and dropping empty items. */
export function splitList(value: string | undefined | null): string[] {
  if (!value) return [];
  return value
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The status an initiative's derived stage cycles imply: REJECTED or WITHDRAWN when any stage
 * ended that way, LIVE once the live stage (`ISA` — the agreement is signed and sharing starts) is
 * approved, ACTIVE otherwise.
 */
export function deriveInitiativeStatus(outcomes: ReadonlyMap<string, string>, liveStage: string): InitiativeStatus {
  const all = [...outcomes.values()];
  if (all.includes("REJECTED")) return "REJECTED";
  if (all.includes("WITHDRAWN")) return "WITHDRAWN";
  if (outcomes.get(liveStage) === "APPROVED") return "LIVE";
  return "ACTIVE";
}

/**
 * One validated write: open with {@link begin}, add records, close with {@link finish}, which
 * checks the rules that need every record (an APPROVED before its stage's SUBMITTED), derives the
 * cycles of every touched (initiative, stage), audits, bumps the data version and commits — or
 * rolls everything back when any record was refused or the session is a dry run. Nothing is
 * visible to other connections before the commit, and a process killed mid-way leaves the
 * database as it was (SQLite's journal discards the open transaction).
 */
export class WriteSession {
  private readonly sql: SqlConn;
  private readonly now: () => number;
  private readonly maxErrors: number;
  private startedAt = 0;
  private baseMaxEventId = 0;
  private readonly errors: RowError[] = [];
  private moreErrors = 0;
  private open = false;
  private readonly summary = { initiativesCreated: 0, initiativesUnchanged: 0, participantsAdded: 0, eventsAdded: 0, eventsUnchanged: 0 };

  private authorities = new Set<string>();
  private tools = new Set<string>();
  private practices = new Set<string>();
  private organisations = new Set<string>();
  private stagesByProcess = new Map<string, Set<string>>();
  private liveStageByProcess = new Map<string, string>();
  private defaultProcess = "loti-2019";

  private readonly initiatives = new Map<string, InitiativeState | null>();
  private readonly groups = new Map<string, Group>();
  /** Line of each event inserted in this session, in insertion (= id) order (for duplicate reports). */
  private readonly eventLines: number[] = [];
  /**
   * Where the ids of this session's events jump: pairs (index into eventLines, id), one per run of
   * consecutive ids. SQLite's AUTOINCREMENT spends an id on every `ON CONFLICT DO NOTHING` that
   * skips a row, so after a re-import (or a skipped row in this session) ids are not contiguous.
   */
  private readonly idRuns: number[] = [];
  /** The id the next inserted event gets if it follows on from the last one. */
  private nextEventId = 1;
  private readonly eventFiles: number[] = [];
  /** File names by index, and the index of each. */
  private readonly fileNames: string[] = [];
  private readonly fileIndexes = new Map<string, number>();
  /** Borough codes by index (-1 = initiative-wide), for the same reason. */
  private readonly boroughNames: string[] = [];
  private readonly boroughIndexes = new Map<string, number>();
  /** (source, source_ref) of events skipped as identical to a stored one (a second copy in the file is still a duplicate). */
  private readonly skippedKeys = new Map<string, number>();
  private participantsChanged = new Set<string>();
  private pending: PendingEvent[] = [];
  /** The initiative of the last event added, and its state (see addEvent). */
  private lastEventInitiative: string | undefined;
  private lastEventState: InitiativeState | null = null;
  /** The file of the last event inserted, and its index in fileNames. */
  private lastFile: string | undefined;
  private lastFileIndex = -1;
  /** The deferred index still kept live while events arrive in its order (see {@link ORDERED_INDEX}). */
  private orderedIndex: { name: string; sql: string } | null = null;
  private lastGroup: Group | undefined;
  /** Indexes dropped for a bulk load, by table, with the SQL that rebuilds them. */
  private readonly deferredIndexes = new Map<string, { name: string; sql: string }[]>();
  /** Initiatives of this session that were refused: their events are not reported again as "unknown initiative". */
  private readonly refused = new Set<string>();
  /** Line of each initiative id given in this session (an id twice is an error). */
  private readonly initiativeLines = new Map<string, number>();
  /**
   * PostgreSQL bulk load into a database without initiatives: no id can be stored already (the
   * write lock keeps other writers out), so the per-row lookup — a round trip each — is skipped.
   */
  private noStoredInitiatives = false;

  /**
   * A bulk session's rows of new initiatives, buffered into multi-row INSERTs (they cannot clash:
   * ids are checked first). Flushed, in this order, before anything reads or follows them.
   */
  private newRows: { initiatives: BatchInsert; boroughs: BatchInsert; partners: BatchInsert; practices: BatchInsert; audit: BatchInsert } | null = null;

  private stmt!: {
    insertEvent: SqlStatement;
    insertEventBatch: SqlStatement;
    eventByRef: SqlStatement<StoredEvent>;
    initiative: SqlStatement<{ id: string; title: string; purpose: string | null; lead_borough: string; tool_slug: string; process_slug: string; status: string; created_at: string }>;
    initiativeBoroughs: SqlStatement<{ code: string }>;
    initiativePartners: SqlStatement<{ slug: string }>;
    initiativePractices: SqlStatement<{ slug: string }>;
    insertInitiative: SqlStatement;
    insertBorough: SqlStatement;
    insertPartner: SqlStatement;
    insertPractice: SqlStatement;
    insertOrganisation: SqlStatement;
    audit: SqlStatement;
    firstSubmittedBefore: SqlStatement<{ at: number | null }>;
    cycleOutcomes: SqlStatement<{ stage: string; outcome: string }>;
    setStatus: SqlStatement;
  };

  constructor(
    private readonly db: HubDb,
    private readonly options: WriteSessionOptions,
  ) {
    this.sql = db.sql;
    this.now = options.now ?? Date.now;
    this.maxErrors = options.maxErrors ?? 1000;
  }

  /** Starts the write transaction (BEGIN IMMEDIATE: a writer waits for other writers up front) and loads the reference sets. */
  begin(): this {
    const s = this.sql;
    // A bulk load checks every reference itself (see {@link relaxForeignKeys}); the pragma cannot change inside a transaction.
    if (this.options.bulk && !s.inTransaction) this.relaxForeignKeys();
    try {
      beginWrite(s);
    } catch (err) {
      this.restoreForeignKeys();
      throw err;
    }
    this.open = true;
    this.startedAt = this.now();
    this.baseMaxEventId = (s.prepare("SELECT COALESCE(MAX(id), 0) FROM stage_events").pluck().get() as number) ?? 0;
    this.nextEventId = this.baseMaxEventId + 1;
    this.authorities = new Set(s.prepare("SELECT code FROM authorities").pluck().all() as string[]);
    this.tools = new Set(s.prepare("SELECT slug FROM tools").pluck().all() as string[]);
    this.practices = new Set(s.prepare("SELECT slug FROM practices").pluck().all() as string[]);
    this.organisations = new Set(s.prepare("SELECT slug FROM organisations").pluck().all() as string[]);
    const stages = s.prepare("SELECT process_slug AS p, code FROM process_stages ORDER BY process_slug, position").all() as { p: string; code: string }[];
    for (const { p, code } of stages) {
      if (!this.stagesByProcess.has(p)) this.stagesByProcess.set(p, new Set());
      this.stagesByProcess.get(p)!.add(code);
    }
    for (const [p, set] of this.stagesByProcess) this.liveStageByProcess.set(p, set.has("ISA") ? "ISA" : [...set].at(-1)!);
    if (this.options.bulk) {
      this.deferIndexes(BULK_TABLES);
      // Migration 0004: the change-log triggers are silent while this row exists; logChanges writes the log at the end.
      s.exec("INSERT INTO analytics_changes_paused (paused) VALUES (1)");
      if (this.db.dialect === "postgres") this.noStoredInitiatives = s.prepare("SELECT 1 FROM initiatives LIMIT 1").get() === undefined;
    }
    const def = s.prepare("SELECT slug FROM processes ORDER BY is_default DESC, slug LIMIT 1").pluck().get() as string | undefined;
    if (def) this.defaultProcess = def;
    // Constant per session: written into the statements as literals rather than bound per row.
    const recordedAt = String(Math.trunc(this.startedAt));
    const actor = `'${this.options.actor.replace(/'/g, "''")}'`;
    this.stmt = {
      insertEvent: s.prepare(
        returningId(s, `INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,${recordedAt},${actor}) ON CONFLICT(source, source_ref) DO NOTHING`),
      ),
      // No ON CONFLICT: a clash aborts the whole statement, and the rows are retried one by one.
      // PostgreSQL: the session numbers the rows itself (see flushEvents), sparing the id trigger's query per row.
      insertEventBatch: s.prepare(
        this.db.dialect === "postgres"
          ? `INSERT INTO stage_events (id, initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES ${Array(EVENT_BATCH).fill(`(?,?,?,?,?,?,?,?,${recordedAt},${actor})`).join(",")} RETURNING id`
          : `INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES ${Array(EVENT_BATCH).fill(`(?,?,?,?,?,?,?,${recordedAt},${actor})`).join(",")}`,
      ),
      eventByRef: s.prepare("SELECT id, initiative_id, stage, authority_code, kind, at FROM stage_events WHERE source = ? AND source_ref = ?"),
      initiative: s.prepare("SELECT id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at FROM initiatives WHERE id = ?"),
      initiativeBoroughs: s.prepare("SELECT authority_code AS code FROM initiative_boroughs WHERE initiative_id = ?"),
      initiativePartners: s.prepare("SELECT organisation_slug AS slug FROM initiative_partners WHERE initiative_id = ?"),
      initiativePractices: s.prepare("SELECT practice_slug AS slug FROM initiative_practices WHERE initiative_id = ?"),
      insertInitiative: s.prepare(
        "INSERT INTO initiatives (id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at, synthetic, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,0,?,?)",
      ),
      insertBorough: s.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES (?,?,?)"),
      insertPartner: s.prepare("INSERT INTO initiative_partners (initiative_id, organisation_slug, role) VALUES (?,?,'PARTNER')"),
      insertPractice: s.prepare("INSERT INTO initiative_practices (initiative_id, practice_slug) VALUES (?,?)"),
      insertOrganisation: s.prepare("INSERT INTO organisations (slug, name, kind, synthetic) VALUES (?,?,'OTHER',0)"),
      audit: s.prepare("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail) VALUES (?,?,?,?,?,?)"),
      firstSubmittedBefore: s.prepare("SELECT MIN(at) AS at FROM stage_events WHERE initiative_id = ? AND stage = ? AND kind = 'SUBMITTED' AND id <= ?"),
      cycleOutcomes: s.prepare("SELECT stage, outcome FROM stage_cycles WHERE initiative_id = ?"),
      setStatus: s.prepare("UPDATE initiatives SET status = ? WHERE id = ?"),
    };
    if (this.options.bulk) {
      const initiatives = new BatchInsert(s, "INSERT INTO initiatives (id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at, synthetic, recorded_at, recorded_by)", 11);
      // SQLite's bulk load has foreign-key enforcement off (see relaxForeignKeys); PostgreSQL checks each row.
      const parent = this.db.dialect === "postgres" ? initiatives : undefined;
      this.newRows = {
        initiatives,
        boroughs: new BatchInsert(s, "INSERT INTO initiative_boroughs (initiative_id, authority_code, role)", 3, 64, parent),
        partners: new BatchInsert(s, "INSERT INTO initiative_partners (initiative_id, organisation_slug, role)", 3, 64, parent),
        practices: new BatchInsert(s, "INSERT INTO initiative_practices (initiative_id, practice_slug)", 2, 64, parent),
        audit: new BatchInsert(s, "INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail)", 6),
      };
    }
    return this;
  }

  /** Writes the buffered rows of new initiatives (audit rows last, so audit ids keep the order of events). */
  private flushNewRows(): void {
    const r = this.newRows;
    if (!r) return;
    r.initiatives.flush();
    r.boroughs.flush();
    r.partners.flush();
    r.practices.flush();
    r.audit.flush();
  }

  /** foreign_keys as it was before a bulk load turned it off (null: not turned off). */
  private foreignKeysBefore: number | null = null;

  /**
   * A bulk load turns SQLite's foreign-key enforcement off for its own transaction (measured: about
   * 1 s of CPU per million events, two index probes per row). This is safe because the session
   * never writes a reference it has not checked against the database inside the same transaction
   * (BEGIN IMMEDIATE: no other writer can remove the target meanwhile): an event's initiative is
   * one stored or created in this session ({@link state}) and its borough is in `authorities`; an
   * initiative's lead, boroughs, tool and practices are checked against the sets loaded in
   * {@link begin}, its process is the stored default and unknown partners are created first; the
   * derived cycles and sign-offs only repeat references of validated events. Enforcement is
   * restored right after COMMIT or ROLLBACK, and a killed process loses the setting with it.
   */
  private relaxForeignKeys(): void {
    const sqlite = this.db.sqlite;
    if (!sqlite) return; // PostgreSQL keeps checking them
    const before = sqlite.pragma("foreign_keys", { simple: true }) as number;
    if (!before) return;
    sqlite.pragma("foreign_keys = OFF");
    this.foreignKeysBefore = before;
  }

  private restoreForeignKeys(): void {
    if (this.foreignKeysBefore === null) return;
    this.db.sqlite!.pragma(`foreign_keys = ${this.foreignKeysBefore ? "ON" : "OFF"}`);
    this.foreignKeysBefore = null;
  }

  private deferIndexes(tables: string[]): void {
    if (this.db.dialect !== "sqlite") return; // PostgreSQL maintains its indexes as it goes
    for (const table of tables) {
      if (this.sql.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) continue;
      // Unique indexes stay: they are the duplicate check.
      const indexes = (this.sql.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[]).filter(
        (i) => !/^CREATE UNIQUE/i.test(i.sql),
      );
      const ordered = indexes.findIndex((i) => i.name === ORDERED_INDEX);
      if (ordered >= 0) this.orderedIndex = indexes.splice(ordered, 1)[0]!;
      for (const i of indexes) this.sql.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
      if (indexes.length > 0) this.deferredIndexes.set(table, indexes);
    }
  }

  /**
   * Drops the index kept live in {@link deferIndexes} once events stop arriving in initiative order
   * (it is then rebuilt with the others); rows already inserted are in it, so nothing is lost.
   */
  private dropOrderedIndex(): void {
    const i = this.orderedIndex!;
    this.orderedIndex = null;
    this.sql.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
    const deferred = this.deferredIndexes.get("stage_events") ?? [];
    deferred.push(i);
    this.deferredIndexes.set("stage_events", deferred);
  }

  private restoreIndexes(table: string): void {
    for (const i of this.deferredIndexes.get(table) ?? []) this.sql.exec(i.sql);
    this.deferredIndexes.delete(table);
  }

  /**
   * Refuses a record with U+0000 in any field: PostgreSQL cannot store it in text, and no id, code
   * or name needs it, so both databases refuse it alike. True when refused.
   */
  private refuseNul(pos: RecordPosition, fields: Record<string, string | readonly string[] | null | undefined>): boolean {
    for (const [field, value] of Object.entries(fields)) {
      const values = typeof value === "string" ? [value] : (value ?? []);
      if (values.some((v) => v.includes("\u0000"))) {
        this.fail(pos, field, `${field} contains the NUL character (U+0000); expected text without control character U+0000`);
        return true;
      }
    }
    return false;
  }

  /** Errors so far (a caller may stop early). */
  get errorCount(): number {
    return this.errors.length + this.moreErrors;
  }

  /** Records an error for a record (used by readers too, for rows they cannot even parse). */
  fail(pos: RecordPosition, field: string, message: string): void {
    if (this.errors.length >= this.maxErrors) {
      this.moreErrors++;
      return;
    }
    this.errors.push({ file: pos.file, line: pos.line, column: pos.column ? pos.column(field) : field, field, message });
  }

  private state(id: string): InitiativeState | null {
    if (this.initiatives.has(id)) return this.initiatives.get(id)!;
    const row = this.stmt.initiative.get(id);
    const st: InitiativeState | null = row
      ? {
          processSlug: row.process_slug,
          boroughs: new Set(this.stmt.initiativeBoroughs.all(id).map((r) => r.code)),
          lead: row.lead_borough,
          created: false,
          line: 0,
          statusGiven: false,
          status: row.status,
          eventsAdded: 0,
        }
      : null;
    this.initiatives.set(id, st);
    return st;
  }

  /**
   * Adds an initiative. An initiative already stored with the same content is skipped (so
   * re-importing a file changes nothing); one stored with different content is an error, as is an
   * id seen twice in one session.
   */
  addInitiative(rec: InitiativeRecord, pos: RecordPosition): void {
    // It may refuse or create the initiative addEvent looked up last.
    this.lastEventInitiative = undefined;
    this.lastEventState = null;
    if (this.refuseNul(pos, { id: rec.id, title: rec.title, purpose: rec.purpose, lead_borough: rec.lead_borough, boroughs: rec.boroughs, partners: rec.partners, tool: rec.tool, practices: rec.practices, status: rec.status, created_at: rec.created_at })) return;
    const before = this.errorCount;
    const id = rec.id.trim();
    if (!id) this.fail(pos, "id", "missing initiative id; expected a non-empty identifier");
    if (!rec.title.trim()) this.fail(pos, "title", "missing title; expected the initiative's name");
    const boroughs = rec.boroughs;
    if (!rec.lead_borough) this.fail(pos, "lead_borough", "missing lead borough; expected a GSS code such as E09000001");
    else if (!this.authorities.has(rec.lead_borough))
      this.fail(pos, "lead_borough", `unknown borough code ${JSON.stringify(rec.lead_borough)}; expected a London GSS code E09000001..E09000033`);
    else if (!boroughs.includes(rec.lead_borough))
      this.fail(pos, "boroughs", `the lead borough ${rec.lead_borough} is not listed in boroughs; expected every participating borough, the lead included`);
    const seen = new Set<string>();
    for (const b of boroughs) {
      if (b === rec.lead_borough && !this.authorities.has(b)) continue; // reported once, as the lead
      if (!this.authorities.has(b)) this.fail(pos, "boroughs", `unknown borough code ${JSON.stringify(b)}; expected ;-separated London GSS codes E09000001..E09000033`);
      else if (seen.has(b)) this.fail(pos, "boroughs", `borough ${b} is listed twice; expected each borough once`);
      seen.add(b);
    }
    const partnerSeen = new Set<string>();
    for (const p of rec.partners) {
      if (!SLUG.test(p)) this.fail(pos, "partners", `partner ${JSON.stringify(p)} is not a slug; expected lower-case letters, digits and hyphens, e.g. met-police`);
      else if (partnerSeen.has(p)) this.fail(pos, "partners", `partner ${p} is listed twice; expected each partner once`);
      partnerSeen.add(p);
    }
    if (!this.tools.has(rec.tool))
      this.fail(pos, "tool", `unknown tool ${JSON.stringify(rec.tool)}; expected one of ${[...this.tools].sort().join(", ")}`);
    const practiceSeen = new Set<string>();
    for (const p of rec.practices) {
      if (!this.practices.has(p)) this.fail(pos, "practices", `unknown practice ${JSON.stringify(p)}; expected ;-separated slugs from ${[...this.practices].sort().join(", ")}`);
      else if (practiceSeen.has(p)) this.fail(pos, "practices", `practice ${p} is listed twice; expected each practice once`);
      practiceSeen.add(p);
    }
    if (rec.status && !(INITIATIVE_STATUSES as readonly string[]).includes(rec.status))
      this.fail(pos, "status", `unknown status ${JSON.stringify(rec.status)}; expected empty (derived from the events) or one of ${INITIATIVE_STATUSES.join(", ")}`);
    if (!isIsoDate(rec.created_at)) this.fail(pos, "created_at", `${JSON.stringify(rec.created_at)} is not a date; expected an ISO 8601 date YYYY-MM-DD`);
    if (!this.stagesByProcess.has(this.defaultProcess))
      this.fail(pos, "id", `the database has no process definition ${this.defaultProcess}; expected the reference data to be loaded (npm run hub -- seed)`);
    if (this.errorCount > before || !id) {
      if (id) this.refused.add(id);
      return;
    }

    const earlier = this.initiativeLines.get(id);
    if (earlier !== undefined) {
      this.fail(pos, "id", `initiative ${id} appears twice; it was already given on line ${earlier} (expected each initiative once per file)`);
      return;
    }
    this.initiativeLines.set(id, pos.line);
    const existing = this.noStoredInitiatives ? undefined : this.stmt.initiative.get(id);
    if (existing) {
      const diff = this.differences(existing, rec);
      if (diff.length > 0) {
        const [field, stored, given] = diff[0]!;
        this.fail(pos, field, `initiative ${id} is already stored with a different ${field} (stored ${JSON.stringify(stored)}, here ${JSON.stringify(given)}); expected the same content, or a new id`);
      } else {
        this.summary.initiativesUnchanged++;
        this.state(id);
      }
      return;
    }

    const at = this.now();
    const actor = this.options.actor;
    const status = rec.status || "ACTIVE";
    const detail = JSON.stringify({ title: rec.title, leadBorough: rec.lead_borough, boroughs, partners: rec.partners, tool: rec.tool, practices: rec.practices, status: rec.status || null, createdAt: rec.created_at });
    const r = this.newRows;
    if (r) {
      r.initiatives.add(id, rec.title, rec.purpose ?? null, rec.lead_borough, rec.tool, this.defaultProcess, status, rec.created_at, 0, at, actor);
      for (const b of boroughs) r.boroughs.add(id, b, b === rec.lead_borough ? "LEAD" : "PARTICIPANT");
      for (const p of rec.partners) {
        this.ensureOrganisation(p, rec.partnerNames?.[p]);
        r.partners.add(id, p, "PARTNER");
      }
      for (const p of rec.practices) r.practices.add(id, p);
      r.audit.add(at, actor, "initiative.create", "initiative", id, detail);
    } else {
      this.stmt.insertInitiative.run(id, rec.title, rec.purpose ?? null, rec.lead_borough, rec.tool, this.defaultProcess, status, rec.created_at, at, actor);
      for (const b of boroughs) this.stmt.insertBorough.run(id, b, b === rec.lead_borough ? "LEAD" : "PARTICIPANT");
      for (const p of rec.partners) {
        this.ensureOrganisation(p, rec.partnerNames?.[p]);
        this.stmt.insertPartner.run(id, p);
      }
      for (const p of rec.practices) this.stmt.insertPractice.run(id, p);
      this.stmt.audit.run(at, actor, "initiative.create", "initiative", id, detail);
    }
    this.initiatives.set(id, {
      processSlug: this.defaultProcess,
      boroughs: new Set(boroughs),
      lead: rec.lead_borough,
      created: true,
      line: pos.line,
      statusGiven: rec.status !== "",
      status,
      eventsAdded: 0,
    });
    this.summary.initiativesCreated++;
  }

  private ensureOrganisation(slug: string, name: string | undefined): void {
    if (this.organisations.has(slug)) return;
    this.stmt.insertOrganisation.run(slug, name ?? slug);
    this.organisations.add(slug);
  }

  private differences(row: { title: string; purpose: string | null; lead_borough: string; tool_slug: string; status: string; created_at: string; id: string }, rec: InitiativeRecord): [string, string, string][] {
    const out: [string, string, string][] = [];
    const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(";") === [...b].sort().join(";");
    if (row.title !== rec.title) out.push(["title", row.title, rec.title]);
    if (rec.purpose !== undefined && (row.purpose ?? "") !== (rec.purpose ?? "")) out.push(["purpose", row.purpose ?? "", rec.purpose ?? ""]);
    if (row.lead_borough !== rec.lead_borough) out.push(["lead_borough", row.lead_borough, rec.lead_borough]);
    const boroughs = this.stmt.initiativeBoroughs.all(row.id).map((r) => r.code);
    if (!same(boroughs, rec.boroughs)) out.push(["boroughs", boroughs.sort().join(";"), [...rec.boroughs].sort().join(";")]);
    const partners = this.stmt.initiativePartners.all(row.id).map((r) => r.slug);
    if (!same(partners, rec.partners)) out.push(["partners", partners.sort().join(";"), [...rec.partners].sort().join(";")]);
    if (row.tool_slug !== rec.tool) out.push(["tool", row.tool_slug, rec.tool]);
    const practices = this.stmt.initiativePractices.all(row.id).map((r) => r.slug);
    if (!same(practices, rec.practices)) out.push(["practices", practices.sort().join(";"), [...rec.practices].sort().join(";")]);
    if (rec.status && row.status !== rec.status) out.push(["status", row.status, rec.status]);
    if (rec.compareCreatedAt !== false && row.created_at !== rec.created_at) out.push(["created_at", row.created_at, rec.created_at]);
    return out;
  }

  /**
   * Adds boroughs and partners to a stored initiative (the ones it already has are skipped). Its
   * stage cycles are re-derived at the end: a stage needs every participating borough's approval.
   */
  addParticipants(initiativeId: string, boroughs: string[], partners: string[], pos: RecordPosition, partnerNames?: Record<string, string>): void {
    if (this.refuseNul(pos, { initiative_id: initiativeId, boroughs, partners })) return;
    const before = this.errorCount;
    const st = this.state(initiativeId);
    if (!st) {
      this.fail(pos, "initiative_id", `unknown initiative ${JSON.stringify(initiativeId)}; expected the id of a stored initiative`);
      return;
    }
    for (const b of boroughs)
      if (!this.authorities.has(b)) this.fail(pos, "boroughs", `unknown borough code ${JSON.stringify(b)}; expected London GSS codes E09000001..E09000033`);
    for (const p of partners)
      if (!SLUG.test(p)) this.fail(pos, "partners", `partner ${JSON.stringify(p)} is not a slug; expected lower-case letters, digits and hyphens, e.g. met-police`);
    if (this.errorCount > before) return;
    this.flushNewRows();
    const at = this.now();
    const storedPartners = new Set(this.stmt.initiativePartners.all(initiativeId).map((r) => r.slug));
    const addedB: string[] = [];
    const addedP: string[] = [];
    for (const b of new Set(boroughs)) {
      if (st.boroughs.has(b)) continue;
      this.stmt.insertBorough.run(initiativeId, b, "PARTICIPANT");
      st.boroughs.add(b);
      addedB.push(b);
    }
    for (const p of new Set(partners)) {
      if (storedPartners.has(p)) continue;
      this.ensureOrganisation(p, partnerNames?.[p]);
      this.stmt.insertPartner.run(initiativeId, p);
      addedP.push(p);
    }
    if (addedB.length + addedP.length === 0) return;
    this.summary.participantsAdded += addedB.length + addedP.length;
    if (addedB.length > 0) this.participantsChanged.add(initiativeId);
    this.stmt.audit.run(at, this.options.actor, "participants.add", "initiative", initiativeId, JSON.stringify({ boroughs: addedB, partners: addedP }));
  }

  /**
   * Adds a stage event. An event whose (source, source_ref) is stored with the same content is
   * skipped; with different content, or seen twice in one session, it is an error. Events are
   * buffered and inserted in batches (see {@link flushEvents}); {@link finish} flushes the rest.
   */
  addEvent(rec: EventRecord, pos: RecordPosition): void {
    if (rec.initiative_id.includes("\u0000") || rec.source_ref.includes("\u0000") || rec.source.includes("\u0000") || rec.stage.includes("\u0000") || rec.borough.includes("\u0000") || rec.kind.includes("\u0000") || rec.at.includes("\u0000")) {
      this.refuseNul(pos, { initiative_id: rec.initiative_id, stage: rec.stage, borough: rec.borough, kind: rec.kind, at: rec.at, source: rec.source, source_ref: rec.source_ref });
      return;
    }
    const before = this.errorCount;
    const kindIndex = KIND_INDEX.get(rec.kind);
    if (kindIndex === undefined) this.fail(pos, "kind", `unknown event kind ${JSON.stringify(rec.kind)}; expected one of ${EVENT_KINDS.join(", ")}`);
    // Files list an initiative's events together: the previous event's initiative is reused without a lookup.
    let st: InitiativeState | null;
    if (rec.initiative_id === this.lastEventInitiative && rec.initiative_id) st = this.lastEventState;
    else {
      if (this.refused.has(rec.initiative_id)) return;
      st = rec.initiative_id ? this.state(rec.initiative_id) : null;
      this.lastEventInitiative = st ? rec.initiative_id : undefined;
      this.lastEventState = st;
    }
    if (!rec.initiative_id) this.fail(pos, "initiative_id", "missing initiative id; expected the id of an initiative in the initiatives file or the database");
    else if (!st) this.fail(pos, "initiative_id", `unknown initiative ${JSON.stringify(rec.initiative_id)}; expected the id of an initiative in the initiatives file or the database`);
    if (st) {
      const stages = this.stagesByProcess.get(st.processSlug);
      if (!stages?.has(rec.stage))
        this.fail(pos, "stage", `unknown stage ${JSON.stringify(rec.stage)} for process ${st.processSlug}; expected one of ${[...(stages ?? [])].join(", ")}`);
    } else if (rec.stage === "") this.fail(pos, "stage", "missing stage; expected a stage of the process definition, e.g. DPIA");
    let borough: string | null = null;
    if (rec.borough !== "") {
      if (!this.authorities.has(rec.borough))
        this.fail(pos, "borough", `unknown borough code ${JSON.stringify(rec.borough)}; expected a London GSS code E09000001..E09000033, or empty for an initiative-wide event`);
      else if (st && !st.boroughs.has(rec.borough))
        this.fail(pos, "borough", `borough ${rec.borough} does not take part in initiative ${rec.initiative_id}; expected one of ${[...st.boroughs].sort().join(", ")}, or empty for an initiative-wide event`);
      else borough = rec.borough;
    }
    const at = parseEventTime(rec.at);
    if (at === null)
      this.fail(pos, "at", `${JSON.stringify(rec.at)} is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`);
    if (!rec.source) this.fail(pos, "source", "missing source; expected the system the event came from, e.g. isg");
    if (!rec.source_ref) this.fail(pos, "source_ref", "missing source_ref; expected the event's id in its source system");
    if (this.errorCount > before || !st || at === null || kindIndex === undefined) return;

    // Only a re-import has skipped keys; a first import does not pay for building the key.
    const skippedLine = this.skippedKeys.size === 0 ? undefined : this.skippedKeys.get(`${rec.source}\u0000${rec.source_ref}`);
    if (skippedLine !== undefined) {
      this.fail(pos, "source_ref", `duplicate event (source ${rec.source}, source_ref ${rec.source_ref}): already given on line ${skippedLine}; expected each (source, source_ref) once`);
      return;
    }
    this.pending.push({ rec, borough, kindIndex, at, line: pos.line, file: pos.file, column: pos.column, st });
    if (this.pending.length === EVENT_BATCH) this.flushEvents();
  }

  /**
   * Inserts the buffered events. A batch goes in as one multi-row INSERT (a third fewer
   * native calls per event); when it hits the (source, source_ref) unique index, SQLite backs out
   * that statement alone and the rows are retried one by one to tell a stored duplicate from a
   * conflict or a repeat within the file.
   */
  flushEvents(): void {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.flushNewRows();
    this.pending = [];
    if (rows.length === EVENT_BATCH) {
      // PostgreSQL aborts the whole transaction on a failed statement unless it ran in a savepoint.
      const guarded = this.db.dialect === "postgres";
      const args: unknown[] = new Array(rows.length * (guarded ? 8 : 7));
      let j = 0;
      // PostgreSQL: ids follow on from the last inserted one (MAX(id) + 1, as the id trigger of
      // migration 0001 numbers them): the write lock keeps other writers out until COMMIT.
      let nextId = this.nextEventId - 1;
      for (const r of rows) {
        if (guarded) args[j++] = ++nextId;
        args[j++] = r.rec.initiative_id;
        args[j++] = r.rec.stage;
        args[j++] = r.borough;
        args[j++] = r.rec.kind;
        args[j++] = r.at;
        args[j++] = r.rec.source;
        args[j++] = r.rec.source_ref;
      }
      let last: number | null = null;
      if (guarded) this.sql.exec("SAVEPOINT event_batch");
      try {
        last = Number(this.stmt.insertEventBatch.run(...args).lastInsertRowid);
        if (guarded) this.sql.exec("RELEASE SAVEPOINT event_batch");
      } catch (err) {
        if (guarded) this.sql.exec("ROLLBACK TO SAVEPOINT event_batch; RELEASE SAVEPOINT event_batch");
        if (!isConstraintError(err)) throw err;
      }
      if (last !== null) {
        let id = last - rows.length + 1;
        for (const r of rows) this.inserted(r, id++);
        return;
      }
      if (guarded) {
        // A re-import: the stored events of the batch in one query, not a failed insert and a lookup
        // each (two round trips per event). A row not stored yet is inserted as below.
        const stored = new Map<string, StoredEvent>();
        const found = this.sql
          .prepare<StoredEvent & { source: string; source_ref: string }>(
            "SELECT e.id, e.initiative_id, e.stage, e.authority_code, e.kind, e.at, e.source, e.source_ref FROM stage_events e JOIN unnest(?::text[], ?::text[]) AS k(source, source_ref) ON e.source = k.source AND e.source_ref = k.source_ref",
          )
          .all(rows.map((r) => r.rec.source), rows.map((r) => r.rec.source_ref));
        for (const e of found) stored.set(`${e.source}\u0000${e.source_ref}`, e);
        for (const r of rows) {
          const old = stored.get(`${r.rec.source}\u0000${r.rec.source_ref}`);
          if (old) this.existingEvent(r, old);
          else this.insertOne(r);
        }
        return;
      }
    }
    for (const r of rows) this.insertOne(r);
  }

  private insertOne(p: PendingEvent): void {
    const { rec, borough, at } = p;
    const res = this.stmt.insertEvent.run(rec.initiative_id, rec.stage, borough, rec.kind, at, rec.source, rec.source_ref);
    if (res.changes === 0) {
      this.existingEvent(p, this.stmt.eventByRef.get(rec.source, rec.source_ref)!);
      return;
    }
    this.inserted(p, Number(res.lastInsertRowid));
  }

  /** An event whose (source, source_ref) is stored already: a repeat within the session, a conflict, or unchanged. */
  private existingEvent(p: PendingEvent, old: StoredEvent): void {
    const { rec, borough, at } = p;
    const pos: RecordPosition = { file: p.file, line: p.line, column: p.column };
    if (old.id > this.baseMaxEventId) {
      const i = this.eventIndex(old.id);
      const earlierFile = this.fileNames[this.eventFiles[i]!]!;
      const where = earlierFile === pos.file ? `line ${this.eventLines[i]}` : `${earlierFile} line ${this.eventLines[i]}`;
      this.fail(pos, "source_ref", `duplicate event (source ${rec.source}, source_ref ${rec.source_ref}): already given on ${where}; expected each (source, source_ref) once`);
      return;
    }
    const diff: [string, string, string][] = [];
    if (old.initiative_id !== rec.initiative_id) diff.push(["initiative_id", old.initiative_id, rec.initiative_id]);
    if (old.stage !== rec.stage) diff.push(["stage", old.stage, rec.stage]);
    if ((old.authority_code ?? "") !== (borough ?? "")) diff.push(["borough", old.authority_code ?? "", borough ?? ""]);
    if (old.kind !== rec.kind) diff.push(["kind", old.kind, rec.kind]);
    if (old.at !== at) diff.push(["at", formatEventTime(old.at), formatEventTime(at)]);
    if (diff.length > 0) {
      const [field, stored, given] = diff[0]!;
      this.fail(pos, field, `event (source ${rec.source}, source_ref ${rec.source_ref}) is already stored with a different ${field} (stored ${JSON.stringify(stored)}, here ${JSON.stringify(given)}); expected the same content, or a new source_ref`);
    } else {
      this.summary.eventsUnchanged++;
      this.skippedKeys.set(`${rec.source}\u0000${rec.source_ref}`, pos.line);
    }
  }

  /** The index into eventLines of the event this session inserted with `id`. */
  private eventIndex(id: number): number {
    const runs = this.idRuns;
    let lo = 0;
    let hi = runs.length / 2 - 1;
    // the last run whose first id is at most `id`
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[2 * mid + 1]! <= id) lo = mid;
      else hi = mid - 1;
    }
    return runs[2 * lo]! + (id - runs[2 * lo + 1]!);
  }

  private indexOf(indexes: Map<string, number>, names: string[], name: string): number {
    let i = indexes.get(name);
    if (i === undefined) {
      i = names.length;
      names.push(name);
      indexes.set(name, i);
    }
    return i;
  }

  private inserted(p: PendingEvent, id: number): void {
    const { rec, st } = p;
    if (id !== this.nextEventId || this.idRuns.length === 0) this.idRuns.push(this.eventLines.length, id);
    this.nextEventId = id + 1;
    this.eventLines.push(p.line);
    if (p.file !== this.lastFile) {
      this.lastFileIndex = this.indexOf(this.fileIndexes, this.fileNames, p.file);
      this.lastFile = p.file;
    }
    const fileIndex = this.lastFileIndex;
    this.eventFiles.push(fileIndex);
    this.summary.eventsAdded++;
    st.eventsAdded++;
    // Only read when the session added exactly one event to the initiative: no object per event.
    if (st.eventsAdded === 1) st.lastEvent = { id, stage: rec.stage, kind: rec.kind, borough: p.borough, at: p.at };
    // Files usually list a stage's events together: reuse the last group before hashing a key.
    let g = this.lastGroup;
    if (!g || g.initiativeId !== rec.initiative_id || g.stage !== rec.stage) {
      if (this.orderedIndex && g && rec.initiative_id < g.initiativeId) this.dropOrderedIndex();
      const gk = `${rec.initiative_id}\u0000${rec.stage}`;
      g = this.groups.get(gk);
      if (!g) {
        g = { initiativeId: rec.initiative_id, stage: rec.stage, kinds: [], boroughs: [], ats: [], lines: [], files: [] };
        this.groups.set(gk, g);
      }
      this.lastGroup = g;
    }
    g.kinds.push(p.kindIndex);
    g.boroughs.push(p.borough === null ? -1 : this.indexOf(this.boroughIndexes, this.boroughNames, p.borough));
    g.ats.push(p.at);
    g.lines.push(p.line);
    g.files.push(fileIndex);
  }

  /** Rolls back without checking anything (the caller gave up, e.g. an unreadable file). */
  abort(): void {
    if (this.open) {
      try {
        rollback(this.sql);
      } finally {
        this.open = false;
        this.restoreForeignKeys();
      }
    }
  }

  /**
   * Applies the whole-session rules, then derives cycles and statuses, audits, bumps the data
   * version and commits; rolls back instead when there are errors or this is a dry run.
   * `onProgress(done, total)` reports the cycle derivation of touched stages.
   */
  finish(onProgress?: (done: number, total: number) => void): WriteSummary {
    if (!this.open) throw new Error("WriteSession.finish called without begin");
    try {
      this.flushNewRows();
      this.flushEvents();
      // Cycle derivation of stored initiatives reads events by (initiative, stage): index first.
      this.restoreIndexes("stage_events");
      this.checkApprovals();
      const dryRun = this.options.dryRun ?? false;
      if (this.errorCount > 0 || dryRun) {
        this.abort();
        return this.result(false);
      }
      this.deriveCycles(onProgress);
      for (const table of [...this.deferredIndexes.keys()]) this.restoreIndexes(table);
      const changed = this.summary.initiativesCreated + this.summary.eventsAdded + this.summary.participantsAdded > 0;
      if (changed) {
        const at = this.now();
        for (const [id, st] of this.initiatives) {
          if (!st || st.eventsAdded === 0) continue;
          const detail = st.eventsAdded === 1 && st.lastEvent
            ? { eventId: st.lastEvent.id, stage: st.lastEvent.stage, kind: st.lastEvent.kind, borough: st.lastEvent.borough, at: formatEventTime(st.lastEvent.at) }
            : { events: st.eventsAdded };
          const action = this.options.importLabel !== undefined ? "events.import" : "event.record";
          if (this.newRows) this.newRows.audit.add(at, this.options.actor, action, "initiative", id, JSON.stringify(detail));
          else this.stmt.audit.run(at, this.options.actor, action, "initiative", id, JSON.stringify(detail));
        }
        this.flushNewRows();
        if (this.options.importLabel !== undefined)
          this.stmt.audit.run(at, this.options.actor, "import", "import", this.options.importLabel, JSON.stringify(this.summary));
        bumpDataVersion(this.sql);
        if (getDatasetKind(this.sql) === "empty") setMeta(this.sql, "dataset", "imported");
      }
      if (this.options.bulk) this.logChanges();
      commit(this.sql);
      this.open = false;
      this.restoreForeignKeys();
      return this.result(true);
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /**
   * Ends the pause of the analytics change-log triggers (begin, bulk) and logs what they would have:
   * every initiative created, given events or given participants in this session. Above
   * {@link LOG_RESET_ABOVE} initiatives the log is reset instead — emptied, and one entry whose seq
   * leaves a gap — which the metrics cache (schema/metrics/cycle.store.ts) reads as pruned entries
   * and answers with a full read, as it would for that many entries anyway.
   */
  private logChanges(): void {
    const s = this.sql;
    s.exec("DELETE FROM analytics_changes_paused");
    const touched = new Set<string>(this.participantsChanged);
    for (const [id, st] of this.initiatives) if (st && (st.created || st.eventsAdded > 0)) touched.add(id);
    if (touched.size === 0) return;
    if (touched.size <= LOG_RESET_ABOVE && this.db.dialect === "postgres") {
      // One statement (one round trip), in the same order as the rows below.
      s.prepare("INSERT INTO analytics_changes (initiative_id) SELECT id FROM unnest(?::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n").run([[...touched]]); // [[ids]]: one parameter, an array
      return;
    }
    if (touched.size <= LOG_RESET_ABOVE) {
      const log = s.prepare("INSERT INTO analytics_changes (initiative_id) VALUES (?)");
      for (const id of touched) log.run(id);
      return;
    }
    const hi = (s.prepare("SELECT COALESCE(MAX(seq), 0) FROM analytics_changes").pluck().get() as number) ?? 0;
    s.exec("DELETE FROM analytics_changes");
    s.prepare("INSERT INTO analytics_changes (seq, initiative_id) VALUES (?, ?)").run(hi + 2, touched.values().next().value!);
    // PostgreSQL: an explicit value does not move the identity sequence; later entries must number after it.
    if (this.db.dialect === "postgres") s.prepare("SELECT setval(pg_get_serial_sequence('analytics_changes', 'seq'), ?)").get(hi + 2);
  }

  private result(committed: boolean): WriteSummary {
    return { committed, dryRun: this.options.dryRun ?? false, ...this.summary, errors: [...this.errors].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)), moreErrors: this.moreErrors };
  }

  /** APPROVED needs the stage's SUBMITTED first (stored or in this session), at or before it. */
  private checkApprovals(): void {
    for (const g of this.groups.values()) {
      if (!g.kinds.includes(APPROVED)) continue;
      let first = Infinity;
      const st = this.initiatives.get(g.initiativeId)!;
      if (!st.created && this.baseMaxEventId > 0) first = this.stmt.firstSubmittedBefore.get(g.initiativeId, g.stage, this.baseMaxEventId)?.at ?? Infinity;
      for (let i = 0; i < g.kinds.length; i++) if (g.kinds[i] === SUBMITTED && g.ats[i]! < first) first = g.ats[i]!;
      for (let i = 0; i < g.kinds.length; i++) {
        if (g.kinds[i] !== APPROVED) continue;
        const file = this.fileNames[g.files[i]!]!;
        const pos = { file, line: g.lines[i]!, column: this.columnNamer(file) };
        if (first === Infinity)
          this.fail(pos, "kind", `APPROVED for stage ${g.stage} of initiative ${g.initiativeId}, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)`);
        else if (g.ats[i]! < first)
          this.fail(pos, "at", `APPROVED at ${formatEventTime(g.ats[i]!)} is before stage ${g.stage}'s first SUBMITTED (${formatEventTime(first)}) of initiative ${g.initiativeId}; expected an approval at or after the submission`);
      }
    }
  }

  private readonly columnNamers = new Map<string, (field: string) => string>();
  /** Lets a reader say how its file names columns, for errors raised after the rows were read. */
  setColumnNamer(file: string, namer: (field: string) => string): void {
    this.columnNamers.set(file, namer);
  }
  private columnNamer(file: string): ((field: string) => string) | undefined {
    return this.columnNamers.get(file);
  }

  private deriveCycles(onProgress?: (done: number, total: number) => void): void {
    const cycles = new CycleMaintainer(this.sql);
    const newCycles = new BatchInsert(this.sql, "INSERT INTO stage_cycles (initiative_id, stage, outcome, submitted_at, approved_at, ended_at, rounds, team_ms, open_query_at)", 9);
    const newSignoffs = new BatchInsert(this.sql, "INSERT INTO borough_signoffs (initiative_id, stage, authority_code, approved_at)", 4);
    // The outcomes of new initiatives are kept from their derivation, not read back (a query per
    // initiative; on PostgreSQL each statement is a round trip to the worker thread and the server),
    // and on PostgreSQL their statuses are set in one UPDATE.
    const postgres = this.db.dialect === "postgres";
    const createdOutcomes = new Map<string, Map<string, string>>();
    const statusUpdates: [string, string][] | null = postgres ? [] : null;
    const total = this.groups.size + this.participantsChanged.size;
    let done = 0;
    const step = Math.max(1, Math.floor(total / 100));
    const pool: { kind: EventKind; borough: string | null; at: number }[] = [];
    const events: CycleEvent[] = [];
    // Groups of one initiative are consecutive: its participant list is built once, not per stage.
    let participantsOf: InitiativeState | null = null;
    let participants: string[] = [];
    for (const g of this.groups.values()) {
      const st = this.initiatives.get(g.initiativeId)!;
      if (this.participantsChanged.has(g.initiativeId)) {
        // refreshed with the whole initiative below
      } else if (st.created) {
        // deriveStageCycle reads its events only during the call: the event objects are reused across groups.
        const n = g.kinds.length;
        while (pool.length < n) pool.push({ kind: "SUBMITTED", borough: null, at: 0 });
        events.length = n;
        for (let i = 0; i < n; i++) {
          const e = pool[i]!;
          e.kind = EVENT_KINDS[g.kinds[i]!] as EventKind;
          e.borough = g.boroughs[i]! < 0 ? null : this.boroughNames[g.boroughs[i]!]!;
          e.at = g.ats[i]!;
          events[i] = e;
        }
        if (participantsOf !== st) {
          participantsOf = st;
          participants = [...st.boroughs];
        }
        const c = deriveStageCycle(events, participants);
        if (c) {
          let m = createdOutcomes.get(g.initiativeId);
          if (!m) createdOutcomes.set(g.initiativeId, (m = new Map()));
          m.set(g.stage, c.outcome);
          newCycles.add(g.initiativeId, g.stage, c.outcome, c.submittedAt, c.approvedAt, c.endedAt, c.rounds, c.teamMs, c.openQueryAt);
          for (const [code, at] of c.signoffs) newSignoffs.add(g.initiativeId, g.stage, code, at);
        }
      } else {
        cycles.refresh(g.initiativeId, g.stage, [...st.boroughs]);
      }
      if (++done % step === 0) onProgress?.(done, total);
    }
    newCycles.flush();
    newSignoffs.flush();
    for (const id of this.participantsChanged) {
      cycles.refreshInitiative(id);
      if (++done % step === 0) onProgress?.(done, total);
    }
    onProgress?.(total, total);
    // Statuses follow the events unless the source stated one; REJECTED/WITHDRAWN/LIVE are kept.
    for (const [id, st] of this.initiatives) {
      if (!st || st.statusGiven) continue;
      if (st.eventsAdded === 0 && !this.participantsChanged.has(id)) continue;
      if (!st.created && st.status !== "ACTIVE" && st.status !== "LIVE") continue;
      const outcomes = (st.created && !this.participantsChanged.has(id) ? createdOutcomes.get(id) : undefined) ?? new Map(this.stmt.cycleOutcomes.all(id).map((r) => [r.stage, r.outcome] as const));
      const status = deriveInitiativeStatus(outcomes, this.liveStageByProcess.get(st.processSlug) ?? "ISA");
      // A stored initiative only moves forward (ACTIVE → LIVE, REJECTED, WITHDRAWN; LIVE → REJECTED,
      // WITHDRAWN): its status may have been stated by an earlier source, so events never demote it.
      if (!st.created && status === "ACTIVE") continue;
      if (status !== st.status) {
        if (statusUpdates) statusUpdates.push([id, status]);
        else this.stmt.setStatus.run(status, id);
        st.status = status;
      }
    }
    if (statusUpdates && statusUpdates.length > 0)
      this.sql
        .prepare("UPDATE initiatives AS i SET status = v.status FROM unnest(?::text[], ?::text[]) AS v(id, status) WHERE i.id = v.id")
        .run(statusUpdates.map((u) => u[0]), statusUpdates.map((u) => u[1]));
  }
}
