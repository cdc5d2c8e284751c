import { randomUUID } from "node:crypto";
import type { HubDb } from "../../db/connection.js";
import { AuditQueries, InitiativeQueries } from "../../db/queries/index.js";
import { WriteSession } from "../../db/writes/index.js";
import { formatEventTime } from "../../db/import/timestamp.js";
import type { AuditEntry } from "./audit-entry.mutation.type.js";
import { inputSigner, type AddParticipantsInput, type CorrectStageEventInput, type CreateInitiativeInput, type LeaveInitiativeInput, type RecordStageEventInput, type UpdateInitiativeInput } from "./initiative.mutation.input.js";
import type { StageEvent } from "./stage-event.type.js";
import { INPUT, check, inputInstant, refusal } from "./write-refusal.js";

/**
 * A retraction through the graph: recorded now, in the retracted event's own source (an events
 * file names the event it retracts by its source_ref in the same source, so an export of the log
 * imports again), under a new reference.
 */
function retraction(target: { rowId: number; source: string }, reason: string) {
  return { target: { id: target.rowId }, at: Date.now(), source: target.source, source_ref: `retraction-${randomUUID()}`, reason };
}

/** The signer an event input names (see inputSigner), or BAD_USER_INPUT when `borough` and `organisation` disagree. */
export function signerOrRefuse(input: { borough?: string | null; organisation?: string | null }): string | undefined {
  const signer = inputSigner(input);
  if (signer === null)
    throw refusal([{ file: "input", line: 0, column: "organisation", field: "borough", message: `borough ${JSON.stringify(input.borough)} and organisation ${JSON.stringify(input.organisation)} disagree; expected one signer (organisation alone, or both the same)` }]);
  return signer;
}

/**
 * The write side of the initiative domain: every mutation goes through a db/writes/ WriteSession,
 * so it is validated, audited (with the viewer's key id), versioned and reflected in the derived
 * cycles exactly as an import is.
 */
export class InitiativeWriteService {
  constructor(
    private readonly db: HubDb,
    /** Who writes: the viewer's API key id, or `anonymous`. */
    private readonly actor: string,
  ) {}

  private session(): WriteSession {
    return new WriteSession(this.db, { actor: this.actor }).begin();
  }

  /**
   * Runs `add` on a new session and finishes it. A throw from `add` rolls the session back: left
   * open, its transaction would hold the write lock and, on PostgreSQL, stay aborted after a failed
   * statement, failing every later request on the connection.
   */
  private write(add: (s: WriteSession) => void): void {
    const s = this.session();
    try {
      add(s);
    } catch (err) {
      s.abort();
      throw err;
    }
    check(s.finish());
  }

  /** Creates an initiative; throws BAD_USER_INPUT naming the field at fault. */
  async createInitiative(input: CreateInitiativeInput): Promise<void> {
    // Creating is not idempotent through the graph: an id already in use is the caller's mistake
    // (an import would compare the contents instead).
    // (An id holding U+0000 cannot be stored; the write session refuses it by name.)
    if (new InitiativeQueries(this.db).exists(input.id)) {
      throw refusal([{ file: "input", line: 0, column: "id", field: "id", message: `initiative ${input.id} already exists; expected a new id (use addParticipants or recordStageEvent to change it)` }]);
    }
    this.write((s) =>
      s.addInitiative(
        {
          id: input.id,
          title: input.title,
          purpose: input.purpose ?? null,
          lead_borough: input.leadBorough,
          boroughs: input.boroughs,
          partners: input.partners ?? [],
          ...(input.nonSigning && input.nonSigning.length > 0 ? { nonSigning: input.nonSigning } : {}),
          tool: input.tool,
          practices: input.practices ?? [],
          status: input.status ?? "",
          created_at: input.createdAt,
        },
        INPUT,
      ),
    );
  }

  /** Adds boroughs and partners to an initiative; throws BAD_USER_INPUT naming the field at fault. */
  async addParticipants(input: AddParticipantsInput): Promise<void> {
    const joinedAt = input.joinedAt == null ? null : inputInstant(input.joinedAt, "joinedAt");
    this.write((s) => s.addParticipants(input.initiativeId, input.boroughs ?? [], input.partners ?? [], INPUT, undefined, input.nonSigning ?? [], joinedAt));
  }

