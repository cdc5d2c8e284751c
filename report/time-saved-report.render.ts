import { stringify } from "csv-stringify/sync";
import type { StageTimeSaved } from "../analytics/time-saved.js";
import type { ReportFormatName, ReportStageCounts, TimeSavedReportData } from "./time-saved-report.model.js";

/** Durations and day counts as people read them: one decimal, "no number" never shown as 0. */
export function fmtDays(v: number | null): string {
  if (v == null || Number.isNaN(v)) return "—";
  const r = Math.round(v * 10) / 10;
  return (Object.is(r, -0) ? 0 : r).toFixed(1);
}

function fmtInterval(low: number | null, high: number | null): string {
  return low == null || high == null ? "—" : `${fmtDays(low)} to ${fmtDays(high)}`;
}

function sum(rows: ReportStageCounts[], key: keyof Omit<ReportStageCounts, "stage">): number {
  return rows.reduce((n, r) => n + r[key], 0);
}

/** The synthetic-data warning, or null for real data. */
export function syntheticNotice(data: TimeSavedReportData): string | null {
  return data.dataset.synthetic
    ? `SYNTHETIC DATA: this report was made from the hub's synthetic ${data.dataset.kind} data set. Its numbers show how the report works and say nothing about any real borough, tool or initiative.`
    : null;
}

/** The headline: the total with its interval, or why there is none. */
export function headline(data: TimeSavedReportData): string {
  if (data.total == null) {
    return `No time-saved figure for ${data.cohort.label} against ${data.baseline.label}: ${data.reason ?? "the data cannot support a claim"}.`;
  }
  const verb = data.total >= 0 ? "saved" : "cost";
  return (
    `${data.cohort.label} ${verb} ${fmtDays(Math.abs(data.total))} working days against ${data.baseline.label} ` +
    `(95% interval ${fmtInterval(data.totalLow, data.totalHigh)} working days of time saved), ` +
    `over ${data.stagesCounted} stage${data.stagesCounted === 1 ? "" : "s"} with enough data.`
  );
}

function period(data: TimeSavedReportData): string {
  if (data.from && data.to) return `submitted from ${data.from} to ${data.to}`;
  if (data.from) return `submitted on or after ${data.from}`;
  if (data.to) return `submitted on or before ${data.to}`;
  return "submitted at any time";
}

/** The method in plain words: what was compared, what was left out and why. Paragraphs. */
export function methodParagraphs(data: TimeSavedReportData): string[] {
  const c = data.cohort.stages;
  const b = data.baseline.stages;
  const thin = data.stages.filter((s) => s.saved == null).map((s) => s.stage);
  return [
    `What was compared: the IG stages of initiatives matching ${data.cohort.label} (the cohort) against those matching ` +
      `${data.baseline.label} (the baseline), ${period(data)}. For each stage the report takes the median time to approval ` +
      `of the approved stages on each side, in working days: the England and Wales working days after the submission date up to ` +
      `and including the approval date (London dates; weekends and England and Wales bank holidays, one-off ones included, are not working days).`,
    `Time saved on a stage = (baseline median − cohort median) × the number of the cohort's approved stages: the working days ` +
      `the cohort's approved stages would have taken longer at the baseline's median pace. The total adds up the stages that ` +
      `support a number. Each 95% interval comes from ${data.resamples} bootstrap resamples (seed ${data.seed}) of the two sides' ` +
      `approved durations, carried through the multiplication and the sum, so the same data always gives the same interval.`,
    `What was left out, and why: stages still open on ${data.asOf} (${sum(c, "openCount")} in the cohort, ${sum(b, "openCount")} in the baseline) ` +
      `are censored: their time to approval is not known yet, so they are not in the medians. Stages that ended rejected ` +
      `(${sum(c, "rejectedCount")} and ${sum(b, "rejectedCount")}) or withdrawn (${sum(c, "withdrawnCount")} and ${sum(b, "withdrawnCount")}) ` +
      `never reached approval, so they have no time to approval and are counted apart. A stage where either side has fewer than ` +
      `${data.minApproved} approved stages gets no number: a median of so few is too unstable to support a claim` +
      (thin.length ? ` (here: ${thin.join(", ")}).` : " (no stage was left out for this reason)."),
    `What it does not show: the comparison is observational. The two sides may differ in other ways (boroughs, partners, ` +
      `the size of the initiatives), so a difference is a measurement, not proof that ${data.cohort.label} caused it.`,
  ];
}

interface Row {
  stage: string;
  cohortApproved: string;
  baselineApproved: string;
  cohortMedian: string;
  baselineMedian: string;
  perStage: string;
  perStageInterval: string;
  saved: string;
  savedInterval: string;
  note: string;
}

