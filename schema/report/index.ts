import { TimeSavedReportResolver } from "./time-saved-report.resolver.js";

/** Resolvers of the report domain (rendered reports for publication). */
export const reportResolvers: Function[] = [TimeSavedReportResolver];
