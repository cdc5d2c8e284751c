import { isConstraintError, PgConn, type SqlConn } from "../driver/index.js";
import { copyField, copyLine } from "../driver/pg.copy.js";
import type { TouchedStage } from "../cycles/cycle.derive.js";
import type { BulkLoad } from "./bulk-load.js";
import type { InitiativeState } from "./initiative.state.js";
import type { EventRecord, RecordPosition } from "./write.records.js";
import { checkSameEvent, eventRepeated, type ProblemSink, type StoredEvent } from "./write.rules.js";
import { COPY_ROWS } from "./batch.insert.js";
import { STAGE_EVENT_COLUMNS } from "./table.columns.js";
import { EVENT_BATCH, type WriteStatements } from "./write.statements.js";

/** The columns an event batch is copied into on PostgreSQL: the session numbers the rows itself. */
const COPY_EVENT_COLUMNS = ["id", ...STAGE_EVENT_COLUMNS];

/** A validated event waiting for its batch. */
export interface PendingEvent {
  rec: EventRecord;
  /** The signer (GSS code or partner slug), null for an initiative-wide event. */
  borough: string | null;
  /** Whether the signer is a partner organisation (stored in organisation_slug, not authority_code). */
  organisation: boolean;
  kindIndex: number;
  at: number;
  line: number;
  file: string;
  column?: (field: string) => string;
  st: InitiativeState;
}

/** The events a session inserted into one (initiative, stage), with the line and file of each. */
export interface StageGroup extends TouchedStage {
  lines: number[];
  /** Indexes into EventInserter.fileNames (small integers: the arrays hold no pointers for the GC to scan). */
  files: number[];
}

/**
 * Inserts a session's validated events in batches and keeps the ledger of what it inserted: the
 * events of each touched (initiative, stage) for the cycle derivation, and the line and file of
 * each for the errors that name an earlier line. A batch goes in as one multi-row INSERT (a third
 * fewer native calls per event); when it hits the (source, source_ref) unique index, SQLite backs
 * out that statement alone and the rows are retried one by one to tell a stored duplicate from a
 * conflict or a repeat within the file. On PostgreSQL a batch is 4,096 events sent by COPY (one
 * round trip; see {@link EventInserter.flushCopy}).
 */
export class EventInserter {
  /** Touched stages by `initiative\0stage`, in insertion order (an initiative's stages consecutive when its events are). */
  readonly groups = new Map<string, StageGroup>();
  /** File names by index, and the index of each. */
  readonly fileNames: string[] = [];
  private readonly fileIndexes = new Map<string, number>();
  /** Borough codes by index (-1 = initiative-wide), for the same reason. */
  readonly boroughNames: string[] = [];
  private readonly boroughIndexes = new Map<string, number>();
  private pending: PendingEvent[] = [];
  /** Line of each event inserted in this session, in insertion (= id) order (for duplicate reports). */
  private readonly eventLines: number[] = [];
  private readonly eventFiles: number[] = [];
  /**
   * Where the ids of this session's events jump: pairs (index into eventLines, id), one per run of
   * consecutive ids. SQLite's AUTOINCREMENT spends an id on every `ON CONFLICT DO NOTHING` that
   * skips a row, so after a re-import (or a skipped row in this session) ids are not contiguous.
   */
  private readonly idRuns: number[] = [];
  /** The id the next inserted event gets if it follows on from the last one. */
  private nextEventId: number;
  /** (source, source_ref) of events skipped as identical to a stored one (a second copy in the file is still a duplicate). */
  private readonly skippedKeys = new Map<string, number>();
  /** The file of the last event inserted, and its index in fileNames. */
  private lastFile: string | undefined;
  private lastFileIndex = -1;
  private lastGroup: StageGroup | undefined;
  /** PostgreSQL: batches go in by COPY (null on SQLite). */
  private readonly pg: PgConn | null;
  /** Events per batch. */
  private readonly batchSize: number;
  /** PostgreSQL: the end of every event's COPY line, recorded_at and recorded_by (constant per session). */
  private readonly copyTail: string;

