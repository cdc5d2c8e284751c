import { describe, expect, it } from "vitest";
import { kaplanMeier, kaplanMeierSplit } from "../../analytics/survival.js";

/*
 * Published worked example: the 6-MP arm of the Freireich et al. (1963) leukaemia remission trial
 * (Blood 21:699–716), the standard Kaplan–Meier example tabulated in Kleinbaum & Klein, "Survival
 * Analysis: A Self-Learning Text" (Springer, 3rd ed., ch. 2, KM table for group 1) and in
 * Collett, "Modelling Survival Data in Medical Research". Remission times in weeks, * = censored:
 * 6,6,6,6*,7,9*,10,10*,11*,13,16,17*,19*,20*,22,23,25*,32*,32*,34*,35*.
 * Published estimates: S(6)=0.857, S(7)=0.807, S(10)=0.753, S(13)=0.690, S(16)=0.627,
 * S(22)=0.538, S(23)=0.448; median survival 23 weeks.
 */
const sixMp: [number, boolean][] = [
  [6, true], [6, true], [6, true], [6, false], [7, true], [9, false], [10, true], [10, false],
  [11, false], [13, true], [16, true], [17, false], [19, false], [20, false], [22, true], [23, true],
  [25, false], [32, false], [32, false], [34, false], [35, false],
];

describe("kaplanMeier", () => {
  const km = kaplanMeier(
    sixMp.map(([t]) => t),
    sixMp.map(([, e]) => e),
  );

  it("reproduces the published 6-MP table", () => {
    expect(km.steps.map((s) => [s.t, s.atRisk, s.events])).toEqual([
      [6, 21, 3], [7, 17, 1], [10, 15, 1], [13, 12, 1], [16, 11, 1], [22, 7, 1], [23, 6, 1],
    ]);
    const published = [0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448];
    km.steps.forEach((s, i) => expect(s.survival).toBeCloseTo(published[i]!, 3));
  });

  it("gives the same curve from split event and censoring times", () => {
    const ev = Float64Array.from(sixMp.filter(([, e]) => e).map(([t]) => t)).sort();
    const ce = Float64Array.from(sixMp.filter(([, e]) => !e).map(([t]) => t)).sort();
    expect(kaplanMeierSplit(ev, ce).steps).toEqual(km.steps);
  });

  it("gives the median as the smallest t with S(t) ≤ 0.5", () => {
    expect(km.median()).toBe(23);
  });

  it("gives the share approved within N as 1 − S(N)", () => {
    expect(1 - km.survivalAt(10)).toBeCloseTo(1 - 0.753, 3);
    expect(km.survivalAt(5)).toBe(1);
    expect(km.survivalAt(12.9)).toBeCloseTo(0.753, 3);
  });

  it("returns null when the curve never reaches 0.5", () => {
    const heavy = kaplanMeier([1, 2, 3, 4], [true, false, false, false]);
    expect(heavy.survivalAt(10)).toBe(0.75);
    expect(heavy.median()).toBeNull();
  });

  it("counts a median reached exactly at 0.5", () => {
    expect(kaplanMeier([1, 2, 3, 4], [true, true, true, true]).median()).toBe(2);
    expect(kaplanMeier([], []).median()).toBeNull();
  });
});
