import { returningId, type SqlConn, type SqlStatement } from "../driver/index.js";
import { formatEventTime, parseEventTime } from "../import/timestamp.js";
import type { AuditTrail } from "./audit.js";
import type { EventInserter } from "./event.insert.js";
import type { InitiativeInserter } from "./initiative.insert.js";
import { refuseUnstorable, type ProblemSink } from "./write.rules.js";
import type { EventRecord, RecordPosition } from "./write.records.js";

/**
 * Corrections that never erase: a mistaken event stays in the append-only log and a new row of
 * kind RETRACTED names it (`retracts` = its id, with a `reason`). The effective log — what cycles
 * and metrics are derived from — leaves out RETRACTED rows and the events they retract.
 */

export const RETRACTED = "RETRACTED";

/** A retraction to record: the columns of an events-file row of kind RETRACTED. */
export interface RetractionRecord {
  /** The event retracted: its id (GraphQL) or its source_ref in the retraction's own source (files). */
  target: { id: number } | { sourceRef: string };
  /** When the retraction was made (epoch ms). */
  at: number;
  source: string;
  source_ref: string;
  reason: string | null;
  /** A file row names the initiative and stage too: they must be the target's. */
  expect?: { initiative_id: string; stage: string };
}

/** An events-file row of kind RETRACTED, checked when every event of the session is in. */
export interface PendingRetraction {
  rec: RetractionRecord;
  pos: RecordPosition;
}

/** An event as the retraction rules need it. */
export interface RetractionTarget {
  id: number;
  initiative_id: string;
  stage: string;
  kind: string;
  /** Id of the RETRACTED row that retracts it, or null; and that row's source_ref. */
  retracted_by: number | null;
  retracted_by_ref: string | null;
}

/** A stored row with the retraction's (source, source_ref). */
interface StoredRetraction {
  id: number;
  kind: string;
  retracts: number | null;
}

const TARGET_COLUMNS =
  "e.id, e.initiative_id, e.stage, e.kind, (SELECT r.id FROM stage_events r WHERE r.retracts = e.id) AS retracted_by, (SELECT r.source_ref FROM stage_events r WHERE r.retracts = e.id) AS retracted_by_ref";

/** The statements a session's retractions run, prepared on the first one. */
export class RetractionStatements {
  readonly byId: SqlStatement<RetractionTarget>;
  readonly byRef: SqlStatement<RetractionTarget>;
  readonly stored: SqlStatement<StoredRetraction>;
  readonly insert: SqlStatement;

  constructor(conn: SqlConn, recordedAt: number, actor: string) {
    this.byId = conn.prepare(`SELECT ${TARGET_COLUMNS} FROM stage_events e WHERE e.id = ?`);
    this.byRef = conn.prepare(`SELECT ${TARGET_COLUMNS} FROM stage_events e WHERE e.source = ? AND e.source_ref = ?`);
    this.stored = conn.prepare("SELECT id, kind, retracts FROM stage_events WHERE source = ? AND source_ref = ?");
    this.insert = conn.prepare(
      returningId(
        conn,
        `INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by, retracts, reason) VALUES (?,?,NULL,'${RETRACTED}',?,?,?,${Math.trunc(recordedAt)},'${actor.replace(/'/g, "''")}',?,?)`,
      ),
    );
  }
}

/** What {@link checkRetraction} decided. */
export type RetractionCheck = { insert: RetractionTarget } | { unchanged: true } | null;

/**
 * Checks a retraction against the stored log: the target must exist, not be a RETRACTED row and
 * not be retracted already. A retraction stored already with the same (source, source_ref) and the
 * same target is unchanged (a re-imported file changes nothing). Problems are reported on the
 * `retracts` field; returns null after reporting one.
 */
export function checkRetraction(sink: ProblemSink, pos: RecordPosition, stmt: RetractionStatements, rec: RetractionRecord): RetractionCheck {
  const target = "id" in rec.target ? stmt.byId.get(rec.target.id) : stmt.byRef.get(rec.source, rec.target.sourceRef);
  const named = "id" in rec.target ? `event ${rec.target.id}` : `event ${JSON.stringify(rec.target.sourceRef)} of source ${JSON.stringify(rec.source)}`;
  const stored = stmt.stored.get(rec.source, rec.source_ref);
  if (stored) {
    if (stored.kind === RETRACTED && target && stored.retracts === Number(target.id)) return { unchanged: true };
    sink.fail(pos, "source_ref", `${rec.source} ${JSON.stringify(rec.source_ref)} is stored already as event ${stored.id} (${stored.kind}); expected a new source reference for the retraction`);
    return null;
  }
  if (!target) {
    sink.fail(pos, "retracts", `no ${named} to retract; expected the ${"id" in rec.target ? "id" : "source reference"} of a stored event`);
    return null;
  }
  if (target.kind === RETRACTED) {
    sink.fail(pos, "retracts", `${named} is a retraction itself; expected an event of the log (record the event again to undo a retraction)`);
    return null;
  }
  if (rec.expect && (rec.expect.initiative_id !== target.initiative_id || rec.expect.stage !== target.stage)) {
    sink.fail(pos, "retracts", `${named} is of initiative ${target.initiative_id} stage ${target.stage}; expected the retraction to name the same initiative and stage`);
    return null;
  }
  if (target.retracted_by !== null) {
    const by = "id" in rec.target ? `event ${target.retracted_by}` : JSON.stringify(target.retracted_by_ref);
    sink.fail(pos, "retracts", `${named} is already retracted (by ${by}); an event is retracted at most once`);
    return null;
  }
  return { insert: { ...target, id: Number(target.id) } };
}

