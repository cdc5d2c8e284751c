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
  /** The cohort grammar's form, for machines and file names, e.g. "tool=isg". */
  label: string;
  /** The reference data's names, for readers, e.g. "Information Sharing Gateway (ISG)". */
  name: string;
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
  /** What the figures rest on: the initiatives either side counts at `asOf`, and their reach. */
  scope: ReportScope;
  /** Bootstrap resamples and seed behind the intervals. */
  resamples: number;
  seed: number;
}

/** The data behind a report: initiatives on either side with a stage submitted by `asOf`. */
export interface ReportScope {
  initiatives: number;
  /** Boroughs taking part in those initiatives (lead or participant). */
  boroughs: number;
  /** Partner organisations of those initiatives. */
  organisations: number;
  /** The cohort's initiatives with an approved stage among the stages that support a number (the per-initiative divisor). */
  cohortInitiativesCounted: number;
  /** First submission and last event (submission, approval, rejection or withdrawal) up to `asOf` (ISO), null with no data. */
  firstSubmittedAt: string | null;
  lastEventAt: string | null;
}
