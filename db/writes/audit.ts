import { isBoroughSigner } from "../../analytics/cycle.js";
import type { SqlConn, SqlStatement } from "../driver/index.js";
import { formatEventTime } from "../import/timestamp.js";
import { BatchInsert } from "./batch.insert.js";
import { AUDIT_COLUMNS } from "./table.columns.js";

/**
 * The audit trail of one write session (`audit_log`, append-only): who wrote what, when. A bulk
 * session buffers the rows of what it creates into multi-row INSERTs; {@link flush} writes them
 * after the rows they describe.
 */
export class AuditTrail {
  private readonly insert: SqlStatement;
  private readonly batch: BatchInsert | null;

  constructor(
    conn: SqlConn,
    /** Who writes: an API key id, `anonymous`, `import:<file>`. */
    private readonly actor: string,
    bulk: boolean,
  ) {
    this.insert = conn.prepare("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail) VALUES (?,?,?,?,?,?)");
    this.batch = bulk ? new BatchInsert(conn, "audit_log", AUDIT_COLUMNS) : null;
  }

  /** An initiative created, with the values written. */
  initiativeCreated(at: number, id: string, detail: string): void {
    if (this.batch) this.batch.add(at, this.actor, "initiative.create", "initiative", id, detail);
    else this.insert.run(at, this.actor, "initiative.create", "initiative", id, detail);
  }

  /** Boroughs and partners added to a stored initiative. */
  participantsAdded(at: number, initiativeId: string, boroughs: string[], partners: string[], joinedAt: number | null = null): void {
    this.insert.run(at, this.actor, "participants.add", "initiative", initiativeId, JSON.stringify({ boroughs, partners, ...(joinedAt !== null ? { joinedAt: formatEventTime(joinedAt) } : {}) }));
  }

  /** A participant left an initiative from `leftAt`, and why. */
  participantLeft(at: number, initiativeId: string, organisation: string, leftAt: number, reason: string): void {
    this.insert.run(at, this.actor, "participant.leave", "initiative", initiativeId, JSON.stringify({ organisation, leftAt: formatEventTime(leftAt), reason }));
  }

  /**
   * The events the session added, one row per initiative: the event itself when it was the only
   * one, otherwise how many. `imported`: an import (`events.import`), else a recorded event.
   */
  eventsAdded(at: number, initiatives: Iterable<[string, { eventsAdded: number; lastEvent?: RecordedEvent } | null]>, imported: boolean): void {
    const action = imported ? "events.import" : "event.record";
    for (const [id, st] of initiatives) {
      if (!st || st.eventsAdded === 0) continue;
      const detail = st.eventsAdded === 1 && st.lastEvent
        ? { eventId: st.lastEvent.id, stage: st.lastEvent.stage, kind: st.lastEvent.kind, borough: st.lastEvent.borough, at: formatEventTime(st.lastEvent.at), ...onBehalfOf(st.lastEvent.borough) }
        : { events: st.eventsAdded };
      if (this.batch) this.batch.add(at, this.actor, action, "initiative", id, JSON.stringify(detail));
      else this.insert.run(at, this.actor, action, "initiative", id, JSON.stringify(detail));
    }
  }

  /** A stage event retracted (`detail`: the retraction's id, the event retracted, when and why). */
  eventRetracted(at: number, initiativeId: string, detail: string): void {
    this.insert.run(at, this.actor, "event.retract", "initiative", initiativeId, detail);
  }

  /** An initiative's title, purpose, tool, practices or status changed: each field before and after. */
  initiativeUpdated(at: number, initiativeId: string, detail: string): void {
    this.insert.run(at, this.actor, "initiative.update", "initiative", initiativeId, detail);
  }

  /** An import as a whole: its label (the file names) and its summary. */
  imported(at: number, label: string, summary: object): void {
    this.insert.run(at, this.actor, "import", "import", label, JSON.stringify(summary));
  }

  /** Writes the buffered rows. */
  flush(): void {
    this.batch?.flush();
  }
}

/** An event a session inserted, as its audit row describes it. */
export interface RecordedEvent {
  id: number;
  stage: string;
  kind: string;
  borough: string | null;
  at: number;
}

/** A partner's event is recorded by someone else (the lead borough's editor or an admin): its audit row says on whose behalf. */
function onBehalfOf(signer: string | null): { onBehalfOf?: string } {
  return signer !== null && !isBoroughSigner(signer) ? { onBehalfOf: signer } : {};
}
