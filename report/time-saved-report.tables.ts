/** The per-stage and counts tables as text cells, shared by the Markdown and HTML renderers. */
import type { TimeSavedReportData } from "./time-saved-report.model.js";
import { fmtCount, fmtDays, fmtInterval } from "./time-saved-report.format.js";

export interface Row {
  stage: string;
  cohortApproved: string;
  baselineApproved: string;
  cohortMedian: string;
  baselineMedian: string;
  perStage: string;
  perStageInterval: string;
  saved: string;
  savedInterval: string;
  note: string;
}

export function rows(data: TimeSavedReportData): Row[] {
  return data.stages.map((s) => ({
    stage: s.stage,
    cohortApproved: fmtCount(s.cohortApproved),
    baselineApproved: fmtCount(s.baselineApproved),
    cohortMedian: fmtDays(s.cohortMedian),
    baselineMedian: fmtDays(s.baselineMedian),
    perStage: fmtDays(s.savedPerStage),
    perStageInterval: fmtInterval(s.savedPerStageLow, s.savedPerStageHigh),
    saved: s.saved == null ? "no number" : fmtDays(s.saved),
    savedInterval: fmtInterval(s.savedLow, s.savedHigh),
    note: s.reason ?? "",
  }));
}

export const HEADERS = [
  "Stage",
  "Approved (cohort)",
  "Approved (baseline)",
  "Median, cohort (working days)",
  "Median, baseline (working days)",
  "Difference of medians (baseline − cohort, working days)",
  "95% interval",
  "Time saved (working days)",
  "95% interval",
  "Note",
];

export function countsRows(data: TimeSavedReportData): string[][] {
  const base = new Map(data.baseline.stages.map((s) => [s.stage, s]));
  return data.cohort.stages.map((c) => {
    const b = base.get(c.stage);
    return [c.stage, c.count, c.approvedCount, c.openCount, c.rejectedCount, c.withdrawnCount,
      b?.count ?? 0, b?.approvedCount ?? 0, b?.openCount ?? 0, b?.rejectedCount ?? 0, b?.withdrawnCount ?? 0].map((v) => (typeof v === "number" ? fmtCount(v) : v));
  });
}
export const COUNT_HEADERS = ["Stage", "Submitted (cohort)", "Approved", "Open (censored)", "Rejected", "Withdrawn", "Submitted (baseline)", "Approved", "Open (censored)", "Rejected", "Withdrawn"];
