import { describe, expect, it } from "vitest";
import {
  atRiskBeyond,
  comparableHistory,
  conditionalQuantile,
  durationHistory,
  forecastOpenItem,
  survivalAt,
  workingDayDate,
  type DurationHistory,
} from "../../analytics/forecast.js";
import { monteCarloFinish, remainingLegs, type StageHistories } from "../../analytics/monte-carlo.js";
import { dayNumberToIso, isoToDayNumber, workingDaysBetweenDays } from "../../analytics/working-days.js";

const day = isoToDayNumber;
const iso = (d: number | null) => (d === null ? null : dayNumberToIso(d));

/*
 * A small history in working days, * = still open (censored) at that age:
 *   2, 3, 3, 4*, 5, 6*, 8, 8, 10*, 12
 * Kaplan–Meier by hand (events before censorings at a tie):
 *   t=2:  10 at risk, 1 approved → S = 9/10            = 0.9
 *   t=3:   9 at risk, 2 approved → S = 0.9 · 7/9        = 0.7
 *   t=4:   1 censored (6 left)
 *   t=5:   6 at risk, 1 approved → S = 0.7 · 5/6        = 7/12 ≈ 0.5833
 *   t=6:   1 censored (4 left)
 *   t=8:   4 at risk, 2 approved → S = 7/12 · 2/4       = 7/24 ≈ 0.2917
 *   t=10:  1 censored (1 left)
 *   t=12:  1 at risk, 1 approved → S = 0
 * Conditional quantile at age a: smallest t with S(t) ≤ (1 − q)·S(a).
 *   a=0 (S=1):     q=.5 → .5 → t=8;        q=.85 → .15 → t=12;   q=.95 → t=12
 *   a=3 (S=.7):    q=.5 → .35 → t=8;       q=.85 → .105 → t=12
 *   a=4 (S=.7):    the same as a=3 (the censoring at 4 does not move S)
 *   a=5 (S=7/12):  q=.5 → 7/24 → t=8 (S(8) = 7/24 exactly: reached);  q=.85 → t=12
 *   a=8 (S=7/24):  q=.5 → 7/48 → t=12
 *   a=12 (S=0):    nothing lasted beyond → null
 *   a=1 (S=1):     q=.1 → .9 → t=2 (reached exactly);  q=.2 → .8 → t=3
 * Twice the same items give the same S at every t (each ratio d/n is unchanged), with 20 items.
 */
const small: [number, boolean][] = [
  [2, true], [3, true], [3, true], [4, false], [5, true], [6, false], [8, true], [8, true], [10, false], [12, true],
];
const historyOf = (items: [number, boolean][]) =>
  durationHistory(
    items.map(([t]) => t),
    items.map(([, approved]) => approved),
  );
const ten = historyOf(small);
const twenty = historyOf([...small, ...small]);
const constant = (t: number, n = 20) => historyOf(Array.from({ length: n }, () => [t, true] as [number, boolean]));

describe("conditionalQuantile", () => {
  it("gives the hand-computed conditional quantiles of a censored Kaplan–Meier curve", () => {
    const at = (a: number) => [0.5, 0.85, 0.95].map((q) => conditionalQuantile(ten, a, q));
    expect(at(0)).toEqual([8, 12, 12]);
    expect(at(3)).toEqual([8, 12, 12]);
    expect(at(4)).toEqual([8, 12, 12]);
    expect(at(5)).toEqual([8, 12, 12]);
    expect(at(8)).toEqual([12, 12, 12]);
    expect(at(12)).toEqual([null, null, null]);
    expect(conditionalQuantile(ten, 1, 0.1)).toBe(2);
    expect(conditionalQuantile(ten, 1, 0.2)).toBe(3);
    expect(survivalAt(ten, 5)).toBeCloseTo(7 / 12, 12);
    expect(atRiskBeyond(ten, 3)).toBe(7);
    expect(atRiskBeyond(ten, 10)).toBe(1);
  });

  it("is null where the curve never falls far enough (open items past the last approval)", () => {
    // The same items with the 12 still open: S stops at 7/24. From age 3 at most 1 − (7/24)/0.7 ≈ 58% finish.
    const open = historyOf(small.map(([t, a]) => [t, t === 12 ? false : a]));
    expect([0.5, 0.55, 0.6, 0.85].map((q) => conditionalQuantile(open, 3, q))).toEqual([8, 8, null, null]);
    expect(conditionalQuantile(open, 0, 0.7)).toBe(8);
    expect(conditionalQuantile(open, 0, 0.71)).toBeNull();
  });

  it("rejects probabilities outside (0, 1)", () => {
    expect(() => conditionalQuantile(ten, 0, 1)).toThrow(RangeError);
    expect(() => conditionalQuantile(ten, 0, 0)).toThrow(RangeError);
  });
});

