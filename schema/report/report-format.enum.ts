import { registerEnumType } from "type-graphql";
import type { ReportFormatName } from "../../report/index.js";

/**
 * The forms a report is rendered in. Internal values equal the names: the subgraph schema is
 * rebuilt from printed SDL, which keeps only enum names, so a default value would otherwise reach
 * the resolver as the name rather than the internal value.
 */
export enum ReportFormat {
  MARKDOWN = "MARKDOWN",
  HTML = "HTML",
  CSV = "CSV",
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
export const formatName = (f: ReportFormat): ReportFormatName => FORMAT_NAMES[f];

const FORMAT_NAMES: Record<ReportFormat, ReportFormatName> = {
  [ReportFormat.MARKDOWN]: "md",
  [ReportFormat.HTML]: "html",
  [ReportFormat.CSV]: "csv",
};
