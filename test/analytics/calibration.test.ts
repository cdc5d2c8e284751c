import { describe, expect, it } from "vitest";
import { seededRandom } from "../../analytics/random.js";
import { calibrate, calibrationForecasts, type CalibrationForecast, type HistoricalItem } from "../../analytics/calibration.js";
import { workingDayDate } from "../../analytics/forecast.js";
import { dayNumberToIso, isoToDayNumber } from "../../analytics/working-days.js";

const day = isoToDayNumber;
const iso = (d: number | null) => (d === null ? null : dayNumberToIso(d));

describe("calibrate", () => {
  // Day numbers are plain integers here: calibrate compares dates, it does not count working days.
  const f = (item: string, stage: string, p50Day: number | null, p85Day: number | null, doneDay: number | null): CalibrationForecast => ({
    item,
    stage,
    cutDay: 0,
    p50Day,
    p85Day,
    doneDay,
    reasonCode: p50Day === null ? "THIN_HISTORY" : null,
  });
  const horizon = 30;
  const forecasts = [
    f("A", "DPIA", 10, 20, 8), //    p50 hit,  p85 hit
    f("B", "DPIA", 10, 20, 15), //   p50 miss, p85 hit
    f("C", "DPIA", 10, 20, 25), //   p50 miss, p85 miss
    f("D", "DPIA", 10, 40, null), // open at the horizon: p50 (10 ≤ 30) miss, p85 (40 > 30) undecided
    f("E", "ISA", null, null, 5), // no forecast in either band
    f("F", "ISA", 30, 35, null), //  open: p50 on the horizon day is a miss, p85 after it undecided
    f("G", "ISA", 12, 18, 31), //    approved after the horizon counts as not done: miss, miss
    f("H", "ISA", 28, 29, 29), //    p50 miss, p85 hit on the day itself
  ];

  it("counts hits by each band's date, leaving out what the horizon cannot decide", () => {
    const band = (hits: number, counted: number, undecided: number, noForecast: number) => ({
      hits,
      counted,
      share: counted === 0 ? null : hits / counted,
      undecided,
      noForecast,
    });
    expect(calibrate(forecasts, horizon)).toEqual({
      overall: { stage: null, forecasts: 8, p50: band(1, 7, 0, 1), p85: band(3, 5, 2, 1) },
      stages: [
        { stage: "DPIA", forecasts: 4, p50: band(1, 4, 0, 0), p85: band(2, 3, 1, 0) },
        { stage: "ISA", forecasts: 4, p50: band(0, 3, 0, 1), p85: band(1, 2, 1, 1) },
      ],
    });
  });

  it("decides an open item once the horizon passes its date", () => {
    // The same forecasts judged at 45: D and F are now known misses in the p85 band, G's approval is seen.
    const later = calibrate(forecasts, 45);
    expect(later.overall.p85).toEqual({ hits: 3, counted: 7, share: 3 / 7, undecided: 0, noForecast: 1 });
    expect(later.overall.p50).toEqual({ hits: 1, counted: 7, share: 1 / 7, undecided: 0, noForecast: 1 });
    expect(calibrate([], 0)).toEqual({
      overall: { stage: null, forecasts: 0, p50: { hits: 0, counted: 0, share: null, undecided: 0, noForecast: 0 }, p85: { hits: 0, counted: 0, share: null, undecided: 0, noForecast: 0 } },
      stages: [],
    });
  });
});

