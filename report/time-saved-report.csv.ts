import { stringify } from "csv-stringify/sync";
import type { ReportStageCounts, TimeSavedReportData } from "./time-saved-report.model.js";
import { exactNumber, sum } from "./time-saved-report.format.js";
import { perInitiative } from "./time-saved-report.prose.js";

/**
 * The report as CSV: one row per stage and a TOTAL row (with the per-initiative figure), numbers
 * exact to CSV_DECIMALS (for other tools to read), ISO dates, empty where there is no number, the
 * reason in `note`, and the dataset and its scope on every row so a synthetic figure cannot travel
 * without its label. Every line, the last included, ends in a newline.
 */
export function renderCsv(data: TimeSavedReportData): string {
  const counts = (side: ReportStageCounts[], stage: string) => side.find((s) => s.stage === stage);
  const dataset = data.dataset.synthetic ? `synthetic ${data.dataset.kind}` : data.dataset.kind;
  const n = (v: number | null | undefined) => (v == null ? "" : exactNumber(v));
  const every = {
    submitted_from: data.from ?? "",
    submitted_to: data.to ?? "",
    as_of: data.asOf,
    dataset,
    initiatives: data.scope.initiatives,
    boroughs: data.scope.boroughs,
    organisations: data.scope.organisations,
    first_submitted_at: data.scope.firstSubmittedAt ?? "",
    last_event_at: data.scope.lastEventAt ?? "",
  };
  const each = perInitiative(data);
  const records: Record<string, unknown>[] = data.stages.map((s) => {
    const c = counts(data.cohort.stages, s.stage);
    const b = counts(data.baseline.stages, s.stage);
    return {
      stage: s.stage,
      cohort: data.cohort.label,
      baseline: data.baseline.label,
      cohort_name: data.cohort.name,
      baseline_name: data.baseline.name,
      cohort_approved: s.cohortApproved,
      baseline_approved: s.baselineApproved,
      cohort_median_wd: n(s.cohortMedian),
      baseline_median_wd: n(s.baselineMedian),
      saved_per_stage_wd: n(s.savedPerStage),
      saved_per_stage_low_wd: n(s.savedPerStageLow),
      saved_per_stage_high_wd: n(s.savedPerStageHigh),
      time_saved_wd: n(s.saved),
      time_saved_low_wd: n(s.savedLow),
      time_saved_high_wd: n(s.savedHigh),
      cohort_open: n(c?.openCount),
      cohort_rejected: n(c?.rejectedCount),
      cohort_withdrawn: n(c?.withdrawnCount),
      baseline_open: n(b?.openCount),
      baseline_rejected: n(b?.rejectedCount),
      baseline_withdrawn: n(b?.withdrawnCount),
      cohort_initiatives_counted: "",
      time_saved_per_initiative_wd: "",
      time_saved_per_initiative_low_wd: "",
      time_saved_per_initiative_high_wd: "",
      ...every,
      note: s.reason ?? "",
    };
  });
  records.push({
    stage: "TOTAL",
    cohort: data.cohort.label,
    baseline: data.baseline.label,
    cohort_name: data.cohort.name,
    baseline_name: data.baseline.name,
    cohort_approved: data.stages.reduce((t, s) => t + s.cohortApproved, 0),
    baseline_approved: data.stages.reduce((t, s) => t + s.baselineApproved, 0),
    time_saved_wd: n(data.total),
    time_saved_low_wd: n(data.totalLow),
    time_saved_high_wd: n(data.totalHigh),
    cohort_open: sum(data.cohort.stages, "openCount"),
    cohort_rejected: sum(data.cohort.stages, "rejectedCount"),
    cohort_withdrawn: sum(data.cohort.stages, "withdrawnCount"),
    baseline_open: sum(data.baseline.stages, "openCount"),
    baseline_rejected: sum(data.baseline.stages, "rejectedCount"),
    baseline_withdrawn: sum(data.baseline.stages, "withdrawnCount"),
    cohort_initiatives_counted: data.scope.cohortInitiativesCounted,
    time_saved_per_initiative_wd: n(each?.value),
    time_saved_per_initiative_low_wd: n(each?.low),
    time_saved_per_initiative_high_wd: n(each?.high),
    ...every,
    note: data.reason ?? `${data.stagesCounted} stage(s) counted`,
  });
  const columns = Object.keys(records[0]!);
  return stringify(records, { header: true, columns });
}
