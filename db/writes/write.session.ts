import { beginWrite, commit, rollback, type SqlConn } from "../driver/index.js";
import type { HubDb } from "../connection.js";
import { bumpDataVersion, pauseChangeLog, resumeChangeLog } from "../cycles/change-log.js";
import { deriveSessionCycles } from "../cycles/cycle.derive.js";
import { getDatasetKind, setMeta } from "../meta.js";
import { parseEventTime } from "../import/timestamp.js";
import { checkApprovals } from "./approval.check.js";
import { AuditTrail } from "./audit.js";
import { BULK_TABLES, BulkLoad } from "./bulk-load.js";
import { EventInserter } from "./event.insert.js";
import { InitiativeInserter } from "./initiative.insert.js";
import { applyInitiativeUpdate, checkInitiativeUpdate, type InitiativeUpdate } from "./initiative.update.js";
import { RETRACTED, SessionRetractions, type RetractionRecord } from "./retraction.js";
import { parsePeriods, storePeriods } from "./participation.js";
import { SessionParticipation } from "./participation.session.js";
import type { InitiativeState } from "./initiative.state.js";
import type { EventRecord, InitiativeRecord, RecordPosition, RowError, WriteSummary } from "./write.records.js";
import {
  checkEvent,
  DEFAULT_MAX_LENGTH,
  checkEventKind,
  checkInitiative,
  checkSameInitiative,
  eventRepeated,
  initiativeRepeated,
  refuseUnstorable,
  type ProblemSink,
  type ReferenceSets,
} from "./write.rules.js";
import { prepareWriteStatements, readReferenceSets, type WriteStatements } from "./write.statements.js";

/**
 * The write service: the one place that decides whether an initiative, a participant or a stage
 * event may enter the database. The importer (thousands of rows, one transaction) and the GraphQL
 * mutations (one row) both go through a {@link WriteSession}, so they apply the same rules and
 * produce the same audit rows, derived cycles and data-version bump.
 */

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

/**
 * One validated write: open with {@link begin}, add records, close with {@link finish}, which
 * checks the rules that need every record (an APPROVED before its stage's SUBMITTED), derives the
 * cycles of every touched (initiative, stage), audits, bumps the data version and commits — or
 * rolls everything back when any record was refused or the session is a dry run. Nothing is
 * visible to other connections before the commit, and a process killed mid-way leaves the
 * database as it was (SQLite's journal discards the open transaction).
 */
export class WriteSession implements ProblemSink {
  private readonly sql: SqlConn;
  private readonly now: () => number;
  private readonly maxErrors: number;
  private startedAt = 0;
  private baseMaxEventId = 0;
  private readonly errors: RowError[] = [];
  private moreErrors = 0;
  private open = false;
  private readonly summary = { initiativesCreated: 0, initiativesUnchanged: 0, participantsAdded: 0, eventsAdded: 0, eventsUnchanged: 0 };

  private refs: ReferenceSets = { authorities: new Set(), tools: new Set(), practices: new Set(), stagesByProcess: new Map(), defaultProcess: "loti-2019" };
  private liveStageByProcess = new Map<string, string>();

  private readonly initiatives = new Map<string, InitiativeState | null>();
  /** The initiative of the last event added, and its state (see addEvent). */
  private lastEventInitiative: string | undefined;
  private lastEventState: InitiativeState | null = null;
  /** An initiative's fields were edited (the data version is bumped at commit). */
  private initiativesUpdated = 0;
  /** Initiatives of this session that were refused: their events are not reported again as "unknown initiative". */
  private readonly refused = new Set<string>();
  /** Line of each initiative id given in this session (an id twice is an error). */
  private readonly initiativeLines = new Map<string, number>();
  /**
   * PostgreSQL bulk load into a database without initiatives: no id can be stored already (the
   * write lock keeps other writers out), so the per-row lookup — a round trip each — is skipped.
   */
  private noStoredInitiatives = false;

  /** A bulk session's load settings (null otherwise). */
  private readonly bulk: BulkLoad | null;
  private stmt!: WriteStatements;
  private audit!: AuditTrail;
  private initiativeInserter!: InitiativeInserter;
  private events!: EventInserter;
  private retractions!: SessionRetractions;
  private participation!: SessionParticipation;

  constructor(
    private readonly db: HubDb,
    private readonly options: WriteSessionOptions,
  ) {
    this.sql = db.sql;
    this.now = options.now ?? Date.now;
    this.maxErrors = options.maxErrors ?? 1000;
    this.bulk = options.bulk ? new BulkLoad(db) : null;
  }