  constructor(
    private readonly conn: SqlConn,
    private readonly stmt: WriteStatements,
    private readonly sink: ProblemSink,
    /** Events with ids up to this one were stored before the session began. */
    private readonly baseMaxEventId: number,
    private readonly summary: { eventsAdded: number; eventsUnchanged: number },
    /** Writes the rows the events refer to (new initiatives buffered by a bulk session). */
    private readonly beforeInsert: () => void,
    private readonly bulk: BulkLoad | null,
    /** The session's recorded_at and recorded_by, on every event. */
    recorded: { at: number; by: string },
  ) {
    this.nextEventId = baseMaxEventId + 1;
    this.pg = conn instanceof PgConn ? conn : null;
    this.batchSize = this.pg ? COPY_ROWS : EVENT_BATCH;
    this.copyTail = `\t${copyField(recorded.at)}\t${copyField(recorded.by)}\n`;
  }

  /**
   * Notes an event id the session took outside the batches (a retraction): the next batch numbers
   * its rows after it, and the next inserted event starts a new run of ids.
   */
  idTakenOutOfBatch(id: number): void {
    this.nextEventId = id + 1;
    this.runBroken = true;
  }
  private runBroken = false;

  /** Buffers an event; a full batch is inserted at once (PostgreSQL: sent, and settled when the next one goes). */
  add(p: PendingEvent): void {
    this.pending.push(p);
    if (this.pending.length === this.batchSize) this.flushBatch(false);
  }

  /** The line of an event this session skipped as stored already with the same (source, source_ref), if any. */
  skippedLine(rec: EventRecord): number | undefined {
    // Only a re-import has skipped keys; a first import does not pay for building the key.
    return this.skippedKeys.size === 0 ? undefined : this.skippedKeys.get(`${rec.source}\u0000${rec.source_ref}`);
  }

  /** Inserts the buffered events; when it returns every event is stored (or reported) and in the ledger. */
  flush(): void {
    this.flushBatch(true);
  }

  private flushBatch(wait: boolean): void {
    const rows = this.pending;
    if (rows.length === 0) {
      if (wait) this.settle();
      return;
    }
    this.beforeInsert();
    this.pending = [];
    // PostgreSQL: one event alone (a mutation) is one INSERT, one round trip; a COPY in its savepoint would be three.
    if (this.pg && rows.length > 1) {
      this.sendCopy(rows);
      if (wait) this.settle();
      return;
    }
    this.settle();
    if (rows.length === EVENT_BATCH) {
      const args: unknown[] = new Array(rows.length * 8);
      let j = 0;
      for (const r of rows) {
        args[j++] = r.rec.initiative_id;
        args[j++] = r.rec.stage;
        args[j++] = r.organisation ? null : r.borough;
        args[j++] = r.organisation ? r.borough : null;
        args[j++] = r.rec.kind;
        args[j++] = r.at;
        args[j++] = r.rec.source;
        args[j++] = r.rec.source_ref;
      }
      let last: number | null = null;
      try {
        last = Number(this.stmt.insertEventBatch.run(...args).lastInsertRowid);
      } catch (err) {
        if (!isConstraintError(err)) throw err;
      }
      if (last !== null) {
        let id = last - rows.length + 1;
        for (const r of rows) this.inserted(r, id++);
        return;
      }
    }
    for (const r of rows) this.insertOne(r);
  }

  /**
   * PostgreSQL: the batch in one COPY, numbered by the session (MAX(id) + 1 onwards, as the id
   * trigger of migration 0001 numbers them: the write lock keeps other writers out until COMMIT).
   * The COPY is sent without waiting (PgConn.copyStart), so that the session validates the next
   * batch while PostgreSQL ingests this one; the batch before is settled first, since this one's
   * ids follow from what it stored. The batch's events enter the ledger when it is settled.
   */
  private sendCopy(rows: PendingEvent[]): void {
    this.settle();
    this.startCopy(rows);
    this.inFlight = rows;
  }
  /** The batch whose COPY was sent and not yet settled. */
  private inFlight: PendingEvent[] | null = null;