describe("workingDayDate", () => {
  it("steps over a weekend and the Easter bank holidays", () => {
    expect(iso(workingDayDate(day("2024-03-22"), 1))).toBe("2024-03-25"); // Fri → Mon
    // Thu 28 March 2024: Good Friday 29, the weekend, Easter Monday 1 April → Tue 2 April.
    expect(iso(workingDayDate(day("2024-03-28"), 1))).toBe("2024-04-02");
    expect(iso(workingDayDate(day("2024-03-28"), 2))).toBe("2024-04-03");
    // Christmas 2022: Boxing Day Mon 26 and the substitute Tue 27 are holidays.
    expect(iso(workingDayDate(day("2022-12-23"), 1))).toBe("2022-12-28");
  });

  it("gives the start day for 0 and rounds a fractional count up", () => {
    expect(iso(workingDayDate(day("2024-03-23"), 0))).toBe("2024-03-23"); // a Saturday stays itself
    expect(iso(workingDayDate(day("2024-03-23"), 1))).toBe("2024-03-25");
    expect(iso(workingDayDate(day("2024-03-22"), 0.5))).toBe("2024-03-25");
    expect(() => workingDayDate(day("2024-03-22"), Infinity)).toThrow(RangeError);
  });

  it("inverts the working-day count: the first day on which the count reaches n", () => {
    for (let from = day("2023-12-01"); from <= day("2024-01-10"); from++) {
      for (const n of [1, 2, 5, 9, 23, 260]) {
        const d = workingDayDate(from, n);
        expect(workingDaysBetweenDays(from, d)).toBe(n);
        expect(workingDaysBetweenDays(from, d - 1)).toBe(n - 1);
      }
    }
  });
});

describe("forecastOpenItem", () => {
  it("turns the conditional quantiles into London dates over Easter", () => {
    // Submitted Thu 21 March 2024; as of Tue 26 March the age is 3 (Fri 22, Mon 25, Tue 26).
    // p50 = 8 working days: Wed 27 (4), Thu 28 (5), [Good Friday, weekend, Easter Monday], Tue 2 (6), Wed 3 (7), Thu 4 April (8).
    // p85 = p95 = 12: Fri 5 (9), Mon 8 (10), Tue 9 (11), Wed 10 April (12).
    const f = forecastOpenItem(twenty, day("2024-03-21"), day("2024-03-26"));
    expect({ ...f, p50Day: iso(f.p50Day), p85Day: iso(f.p85Day), p95Day: iso(f.p95Day) }).toEqual({
      age: 3,
      p50: 8,
      p85: 12,
      p95: 12,
      p50Day: "2024-04-04",
      p85Day: "2024-04-10",
      p95Day: "2024-04-10",
      basis: { items: 20, approved: 14, atRiskBeyondAge: 14 },
      reason: null,
      reasonCode: null,
    });
  });

  it("gives a reason instead of a date below the minimum basis", () => {
    expect(forecastOpenItem(ten, day("2024-03-21"), day("2024-03-26"))).toEqual({
      age: 3,
      p50: null,
      p85: null,
      p95: null,
      p50Day: null,
      p85Day: null,
      p95Day: null,
      basis: { items: 10, approved: 7, atRiskBeyondAge: 7 },
      reason: "only 10 comparable items (at least 20 needed for a forecast)",
      reasonCode: "THIN_HISTORY",
    });
    // Age 8 (submitted Mon 4 March, as of Thu 14 March): only 10*, 12 (twice each) lasted beyond it.
    const old = forecastOpenItem(twenty, day("2024-03-04"), day("2024-03-14"));
    expect([old.age, old.basis.atRiskBeyondAge, old.p50, old.reasonCode]).toEqual([8, 4, null, "FEW_AT_RISK"]);
    expect(old.reason).toBe("only 4 of 20 comparable items lasted beyond 8 working days (at least 5 needed for a forecast at this age)");
    // The minimum can be lowered: then the hand-computed p50 of 12 appears.
    expect(forecastOpenItem(twenty, day("2024-03-04"), day("2024-03-14"), { minAtRisk: 4 }).p50).toBe(12);
  });

  it("says how far the curve gets when a quantile is beyond the history", () => {
    const open = [...small, ...small].map(([t, a]): [number, boolean] => [t, t === 12 ? false : a]);
    const f = forecastOpenItem(historyOf(open), day("2024-03-21"), day("2024-03-26"));
    expect([f.p50, f.p85, f.p95, iso(f.p50Day), f.p85Day, f.reasonCode]).toEqual([8, null, null, "2024-04-04", null, "BEYOND_HISTORY"]);
    expect(f.reason).toBe(
      "the comparable history (20 items) never has 85% of those older than 3 working days approved: at most 58%, the rest still open past its last approval",
    );
  });
});