describe("calibrationForecasts", () => {
  /*
   * June 2024 (no bank holiday), cut at the end of Fri 14 June. DPIA items:
   *   a1  Mon 3 → Wed 5 Jun            approved by the cut: 2 working days
   *   a2  Mon 3 → Fri 7 Jun            4
   *   a10 Mon 3 → Tue 11 Jun           6
   *   a12 Mon 3 → Wed 12 Jun           7
   *   a11 Mon 3 → Thu 13 Jun           8
   *   a8  Fri 14 → Fri 14 Jun          0 (approved on the cut day)
   *   a3  Tue 4 Jun → Mon 17 Jun       open at the cut: censored at 8, forecast
   *   a4  Mon 10 Jun, never approved   open: censored at 4, forecast
   *   a9  Thu 13 → Mon 17 Jun          open: censored at 1, forecast
   *   a6  Wed 12 Jun, withdrawn Tue 18 open at the cut: censored at 2, not judged
   *   a5  Mon 3 Jun, withdrawn Thu 6   ended before the cut: left out
   *   a7  Mon 17 Jun                   submitted after the cut: unknown then
   * History at the cut, by hand: 0, 1*, 2, 2*, 4, 4*, 6, 7, 8, 8*.
   *   t=0: 10 at risk → S = 0.9;  t=2: 8 → S = 0.9·7/8 = 0.7875;  t=4: 6 → S = 0.65625;
   *   t=6: 4 → S = 0.4921875;  t=7: 3 → S = 0.328125;  t=8: 2 → S = 0.1640625 (then only an 8* left).
   * a9 (age 1, S = 0.9): p50 target 0.45 → t = 7, Mon 24 June; p85 target 0.135: never → null.
   * a4 (age 4, S = 0.65625): p50 target 0.328125 → t = 7 (reached exactly), Wed 19 June; p85 null.
   * a3 (age 8): nothing lasted beyond 8 → FEW_AT_RISK.
   */
  const items: HistoricalItem[] = [
    { id: "a1", submittedDay: day("2024-06-03"), approvedDay: day("2024-06-05") },
    { id: "a2", submittedDay: day("2024-06-03"), approvedDay: day("2024-06-07") },
    { id: "a5", submittedDay: day("2024-06-03"), approvedDay: null, endedDay: day("2024-06-06") },
    { id: "a10", submittedDay: day("2024-06-03"), approvedDay: day("2024-06-11") },
    { id: "a11", submittedDay: day("2024-06-03"), approvedDay: day("2024-06-13") },
    { id: "a12", submittedDay: day("2024-06-03"), approvedDay: day("2024-06-12") },
    { id: "a3", submittedDay: day("2024-06-04"), approvedDay: day("2024-06-17") },
    { id: "a4", submittedDay: day("2024-06-10"), approvedDay: null },
    { id: "a6", submittedDay: day("2024-06-12"), approvedDay: null, endedDay: day("2024-06-18") },
    { id: "a9", submittedDay: day("2024-06-13"), approvedDay: day("2024-06-17") },
    { id: "a8", submittedDay: day("2024-06-14"), approvedDay: day("2024-06-14") },
    { id: "a7", submittedDay: day("2024-06-17"), approvedDay: day("2024-06-18") },
  ];
  const cut = day("2024-06-14");

  it("forecasts each item open at the cut from the history known then", () => {
    const r = calibrationForecasts([{ stage: "DPIA", items }], cut, { minItems: 1, minAtRisk: 1 });
    expect(r.cutDay).toBe(cut);
    expect(r.endedUnapproved).toBe(1);
    expect(r.forecasts.map((f) => ({ ...f, cutDay: iso(f.cutDay), p50Day: iso(f.p50Day), p85Day: iso(f.p85Day), doneDay: iso(f.doneDay) }))).toEqual([
      { item: "a3", stage: "DPIA", cutDay: "2024-06-14", p50Day: null, p85Day: null, doneDay: "2024-06-17", reasonCode: "FEW_AT_RISK" },
      { item: "a4", stage: "DPIA", cutDay: "2024-06-14", p50Day: "2024-06-19", p85Day: null, doneDay: null, reasonCode: "BEYOND_HISTORY" },
      { item: "a9", stage: "DPIA", cutDay: "2024-06-14", p50Day: "2024-06-24", p85Day: null, doneDay: "2024-06-17", reasonCode: "BEYOND_HISTORY" },
    ]);
    // Judged at the end of June: a9 was done by its p50 date, a4 was not; no p85 dates to judge.
    const c = calibrate(r.forecasts, day("2024-06-28"));
    expect(c.overall.p50).toEqual({ hits: 1, counted: 2, share: 0.5, undecided: 0, noForecast: 1 });
    expect(c.overall.p85).toEqual({ hits: 0, counted: 0, share: null, undecided: 0, noForecast: 3 });
  });

  it("with a history window, forecasts every open item from the items submitted in the window only", () => {
    // 5 days: submitted after Sun 9 June — a4 (4*), a6 (2*), a9 (1*), a8 (0): S = 0.75 after t = 0 and
    // no later approval. a3 (submitted 4 June, outside the window) is still forecast: nothing in the
    // window lasted beyond its age 8 (FEW_AT_RISK); nor a4's 4; a9 at 1: S(1) = 0.75, and S never
    // reaches 0.375 (BEYOND_HISTORY). 12 days starts on 3 June: the whole history, as with 0.
    const min = { minItems: 1, minAtRisk: 1 };
    const r = calibrationForecasts([{ stage: "DPIA", items }], cut, min, 5);
    expect(r.endedUnapproved).toBe(1);
    expect(r.forecasts.map((f) => [f.item, iso(f.p50Day), iso(f.p85Day), f.reasonCode])).toEqual([
      ["a3", null, null, "FEW_AT_RISK"],
      ["a4", null, null, "FEW_AT_RISK"],
      ["a9", null, null, "BEYOND_HISTORY"],
    ]);
    expect(calibrationForecasts([{ stage: "DPIA", items }], cut, min, 12)).toEqual(calibrationForecasts([{ stage: "DPIA", items }], cut, min, 0));
    expect(calibrationForecasts([{ stage: "DPIA", items }], cut, min, 11).forecasts.map((f) => f.p50Day)).toEqual([null, null, null]);
  });

  it("gives reasons, not dates, under the default minimum basis", () => {
    const r = calibrationForecasts([{ stage: "DPIA", items }], cut);
    expect(r.forecasts.map((f) => [f.item, f.p50Day, f.reasonCode])).toEqual([
      ["a3", null, "THIN_HISTORY"],
      ["a4", null, "THIN_HISTORY"],
      ["a9", null, "THIN_HISTORY"],
    ]);
  });

  it("is calibrated on history drawn from one seeded distribution", () => {
    // One item submitted each working day for four years, durations drawn log-normal (median 20
    // working days); an eighth withdrawn after 30 working days instead. Cut quarterly over three
    // years; the p50 and p85 shares should be near 50% and 85% — the goal the benchmark holds the
    // real forecasts to (within 5 points).
    const random = seededRandom(2024);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const stageItems: HistoricalItem[] = [];
    let submitted = day("2020-01-02");
    const end = day("2024-01-02");
    for (let i = 0; submitted < end; i++) {
      const duration = Math.max(1, Math.round(20 * Math.exp(0.6 * gauss())));
      const withdrawn = random() < 0.125;
      const approvedDay = withdrawn ? null : workingDayDate(submitted, duration);
      stageItems.push({
        id: `i${i}`,
        submittedDay: submitted,
        approvedDay: approvedDay !== null && approvedDay <= end ? approvedDay : null,
        endedDay: withdrawn ? workingDayDate(submitted, 30) : null,
      });
      submitted = workingDayDate(submitted, 1);
    }
    const all: CalibrationForecast[] = [];
    let ended = 0;
    for (let q = 0; q < 12; q++) {
      const r = calibrationForecasts([{ stage: "DPIA", items: stageItems }], day(`${2021 + Math.floor(q / 4)}-${String(1 + 3 * (q % 4)).padStart(2, "0")}-01`));
      all.push(...r.forecasts);
      ended += r.endedUnapproved;
    }
    const c = calibrate(all, end);
    expect(ended).toBeGreaterThan(0);
    expect(c.overall.p50.noForecast).toBeLessThan(10); // only the few older than all but 4 of the history
    expect(c.overall.p50.counted).toBeGreaterThan(200);
    expect(Math.abs(c.overall.p50.share! - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(c.overall.p85.share! - 0.85)).toBeLessThan(0.05);
  });
});
