import type { SqlConn } from "../driver/index.js";
import type { AuditTrail } from "./audit.js";
import type { InitiativeInserter } from "./initiative.insert.js";
import type { InitiativeState } from "./initiative.state.js";
import { leaveProblem, readPeriods, storePeriods } from "./participation.js";
import { checkParticipants, refuseUnstorable, shown, type ProblemSink, type ReferenceSets } from "./write.rules.js";
import type { RecordPosition } from "./write.records.js";

/** What the write session lends its participation changes: its counters and what it re-derives at the end. */
export interface ParticipationTally {
  participantsAdded: number;
}

/**
 * A write session's changes to who takes part in stored initiatives (issue 13 point 4): participants
 * added (possibly from a date) and participants leaving. Each change marks the initiative so that
 * the session derives all its stages again at the end ({@link changed}); a leaving is audited.
 */
export class SessionParticipation {
  /** Initiatives whose signing participants changed: every stage is derived again at commit. */
  readonly changed = new Set<string>();
  /** Participants that left in this session (the data version is bumped at commit). */
  left = 0;

  constructor(
    private readonly sink: ProblemSink & { readonly errorCount: number },
    private readonly sql: SqlConn,
    private readonly refs: () => ReferenceSets,
    private readonly now: () => number,
    private readonly tally: ParticipationTally,
    private readonly audit: AuditTrail,
    private readonly inserter: InitiativeInserter,
    private readonly state: (id: string) => InitiativeState | null,
  ) {}

  /**
   * Adds boroughs and partners to a stored initiative (the ones it already has are skipped), those
   * in `nonSigning` as participants that do not sign. Its stage cycles are re-derived at the end: a
   * stage needs every signing participant's approval.
   */
  add(initiativeId: string, boroughs: string[], partners: string[], pos: RecordPosition, partnerNames: Record<string, string> | undefined, nonSigning: string[], joinedAt: number | null): void {
    const sink = this.sink;
    if (refuseUnstorable(sink, pos, { initiative_id: initiativeId, boroughs, partners })) return;
    const before = sink.errorCount;
    const st = this.state(initiativeId);
    checkParticipants(sink, pos, initiativeId, st !== null, boroughs, partners, this.refs(), nonSigning);
    if (!st || sink.errorCount > before) return;
    this.inserter.flush();
    const quiet = new Set(nonSigning);
    const added = this.inserter.addParticipants(initiativeId, st.boroughs, boroughs, partners, this.now(), partnerNames, quiet, joinedAt);
    this.tally.participantsAdded += added.boroughs.length + added.partners.length;
    if (joinedAt !== null && added.boroughs.length + added.partners.length > 0) {
      storePeriods(this.sql, initiativeId, new Map([...added.boroughs, ...added.partners].map((c) => [c, { joinedAt, leftAt: null }])));
      st.periods = true;
    }
    for (const p of added.partners) st.partners.add(p);
    let signerAdded = false;
    for (const c of [...added.boroughs, ...added.partners])
      if (!quiet.has(c)) {
        st.signers.add(c);
        signerAdded = true;
      }
    if (signerAdded) this.changed.add(initiativeId);
  }

  /**
   * Records that a participant (GSS code or partner slug) leaves a stored initiative at `at` (epoch
   * ms), audited with `reason`: from then on it holds no stage up, and every stage of the initiative
   * is derived again. Refused (reported at `pos`, field `organisation`) when it does not take part,
   * already left, or `at` is not after it joined. Its events stay in the log.
   */
  leave(initiativeId: string, code: string, at: number, reason: string, pos: RecordPosition): void {
    const sink = this.sink;
    if (refuseUnstorable(sink, pos, { initiative_id: initiativeId, organisation: code, reason })) return;
    if (!reason) return sink.fail(pos, "reason", "missing reason; a leaving says why the participant leaves");
    const st = this.state(initiativeId);
    if (!st) {
      sink.fail(pos, "initiative_id", `unknown initiative ${shown(initiativeId)}; expected the id of a stored initiative`);
      return;
    }
    this.inserter.flush();
    const stored = readPeriods(this.sql, initiativeId).get(code);
    const problem = leaveProblem(code, initiativeId, stored, at);
    if (problem) {
      sink.fail(pos, "organisation", problem);
      return;
    }
    storePeriods(this.sql, initiativeId, new Map([[code, { joinedAt: stored!.joinedAt, leftAt: at }]]));
    this.audit.participantLeft(this.now(), initiativeId, code, at, reason);
    st.periods = true;
    this.changed.add(initiativeId);
    this.left++;
  }
}