describe("comparableHistory", () => {
  it("takes the most specific history with enough items, else the last", () => {
    expect(comparableHistory([ten, twenty])).toBe(twenty);
    expect(comparableHistory([twenty, ten])).toBe(twenty);
    expect(comparableHistory([ten, ten])).toBe(ten);
    expect(comparableHistory([ten, twenty], 5)).toBe(ten);
  });
});

describe("monteCarloFinish", () => {
  const start = day("2024-03-18"); // Monday

  it("gives the exact date when every leg always takes the same time", () => {
    // DPIA 10, wait 3, ISA 7 = 20 working days from Mon 18 March 2024, open DPIA aged 4 (Fri 22).
    // Tue 19 (1) … Thu 28 (8), [Easter], Tue 2 (9) … Fri 12 (17), Mon 15 (18), Tue 16 (19), Wed 17 April (20).
    const legs = [
      { label: "DPIA", history: constant(10) },
      { label: "wait before ISA", history: constant(3) },
      { label: "ISA", history: constant(7) },
    ];
    const f = monteCarloFinish(legs, start, day("2024-03-22"), { seed: 7, runs: 500 });
    expect({ ...f, p50Day: iso(f.p50Day), p85Day: iso(f.p85Day), p95Day: iso(f.p95Day) }).toEqual({
      age: 4,
      runs: 500,
      seed: 7,
      p50: 20,
      p85: 20,
      p95: 20,
      p50Day: "2024-04-17",
      p85Day: "2024-04-17",
      p95Day: "2024-04-17",
      finishedShare: 1,
      legs: [
        { label: "DPIA", items: 20, approved: 20, atRiskBeyondAge: 20 },
        { label: "wait before ISA", items: 20, approved: 20, atRiskBeyondAge: null },
        { label: "ISA", items: 20, approved: 20, atRiskBeyondAge: null },
      ],
      reason: null,
      reasonCode: null,
    });
  });

  it("is reproducible: same inputs and seed, same result", () => {
    const legs = [
      { label: "DPIA", history: twenty },
      { label: "ISA", history: twenty },
    ];
    const one = monteCarloFinish(legs, start, day("2024-03-21"), { seed: 42, runs: 2000 });
    expect(monteCarloFinish(legs, start, day("2024-03-21"), { seed: 42, runs: 2000 })).toEqual(one);
    expect(one.seed).toBe(42);
    expect(one.runs).toBe(2000);
  });

  it("matches the conditional quantiles for a single open leg", () => {
    // Age 3: P(T ≤ 5 | T > 3) = 1/6, P(T ≤ 8 | ·) = 7/12, P(T ≤ 12 | ·) = 1 → p50 8, p85 and p95 12.
    const f = monteCarloFinish([{ label: "DPIA", history: twenty }], day("2024-03-21"), day("2024-03-26"), { seed: 1 });
    const item = forecastOpenItem(twenty, day("2024-03-21"), day("2024-03-26"));
    expect([f.p50, f.p85, f.p95, f.p50Day, f.p85Day, f.p95Day]).toEqual([item.p50, item.p85, item.p95, item.p50Day, item.p85Day, item.p95Day]);
    expect(f.runs).toBe(10_000);
  });

  it("adds the legs' distributions: a hand-computed convolution", () => {
    // Open leg at age 3 (above): 5 w.p. 1/6, 8 w.p. 5/12, 12 w.p. 5/12. Next leg: 2 or 4, half each.
    // Sum: 7 (1/12), 9 (1/12), 10 (5/24), 12 (5/24), 14 (5/24), 16 (5/24);
    // CDF 0.083, 0.167, 0.375, 0.583, 0.792, 1 → p50 = 12, p85 = p95 = 16 (margins ≥ 0.058, 15σ at 10,000 runs).
    const twoOrFour = historyOf(Array.from({ length: 20 }, (_, i) => [i % 2 ? 4 : 2, true] as [number, boolean]));
    const f = monteCarloFinish(
      [
        { label: "DPIA", history: twenty },
        { label: "ISA", history: twoOrFour },
      ],
      day("2024-03-21"),
      day("2024-03-26"),
      { seed: 3 },
    );
    expect([f.p50, f.p85, f.p95, f.finishedShare]).toEqual([12, 16, 16, 1]);
  });

  it("gives no date for a level more runs fall past the history than allowed", () => {
    // The 12s still open: from age 0 only 1 − 7/24 ≈ 71% of draws end within the curve.
    const open = historyOf([...small, ...small].map(([t, a]): [number, boolean] => [t, t === 12 ? false : a]));
    const f = monteCarloFinish([{ label: "DPIA", history: open }], start, start, { seed: 5 });
    expect([f.p50, f.p85, f.p95, f.reasonCode]).toEqual([8, null, null, "BEYOND_HISTORY"]);
    expect(f.finishedShare).toBeGreaterThan(0.69);
    expect(f.finishedShare).toBeLessThan(0.73);
    expect(f.reason).toBe(
      `only ${Math.round(f.finishedShare * 1000) / 10}% of 10000 runs ended within the history of every leg, fewer than the 85% this date needs: the rest ran past a leg's last approval`,
    );
  });

  it("names the leg whose basis is too thin, and makes no run", () => {
    const f = monteCarloFinish(
      [
        { label: "DPIA", history: twenty },
        { label: "ISA", history: ten },
      ],
      start,
      start,
      { seed: 1 },
    );
    expect([f.p50, f.p85, f.p95, f.finishedShare, f.reasonCode]).toEqual([null, null, null, 0, "THIN_HISTORY"]);
    expect(f.reason).toBe("only 10 comparable ISA items (at least 20 needed for a forecast)");
  });

  it("rejects a run count out of range", () => {
    const legs = [{ label: "DPIA", history: twenty }];
    expect(() => monteCarloFinish(legs, start, start, { seed: 1, runs: 0 })).toThrow(RangeError);
    expect(() => monteCarloFinish(legs, start, start, { seed: 1, runs: 1.5 })).toThrow(RangeError);
    expect(() => monteCarloFinish([], start, start, { seed: 1 })).toThrow(RangeError);
  });
});