  /** Starts the write transaction (BEGIN IMMEDIATE: a writer waits for other writers up front) and loads the reference sets. */
  begin(): this {
    const s = this.sql;
    // A bulk load checks every reference itself (see BulkLoad.relaxForeignKeys); the pragma cannot change inside a transaction.
    if (this.bulk && !s.inTransaction) this.bulk.relaxForeignKeys();
    try {
      beginWrite(s);
    } catch (err) {
      this.bulk?.restoreForeignKeys();
      throw err;
    }
    this.open = true;
    this.startedAt = this.now();
    this.baseMaxEventId = (s.prepare("SELECT COALESCE(MAX(id), 0) FROM stage_events").pluck().get() as number) ?? 0;
    const { organisations, liveStageByProcess, ...refs } = readReferenceSets(s);
    this.refs = refs;
    this.liveStageByProcess = liveStageByProcess;
    if (this.bulk) {
      this.bulk.deferIndexes(BULK_TABLES);
      // Migration 0004: the change-log triggers are silent while this row exists; finish logs the changes at the end.
      pauseChangeLog(s);
      if (this.db.dialect === "postgres") this.noStoredInitiatives = s.prepare("SELECT 1 FROM initiatives LIMIT 1").get() === undefined;
    }
    // Constant per session: written into the statements as literals rather than bound per row.
    const recordedAt = String(Math.trunc(this.startedAt));
    const actor = `'${this.options.actor.replace(/'/g, "''")}'`;
    this.stmt = prepareWriteStatements(s, recordedAt, actor);
    this.audit = new AuditTrail(s, this.options.actor, this.bulk !== null);
    this.initiativeInserter = new InitiativeInserter(s, this.db.dialect, this.stmt, organisations, this.options.actor, this.audit, this.bulk !== null);
    this.events = new EventInserter(s, this.stmt, this, this.baseMaxEventId, this.summary, () => this.initiativeInserter.flush(), this.bulk, { at: Math.trunc(this.startedAt), by: this.options.actor });
    this.participation = new SessionParticipation(this, s, () => this.refs, () => this.now(), this.summary, this.audit, this.initiativeInserter, (id) => this.state(id));
    this.retractions = new SessionRetractions(this, s, this.startedAt, this.options.actor, () => this.now(), this.summary, this.audit, this.initiativeInserter, this.events, (id) => this.state(id));
    return this;
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
    let st: InitiativeState | null = null;
    if (row) {
      const boroughs = this.stmt.initiativeBoroughs.all(id);
      const partners = this.stmt.initiativePartners.all(id);
      st = {
          processSlug: row.process_slug,
          boroughs: new Set(boroughs.map((r) => r.code)),
          partners: new Set(partners.map((r) => r.slug)),
          signers: new Set([...boroughs.filter((r) => Number(r.signs) !== 0).map((r) => r.code), ...partners.filter((r) => Number(r.signs) !== 0).map((r) => r.slug)]),
          lead: row.lead_borough,
          periods: [...boroughs, ...partners].some((r) => Number(r.dated) !== 0),
          created: false,
          line: 0,
          statusGiven: false,
          status: row.status,
          eventsAdded: 0,
        };
    }
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
    if (refuseUnstorable(this, pos, { id: rec.id, title: rec.title, purpose: rec.purpose, lead_borough: rec.lead_borough, boroughs: rec.boroughs, partners: rec.partners, tool: rec.tool, practices: rec.practices, status: rec.status, created_at: rec.created_at, joined: rec.joined, left: rec.left })) return;
    const before = this.errorCount;
    const id = rec.id.trim();
    checkInitiative(this, pos, rec, id, this.refs);
    const periods = parsePeriods(this, pos, rec.joined, rec.left, new Set([...rec.boroughs, ...rec.partners]));
    if (this.errorCount > before || !id) {
      if (id) this.refused.add(id);
      return;
    }

    const earlier = this.initiativeLines.get(id);
    if (earlier !== undefined) {
      initiativeRepeated(this, pos, id, earlier);
      return;
    }
    this.initiativeLines.set(id, pos.line);
    const existing = this.noStoredInitiatives ? undefined : this.stmt.initiative.get(id);
    if (existing) {
      const stored = {
        ...existing,
        boroughs: this.stmt.initiativeBoroughs.all(id).map((r) => r.code),
        partners: this.stmt.initiativePartners.all(id).map((r) => r.slug),
        practices: this.stmt.initiativePractices.all(id).map((r) => r.slug),
      };
      if (!checkSameInitiative(this, pos, stored, rec)) {
        this.summary.initiativesUnchanged++;
        this.state(id);
      }
      return;
    }

    const status = rec.status || "ACTIVE";
    const process = this.refs.defaultProcess;
    this.initiativeInserter.create(id, rec, process, status, this.now());
    if (periods.size > 0) {
      // Rare (a leaver, a late joiner): its rows are written now and its stages derived from them.
      this.initiativeInserter.flush();
      storePeriods(this.sql, id, periods);
      this.participation.changed.add(id);
    }
    const nonSigning = new Set(rec.nonSigning ?? []);
    this.initiatives.set(id, {
      processSlug: process,
      boroughs: new Set(rec.boroughs),
      partners: new Set(rec.partners),
      signers: new Set([...rec.boroughs, ...rec.partners].filter((c) => !nonSigning.has(c))),
      lead: rec.lead_borough,
      periods: periods.size > 0,
      created: true,
      line: pos.line,
      statusGiven: rec.status !== "",
      status,
      eventsAdded: 0,
    });
    this.summary.initiativesCreated++;
  }

