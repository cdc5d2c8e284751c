import type { StageTimeSaved } from "../analytics/time-saved.js";
import type { TimeSavedReportData } from "./time-saved-report.model.js";
import { esc, fmtDays, fmtInterval, humanInstant } from "./time-saved-report.format.js";
import { dataSource, headline, methodParagraphs, perInitiativeHeadline, periodCovered, syntheticNotice } from "./time-saved-report.prose.js";
import { COUNT_HEADERS, HEADERS, countsRows, rows } from "./time-saved-report.tables.js";
import { intervalChartSvg, mediansChartSvg } from "./time-saved-report.charts.js";

/** A table in its own scrolling box (a phone scrolls the table, not the page); `nowrap` columns never wrap. */
function htmlTable(headers: string[], body: string[][], caption: string, className: string, nowrap: ReadonlySet<number> = new Set()): string {
  const cell = (c: string, i: number) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${nowrap.has(i) ? ' class="nowrap"' : ""}>${esc(c)}</td>`);
  return (
    `<div class="table-box"><table class="${className}"><caption>${esc(caption)}</caption><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>` +
    body.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("") +
    `</tbody></table></div>`
  );
}

/** The report as one self-contained HTML page: inline CSS and inline SVG charts, no external assets. */
export function renderHtml(data: TimeSavedReportData): string {
  const notice = syntheticNotice(data);
  const body = rows(data).map((r) => [r.stage, r.cohortApproved, r.baselineApproved, r.cohortMedian, r.baselineMedian, r.perStage, r.perStageInterval, r.saved, r.savedInterval, r.note]);
  body.push(["Total", "", "", "", "", "", "", data.total == null ? "no number" : fmtDays(data.total), fmtInterval(data.totalLow, data.totalHigh), data.reason ?? `${data.stagesCounted} stage(s) counted`]);
  const savedChart = intervalChartSvg({
    id: "stages",
    // Short: the page's heading names the two sides, and a long title runs off the chart.
    title: "Time saved per stage (working days)",
    unit: "working days saved (95% interval shaded)",
    rows: data.stages.map((s: StageTimeSaved) => ({ label: s.stage, value: s.saved, low: s.savedLow, high: s.savedHigh, note: s.reason ?? "" })),
  });
  // The total on its own axis: on the stages' axis it would squeeze their intervals to nothing.
  const totalChart = intervalChartSvg({
    id: "total",
    title: "Total time saved (working days)",
    unit: "working days saved (95% interval shaded)",
    rows: [{ label: "Total", value: data.total, low: data.totalLow, high: data.totalHigh, note: data.reason ?? "" }],
  });
  const each = perInitiativeHeadline(data);
  const title = `Time saved: ${data.cohort.name} against ${data.baseline.name}`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: system-ui, Arial, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #1b1f24; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.25; }
.synthetic { background: #fff4d6; border: 2px solid #c99a1e; color: #5c4300; padding: 0.6rem 0.8rem; font-weight: 700; }
.headline { font-size: 1.25rem; font-weight: 700; }
.per-initiative { font-size: 1.05rem; font-weight: 600; }
.table-box { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.2rem 0.45rem; text-align: right; vertical-align: top; }
th[scope=row], table.per-stage td:last-child { text-align: left; }
table.per-stage td:last-child { min-width: 14rem; }
td.nowrap { white-space: nowrap; }
thead th { background: #eef1f4; }
/* A chart keeps at least 540 px (its labels stay legible) and scrolls in its own box below that. */
figure { margin: 1rem 0; overflow-x: auto; }
svg.chart { width: 100%; height: auto; max-width: 720px; min-width: 540px; display: block; }
.meta { color: #57606a; font-size: 0.9rem; }
@media (max-width: 480px) {
  body { margin: 0.75rem auto; padding: 0 0.75rem; }
  h1 { font-size: 1.3rem; }
  .headline { font-size: 1.1rem; }
}
@media print {
  @page { margin: 15mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #000; }
  .synthetic { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  thead th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .table-box, figure { overflow: visible; }
  table { font-size: 8pt; }
  figure, tr, .headline, .per-initiative { break-inside: avoid; }
  h2 { break-after: avoid; }
  svg.chart { max-width: 100%; min-width: 0; }
}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${notice ? `<p class="synthetic" role="note">${esc(notice)}</p>` : ""}
<p class="headline">${esc(headline(data))}</p>
${each ? `<p class="per-initiative">${esc(each)}</p>` : ""}
<p class="meta">${esc(periodCovered(data))}</p>
<p class="meta">${esc(dataSource(data))}</p>
<p class="meta">Made ${esc(humanInstant(data.generatedAt))} by the London IG Hub.</p>
<h2>Per stage</h2>
${htmlTable(HEADERS, body, "Time saved per stage (working days)", "per-stage", new Set([6, 8]))}
${data.stages.some((s) => s.saved != null) ? `<figure>${savedChart}</figure>\n<figure>${totalChart}</figure>` : `<p><strong>No chart of time saved: no stage has enough approved stages on both sides to support a number.</strong></p>`}
<figure>${mediansChartSvg(data)}</figure>
<h2>What was counted</h2>
${htmlTable(COUNT_HEADERS, countsRows(data), "Stages on each side: submitted, approved, and those left out of the medians", "counts")}
<h2>Method</h2>
${methodParagraphs(data).map((p) => `<p>${esc(p)}</p>`).join("\n")}
</body>
</html>
`;
}
