import type { SqlConn, SqlStatement } from "../driver/index.js";
import { deriveStageCycle, isBoroughSigner, type CycleEvent, type Participant } from "../../analytics/cycle.js";

/**
 * The effective log of one (initiative, stage): its events less RETRACTED rows and the events they
 * retract (a retraction is filtered out before the derivation, which never sees it).
 */
export const EFFECTIVE_STAGE_EVENTS =
  "SELECT kind, COALESCE(authority_code, organisation_slug) AS borough, at FROM stage_events e WHERE e.initiative_id = ? AND e.stage = ? AND e.kind <> 'RETRACTED' AND NOT EXISTS (SELECT 1 FROM stage_events r WHERE r.retracts = e.id) ORDER BY e.at, e.id";

/**
 * An initiative's signing participants: boroughs and partner organisations whose APPROVED a stage
 * waits for while they take part (joined_at, left_at: epoch ms, null = from the start / still in).
 */
export const SIGNERS_OF_INITIATIVE =
  "SELECT authority_code AS code, joined_at, left_at FROM initiative_boroughs WHERE initiative_id = ? AND signs <> 0 UNION ALL SELECT organisation_slug AS code, joined_at, left_at FROM initiative_partners WHERE initiative_id = ? AND signs <> 0";

/** A participant row as the derivation takes it: the bare code when it takes part throughout. */
export function toParticipant(r: { code: string; joined_at: number | string | null; left_at: number | string | null }): Participant {
  return r.joined_at === null && r.left_at === null
    ? r.code
    : { code: r.code, joinedAt: r.joined_at === null ? null : Number(r.joined_at), leftAt: r.left_at === null ? null : Number(r.left_at) };
}

/**
 * Keeps the derived `stage_cycles`, `borough_signoffs` and `partner_signoffs` tables in step with the effective event
 * log. Call `refresh` for every (initiative, stage) whose events changed, inside the same
 * transaction as the event inserts: analytics then read one row per stage instead of recomputing the log.
 */
export class CycleMaintainer {
  private readonly events: SqlStatement<{ kind: CycleEvent["kind"]; borough: string | null; at: number }>;
  private readonly participants: SqlStatement<{ code: string; joined_at: number | null; left_at: number | null }>;
  private readonly deleteCycle: SqlStatement;
  private readonly deleteSignoffs: SqlStatement;
  private readonly deletePartnerSignoffs: SqlStatement;
  private readonly insertCycle: SqlStatement;
  private readonly insertSignoff: SqlStatement;
  private readonly insertPartnerSignoff: SqlStatement;

  constructor(private readonly sql: SqlConn) {
    this.events = sql.prepare(EFFECTIVE_STAGE_EVENTS);
    this.participants = sql.prepare(SIGNERS_OF_INITIATIVE);
    this.deleteCycle = sql.prepare("DELETE FROM stage_cycles WHERE initiative_id = ? AND stage = ?");
    this.deleteSignoffs = sql.prepare("DELETE FROM borough_signoffs WHERE initiative_id = ? AND stage = ?");
    this.deletePartnerSignoffs = sql.prepare("DELETE FROM partner_signoffs WHERE initiative_id = ? AND stage = ?");
    this.insertCycle = sql.prepare(
      "INSERT INTO stage_cycles (initiative_id, stage, outcome, submitted_at, approved_at, ended_at, rounds, team_ms, open_query_at) VALUES (?,?,?,?,?,?,?,?,?)",
    );
    this.insertSignoff = sql.prepare("INSERT INTO borough_signoffs (initiative_id, stage, authority_code, approved_at) VALUES (?,?,?,?)");
    this.insertPartnerSignoff = sql.prepare("INSERT INTO partner_signoffs (initiative_id, stage, organisation_slug, approved_at) VALUES (?,?,?,?)");
  }

  /** Re-derives one stage of one initiative from its effective events (participants: its signers, read when not given). */
  refresh(initiativeId: string, stage: string, participants?: readonly Participant[]): void {
    const boroughs = participants ?? this.participants.all(initiativeId, initiativeId).map(toParticipant);
    this.write(initiativeId, stage, this.events.all(initiativeId, stage), boroughs);
  }

  /** Writes the cycle derived from events already in hand (bulk loaders use this to skip the read). */
  write(initiativeId: string, stage: string, events: readonly CycleEvent[], participants: readonly Participant[]): void {
    this.deleteCycle.run(initiativeId, stage);
    this.deleteSignoffs.run(initiativeId, stage);
    this.deletePartnerSignoffs.run(initiativeId, stage);
    const c = deriveStageCycle(events, participants);
    if (!c) return;
    this.insertCycle.run(initiativeId, stage, c.outcome, c.submittedAt, c.approvedAt, c.endedAt, c.rounds, c.teamMs, c.openQueryAt);
    for (const [code, at] of c.signoffs) (isBoroughSigner(code) ? this.insertSignoff : this.insertPartnerSignoff).run(initiativeId, stage, code, at);
  }

  /** Re-derives every stage of one initiative (after its participants changed). */
  refreshInitiative(initiativeId: string): void {
    const stages = this.sql
      .prepare("SELECT DISTINCT stage FROM stage_events WHERE initiative_id = ?")
      .pluck()
      .all(initiativeId) as string[];
    const boroughs = this.participants.all(initiativeId, initiativeId).map(toParticipant);
    for (const s of stages) this.refresh(initiativeId, s, boroughs);
  }
}
