import { describe, expect, it } from "vitest";
import { compileFilter, signOffOptions, signOffTimes, type MetricFilterValue, type SignOffArgs } from "../../../analytics/metrics/index.js";
import { signoffsOf, tableOf } from "./cycle-table.fixture.js";
import { AS_OF, DAY_MS, DICTS, ROWS, SIGNOFFS } from "./tables.js";

const t = tableOf(ROWS, DICTS);
const sig = signoffsOf(t, SIGNOFFS);

function run(args: Omit<SignOffArgs, "asOf"> & { filter?: MetricFilterValue; asOf?: number } = {}) {
  return signOffTimes(t, sig, compileFilter(t, "filter", args.filter), signOffOptions({ ...args, asOf: new Date(args.asOf ?? AS_OF) }));
}

/** A row of the result: one borough's own time on one stage (null: not signed), and how it compares with its peers. */
function row(borough: string, stage: string, own: number | null, o: { pending?: number[]; km: number | null; last: number; withPeers: number; peerMedian: number | null }) {
  return {
    // The fixture's signers are all boroughs.
    borough,
    organisation: borough,
    isBorough: true,
    stage,
    signedCount: own === null ? 0 : 1,
    pendingCount: o.pending?.length ?? 0,
    mean: own,
    median: own,
    p85: own,
    kaplanMeierMedian: o.km,
    lastToSignCount: o.last,
    stagesWithPeers: o.withPeers,
    lastToSignShare: o.withPeers ? o.last / o.withPeers : null,
    peerMedian: o.peerMedian,
    differenceFromPeers: own !== null && o.peerMedian !== null ? own - o.peerMedian : null,
    // The fixture records no DPO review: no split.
    reviewedCount: 0,
    reviewMedian: null,
    afterReviewMedian: null,
  };
}

describe("signOffTimes", () => {
  it("gives each borough's own time, who signed last and its peers' median, in working days", () => {
    // I1 DPIA: B35 signed after 5 working days, B00 last after 8. I2: a borough-less approval, so
    // B01 and B02 both signed last after 10. I3 is open: B35 still to sign, censored at 13.
    expect(run()).toEqual([
      row("B00", "DPIA", 8, { km: 8, last: 1, withPeers: 1, peerMedian: 5 }),
      row("B01", "DPIA", 10, { km: 10, last: 1, withPeers: 1, peerMedian: 10 }),
      row("B02", "DPIA", 10, { km: 10, last: 1, withPeers: 1, peerMedian: 10 }),
      // Kaplan–Meier over 5 (signed) and 13 (censored): S(5) = 1/2.
      row("B35", "DPIA", 5, { pending: [13], km: 5, last: 0, withPeers: 1, peerMedian: 8 }),
      row("B00", "ISA", 2, { km: 2, last: 1, withPeers: 1, peerMedian: 2 }),
      row("B35", "ISA", 2, { km: 2, last: 1, withPeers: 1, peerMedian: 2 }),
    ]);
  });

  it("measures calendar days as exact elapsed time (the lists, not the histograms)", () => {
    const pendingB35 = (AS_OF - Date.parse("2024-01-15T10:00:00Z")) / DAY_MS;
    expect(run({ unit: "CALENDAR_DAYS" })).toEqual([
      row("B00", "DPIA", 10, { km: 10, last: 1, withPeers: 1, peerMedian: 7 }),
      row("B01", "DPIA", 14, { km: 14, last: 1, withPeers: 1, peerMedian: 14 }),
      row("B02", "DPIA", 14, { km: 14, last: 1, withPeers: 1, peerMedian: 14 }),
      row("B35", "DPIA", 7, { pending: [pendingB35], km: 7, last: 0, withPeers: 1, peerMedian: 10 }),
      row("B00", "ISA", 2, { km: 2, last: 1, withPeers: 1, peerMedian: 2 }),
      row("B35", "ISA", 2, { km: 2, last: 1, withPeers: 1, peerMedian: 2 }),
    ]);
  });

  it("counts only sign-offs made by asOf, censoring the boroughs still to sign an open stage", () => {
    // Tue 16 Jan: only B35 had signed I1's DPIA; I1 and I2 are open, ISA not yet submitted.
    expect(run({ asOf: Date.parse("2024-01-16T12:00:00Z") })).toEqual([
      row("B00", "DPIA", null, { pending: [6], km: null, last: 0, withPeers: 0, peerMedian: null }),
      row("B01", "DPIA", null, { pending: [6], km: null, last: 0, withPeers: 0, peerMedian: null }),
      row("B02", "DPIA", null, { pending: [6], km: null, last: 0, withPeers: 0, peerMedian: null }),
      // 1 (I3, censored) then 5 (signed) with one at risk: S(5) = 0.
      row("B35", "DPIA", 5, { pending: [1], km: 5, last: 0, withPeers: 0, peerMedian: null }),
    ]);
  });

  it("lists only the boroughs of the filter, with peers from the stages it lets through", () => {
    expect(run({ filter: { boroughs: ["B35"] } })).toEqual([
      row("B35", "DPIA", 5, { pending: [13], km: 5, last: 0, withPeers: 1, peerMedian: 8 }),
      row("B35", "ISA", 2, { km: 2, last: 1, withPeers: 1, peerMedian: 2 }),
    ]);
    expect(run({ filter: { tools: ["manual"] } }).map((r) => [r.borough, r.stage, r.signedCount])).toEqual([
      ["B01", "DPIA", 1],
      ["B02", "DPIA", 1],
    ]);
  });
});
