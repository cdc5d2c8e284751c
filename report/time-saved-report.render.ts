import type { ReportFormatName, TimeSavedReportData } from "./time-saved-report.model.js";
import { renderCsv } from "./time-saved-report.csv.js";
import { renderHtml } from "./time-saved-report.html.js";
import { renderMarkdown } from "./time-saved-report.markdown.js";

// The renderers' pieces stay importable from here, where callers have always found them.
export { CSV_DECIMALS, exactNumber, fmtCount, fmtDays, humanDate, humanDay, humanInstant } from "./time-saved-report.format.js";
export { dataSource, headline, methodParagraphs, perInitiative, perInitiativeHeadline, periodCovered, syntheticNotice } from "./time-saved-report.prose.js";
export { intervalChartSvg, mediansChartSvg } from "./time-saved-report.charts.js";
export { renderCsv, renderHtml, renderMarkdown };

/** Renders the report in `format`; returns the text and its media type. */
export function renderTimeSavedReport(data: TimeSavedReportData, format: ReportFormatName): { content: string; mediaType: string } {
  switch (format) {
    case "md":
      return { content: renderMarkdown(data), mediaType: "text/markdown; charset=utf-8" };
    case "html":
      return { content: renderHtml(data), mediaType: "text/html; charset=utf-8" };
    case "csv":
      return { content: renderCsv(data), mediaType: "text/csv; charset=utf-8" };
  }
}
