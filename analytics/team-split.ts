/**
 * Time with IG vs with the project team (DESIGN.md, "Metric definitions"): the intervals between
 * QUERY_RAISED and the next RESUBMITTED are with the team; the rest of the stage is with IG.
 * Rounds = 1 + number of QUERY_RAISED. Pure.
 */

/** What the split needs of a derived stage cycle (epoch ms). */
export interface SplitInput {
  submittedAt: number;
  /** Approval (or end) instant; null while open. */
  endAt: number | null;
  /** Closed team intervals, ms. */
  teamMs: number;
  /** Start of a team interval still open, or null. */
  openQueryAt: number | null;
}

/** A stage's elapsed time split between the project team and IG, in ms. */
export interface Split {
  totalMs: number;
  teamMs: number;
  igMs: number;
}

/**
 * Splits a stage's time (up to its end, or `asOfMs` while open) into time with the team (closed
 * QUERY_RAISED → RESUBMITTED intervals plus a query still open at asOf) and time with IG (the rest).
 */
export function splitTeamIg(c: SplitInput, asOfMs: number): Split {
  const end = c.endAt ?? asOfMs;
  const totalMs = Math.max(0, end - c.submittedAt);
  let team = c.teamMs;
  if (c.endAt === null && c.openQueryAt !== null && asOfMs > c.openQueryAt) team += asOfMs - c.openQueryAt;
  team = Math.min(team, totalMs);
  return { totalMs, teamMs: team, igMs: totalMs - team };
}

/**
 * The team share of a duration measured in working days, pro rata to elapsed time: the derived
 * cycles keep team time as total milliseconds, not as dated intervals, so working days with the team
 * = working days of the stage × teamMs / totalMs (with IG = the rest).
 */
export function teamWorkingDays(totalWorkingDays: number, split: Split): number {
  return split.totalMs === 0 ? 0 : (totalWorkingDays * split.teamMs) / split.totalMs;
}

/**
 * The time with the project team of an APPROVED stage in the unit, as `splitTeamIg` (its query
 * intervals all closed at approval) followed by `teamWorkingDays` for working days or ms / day for
 * calendar days: `duration` is the stage's time to approval in that unit. Without allocating.
 */
export function approvedTeamTime(duration: number, submittedAt: number, approvedAt: number, teamMs: number, workingDays: boolean): number {
  const totalMs = Math.max(0, approvedAt - submittedAt);
  const team = Math.min(teamMs, totalMs);
  return workingDays ? (totalMs === 0 ? 0 : (duration * team) / totalMs) : team / 86_400_000;
}
