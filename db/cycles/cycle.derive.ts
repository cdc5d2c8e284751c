import { EVENT_KINDS, deriveStageCycle, isBoroughSigner, type CycleEvent, type EventKind } from "../../analytics/cycle.js";
import type { Dialect, SqlConn } from "../driver/index.js";
import { BatchInsert } from "../writes/batch.insert.js";
import { BOROUGH_SIGNOFF_COLUMNS, PARTNER_SIGNOFF_COLUMNS, STAGE_CYCLE_COLUMNS } from "../writes/table.columns.js";
import type { InitiativeStatus } from "../writes/write.records.js";
import { CycleMaintainer } from "./cycle.maintainer.js";

/**
 * After a write session: the derived cycles and sign-offs of every (initiative, stage) it touched,
 * and the statuses those cycles imply, written in the session's transaction so that analytics
 * read one row per stage instead of recomputing the log.
 */

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

/** The events a session added to one (initiative, stage), as parallel arrays in insertion order. */
export interface TouchedStage {
  initiativeId: string;
  stage: string;
  /** Indexes into EVENT_KINDS. */
  kinds: number[];
  /** Indexes into {@link SessionChanges.boroughNames}; -1 = initiative-wide. */
  boroughs: number[];
  ats: number[];
}

/** What the derivation needs of an initiative the session read or wrote. */
export interface TouchedInitiative {
  processSlug: string;
  /** Participating boroughs, as they stand in the session. */
  boroughs: Set<string>;
  /** Signing participants (boroughs and partner slugs), as they stand in the session. */
  signers: Set<string>;
  /** Created in this session (its events are all in hand). */
  created: boolean;
  /** Some participant joined late or left: stages are derived with the stored periods, not `signers`. */
  periods?: boolean;
  /** Status given explicitly in this session; otherwise it is derived. */
  statusGiven: boolean;
  /** Current status; updated here when the derivation changes it. */
  status: string;
  eventsAdded: number;
}

/** What one write session changed. */
export interface SessionChanges {
  /** Touched stages; the stages of one initiative are consecutive. */
  stages: ReadonlyMap<string, TouchedStage>;
  /** Initiatives by id (null: looked up and not found). */
  initiatives: ReadonlyMap<string, TouchedInitiative | null>;
  /** Initiatives given new signing participants: every stage of them is derived again. */
  participantsChanged: ReadonlySet<string>;
  boroughNames: readonly string[];
  /** The stage whose approval makes an initiative LIVE, by process. */
  liveStageByProcess: ReadonlyMap<string, string>;
  /**
   * Stages in which the session recorded a retraction, by `initiative\0stage`: derived from the
   * stored effective log (the events in hand do not say what was retracted).
   */
  retracted?: ReadonlyMap<string, { initiativeId: string; stage: string }>;
}

/**
 * Derives the cycles and sign-offs of every touched stage (an initiative created in this session
 * from the events in hand, a stored one from its events in the database) and updates the statuses
 * they imply. `onProgress(done, total)` reports the stages derived.
 */
