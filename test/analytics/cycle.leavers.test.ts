import { describe, expect, it } from "vitest";
import { deriveStageCycle, type CycleEvent, type EventKind, type StageCycle } from "../../analytics/cycle.js";

// Participants come and go (issue 13 point 4; DESIGN.md "The IG process"): approved at the first
// instant t at which every signing participant present at t has an APPROVED ≤ t. Every expected
// cycle is written out whole, by hand.
const D = 86_400_000;
const T0 = Date.parse("2024-03-04T09:00:00Z");
const day = (n: number) => T0 + n * D;
const A = "E09000001";
const B = "E09000002";
const C = "E09000003";
const P = "met-police";

function ev(kind: EventKind, n: number, signer: string | null = null): CycleEvent {
  return { kind, borough: signer, at: day(n) };
}
function cycle(submittedAt: number, rest: Partial<StageCycle>): StageCycle {
  return { outcome: "OPEN", submittedAt, approvedAt: null, endedAt: null, rounds: 1, teamMs: 0, openQueryAt: null, signoffs: new Map(), ...rest };
}
const leaves = (code: string, n: number) => ({ code, joinedAt: null, leftAt: day(n) });
const joins = (code: string, n: number) => ({ code, joinedAt: day(n), leftAt: null });

describe("deriveStageCycle with leavers and late joiners", () => {
  const signed = [ev("SUBMITTED", 0), ev("APPROVED", 10, A), ev("APPROVED", 10, B)];

  it("a partner that leaves on day 25 without signing: approved at its leaving (time to approval 25 days); no sign-off row of it", () => {
    expect(deriveStageCycle(signed, [A, B, leaves(P, 25)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(25), signoffs: new Map([[A, day(10)], [B, day(10)]]) }),
    );
  });

  it("a partner that left on day 5: approved when the others signed, day 10", () => {
    expect(deriveStageCycle(signed, [A, B, leaves(P, 5)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(10), signoffs: new Map([[A, day(10)], [B, day(10)]]) }),
    );
  });

  it("while it is still in (no leaving), the same events leave the stage open", () => {
    expect(deriveStageCycle(signed, [A, B, P])).toEqual(cycle(day(0), { signoffs: new Map([[A, day(10)], [B, day(10)]]) }));
  });

  it("a late joiner C (day 8) that signs on day 14: approved day 14", () => {
    expect(deriveStageCycle([...signed, ev("APPROVED", 14, C)], [A, B, joins(C, 8)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(14), signoffs: new Map([[A, day(10)], [B, day(10)], [C, day(14)]]) }),
    );
  });

  it("a joiner that joins after the stage was approved changes nothing", () => {
    expect(deriveStageCycle([...signed, ev("APPROVED", 14, C)], [A, B, joins(C, 12)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(10), signoffs: new Map([[A, day(10)], [B, day(10)]]) }),
    );
  });

  it("leaving at the very instant of the last APPROVED: approved then; a leaver's sign-off before it left is kept", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 3, P), ev("APPROVED", 10, A), ev("APPROVED", 12, B)];
    expect(deriveStageCycle(events, [A, B, leaves(P, 12)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(12), signoffs: new Map([[P, day(3)], [A, day(10)], [B, day(12)]]) }),
    );
  });

  it("a leaving after the stage was withdrawn does not approve it", () => {
    const events = [...signed, ev("WITHDRAWN", 20)];
    expect(deriveStageCycle(events, [A, B, leaves(P, 25)])).toEqual(
      cycle(day(0), { outcome: "WITHDRAWN", endedAt: day(20), signoffs: new Map([[A, day(10)], [B, day(10)]]) }),
    );
  });

  it("a leaving while another participant has not signed does not approve; the later APPROVED does", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 10, A), ev("APPROVED", 30, B)];
    expect(deriveStageCycle(events, [A, B, leaves(P, 25)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(30), signoffs: new Map([[A, day(10)], [B, day(30)]]) }),
    );
  });

  it("a signer-less APPROVED approves for those present only: not for a leaver gone, nor a joiner not yet in", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 10)];
    expect(deriveStageCycle(events, [A, leaves(P, 5), joins(C, 20)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(10), signoffs: new Map([[A, day(10)]]) }),
    );
  });

  it("a query still open at a leaving that approves counts as team time up to it", () => {
    const events = [ev("SUBMITTED", 0), ev("APPROVED", 10, A), ev("QUERY_RAISED", 20)];
    expect(deriveStageCycle(events, [A, leaves(P, 25)])).toEqual(
      cycle(day(0), { outcome: "APPROVED", approvedAt: day(25), rounds: 2, teamMs: 5 * D, signoffs: new Map([[A, day(10)]]) }),
    );
  });
});
