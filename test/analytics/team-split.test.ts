import { describe, expect, it } from "vitest";
import { deriveStageCycle } from "../../analytics/cycle.js";
import fc from "fast-check";
import { approvedTeamTime, splitTeamIg, teamWorkingDays } from "../../analytics/team-split.js";

const D = 86_400_000;
const t0 = Date.parse("2024-03-04T09:00:00Z");

describe("team/IG split", () => {
  it("puts QUERY_RAISED → RESUBMITTED with the team and the rest with IG", () => {
    const c = deriveStageCycle(
      [
        { kind: "SUBMITTED", borough: null, at: t0 },
        { kind: "QUERY_RAISED", borough: "E09000001", at: t0 + 2 * D },
        { kind: "RESUBMITTED", borough: null, at: t0 + 5 * D },
        { kind: "APPROVED", borough: null, at: t0 + 10 * D },
      ],
      ["E09000001", "E09000002"],
    )!;
    expect(c.rounds).toBe(2);
    const split = splitTeamIg({ submittedAt: c.submittedAt, endAt: c.approvedAt, teamMs: c.teamMs, openQueryAt: c.openQueryAt }, t0 + 99 * D);
    expect(split).toEqual({ totalMs: 10 * D, teamMs: 3 * D, igMs: 7 * D });
    // 8 working days, 30% with the team, pro rata.
    expect(teamWorkingDays(8, split)).toBeCloseTo(2.4, 10);
  });

  it("counts a query still open at asOf as team time up to asOf", () => {
    expect(splitTeamIg({ submittedAt: t0, endAt: null, teamMs: D, openQueryAt: t0 + 4 * D }, t0 + 6 * D)).toEqual({
      totalMs: 6 * D,
      teamMs: 3 * D,
      igMs: 3 * D,
    });
    expect(teamWorkingDays(0, { totalMs: 0, teamMs: 0, igMs: 0 })).toBe(0);
  });

  it("approvedTeamTime equals splitTeamIg + teamWorkingDays (or ms / day) of an approved stage", () => {
    // 10 days, 4 with the team: in 8 working days, 8 × 4/10 = 3.2; in calendar days, 4.
    expect(approvedTeamTime(8, t0, t0 + 10 * D, 4 * D, true)).toBeCloseTo(3.2, 12);
    expect(approvedTeamTime(10, t0, t0 + 10 * D, 4 * D, false)).toBe(4);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * D }), fc.integer({ min: 0, max: 500 * D }), fc.integer({ min: 0, max: 300 }), fc.boolean(), (len, teamMs, wd, working) => {
        const split = splitTeamIg({ submittedAt: t0, endAt: t0 + len, teamMs, openQueryAt: null }, t0 + len + D);
        const expected = working ? teamWorkingDays(wd, split) : split.teamMs / D;
        expect(approvedTeamTime(working ? wd : len / D, t0, t0 + len, teamMs, working)).toBe(expected);
      }),
    );
  });
});