  /** Adds boroughs and partners to a stored initiative: see {@link SessionParticipation.add}. */
  addParticipants(initiativeId: string, boroughs: string[], partners: string[], pos: RecordPosition, partnerNames?: Record<string, string>, nonSigning: string[] = [], joinedAt: number | null = null): void {
    this.participation.add(initiativeId, boroughs, partners, pos, partnerNames, nonSigning, joinedAt);
  }

  /** Records that a participant leaves a stored initiative at `at`: see {@link SessionParticipation.leave}. */
  leave(initiativeId: string, code: string, at: number, reason: string, pos: RecordPosition): void {
    this.participation.leave(initiativeId, code, at, reason, pos);
  }

  /**
   * Adds a stage event. An event whose (source, source_ref) is stored with the same content is
   * skipped; with different content, or seen twice in one session, it is an error. Events are
   * buffered and inserted in batches (see EventInserter); {@link finish} flushes the rest.
   */
  addEvent(rec: EventRecord, pos: RecordPosition): void {
    // The common case in one cheap test per field; refuseUnstorable names the field and the rule.
    const longest = Math.max(rec.initiative_id.length, rec.source_ref.length, rec.source.length, rec.stage.length, rec.borough.length, rec.kind.length, rec.at.length);
    if (longest > DEFAULT_MAX_LENGTH || rec.initiative_id.includes("\u0000") || rec.source_ref.includes("\u0000") || rec.source.includes("\u0000") || rec.stage.includes("\u0000") || rec.borough.includes("\u0000") || rec.kind.includes("\u0000") || rec.at.includes("\u0000")) {
      refuseUnstorable(this, pos, { initiative_id: rec.initiative_id, stage: rec.stage, borough: rec.borough, kind: rec.kind, at: rec.at, source: rec.source, source_ref: rec.source_ref });
      return;
    }
    if (rec.kind === RETRACTED) {
      this.retractions.queue(rec, pos);
      return;
    }
    const before = this.errorCount;
    const kindIndex = checkEventKind(this, pos, rec.kind);
    // Files list an initiative's events together: the previous event's initiative is reused without a lookup.
    let st: InitiativeState | null;
    if (rec.initiative_id === this.lastEventInitiative && rec.initiative_id) st = this.lastEventState;
    else {
      if (this.refused.has(rec.initiative_id)) return;
      st = rec.initiative_id ? this.state(rec.initiative_id) : null;
      this.lastEventInitiative = st ? rec.initiative_id : undefined;
      this.lastEventState = st;
    }
    const at = parseEventTime(rec.at);
    checkEvent(this, pos, rec, st, at, this.refs);
    if (this.errorCount > before || !st || at === null || kindIndex === undefined) return;

    const skippedLine = this.events.skippedLine(rec);
    if (skippedLine !== undefined) {
      eventRepeated(this, pos, rec, `line ${skippedLine}`);
      return;
    }
    // The signer column holds a GSS code (a borough) or a partner's slug (checkEvent told them apart).
    const signer = rec.borough === "" ? null : rec.borough;
    const partner = signer !== null && !this.refs.authorities.has(signer);
    this.events.add({ rec, borough: signer, organisation: partner, kindIndex, at, line: pos.line, file: pos.file, column: pos.column, st });
  }

