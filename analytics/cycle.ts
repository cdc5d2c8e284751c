/**
 * Derivation of a stage's cycle from its events (DESIGN.md, "The IG process"): a stage is
 * submitted at its first SUBMITTED event and approved at the first instant t at which every signing
 * participant (borough or partner organisation) present at t — joined at or before t (or from the
 * start) and not left at or before t — has an APPROVED event ≤ t (a signer-less APPROVED approves
 * it for every participant present at that moment). A leaver stops holding the stage up from the
 * moment it leaves, so the stage may be approved at that moment; a late joiner must sign once it
 * has joined. Pure: no database, no GraphQL.
 */

/**
 * DPO_REVIEWED (last, so the kinds' indexes stay as they were) is a signer's DPO review (advice
 * given) before its senior officer's APPROVED: it approves nothing and changes no cycle time.
 */
export const EVENT_KINDS = ["SUBMITTED", "QUERY_RAISED", "RESUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN", "DPO_REVIEWED"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type CycleOutcome = "OPEN" | "APPROVED" | "REJECTED" | "WITHDRAWN";

/** One stage event as the derivation needs it. `at` is epoch milliseconds. */
export interface CycleEvent {
  kind: EventKind;
  /** The signer: a GSS code or a partner organisation's slug, or null for an initiative-wide event. */
  borough: string | null;
  at: number;
}

/**
 * A signing participant and when it took part: `joinedAt` null = from the start, `leftAt` null =
 * still in (epoch ms). Present at t when (joinedAt null or joinedAt ≤ t) and (leftAt null or leftAt > t).
 */
export interface ParticipantPeriod {
  code: string;
  joinedAt: number | null;
  leftAt: number | null;
}

/** A signing participant: its code (taking part throughout) or its code with its period. */
export type Participant = string | ParticipantPeriod;

/** Whether a participant takes part at instant t (see {@link ParticipantPeriod}). */
export function presentAt(p: Participant, t: number): boolean {
  return typeof p === "string" || ((p.joinedAt === null || p.joinedAt <= t) && (p.leftAt === null || p.leftAt > t));
}

/** A participant's code. */
export function participantCode(p: Participant): string {
  return typeof p === "string" ? p : p.code;
}

/** The derived cycle of one stage of one initiative. */
export interface StageCycle {
  outcome: CycleOutcome;
  submittedAt: number;
  /** The first instant every signing participant present then had signed (an APPROVED, or a leaver's leaving); null unless APPROVED. */
  approvedAt: number | null;
  /** When the stage ended REJECTED or WITHDRAWN; null otherwise. */
  endedAt: number | null;
  /** 1 + number of QUERY_RAISED before the stage ended. */
  rounds: number;
  /** Closed time with the project team: each QUERY_RAISED up to the next RESUBMITTED (ms). */
  teamMs: number;
  /** Start of a team interval still open when the derivation ran (no RESUBMITTED yet), else null. */
  openQueryAt: number | null;
  /** Each signer's own sign-off time (its APPROVED, or a signer-less APPROVED), by GSS code or partner slug. */
  signoffs: Map<string, number>;
}

/**
 * Whether a signer is a borough (an ONS GSS code: a capital letter and eight digits) rather than a
 * partner organisation (a slug: lower-case letters, digits and hyphens, so the two never meet).
 */
export function isBoroughSigner(code: string): boolean {
  return code.length === 9 && code.charCodeAt(0) >= 65 && code.charCodeAt(0) <= 90 && /^[A-Z]\d{8}$/.test(code);
}

/**
 * Derives a stage's cycle from its events (any order; ties keep input order) and the initiative's
 * signing participants (GSS codes and partner slugs, each with its period when it joined late or
 * left). Returns null when the stage has not been submitted. Events after the stage ended
 * (approved, rejected, withdrawn) do not change it. A leaving is an instant of its own: it comes
 * before the events at the same instant (the leaver is no longer present then).
 */
export function deriveStageCycle(events: readonly CycleEvent[], participants: readonly Participant[]): StageCycle | null {
  const sorted = events.map((e, i) => [e, i] as const).sort((x, y) => x[0].at - y[0].at || x[1] - y[1]);
  const first = sorted.findIndex(([e]) => e.kind === "SUBMITTED");
  if (first < 0) return null;
  const cycle: StageCycle = {
    outcome: "OPEN",
    submittedAt: sorted[first]![0].at,
    approvedAt: null,
    endedAt: null,
    rounds: 1,
    teamMs: 0,
    openQueryAt: null,
    signoffs: new Map(),
  };
  // Leavings after the submission, in time order: each is a moment the stage may become approved.
  let leavings: number[] | null = null;
  let dated = false;
  for (const p of participants) {
    if (typeof p === "string") continue;
    dated = true;
    if (p.leftAt !== null && p.leftAt > cycle.submittedAt) (leavings ??= []).push(p.leftAt);
  }
  leavings?.sort((a, b) => a - b);
  let nextLeaving = 0;
  for (let i = first + 1; i < sorted.length && cycle.outcome === "OPEN"; i++) {
    if (leavings !== null) {
      nextLeaving = approveAtLeavings(cycle, participants, leavings, nextLeaving, sorted[i]![0].at);
      if (cycle.outcome !== "OPEN") break;
    }
    const e = sorted[i]![0];
    switch (e.kind) {
      case "QUERY_RAISED":
        cycle.rounds += 1;
        if (cycle.openQueryAt === null) cycle.openQueryAt = e.at;
        break;
      case "RESUBMITTED":
        if (cycle.openQueryAt !== null) {
          cycle.teamMs += e.at - cycle.openQueryAt;
          cycle.openQueryAt = null;
        }
        break;
      case "APPROVED": {
        if (e.borough !== null) {
          if (!cycle.signoffs.has(e.borough)) cycle.signoffs.set(e.borough, e.at);
        } else if (!dated) {
          for (const p of participants) if (!cycle.signoffs.has(p as string)) cycle.signoffs.set(p as string, e.at);
        } else {
          for (const p of participants) {
            const b = participantCode(p);
            if (presentAt(p, e.at) && !cycle.signoffs.has(b)) cycle.signoffs.set(b, e.at);
          }
        }
        if (allSignedAt(participants, cycle.signoffs, dated, e.at)) {
          cycle.outcome = "APPROVED";
          cycle.approvedAt = e.at;
        }
        break;
      }
      case "REJECTED":
      case "WITHDRAWN":
        cycle.outcome = e.kind;
        cycle.endedAt = e.at;
        break;
      case "SUBMITTED":
      case "DPO_REVIEWED":
        break;
    }
  }
  // Leavings after the last event.
  if (leavings !== null && cycle.outcome === "OPEN") approveAtLeavings(cycle, participants, leavings, nextLeaving, Infinity);
  // A query still open when the stage ended counts as team time up to the end.
  const end = cycle.approvedAt ?? cycle.endedAt;
  if (end !== null && cycle.openQueryAt !== null) {
    cycle.teamMs += end - cycle.openQueryAt;
    cycle.openQueryAt = null;
  }
  return cycle;
}

/**
 * Approves `cycle` at the first of `leavings` (sorted) from index `from` up to `until` at which
 * every participant still present had signed; returns the index of the next leaving to look at.
 */
function approveAtLeavings(cycle: StageCycle, participants: readonly Participant[], leavings: readonly number[], from: number, until: number): number {
  let k = from;
  while (k < leavings.length && leavings[k]! <= until) {
    const t = leavings[k++]!;
    if (allSignedAt(participants, cycle.signoffs, true, t)) {
      cycle.outcome = "APPROVED";
      cycle.approvedAt = t;
      break;
    }
  }
  return k;
}

/** Whether every participant present at t (all of them when none is `dated`) has a sign-off. */
function allSignedAt(participants: readonly Participant[], signoffs: ReadonlyMap<string, number>, dated: boolean, t: number): boolean {
  if (!dated) {
    // Most initiatives: every participant takes part throughout (bare codes).
    for (let k = 0; k < participants.length; k++) if (!signoffs.has(participants[k] as string)) return false;
    return true;
  }
  for (const p of participants) if (presentAt(p, t) && !signoffs.has(participantCode(p))) return false;
  return true;
}