export function deriveSessionCycles(conn: SqlConn, dialect: Dialect, changes: SessionChanges, onProgress?: (done: number, total: number) => void): void {
  const { stages: groups, initiatives, participantsChanged, boroughNames, liveStageByProcess } = changes;
  const retracted = changes.retracted ?? new Map<string, { initiativeId: string; stage: string }>();
  const retractedIn = new Set([...retracted.values()].map((r) => r.initiativeId));
  const cycleOutcomes = conn.prepare<{ stage: string; outcome: string }>("SELECT stage, outcome FROM stage_cycles WHERE initiative_id = ?");
  const setStatus = conn.prepare("UPDATE initiatives SET status = ? WHERE id = ?");
  const cycles = new CycleMaintainer(conn);
  const newCycles = new BatchInsert(conn, "stage_cycles", STAGE_CYCLE_COLUMNS);
  const newSignoffs = new BatchInsert(conn, "borough_signoffs", BOROUGH_SIGNOFF_COLUMNS);
  const newPartnerSignoffs = new BatchInsert(conn, "partner_signoffs", PARTNER_SIGNOFF_COLUMNS);
  // The outcomes of new initiatives are kept from their derivation, not read back (a query per
  // initiative; on PostgreSQL each statement is a round trip to the worker thread and the server),
  // and on PostgreSQL their statuses are set in one UPDATE.
  const postgres = dialect === "postgres";
  const createdOutcomes = new Map<string, Map<string, string>>();
  const statusUpdates: [string, string][] | null = postgres ? [] : null;
  const total = groups.size + participantsChanged.size + retracted.size;
  let done = 0;
  const step = Math.max(1, Math.floor(total / 100));
  const pool: { kind: EventKind; borough: string | null; at: number }[] = [];
  const events: CycleEvent[] = [];
  // Groups of one initiative are consecutive: its participant list is built once, not per stage.
  let participantsOf: TouchedInitiative | null = null;
  let participants: string[] = [];
  for (const [key, g] of groups) {
    const st = initiatives.get(g.initiativeId)!;
    if (participantsChanged.has(g.initiativeId) || retracted.has(key)) {
      // refreshed from the stored log below
    } else if (st.created) {
      // deriveStageCycle reads its events only during the call: the event objects are reused across groups.
      const n = g.kinds.length;
      while (pool.length < n) pool.push({ kind: "SUBMITTED", borough: null, at: 0 });
      events.length = n;
      for (let i = 0; i < n; i++) {
        const e = pool[i]!;
        e.kind = EVENT_KINDS[g.kinds[i]!] as EventKind;
        e.borough = g.boroughs[i]! < 0 ? null : boroughNames[g.boroughs[i]!]!;
        e.at = g.ats[i]!;
        events[i] = e;
      }
      if (participantsOf !== st) {
        participantsOf = st;
        participants = [...st.signers];
      }
      const c = deriveStageCycle(events, participants);
      if (c) {
        let m = createdOutcomes.get(g.initiativeId);
        if (!m) createdOutcomes.set(g.initiativeId, (m = new Map()));
        m.set(g.stage, c.outcome);
        newCycles.add(g.initiativeId, g.stage, c.outcome, c.submittedAt, c.approvedAt, c.endedAt, c.rounds, c.teamMs, c.openQueryAt);
        for (const [code, at] of c.signoffs) (isBoroughSigner(code) ? newSignoffs : newPartnerSignoffs).add(g.initiativeId, g.stage, code, at);
      }
    } else {
      cycles.refresh(g.initiativeId, g.stage, st.periods ? undefined : [...st.signers]);
    }
    if (++done % step === 0) onProgress?.(done, total);
  }
  newCycles.flush();
  newSignoffs.flush();
  newPartnerSignoffs.flush();
  for (const { initiativeId, stage } of retracted.values()) {
    const st = initiatives.get(initiativeId)!;
    if (!participantsChanged.has(initiativeId)) cycles.refresh(initiativeId, stage, st.periods ? undefined : [...st.signers]);
    if (++done % step === 0) onProgress?.(done, total);
  }
  for (const id of participantsChanged) {
    cycles.refreshInitiative(id);
    if (++done % step === 0) onProgress?.(done, total);
  }
  onProgress?.(total, total);
  // Statuses follow the events unless the source stated one; REJECTED/WITHDRAWN/LIVE are kept.
  for (const [id, st] of initiatives) {
    if (!st || st.statusGiven) continue;
    if (st.eventsAdded === 0 && !participantsChanged.has(id) && !retractedIn.has(id)) continue;
    if (!st.created && st.status !== "ACTIVE" && st.status !== "LIVE") continue;
    const outcomes = (st.created && !participantsChanged.has(id) && !retractedIn.has(id) ? createdOutcomes.get(id) : undefined) ?? new Map(cycleOutcomes.all(id).map((r) => [r.stage, r.outcome] as const));
    const status = deriveInitiativeStatus(outcomes, liveStageByProcess.get(st.processSlug) ?? "ISA");
    // A stored initiative only moves forward (ACTIVE → LIVE, REJECTED, WITHDRAWN; LIVE → REJECTED,
    // WITHDRAWN): its status may have been stated by an earlier source, so events never demote it —
    // except a retraction, which takes back the event that moved it (LIVE → ACTIVE).
    if (!st.created && status === "ACTIVE" && !retractedIn.has(id)) continue;
    if (status !== st.status) {
      if (statusUpdates) statusUpdates.push([id, status]);
      else setStatus.run(status, id);
      st.status = status;
    }
  }
  if (statusUpdates && statusUpdates.length > 0)
    conn
      .prepare("UPDATE initiatives AS i SET status = v.status FROM unnest(?::text[], ?::text[]) AS v(id, status) WHERE i.id = v.id")
      .run(statusUpdates.map((u) => u[0]), statusUpdates.map((u) => u[1]));
}
