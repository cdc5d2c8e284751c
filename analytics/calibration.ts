/**
 * Calibration of forecasts (DESIGN.md, "Metric definitions", Forecast): of items forecast at p85,
 * about 85% should be done by that date on held-out history. A harness cuts history at a date,
 * forecasts every item open at the cut from what was known then, and `calibrate` compares the
 * forecasts with what happened after. Dates are London day numbers. Pure.
 */
import { forecastOpenItem, historyFromSorted, type ForecastMinimums, type ForecastReasonCode } from "./forecast.js";
import { workingDaysBetweenDays } from "./working-days.js";

/** A forecast made at a cut date, and what happened to the item. */
export interface CalibrationForecast {
  item: string;
  stage: string;
  /** The London day the forecast was made at the end of. */
  cutDay: number;
  /** The forecast dates; null when the forecast gave a reason instead. */
  p50Day: number | null;
  p85Day: number | null;
  /** The London day the item was approved, or null when it was still open at the end of the data. */
  doneDay: number | null;
  reasonCode: ForecastReasonCode | null;
}

/** How one band (p50 or p85) of a set of forecasts came true. */
export interface CalibrationBand {
  /** Forecasts counted whose item was done by the band's date. */
  hits: number;
  /** Forecasts counted: done by the date, or known not to be. */
  counted: number;
  /** hits / counted; null when none counted. */
  share: number | null;
  /** Left out: not done by the horizon, with the band's date after it (too early to tell). */
  undecided: number;
  /** Left out: the forecast gave a reason instead of a date. */
  noForecast: number;
}

/** Calibration of a set of forecasts: overall (stage null) or of one stage. */
export interface CalibrationRow {
  stage: string | null;
  forecasts: number;
  p50: CalibrationBand;
  p85: CalibrationBand;
}

export interface CalibrationResult {
  overall: CalibrationRow;
  /** One row per stage, in order of first appearance in the forecasts. */
  stages: CalibrationRow[];
}

function emptyBand(): CalibrationBand {
  return { hits: 0, counted: 0, share: null, undecided: 0, noForecast: 0 };
}

/**
 * Counts one forecast into a band. An item done on or before the band's date is a hit, done after
 * it a miss. An item not done by the horizon is a miss when the band's date is on or before the
 * horizon (it is known not to have been done by then), and is left out of the band's denominator
 * when the date is after the horizon (it may yet be done in time): counting it either way would
 * bias the share. An approval after the horizon is treated as unknown, as if the data ended there.
 */
function countInto(band: CalibrationBand, date: number | null, doneDay: number | null, horizonDay: number): void {
  if (date === null) {
    band.noForecast++;
    return;
  }
  const done = doneDay !== null && doneDay <= horizonDay ? doneDay : null;
  if (done === null && date > horizonDay) {
    band.undecided++;
    return;
  }
  band.counted++;
  if (done !== null && done <= date) band.hits++;
}

function finish(row: CalibrationRow): CalibrationRow {
  for (const band of [row.p50, row.p85]) band.share = band.counted === 0 ? null : band.hits / band.counted;
  return row;
}

/**
 * The share of forecasts done by their p50 date and by their p85 date, overall and per stage,
 * judged with the data as it stood at the end of London day `horizonDay` (the last day the data
 * covers). An item still open at the horizon counts as a miss in a band whose date is on or before
 * the horizon, and is left out of that band (`undecided`) when the date is after it; a forecast
 * without a date is left out (`noForecast`). Well calibrated: p50 share ≈ 0.5, p85 share ≈ 0.85.
 */
export function calibrate(forecasts: Iterable<CalibrationForecast>, horizonDay: number): CalibrationResult {
  const row = (stage: string | null): CalibrationRow => ({ stage, forecasts: 0, p50: emptyBand(), p85: emptyBand() });
  const overall = row(null);
  const byStage = new Map<string, CalibrationRow>();
  for (const f of forecasts) {
    let s = byStage.get(f.stage);
    if (!s) byStage.set(f.stage, (s = row(f.stage)));
    for (const r of [overall, s]) {
      r.forecasts++;
      countInto(r.p50, f.p50Day, f.doneDay, horizonDay);
      countInto(r.p85, f.p85Day, f.doneDay, horizonDay);
    }
  }
  return { overall: finish(overall), stages: [...byStage.values()].map(finish) };
}

// ---------------------------------------------------------------------------------------------
// The harness: forecasts at a cut from the history known then.

/** One item of a stage's full history (to the end of the data). */
export interface HistoricalItem {
  id: string;
  /** London day of submission. */
  submittedDay: number;
  /** London day of approval; null when not approved by the end of the data. */
  approvedDay: number | null;
  /**
   * London day the item ended REJECTED or WITHDRAWN; null or absent otherwise. Such items leave
   * time to approval: before they end they are open (censored) history, and they are not judged.
   */
  endedDay?: number | null;
}

/** A stage's full history. */
export interface StageHistoryItems {
  stage: string;
  items: readonly HistoricalItem[];
}

/** What the harness made at one cut. */
export interface CutForecasts {
  cutDay: number;
  /** One forecast per item open at the end of the cut day that went on to be approved or stayed open. */
  forecasts: CalibrationForecast[];
  /** Items open at the cut that later ended REJECTED or WITHDRAWN: forecast as open, not judged. */
  endedUnapproved: number;
}

/**
 * Forecasts every item open at the end of London day `cutDay` from the history known then, as the
 * hub would have forecast it that evening: per stage, the items submitted on or before the cut,
 * approved ones (approved on or before the cut) as events of their working-day duration, the rest
 * censored at their age at the cut (REJECTED / WITHDRAWN ones left out once ended, as time to
 * approval leaves them out). Each open item's p50/p85 dates come from `forecastOpenItem`; its
 * `doneDay` is its approval in the full data (null if none). Items may come in any order.
 * With `historyDays` > 0 the history is only the items submitted in the `historyDays` days before
 * the cut (submitted after cutDay − historyDays), as the hub's forecasts use by default
 * (forecast.ts DEFAULT_HISTORY_DAYS); every item open at the cut is still forecast.
 */
export function calibrationForecasts(stages: readonly StageHistoryItems[], cutDay: number, min: ForecastMinimums = {}, historyDays = 0): CutForecasts {
  const forecasts: CalibrationForecast[] = [];
  let endedUnapproved = 0;
  for (const { stage, items } of stages) {
    const approved: number[] = [];
    const censored: number[] = [];
    const open: HistoricalItem[] = [];
    const since = historyDays > 0 ? cutDay - historyDays : -Infinity;
    for (const it of items) {
      if (it.submittedDay > cutDay) continue;
      const known = it.submittedDay > since;
      if (it.approvedDay !== null && it.approvedDay <= cutDay) {
        if (known) approved.push(workingDaysBetweenDays(it.submittedDay, it.approvedDay));
      } else if (it.endedDay != null && it.endedDay <= cutDay) continue;
      else {
        if (known) censored.push(workingDaysBetweenDays(it.submittedDay, cutDay));
        open.push(it);
      }
    }
    const history = historyFromSorted(Float64Array.from(approved).sort(), Float64Array.from(censored).sort());
    for (const it of open) {
      if (it.endedDay != null && it.approvedDay === null) {
        endedUnapproved++;
        continue;
      }
      const f = forecastOpenItem(history, it.submittedDay, cutDay, min);
      forecasts.push({ item: it.id, stage, cutDay, p50Day: f.p50Day, p85Day: f.p85Day, doneDay: it.approvedDay, reasonCode: f.reasonCode });
    }
  }
  return { cutDay, forecasts, endedUnapproved };
}
