import type { TimeSavedResult } from "../analytics/time-saved.js";

/** The report formats: Markdown, a self-contained HTML page (inline SVG charts), CSV. */
export type ReportFormatName = "md" | "html" | "csv";

/** What was counted on one side of the comparison for one stage (the report's "what was left out"). */
export interface ReportStageCounts {
  stage: string;
  /** Stages submitted. */
  count: number;
  approvedCount: number;
  /** Still open at `asOf`: censored, so not in the medians. */
  openCount: number;
  rejectedCount: number;
  withdrawnCount: number;
}

/** One side of the comparison: its label, filter and per-stage counts. */
export interface ReportSide {
  /** e.g. "tool=isg". */
  label: string;
  stages: ReportStageCounts[];
}

/**
 * Everything a time-saved report states; the renderers only lay it out. The per-stage and total
 * figures are the `timeSaved` computation's result as it stands (working days; `reason` says why
 * there is no total when there is none).
 */
export interface TimeSavedReportData extends TimeSavedResult {
  cohort: ReportSide;
  baseline: ReportSide;
  /** Submission period both sides were limited to (ISO dates), or null for no limit. */
  from: string | null;
  to: string | null;
  /** Open stages were censored at this instant (ISO). */
  asOf: string;
  /** When the report was made (ISO). */
  generatedAt: string;
  /** The dataset kind (`demo`, `large`, `imported`, `empty`) and whether it is synthetic. */
  dataset: { kind: string; synthetic: boolean };
  /** Below this many approved stages on either side a stage gets no number. */
  minApproved: number;
  /** Bootstrap resamples and seed behind the intervals. */
  resamples: number;
  seed: number;
}
