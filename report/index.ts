/** Reports for publication (LOTI's time saved): gathered from the metrics kernels, rendered without GraphQL. */
export { TimeSavedReportService, isoDate, type RenderedReport, type TimeSavedReportArgs } from "./time-saved-report.service.js";
export type { ReportFormatName, ReportSide, ReportStageCounts, TimeSavedReportData } from "./time-saved-report.model.js";
export { renderTimeSavedReport } from "./time-saved-report.render.js";
export { COHORT_KEYS, CohortSpecError, cohortLabel, formatCohortSpec, parseCohortSpec } from "./cohort-spec.mjs";