/** The audit detail of a retraction. */
export function retractionDetail(id: number, target: RetractionTarget, at: number, reason: string | null): string {
  return JSON.stringify({ eventId: id, retracts: target.id, stage: target.stage, kind: target.kind, at: formatEventTime(at), reason });
}

/**
 * A write session's retractions: the RETRACTED rows of its files, queued until every event is in,
 * and the retractions it writes (GraphQL or files), with the stages they touch.
 */
export class SessionRetractions {
  /** Stages given a retraction in this session, by `initiative\0stage` (derived from the stored effective log). */
  readonly retracted = new Map<string, { initiativeId: string; stage: string }>();
  private statements: RetractionStatements | undefined;
  /** RETRACTED rows of the session's files: checked and written by {@link retractPending}, once every event is in (a file may list one before its target). */
  private readonly pending: PendingRetraction[] = [];

  constructor(
    private readonly sink: ProblemSink,
    private readonly sql: SqlConn,
    private readonly startedAt: number,
    private readonly actor: string,
    private readonly now: () => number,
    private readonly summary: { eventsAdded: number; eventsUnchanged: number },
    private readonly audit: AuditTrail,
    private readonly initiativeInserter: InitiativeInserter,
    private readonly events: EventInserter,
    /** Loads an initiative's state into the session (for the derivation at the end). */
    private readonly loadState: (initiativeId: string) => void,
  ) {}

  /** Queues an events-file row of kind RETRACTED (see {@link pending}). */
  queue(rec: EventRecord, pos: RecordPosition): void {
    if (!rec.retracts) {
      this.sink.fail(pos, rec.retracts === undefined ? "kind" : "retracts", "a RETRACTED event names the event it retracts; expected retractStageEvent, or an events-file row with the source_ref of that event (same source) in a retracts column");
      return;
    }
    const at = parseEventTime(rec.at);
    if (at === null) {
      this.sink.fail(pos, "at", `${JSON.stringify(rec.at)} is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`);
      return;
    }
    this.pending.push({
      rec: { target: { sourceRef: rec.retracts }, at, source: rec.source, source_ref: rec.source_ref, reason: rec.reason || null, expect: { initiative_id: rec.initiative_id, stage: rec.stage } },
      pos: { ...pos },
    });
  }

  /** Retracts the queued file rows, in file order. */
  retractPending(): void {
    for (const p of this.pending) this.retract(p.rec, p.pos);
  }

  /**
   * Retracts a stored event (or one added earlier in this session): a new row of kind RETRACTED
   * with the target's initiative and stage. Refused (reported on `retracts`) when the target is
   * unknown, a retraction itself or retracted already. The stage is derived again at the end from
   * the effective log. Returns the retraction's id, or undefined when it was refused or is stored
   * already (a re-imported file).
   */
  retract(rec: RetractionRecord, pos: RecordPosition): number | undefined {
    // U+0000 or an over-long value (README "Input limits"), as for every other record.
    if (refuseUnstorable(this.sink, pos, { source: rec.source, source_ref: rec.source_ref, retracts: "sourceRef" in rec.target ? rec.target.sourceRef : "", reason: rec.reason ?? "" })) return undefined;
    // The target may be an event of this session still waiting for its batch.
    this.initiativeInserter.flush();
    this.events.flush();
    this.statements ??= new RetractionStatements(this.sql, this.startedAt, this.actor);
    const checked = checkRetraction(this.sink, pos, this.statements, rec);
    if (!checked) return undefined;
    if ("unchanged" in checked) {
      this.summary.eventsUnchanged++;
      return undefined;
    }
    const target = checked.insert;
    // Loaded for the derivation (participants, status) at the end.
    this.loadState(target.initiative_id);
    const res = this.statements.insert.run(target.initiative_id, target.stage, rec.at, rec.source, rec.source_ref, target.id, rec.reason);
    const id = Number(res.lastInsertRowid);
    this.events.idTakenOutOfBatch(id);
    this.retracted.set(`${target.initiative_id}\u0000${target.stage}`, { initiativeId: target.initiative_id, stage: target.stage });
    this.summary.eventsAdded++;
    // Its own audit row (the retraction and its reason), whatever else the session adds.
    this.audit.eventRetracted(this.now(), target.initiative_id, retractionDetail(id, target, rec.at, rec.reason));
    return id;
  }
}
