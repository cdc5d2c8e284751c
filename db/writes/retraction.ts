import { returningId, type SqlConn, type SqlStatement } from "../driver/index.js";
import { formatEventTime } from "../import/timestamp.js";
import type { ProblemSink } from "./write.rules.js";
import type { RecordPosition } from "./write.records.js";

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