  /** A participant leaves from `at` (audited, with the reason); BAD_USER_INPUT as WriteSession.leave says. */
  async leaveInitiative(input: LeaveInitiativeInput): Promise<void> {
    const at = inputInstant(input.at, "at");
    this.write((s) => s.leave(input.initiativeId, input.organisation.trim(), at, input.reason.trim(), INPUT));
  }


  /**
   * Records a stage event and returns it. The same (source, sourceRef) with the same content
   * returns the stored event (a retried request does not record twice).
   */
  async recordStageEvent(input: RecordStageEventInput): Promise<StageEvent> {
    const source = input.source ?? "manual";
    const sourceRef = input.sourceRef ?? `graphql-${randomUUID()}`;
    const signer = signerOrRefuse(input);
    this.write((s) =>
      s.addEvent(
        { initiative_id: input.initiativeId, stage: input.stage, borough: signer ?? "", kind: input.kind, at: input.at, source, source_ref: sourceRef },
        INPUT,
      ),
    );
    return new InitiativeQueries(this.db).eventBySourceRef(source, sourceRef) as StageEvent;
  }

  /** The stored event with this id, or BAD_USER_INPUT naming the `id` argument. */
  private event(id: string) {
    const row = /^[1-9][0-9]{0,15}$/.test(id) ? new InitiativeQueries(this.db).eventById(Number(id)) : undefined;
    if (!row) throw refusal([{ file: "input", line: 0, column: "id", field: "id", message: `no event ${JSON.stringify(id)} to retract; expected the id of a stored event` }]);
    return row;
  }

  private static reason(reason: string): string {
    const r = reason.trim();
    if (!r) throw refusal([{ file: "input", line: 0, column: "reason", field: "reason", message: "missing reason; a retraction says why the event is taken back" }]);
    return r;
  }

  /**
   * Retracts a stage event: records a RETRACTED event naming it (the log stays append-only) and
   * re-derives its stage from the effective log in the same transaction. Returns the retracted
   * event, now marked. Refused (BAD_USER_INPUT) for an unknown id, a RETRACTED event, or an event
   * retracted already.
   */
  async retractStageEvent(id: string, reason: string): Promise<StageEvent> {
    const target = this.event(id);
    const why = InitiativeWriteService.reason(reason);
    this.write((s) => s.retractEvent(retraction(target, why), INPUT));
    return new InitiativeQueries(this.db).eventById(target.rowId) as StageEvent;
  }

  /**
   * Corrects a stage event: its retraction and the right event, in one transaction (both or
   * neither). Fields of `input` left out keep the retracted event's values. Returns the new event.
   */
  async correctStageEvent(id: string, input: CorrectStageEventInput, reason: string): Promise<StageEvent> {
    const target = this.event(id);
    const why = InitiativeWriteService.reason(reason);
    const source = input.source ?? "manual";
    const sourceRef = input.sourceRef ?? `graphql-${randomUUID()}`;
    const signer = signerOrRefuse(input);
    this.write((s) => {
      s.retractEvent(retraction(target, why), INPUT);
      if (s.errorCount > 0) return;
      s.addEvent(
        {
          initiative_id: target.initiativeId,
          stage: input.stage ?? target.stage,
          borough: signer !== undefined ? signer : (target.organisation ?? ""),
          kind: input.kind ?? target.kind,
          at: input.at ?? formatEventTime(target.at),
          source,
          source_ref: sourceRef,
        },
        INPUT,
      );
    });
    return new InitiativeQueries(this.db).eventBySourceRef(source, sourceRef) as StageEvent;
  }

  /** Edits an initiative's title, purpose, tool, practices or status; audited. */
  async updateInitiative(id: string, input: UpdateInitiativeInput): Promise<void> {
    this.write((s) =>
      s.updateInitiative(
        id,
        {
          title: input.title ?? undefined,
          purpose: input.purpose === undefined ? undefined : input.purpose === null || input.purpose.trim() === "" ? null : input.purpose,
          tool: input.tool ?? undefined,
          practices: input.practices ?? undefined,
          status: input.status ?? undefined,
        },
        INPUT,
      ),
    );
  }

  /** Up to `limit` audit entries of one entity after row id `afterRowId`, oldest first. */
  async auditPage(entityType: string, entityId: string, afterRowId: number, limit: number): Promise<AuditEntry[]> {
    return new AuditQueries(this.db).page(entityType, entityId, afterRowId, limit);
  }

  /** How many audit entries one entity has. */
  async auditCount(entityType: string, entityId: string): Promise<number> {
    return new AuditQueries(this.db).count(entityType, entityId);
  }
}
