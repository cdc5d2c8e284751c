/** The report's sentences (headline, period, data source, method), shared by the renderers. */
import type { TimeSavedReportData } from "./time-saved-report.model.js";
import { fmtCount, fmtDays, humanDate, humanDay, humanInstant, sum, whole } from "./time-saved-report.format.js";

/** The synthetic-data warning, or null for real data. */
export function syntheticNotice(data: TimeSavedReportData): string | null {
  return data.dataset.synthetic
    ? `SYNTHETIC DATA: this report was made from the hub's synthetic ${data.dataset.kind} data set. Its numbers show how the report works and say nothing about any real borough, tool or initiative.`
    : null;
}

/** The per-initiative figure: the total over the cohort's initiatives with an approved counted stage, or null. */
export function perInitiative(data: TimeSavedReportData): { value: number; low: number | null; high: number | null; initiatives: number } | null {
  const n = data.scope.cohortInitiativesCounted;
  if (data.total == null || n === 0) return null;
  return { value: data.total / n, low: data.totalLow == null ? null : data.totalLow / n, high: data.totalHigh == null ? null : data.totalHigh / n, initiatives: n };
}

/** The headline: the total with its interval, or why there is none. */
export function headline(data: TimeSavedReportData): string {
  if (data.total == null) {
    return `No time-saved figure for ${data.cohort.name} against ${data.baseline.name}: ${data.reason ?? "the data cannot support a claim"}.`;
  }
  const verb = data.total >= 0 ? "saved" : "cost";
  // One precision for the figure and its interval, set by the figure's size.
  const f = Math.abs(data.total) >= 100 ? (v: number) => whole.format(Math.round(v) || 0) : fmtDays;
  const interval = data.totalLow == null || data.totalHigh == null ? "" : ` (95% interval ${f(data.totalLow)} to ${f(data.totalHigh)})`;
  return (
    `${data.cohort.name} ${verb} ${f(Math.abs(data.total))} working days${interval} against ${data.baseline.name}, ` +
    `over ${data.stagesCounted} stage${data.stagesCounted === 1 ? "" : "s"} with enough data.`
  );
}

/** The headline per initiative, or null when there is no total. */
export function perInitiativeHeadline(data: TimeSavedReportData): string | null {
  const p = perInitiative(data);
  if (!p) return null;
  const interval = p.low == null || p.high == null ? "" : ` (95% interval ${fmtDays(p.low)} to ${fmtDays(p.high)})`;
  return `That is ${fmtDays(Math.abs(p.value))} working days ${p.value >= 0 ? "saved" : "lost"} per initiative${interval}, over the ${fmtCount(p.initiatives)} initiative${p.initiatives === 1 ? "" : "s"} of the cohort with an approved stage counted.`;
}

function period(data: TimeSavedReportData): string {
  if (data.from && data.to) return `submitted from ${humanDate(data.from)} to ${humanDate(data.to)}`;
  if (data.from) return `submitted on or after ${humanDate(data.from)}`;
  if (data.to) return `submitted on or before ${humanDate(data.to)}`;
  return "submitted at any time";
}

/** The period the data covers: the submission limits asked for and the first submission and last event found. */
export function periodCovered(data: TimeSavedReportData): string {
  const { firstSubmittedAt, lastEventAt } = data.scope;
  const found = firstSubmittedAt && lastEventAt ? `; the data runs from ${humanDay(firstSubmittedAt)} (first submission) to ${humanDay(lastEventAt)} (last event)` : "; no stage matches";
  return `Stages ${period(data)}${found}. Open stages were counted as they stood at ${humanInstant(data.asOf)}.`;
}

/** Where the data came from and how much of it there is. */
export function dataSource(data: TimeSavedReportData): string {
  const s = data.scope;
  const what = data.dataset.synthetic ? `the hub's SYNTHETIC ${data.dataset.kind} data set (generated, not real)` : data.dataset.kind === "imported" ? "data imported from IG tools' exports or recorded through the hub" : `the hub's ${data.dataset.kind} data set`;
  const plural = (n: number, one: string, many: string) => `${fmtCount(n)} ${n === 1 ? one : many}`;
  return (
    `Data: ${what}; ${plural(s.initiatives, "initiative", "initiatives")} on the two sides together, ` +
    `involving ${plural(s.boroughs, "borough", "boroughs")} and ${plural(s.organisations, "partner organisation", "partner organisations")}` +
    (s.lastEventAt ? `; last event ${humanDay(s.lastEventAt)}.` : ".")
  );
}

/** The method in plain words: what was compared, what was left out and why. Paragraphs. */
export function methodParagraphs(data: TimeSavedReportData): string[] {
  const c = data.cohort.stages;
  const b = data.baseline.stages;
  const thin = data.stages.filter((s) => s.saved == null).map((s) => s.stage);
  return [
    `What was compared: the IG stages of initiatives using ${data.cohort.name} (the cohort, ${data.cohort.label}) against those using ` +
      `${data.baseline.name} (the baseline, ${data.baseline.label}), ${period(data)}. For each stage the report takes the median time to approval ` +
      `of the approved stages on each side, in working days: the England and Wales working days after the submission date up to ` +
      `and including the approval date (London dates; weekends and England and Wales bank holidays, one-off ones included, are not working days).`,
    `Time saved on a stage = (baseline median − cohort median) × the number of the cohort's approved stages: the working days ` +
      `the cohort's approved stages would have taken longer at the baseline's median pace. The total adds up the stages that ` +
      `support a number; the figure per initiative divides it by the cohort's initiatives with an approved stage among them. Each 95% interval comes from ${fmtCount(data.resamples)} bootstrap resamples (seed ${data.seed}) of the two sides' ` +
      `approved durations, carried through the multiplication and the sum, so the same data always gives the same interval.`,
    `What was left out, and why: stages still open at ${humanInstant(data.asOf)} (${fmtCount(sum(c, "openCount"))} in the cohort, ${fmtCount(sum(b, "openCount"))} in the baseline) ` +
      `are censored: their time to approval is not known yet, so they are not in the medians. Stages that ended rejected ` +
      `(${fmtCount(sum(c, "rejectedCount"))} and ${fmtCount(sum(b, "rejectedCount"))}) or withdrawn (${fmtCount(sum(c, "withdrawnCount"))} and ${fmtCount(sum(b, "withdrawnCount"))}) ` +
      `never reached approval, so they have no time to approval and are counted apart. A stage where either side has fewer than ` +
      `${data.minApproved} approved stages gets no number: a median of so few is too unstable to support a claim` +
      (thin.length ? ` (here: ${thin.join(", ")}).` : " (no stage was left out for this reason)."),
    `What it does not show: the comparison is observational. The two sides may differ in other ways (boroughs, partners, ` +
      `the size of the initiatives), so a difference is a measurement, not proof that ${data.cohort.name} caused it.`,
  ];
}