describe("remainingLegs", () => {
  const h = (n: number): DurationHistory => constant(n);
  const process: StageHistories[] = [
    { stage: "IDEA", duration: h(1), waitBefore: null },
    { stage: "CONCEPT", duration: h(2), waitBefore: h(20) },
    { stage: "DPIA", duration: h(3), waitBefore: h(30) },
    { stage: "ISA", duration: h(4), waitBefore: h(40) },
  ];
  const labels = (legs: { label: string }[]) => legs.map((l) => l.label);

  it("runs from the open stage through the target, with the waits between stages", () => {
    expect(labels(remainingLegs(process, { stage: "CONCEPT", waiting: false }, "ISA"))).toEqual([
      "CONCEPT",
      "wait before DPIA",
      "DPIA",
      "wait before ISA",
      "ISA",
    ]);
    expect(labels(remainingLegs(process, { stage: "ISA", waiting: true }, "ISA"))).toEqual(["wait before ISA", "ISA"]);
    expect(labels(remainingLegs(process, { stage: "ISA", waiting: false }, "ISA"))).toEqual(["ISA"]);
    expect(remainingLegs(process, { stage: "ISA", waiting: true }, "ISA")[0]!.history).toBe(process[3]!.waitBefore);
  });

  it("rejects unknown stages and a target before the open stage", () => {
    expect(() => remainingLegs(process, { stage: "REVIEW", waiting: false }, "ISA")).toThrow(
      'unknown stage "REVIEW": expected one of IDEA, CONCEPT, DPIA, ISA',
    );
    expect(() => remainingLegs(process, { stage: "ISA", waiting: false }, "DPIA")).toThrow("stage DPIA comes before ISA in the process");
  });
});
