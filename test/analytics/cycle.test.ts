import { describe, expect, it } from "vitest";
import { deriveStageCycle, type CycleEvent, type EventKind, type StageCycle } from "../../analytics/cycle.js";

// One case per rule of DESIGN.md's approval definition ("The IG process") and per promise of
// deriveStageCycle's JSDoc. Every expected cycle is written out whole, by hand.
const D = 86_400_000;
const T0 = Date.parse("2024-03-04T09:00:00Z");
/** Day n of the fixture's clock (epoch ms). */
const day = (n: number) => T0 + n * D;
const A = "E09000001";
const B = "E09000002";
const C = "E09000003";

function ev(kind: EventKind, n: number, borough: string | null = null): CycleEvent {
  return { kind, borough, at: day(n) };
}

/** A cycle with the fields a case does not set at their defaults of a submitted, untouched stage. */
function cycle(submittedAt: number, rest: Partial<StageCycle>): StageCycle {
  return { outcome: "OPEN", submittedAt, approvedAt: null, endedAt: null, rounds: 1, teamMs: 0, openQueryAt: null, signoffs: new Map(), ...rest };
}

describe("deriveStageCycle: submission", () => {
  it("returns null for a stage with no SUBMITTED event (nothing, or only other kinds)", () => {
    expect(deriveStageCycle([], [A])).toBeNull();
    expect(deriveStageCycle([ev("QUERY_RAISED", 0), ev("APPROVED", 1, A), ev("REJECTED", 2)], [A])).toBeNull();
  });

  it("is submitted at the first SUBMITTED; a later SUBMITTED changes nothing", () => {
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("SUBMITTED", 3)], [A])).toEqual(cycle(day(0), {}));
  });

  it("ignores events before the first SUBMITTED (an early APPROVED signs nothing, an early query is no round)", () => {
    const events = [ev("APPROVED", 0, A), ev("QUERY_RAISED", 1), ev("SUBMITTED", 2), ev("APPROVED", 4, B)];
    expect(deriveStageCycle(events, [A, B])).toEqual(cycle(day(2), { signoffs: new Map([[B, day(4)]]) }));
  });

  it("orders events by time whatever the input order", () => {
    const events = [ev("APPROVED", 5, B), ev("APPROVED", 3, A), ev("SUBMITTED", 1), ev("SUBMITTED", 0)];
    expect(deriveStageCycle(events, [A, B])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(5), signoffs: new Map([[A, day(3)], [B, day(5)]]) }),
    );
  });

  it("keeps input order among events at the same instant", () => {
    // APPROVED listed before a SUBMITTED at the same instant came before the submission.
    expect(deriveStageCycle([ev("APPROVED", 0, A), ev("SUBMITTED", 0)], [A])).toEqual(cycle(day(0), {}));
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("APPROVED", 0, A)], [A])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(0), signoffs: new Map([[A, day(0)]]) }),
    );
    // RESUBMITTED listed before a QUERY_RAISED at the same instant closes nothing: the query stays open.
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("RESUBMITTED", 2), ev("QUERY_RAISED", 2)], [A])).toEqual(
      cycle(day(0), { rounds: 2, openQueryAt: day(2) }),
    );
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("QUERY_RAISED", 2), ev("RESUBMITTED", 2)], [A])).toEqual(cycle(day(0), { rounds: 2 }));
  });
});

describe("deriveStageCycle: approval", () => {
  it("stays OPEN while a participating borough has not approved", () => {
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("APPROVED", 2, A)], [A, B])).toEqual(cycle(day(0), { signoffs: new Map([[A, day(2)]]) }));
  });

  it("is approved when every participating borough has approved, at the last one's APPROVED", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 2, B), ev("APPROVED", 3, C), ev("APPROVED", 6, A)];
    expect(deriveStageCycle(events, [A, B, C])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(6), signoffs: new Map([[B, day(2)], [C, day(3)], [A, day(6)]]) }),
    );
  });

  it("keeps a borough's first APPROVED when it approves twice", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 2, A), ev("APPROVED", 4, A), ev("APPROVED", 6, B)];
    expect(deriveStageCycle(events, [A, B])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(6), signoffs: new Map([[A, day(2)], [B, day(6)]]) }),
    );
  });

  it("a borough-less APPROVED approves for all: every borough not yet signed signs at it", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 2, A), ev("APPROVED", 5)];
    expect(deriveStageCycle(events, [A, B, C])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(5), signoffs: new Map([[A, day(2)], [B, day(5)], [C, day(5)]]) }),
    );
  });

  it("with no participating borough, the first APPROVED approves (every one of none has signed)", () => {
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("APPROVED", 1)], [])).toEqual(cycle(day(0), { outcome: "APPROVED", approvedAt: day(1) }));
  });

  it("an APPROVED by a non-participating borough does not count towards approval", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 2, A), ev("APPROVED", 3, C)];
    // C's APPROVED is kept as C's own sign-off (the JSDoc of `signoffs`), but A and B are the participants.
    expect(deriveStageCycle(events, [A, B])).toEqual(cycle(day(0), { signoffs: new Map([[A, day(2)], [C, day(3)]]) }));
    expect(deriveStageCycle([...events, ev("APPROVED", 7, B)], [A, B])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(7), signoffs: new Map([[A, day(2)], [C, day(3)], [B, day(7)]]) }),
    );
  });
});