  /**
   * Waits for the batch in flight. When a row hit the (source, source_ref) unique index the COPY
   * failed as a whole, inside a savepoint so that the transaction goes on: the batch's stored
   * events are then read in one query, and the rest copied again (a repeat within the batch: one by one).
   */
  private settle(): void {
    const rows = this.inFlight;
    if (rows === null) return;
    this.inFlight = null;
    if (this.copied(rows)) return;
    const stored = new Map<string, StoredEvent>();
    const found = this.conn
      .prepare<StoredEvent & { source: string; source_ref: string }>(
        "SELECT e.id, e.initiative_id, e.stage, e.authority_code, e.organisation_slug, e.kind, e.at, e.source, e.source_ref FROM stage_events e JOIN unnest(?::text[], ?::text[]) AS k(source, source_ref) ON e.source = k.source AND e.source_ref = k.source_ref",
      )
      .all(rows.map((r) => r.rec.source), rows.map((r) => r.rec.source_ref));
    for (const e of found) stored.set(`${e.source}\u0000${e.source_ref}`, e);
    const fresh: PendingEvent[] = [];
    for (const r of rows) {
      const key = `${r.rec.source}\u0000${r.rec.source_ref}`;
      const old = stored.get(key);
      // A stored event given twice in one batch: the first is unchanged, the second a repeat (as addEvent finds across batches).
      const skipped = old ? this.skippedKeys.get(key) : undefined;
      if (skipped !== undefined) eventRepeated(this.sink, { file: r.file, line: r.line, column: r.column }, r.rec, `line ${skipped}`);
      else if (old) this.existing(r, old);
      else fresh.push(r);
    }
    if (fresh.length > 1 && this.copyBatch(fresh)) return;
    for (const r of fresh) this.insertOne(r);
  }

  /** Copies `rows` in a savepoint, and waits; false (and nothing written) when one of them is stored already. */
  private copyBatch(rows: PendingEvent[]): boolean {
    this.startCopy(rows);
    return this.copied(rows);
  }

  /** Sends `rows`, numbered from nextEventId, by COPY in a savepoint (see copied). */
  private startCopy(rows: PendingEvent[]): void {
    let id = this.nextEventId;
    let data = "";
    for (const r of rows) data += `${id++}\t${copyLine([r.rec.initiative_id, r.rec.stage, r.organisation ? null : r.borough, r.organisation ? r.borough : null, r.rec.kind, r.at, r.rec.source, r.rec.source_ref]).slice(0, -1)}${this.copyTail}`;
    this.pg!.copyStart("stage_events", COPY_EVENT_COLUMNS, data, "event_batch");
  }

  /** Waits for the COPY of `rows`: true, and the rows in the ledger; false (rolled back to its savepoint) when one of them is stored already. */
  private copied(rows: PendingEvent[]): boolean {
    const outcome = this.pg!.copyWait();
    if ("error" in outcome) {
      if (outcome.error.code !== "23505") throw outcome.error;
      return false;
    }
    let id = this.nextEventId;
    for (const r of rows) this.inserted(r, id++);
    return true;
  }

  private insertOne(p: PendingEvent): void {
    const { rec, borough, at } = p;
    const authority = p.organisation ? null : borough;
    const organisation = p.organisation ? borough : null;
    const res = this.pg
      ? this.stmt.insertEvent.run(this.nextEventId, rec.initiative_id, rec.stage, authority, organisation, rec.kind, at, rec.source, rec.source_ref)
      : this.stmt.insertEvent.run(rec.initiative_id, rec.stage, authority, organisation, rec.kind, at, rec.source, rec.source_ref);
    if (res.changes === 0) {
      this.existing(p, this.stmt.eventByRef.get(rec.source, rec.source_ref)!);
      return;
    }
    this.inserted(p, Number(res.lastInsertRowid));
  }

  /** An event whose (source, source_ref) is stored already: a repeat within the session, a conflict, or unchanged. */
  private existing(p: PendingEvent, old: StoredEvent): void {
    const { rec, borough, at } = p;
    const pos: RecordPosition = { file: p.file, line: p.line, column: p.column };
    if (old.id > this.baseMaxEventId) {
      const i = this.eventIndex(old.id);
      const earlierFile = this.fileNames[this.eventFiles[i]!]!;
      eventRepeated(this.sink, pos, rec, earlierFile === pos.file ? `line ${this.eventLines[i]}` : `${earlierFile} line ${this.eventLines[i]}`);
      return;
    }
    if (!checkSameEvent(this.sink, pos, old, rec, borough, at)) {
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
    if (id !== this.nextEventId || this.idRuns.length === 0 || this.runBroken) this.idRuns.push(this.eventLines.length, id);
    this.runBroken = false;
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
      if (this.bulk?.keepsOrderedIndex && g && rec.initiative_id < g.initiativeId) this.bulk.dropOrderedIndex();
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
}