function rows(data: TimeSavedReportData): Row[] {
  return data.stages.map((s) => ({
    stage: s.stage,
    cohortApproved: String(s.cohortApproved),
    baselineApproved: String(s.baselineApproved),
    cohortMedian: fmtDays(s.cohortMedian),
    baselineMedian: fmtDays(s.baselineMedian),
    perStage: fmtDays(s.savedPerStage),
    perStageInterval: fmtInterval(s.savedPerStageLow, s.savedPerStageHigh),
    saved: s.saved == null ? "no number" : fmtDays(s.saved),
    savedInterval: fmtInterval(s.savedLow, s.savedHigh),
    note: s.reason ?? "",
  }));
}

const HEADERS = [
  "Stage",
  "Approved (cohort)",
  "Approved (baseline)",
  "Median, cohort (wd)",
  "Median, baseline (wd)",
  "Difference of medians (baseline − cohort, wd)",
  "95% interval",
  "Time saved (wd)",
  "95% interval",
  "Note",
];

function countsRows(data: TimeSavedReportData): string[][] {
  const base = new Map(data.baseline.stages.map((s) => [s.stage, s]));
  return data.cohort.stages.map((c) => {
    const b = base.get(c.stage);
    return [c.stage, `${c.count}`, `${c.approvedCount}`, `${c.openCount}`, `${c.rejectedCount}`, `${c.withdrawnCount}`,
      `${b?.count ?? 0}`, `${b?.approvedCount ?? 0}`, `${b?.openCount ?? 0}`, `${b?.rejectedCount ?? 0}`, `${b?.withdrawnCount ?? 0}`];
  });
}
const COUNT_HEADERS = ["Stage", "Submitted (cohort)", "Approved", "Open (censored)", "Rejected", "Withdrawn", "Submitted (baseline)", "Approved", "Open (censored)", "Rejected", "Withdrawn"];

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

function mdTable(headers: string[], body: string[][]): string {
  return [
    `| ${headers.map(mdCell).join(" | ")} |`,
    `| ${headers.map((_, i) => (i === 0 || i === headers.length - 1 && headers[i] === "Note" ? "---" : "---:")).join(" | ")} |`,
    ...body.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ].join("\n");
}

/** The report as Markdown. */
export function renderMarkdown(data: TimeSavedReportData): string {
  const notice = syntheticNotice(data);
  const body = rows(data).map((r) => [r.stage, r.cohortApproved, r.baselineApproved, r.cohortMedian, r.baselineMedian, r.perStage, r.perStageInterval, r.saved, r.savedInterval, r.note]);
  body.push(["**Total**", "", "", "", "", "", "", data.total == null ? "no number" : `**${fmtDays(data.total)}**`, fmtInterval(data.totalLow, data.totalHigh), data.reason ?? `${data.stagesCounted} stage(s) counted`]);
  return [
    `# Time saved: ${data.cohort.label} against ${data.baseline.label}`,
    "",
    ...(notice ? [`> **${notice}**`, ""] : []),
    `**${headline(data)}**`,
    "",
    `Stages ${period(data)}; open stages censored at ${data.asOf}; working days (wd). Made ${data.generatedAt} by the London IG Hub.`,
    "",
    "## Per stage",
    "",
    mdTable(HEADERS, body),
    "",
    "## What was counted",
    "",
    mdTable(COUNT_HEADERS, countsRows(data)),
    "",
    "## Method",
    "",
    ...methodParagraphs(data).flatMap((p) => [p, ""]),
  ].join("\n");
}

/**
 * The report as CSV: one row per stage and a TOTAL row, numbers unrounded (for other tools to
 * read), empty where there is no number, the reason in `note`, and the dataset on every row so a
 * synthetic figure cannot travel without its label.
 */