describe("deriveStageCycle: REJECTED and WITHDRAWN", () => {
  it("REJECTED ends the stage (endedAt, outcome): sign-offs so far are kept, later APPROVEDs do not approve it", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 2, A), ev("REJECTED", 4, B), ev("APPROVED", 6, B), ev("QUERY_RAISED", 7)];
    expect(deriveStageCycle(events, [A, B])).toEqual(
      cycle(day(0), { outcome: "REJECTED", endedAt: day(4), signoffs: new Map([[A, day(2)]]) }),
    );
  });

  it("WITHDRAWN ends the stage likewise, even after every borough but one has signed", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 1, A), ev("APPROVED", 2, B), ev("WITHDRAWN", 3), ev("APPROVED", 4)];
    expect(deriveStageCycle(events, [A, B, C])).toEqual(
      cycle(day(0), { outcome: "WITHDRAWN", endedAt: day(3), signoffs: new Map([[A, day(1)], [B, day(2)]]) }),
    );
  });

  it("events after approval do not change the stage (a later REJECTED, query or APPROVED)", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 3), ev("QUERY_RAISED", 4), ev("REJECTED", 5), ev("APPROVED", 6, A)];
    expect(deriveStageCycle(events, [A, B])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(3), signoffs: new Map([[A, day(3)], [B, day(3)]]) }),
    );
  });
});

describe("deriveStageCycle: rounds and time with the team", () => {
  it("rounds = 1 + QUERY_RAISED; team time = each QUERY_RAISED to the next RESUBMITTED", () => {
    const events = [ev("SUBMITTED", 0), ev("QUERY_RAISED", 1, A), ev("RESUBMITTED", 3), ev("QUERY_RAISED", 5, B), ev("RESUBMITTED", 6), ev("APPROVED", 9)];
    expect(deriveStageCycle(events, [A, B])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(9), rounds: 3, teamMs: 3 * D, signoffs: new Map([[A, day(9)], [B, day(9)]]) }),
    );
  });

  it("two queries before one RESUBMITTED are two rounds and one team interval, from the first query", () => {
    const events = [ev("SUBMITTED", 0), ev("QUERY_RAISED", 1, A), ev("QUERY_RAISED", 2, B), ev("RESUBMITTED", 4)];
    expect(deriveStageCycle(events, [A, B])).toEqual(cycle(day(0), { rounds: 3, teamMs: 3 * D }));
  });

  it("a RESUBMITTED with no open query adds no team time", () => {
    expect(deriveStageCycle([ev("SUBMITTED", 0), ev("RESUBMITTED", 2)], [A])).toEqual(cycle(day(0), {}));
  });

  it("a query still open on an OPEN stage is left open: openQueryAt, not in teamMs", () => {
    const events = [ev("SUBMITTED", 0), ev("QUERY_RAISED", 1), ev("RESUBMITTED", 2), ev("QUERY_RAISED", 4)];
    expect(deriveStageCycle(events, [A])).toEqual(cycle(day(0), { rounds: 3, teamMs: D, openQueryAt: day(4) }));
  });

  it("a query still open when the stage is approved counts as team time up to the approval", () => {
    const events = [ev("SUBMITTED", 0), ev("QUERY_RAISED", 2, A), ev("APPROVED", 5)];
    expect(deriveStageCycle(events, [A])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(5), rounds: 2, teamMs: 3 * D, signoffs: new Map([[A, day(5)]]) }),
    );
  });

  it("a query still open when the stage is withdrawn or rejected counts as team time up to the end; later events are no rounds", () => {
    const events = [ev("SUBMITTED", 0), ev("QUERY_RAISED", 1), ev("WITHDRAWN", 4), ev("RESUBMITTED", 6), ev("QUERY_RAISED", 7)];
    expect(deriveStageCycle(events, [A])).toEqual(cycle(day(0), { outcome: "WITHDRAWN", endedAt: day(4), rounds: 2, teamMs: 3 * D }));
    const rejected = [ev("SUBMITTED", 0), ev("QUERY_RAISED", 2), ev("REJECTED", 3)];
    expect(deriveStageCycle(rejected, [A])).toEqual(cycle(day(0), { outcome: "REJECTED", endedAt: day(3), rounds: 2, teamMs: D }));
  });
});
