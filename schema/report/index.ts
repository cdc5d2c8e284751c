import { TimeSavedReportResolver } from "./time-saved-report.resolver.js";

export { TimeSavedReportService, type TimeSavedReportArgs, type RenderedReport as RenderedReportData } from "./time-saved-report.service.js";
export { parseCohortSpec, cohortLabel, CohortSpecError } from "../../report/cohort-spec.mjs";
/** Resolvers of the report domain (rendered reports for publication). */
export const reportResolvers: Function[] = [TimeSavedReportResolver];
