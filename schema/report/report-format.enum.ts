import { registerEnumType } from "type-graphql";
import type { ReportFormatName } from "./time-saved-report.model.js";

/** The forms a report is rendered in. */
export enum ReportFormat {
  MARKDOWN = "md",
  HTML = "html",
  CSV = "csv",
}
registerEnumType(ReportFormat, {
  name: "ReportFormat",
  description: "The form of a rendered report.",
  valuesConfig: {
    MARKDOWN: { description: "Markdown: headline, per-stage table, counts and the method in plain words." },
    HTML: { description: "One self-contained HTML page with inline SVG charts (no external assets)." },
    CSV: { description: "One row per stage and a TOTAL row, numbers unrounded, the dataset on every row." },
  },
});

/** The renderer's name for a format. */
export const formatName = (f: ReportFormat): ReportFormatName => f as ReportFormatName;