  /** Retracts a stored event or one of this session (see {@link SessionRetractions.retract}): the retraction's id, or undefined when refused or stored already. */
  retractEvent(rec: RetractionRecord, pos: RecordPosition): number | undefined {
    return this.retractions.retract(rec, pos);
  }

  /**
   * Edits a stored initiative's title, purpose, tool, practices or status (omitted fields keep
   * their value) and audits each change, before and after. A status given here is kept: events
   * of this session do not derive another.
   */
  updateInitiative(id: string, update: InitiativeUpdate, pos: RecordPosition): void {
    if (refuseUnstorable(this, pos, { id, title: update.title ?? "", purpose: update.purpose ?? "", tool: update.tool ?? "", practices: update.practices ?? [], status: update.status ?? "" })) return;
    const before = this.errorCount;
    const st = this.state(id);
    if (!st) {
      this.fail(pos, "id", `unknown initiative ${JSON.stringify(id)}; expected the id of a stored initiative`);
      return;
    }
    checkInitiativeUpdate(this, pos, update, this.refs);
    if (this.errorCount > before) return;
    this.initiativeInserter.flush();
    const stored = this.stmt.initiative.get(id)!;
    const changes = applyInitiativeUpdate(this.sql, stored, this.stmt.initiativePractices.all(id).map((r) => r.slug), update);
    if (Object.keys(changes).length === 0) return;
    if (update.status !== undefined) {
      st.status = update.status;
      st.statusGiven = true;
    }
    this.initiativesUpdated++;
    this.audit.initiativeUpdated(this.now(), id, JSON.stringify(changes));
  }

  /** Inserts the buffered events (see EventInserter). */
  flushEvents(): void {
    this.events.flush();
  }

  /** Rolls back without checking anything (the caller gave up, e.g. an unreadable file). */
  abort(): void {
    if (this.open) {
      try {
        rollback(this.sql);
      } finally {
        this.open = false;
        this.bulk?.restoreForeignKeys();
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
      this.initiativeInserter.flush();
      this.events.flush();
      // Cycle derivation of stored initiatives reads events by (initiative, stage): index first.
      this.bulk?.restoreIndexes("stage_events");
      this.retractions.retractPending();
      checkApprovals(this, { groups: this.events.groups.values(), fileNames: this.events.fileNames, columnNamers: this.columnNamers, initiatives: this.initiatives, baseMaxEventId: this.baseMaxEventId, firstSubmittedBefore: this.stmt.firstSubmittedBefore });
      const dryRun = this.options.dryRun ?? false;
      if (this.errorCount > 0 || dryRun) {
        this.abort();
        return this.result(false);
      }
      const { groups, boroughNames } = this.events;
      deriveSessionCycles(this.sql, this.db.dialect, { stages: groups, initiatives: this.initiatives, participantsChanged: this.participation.changed, boroughNames, liveStageByProcess: this.liveStageByProcess, retracted: this.retractions.retracted }, onProgress);
      this.bulk?.restoreAllIndexes();
      const changed = this.summary.initiativesCreated + this.summary.eventsAdded + this.summary.participantsAdded + this.initiativesUpdated + this.participation.left > 0;
      if (changed) {
        const at = this.now();
        this.audit.eventsAdded(at, this.initiatives, this.options.importLabel !== undefined);
        this.initiativeInserter.flush();
        if (this.options.importLabel !== undefined) this.audit.imported(at, this.options.importLabel, this.summary);
        bumpDataVersion(this.sql);
        if (getDatasetKind(this.sql) === "empty") setMeta(this.sql, "dataset", "imported");
      }
      if (this.bulk) resumeChangeLog(this.sql, this.db.dialect, this.touched());
      commit(this.sql);
      this.open = false;
      this.bulk?.restoreForeignKeys();
      return this.result(true);
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Every initiative created, given events or given participants in this session. */
  private touched(): Set<string> {
    const touched = new Set<string>(this.participation.changed);
    for (const [id, st] of this.initiatives) if (st && (st.created || st.eventsAdded > 0)) touched.add(id);
    for (const r of this.retractions.retracted.values()) touched.add(r.initiativeId);
    return touched;
  }

  private result(committed: boolean): WriteSummary {
    return { committed, dryRun: this.options.dryRun ?? false, ...this.summary, errors: [...this.errors].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)), moreErrors: this.moreErrors };
  }

  private readonly columnNamers = new Map<string, (field: string) => string>();
  /** Lets a reader say how its file names columns, for errors raised after the rows were read. */
  setColumnNamer(file: string, namer: (field: string) => string): void {
    this.columnNamers.set(file, namer);
  }
}