export function renderCsv(data: TimeSavedReportData): string {
  const counts = (side: ReportStageCounts[], stage: string) => side.find((s) => s.stage === stage);
  const dataset = data.dataset.synthetic ? `synthetic ${data.dataset.kind}` : data.dataset.kind;
  const n = (v: number | null | undefined) => (v == null ? "" : v);
  const records: Record<string, unknown>[] = data.stages.map((s) => {
    const c = counts(data.cohort.stages, s.stage);
    const b = counts(data.baseline.stages, s.stage);
    return {
      stage: s.stage,
      cohort: data.cohort.label,
      baseline: data.baseline.label,
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
      submitted_from: data.from ?? "",
      submitted_to: data.to ?? "",
      as_of: data.asOf,
      dataset,
      note: s.reason ?? "",
    };
  });
  records.push({
    stage: "TOTAL",
    cohort: data.cohort.label,
    baseline: data.baseline.label,
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
    submitted_from: data.from ?? "",
    submitted_to: data.to ?? "",
    as_of: data.asOf,
    dataset,
    note: data.reason ?? `${data.stagesCounted} stage(s) counted`,
  });
  const columns = Object.keys(records[0]!);
  return stringify(records, { header: true, columns });
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A "nice" axis step for a span, so tick labels are round numbers. */
function niceStep(span: number, ticks: number): number {
  const raw = span / Math.max(1, ticks);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

/**
 * Inline SVG: one horizontal row per stage, a whisker [low, high] and a point, around a zero line.
 * Stages with no number carry their reason as text instead of a mark.
 */
export function intervalChartSvg(opts: { title: string; unit: string; rows: { label: string; value: number | null; low: number | null; high: number | null; note: string }[] }): string {
  const rowH = 34;
  const left = 90;
  const width = 720;
  const plotW = width - left - 30;
  const top = 40;
  const height = top + rowH * opts.rows.length + 40;
  const vals = opts.rows.flatMap((r) => [r.value, r.low, r.high]).filter((v): v is number => v != null);
  let min = Math.min(0, ...vals);
  let max = Math.max(0, ...vals);
  if (min === max) max = min + 1;
  const step = niceStep(max - min, 6);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const x = (v: number) => left + ((v - min) / (max - min)) * plotW;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="t-${opts.title.length}">`);
  parts.push(`<title id="t-${opts.title.length}">${esc(opts.title)}</title>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="600">${esc(opts.title)}</text>`);
  for (let v = min; v <= max + step / 2; v += step) {
    const xv = x(v).toFixed(1);
    parts.push(`<line x1="${xv}" x2="${xv}" y1="${top - 6}" y2="${height - 34}" stroke="${Math.abs(v) < step / 1e6 ? "#444" : "#ddd"}" stroke-width="${Math.abs(v) < step / 1e6 ? 1.5 : 1}"/>`);
    parts.push(`<text x="${xv}" y="${height - 20}" font-size="11" text-anchor="middle" fill="#555">${esc(fmtTick(v))}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${height - 4}" font-size="11" text-anchor="middle" fill="#555">${esc(opts.unit)}</text>`);
  opts.rows.forEach((r, i) => {
    const cy = top + i * rowH + rowH / 2;
    parts.push(`<text x="${left - 8}" y="${cy + 4}" font-size="12" text-anchor="end">${esc(r.label)}</text>`);
    if (r.value == null) {
      // The reason's first clause ("too few approved DPIA stages to support a claim"); the table has the rest.
      parts.push(`<text x="${left + 6}" y="${cy + 4}" font-size="11" fill="#8a5a00">no number: ${esc(r.note.split(":")[0]!)}</text>`);
      return;
    }
    if (r.low != null && r.high != null) {
      parts.push(`<line x1="${x(r.low).toFixed(1)}" x2="${x(r.high).toFixed(1)}" y1="${cy}" y2="${cy}" stroke="#2f7d32" stroke-width="8" stroke-opacity="0.3"/>`);
    }
    parts.push(`<circle cx="${x(r.value).toFixed(1)}" cy="${cy}" r="5" fill="#2f7d32"><title>${esc(`${r.label}: ${fmtDays(r.value)} (${fmtInterval(r.low, r.high)})`)}</title></circle>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

function fmtTick(v: number): string {
  return Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : fmtDays(v).replace(/\.0$/, "");
}

/** Inline SVG: per stage, the cohort's and the baseline's median as two bars. */
export function mediansChartSvg(data: TimeSavedReportData): string {
  const rowH = 40;
  const left = 90;
  const width = 720;
  const plotW = width - left - 60;
  const top = 50;
  const height = top + rowH * data.stages.length + 36;
  const max = Math.max(1, ...data.stages.flatMap((s) => [s.cohortMedian ?? 0, s.baselineMedian ?? 0]));
  const step = niceStep(max, 6);
  const top_ = Math.ceil(max / step) * step;
  const x = (v: number) => left + (v / top_) * plotW;
  const p: string[] = [];
  p.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="medians-title">`);
  p.push(`<title id="medians-title">Median time to approval per stage, working days: ${esc(data.cohort.label)} and ${esc(data.baseline.label)}</title>`);
  p.push(`<text x="${left}" y="20" font-size="14" font-weight="600">Median time to approval per stage (working days)</text>`);
  p.push(`<rect x="${left}" y="30" width="12" height="10" fill="#1f6fb2"/><text x="${left + 16}" y="39" font-size="11">${esc(data.cohort.label)} (cohort)</text>`);
  // Rough text width (11px sans ≈ 6.5px a character) so the second legend entry clears the first.
  const second = left + 16 + Math.ceil((data.cohort.label.length + 9) * 6.5) + 24;
  p.push(`<rect x="${second}" y="30" width="12" height="10" fill="#b0b7bf"/><text x="${second + 16}" y="39" font-size="11">${esc(data.baseline.label)} (baseline)</text>`);
  for (let v = 0; v <= top_ + step / 2; v += step) {
    p.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${top - 4}" y2="${height - 30}" stroke="#e3e3e3"/>`);
    p.push(`<text x="${x(v).toFixed(1)}" y="${height - 16}" font-size="11" text-anchor="middle" fill="#555">${esc(fmtTick(v))}</text>`);
  }
  data.stages.forEach((s, i) => {
    const y = top + i * rowH;
    p.push(`<text x="${left - 8}" y="${y + rowH / 2 + 2}" font-size="12" text-anchor="end">${esc(s.stage)}</text>`);
    const bar = (v: number | null, dy: number, fill: string, who: string) =>
      v == null
        ? `<text x="${left + 4}" y="${y + dy + 10}" font-size="10" fill="#8a5a00">${esc(who)}: no approved stages</text>`
        : `<rect x="${left}" y="${y + dy}" width="${Math.max(1, x(v) - left).toFixed(1)}" height="13" fill="${fill}"><title>${esc(`${s.stage}, ${who}: median ${fmtDays(v)} working days`)}</title></rect>` +
          `<text x="${(x(v) + 4).toFixed(1)}" y="${y + dy + 11}" font-size="10" fill="#333">${fmtDays(v)}</text>`;
    p.push(bar(s.cohortMedian, 4, "#1f6fb2", data.cohort.label));
    p.push(bar(s.baselineMedian, 20, "#b0b7bf", data.baseline.label));
  });
  p.push("</svg>");
  return p.join("");
}

function htmlTable(headers: string[], body: string[][], caption: string, className: string): string {
  return (
    `<table class="${className}"><caption>${esc(caption)}</caption><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>` +
    body.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join("")}</tr>`).join("") +
    `</tbody></table>`
  );
}

/** The report as one self-contained HTML page: inline CSS and inline SVG charts, no external assets. */
export function renderHtml(data: TimeSavedReportData): string {
  const notice = syntheticNotice(data);
  const body = rows(data).map((r) => [r.stage, r.cohortApproved, r.baselineApproved, r.cohortMedian, r.baselineMedian, r.perStage, r.perStageInterval, r.saved, r.savedInterval, r.note]);
  body.push(["Total", "", "", "", "", "", "", data.total == null ? "no number" : fmtDays(data.total), fmtInterval(data.totalLow, data.totalHigh), data.reason ?? `${data.stagesCounted} stage(s) counted`]);
  const savedChart = intervalChartSvg({
    title: `Time saved per stage: ${data.cohort.label} against ${data.baseline.label}`,
    unit: "working days saved (95% interval shaded)",
    rows: [
      ...data.stages.map((s: StageTimeSaved) => ({ label: s.stage, value: s.saved, low: s.savedLow, high: s.savedHigh, note: s.reason ?? "" })),
      { label: "Total", value: data.total, low: data.totalLow, high: data.totalHigh, note: data.reason ?? "" },
    ],
  });
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Time saved: ${esc(data.cohort.label)} against ${esc(data.baseline.label)}</title>
<style>
body { font-family: system-ui, Arial, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #1b1f24; }
.synthetic { background: #fff4d6; border: 1px solid #e3c46b; color: #5c4300; padding: 0.6rem 0.8rem; font-weight: 600; }
.headline { font-size: 1.25rem; font-weight: 700; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.2rem 0.45rem; text-align: right; }
th[scope=row], table.per-stage td:last-child { text-align: left; }
thead th { background: #eef1f4; }
figure { margin: 1rem 0; }
.meta { color: #57606a; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>Time saved: ${esc(data.cohort.label)} against ${esc(data.baseline.label)}</h1>
${notice ? `<p class="synthetic" role="note">${esc(notice)}</p>` : ""}
<p class="headline">${esc(headline(data))}</p>
<p class="meta">Stages ${esc(period(data))}; open stages censored at ${esc(data.asOf)}; wd = working days. Made ${esc(data.generatedAt)} by the London IG Hub.</p>
<h2>Per stage</h2>
${htmlTable(HEADERS, body, "Time saved per stage (working days)", "per-stage")}
${data.stages.some((s) => s.saved != null) ? `<figure>${savedChart}</figure>` : `<p><strong>No chart of time saved: no stage has enough approved stages on both sides to support a number.</strong></p>`}
<figure>${mediansChartSvg(data)}</figure>
<h2>What was counted</h2>
${htmlTable(COUNT_HEADERS, countsRows(data), "Stages on each side: submitted, approved, and those left out of the medians", "counts")}
<h2>Method</h2>
${methodParagraphs(data).map((p) => `<p>${esc(p)}</p>`).join("\n")}
</body>
</html>
`;
}

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
