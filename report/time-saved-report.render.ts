import { stringify } from "csv-stringify/sync";
import type { StageTimeSaved } from "../analytics/time-saved.js";
import type { ReportFormatName, ReportStageCounts, TimeSavedReportData } from "./time-saved-report.model.js";

const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** Durations and day counts as people read them: one decimal, a thousands separator, "no number" never shown as 0. */
export function fmtDays(v: number | null): string {
  if (v == null || Number.isNaN(v)) return "—";
  const r = Math.round(v * 10) / 10;
  return oneDecimal.format(Object.is(r, -0) || r === 0 ? 0 : r);
}

/** A count with a thousands separator. */
export function fmtCount(v: number): string {
  return whole.format(v);
}

/**
 * The CSV's exact values: rounded to 3 decimals (a thousandth of a working day, under 30 seconds),
 * which removes binary floating-point noise such as 7133.075000000001 without losing anything a
 * median or a bootstrap bound of whole working days can hold.
 */
export const CSV_DECIMALS = 3;
export function exactNumber(v: number): number {
  const r = Math.round(v * 10 ** CSV_DECIMALS) / 10 ** CSV_DECIMALS;
  return Object.is(r, -0) ? 0 : r;
}

const londonDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const londonTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" });
const utcDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** An ISO date (`2026-12-06`) as "6 December 2026". */
export function humanDate(iso: string): string {
  return utcDate.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** An instant as its London date ("6 December 2026"). */
export function humanDay(instant: string): string {
  return londonDate.format(new Date(instant));
}

/** An instant as its London date and time ("6 December 2026, 09:30 London time"). */
export function humanInstant(instant: string): string {
  const d = new Date(instant);
  return `${londonDate.format(d)}, ${londonTime.format(d)} London time`;
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

/** The per-initiative figure: the total over the cohort's initiatives with an approved counted stage, or null. */
export function perInitiative(data: TimeSavedReportData): { value: number; low: number | null; high: number | null; initiatives: number } | null {
  const n = data.scope.cohortInitiativesCounted;
  if (data.total == null || n === 0) return null;
  return { value: data.total / n, low: data.totalLow == null ? null : data.totalLow / n, high: data.totalHigh == null ? null : data.totalHigh / n, initiatives: n };
}

/** The headline: the total with its interval, or why there is none. */
export function headline(data: TimeSavedReportData): string {
  if (data.total == null) {
    return `No time-saved figure for ${data.cohort.name} against ${data.baseline.name}: ${data.reason ?? "the data cannot support a claim"}.`;
  }
  const verb = data.total >= 0 ? "saved" : "cost";
  // One precision for the figure and its interval, set by the figure's size.
  const f = Math.abs(data.total) >= 100 ? (v: number) => whole.format(Math.round(v) || 0) : fmtDays;
  const interval = data.totalLow == null || data.totalHigh == null ? "" : ` (95% interval ${f(data.totalLow)} to ${f(data.totalHigh)})`;
  return (
    `${data.cohort.name} ${verb} ${f(Math.abs(data.total))} working days${interval} against ${data.baseline.name}, ` +
    `over ${data.stagesCounted} stage${data.stagesCounted === 1 ? "" : "s"} with enough data.`
  );
}

/** The headline per initiative, or null when there is no total. */
export function perInitiativeHeadline(data: TimeSavedReportData): string | null {
  const p = perInitiative(data);
  if (!p) return null;
  const interval = p.low == null || p.high == null ? "" : ` (95% interval ${fmtDays(p.low)} to ${fmtDays(p.high)})`;
  return `That is ${fmtDays(Math.abs(p.value))} working days ${p.value >= 0 ? "saved" : "lost"} per initiative${interval}, over the ${fmtCount(p.initiatives)} initiative${p.initiatives === 1 ? "" : "s"} of the cohort with an approved stage counted.`;
}

function period(data: TimeSavedReportData): string {
  if (data.from && data.to) return `submitted from ${humanDate(data.from)} to ${humanDate(data.to)}`;
  if (data.from) return `submitted on or after ${humanDate(data.from)}`;
  if (data.to) return `submitted on or before ${humanDate(data.to)}`;
  return "submitted at any time";
}

/** The period the data covers: the submission limits asked for and the first submission and last event found. */
export function periodCovered(data: TimeSavedReportData): string {
  const { firstSubmittedAt, lastEventAt } = data.scope;
  const found = firstSubmittedAt && lastEventAt ? `; the data runs from ${humanDay(firstSubmittedAt)} (first submission) to ${humanDay(lastEventAt)} (last event)` : "; no stage matches";
  return `Stages ${period(data)}${found}. Open stages were counted as they stood at ${humanInstant(data.asOf)}.`;
}

/** Where the data came from and how much of it there is. */
export function dataSource(data: TimeSavedReportData): string {
  const s = data.scope;
  const what = data.dataset.synthetic ? `the hub's SYNTHETIC ${data.dataset.kind} data set (generated, not real)` : data.dataset.kind === "imported" ? "data imported from IG tools' exports or recorded through the hub" : `the hub's ${data.dataset.kind} data set`;
  const plural = (n: number, one: string, many: string) => `${fmtCount(n)} ${n === 1 ? one : many}`;
  return (
    `Data: ${what}; ${plural(s.initiatives, "initiative", "initiatives")} on the two sides together, ` +
    `involving ${plural(s.boroughs, "borough", "boroughs")} and ${plural(s.organisations, "partner organisation", "partner organisations")}` +
    (s.lastEventAt ? `; last event ${humanDay(s.lastEventAt)}.` : ".")
  );
}

/** The method in plain words: what was compared, what was left out and why. Paragraphs. */
export function methodParagraphs(data: TimeSavedReportData): string[] {
  const c = data.cohort.stages;
  const b = data.baseline.stages;
  const thin = data.stages.filter((s) => s.saved == null).map((s) => s.stage);
  return [
    `What was compared: the IG stages of initiatives using ${data.cohort.name} (the cohort, ${data.cohort.label}) against those using ` +
      `${data.baseline.name} (the baseline, ${data.baseline.label}), ${period(data)}. For each stage the report takes the median time to approval ` +
      `of the approved stages on each side, in working days: the England and Wales working days after the submission date up to ` +
      `and including the approval date (London dates; weekends and England and Wales bank holidays, one-off ones included, are not working days).`,
    `Time saved on a stage = (baseline median − cohort median) × the number of the cohort's approved stages: the working days ` +
      `the cohort's approved stages would have taken longer at the baseline's median pace. The total adds up the stages that ` +
      `support a number; the figure per initiative divides it by the cohort's initiatives with an approved stage among them. Each 95% interval comes from ${fmtCount(data.resamples)} bootstrap resamples (seed ${data.seed}) of the two sides' ` +
      `approved durations, carried through the multiplication and the sum, so the same data always gives the same interval.`,
    `What was left out, and why: stages still open at ${humanInstant(data.asOf)} (${fmtCount(sum(c, "openCount"))} in the cohort, ${fmtCount(sum(b, "openCount"))} in the baseline) ` +
      `are censored: their time to approval is not known yet, so they are not in the medians. Stages that ended rejected ` +
      `(${fmtCount(sum(c, "rejectedCount"))} and ${fmtCount(sum(b, "rejectedCount"))}) or withdrawn (${fmtCount(sum(c, "withdrawnCount"))} and ${fmtCount(sum(b, "withdrawnCount"))}) ` +
      `never reached approval, so they have no time to approval and are counted apart. A stage where either side has fewer than ` +
      `${data.minApproved} approved stages gets no number: a median of so few is too unstable to support a claim` +
      (thin.length ? ` (here: ${thin.join(", ")}).` : " (no stage was left out for this reason)."),
    `What it does not show: the comparison is observational. The two sides may differ in other ways (boroughs, partners, ` +
      `the size of the initiatives), so a difference is a measurement, not proof that ${data.cohort.name} caused it.`,
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
    cohortApproved: fmtCount(s.cohortApproved),
    baselineApproved: fmtCount(s.baselineApproved),
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
  "Median, cohort (working days)",
  "Median, baseline (working days)",
  "Difference of medians (baseline − cohort, working days)",
  "95% interval",
  "Time saved (working days)",
  "95% interval",
  "Note",
];

function countsRows(data: TimeSavedReportData): string[][] {
  const base = new Map(data.baseline.stages.map((s) => [s.stage, s]));
  return data.cohort.stages.map((c) => {
    const b = base.get(c.stage);
    return [c.stage, c.count, c.approvedCount, c.openCount, c.rejectedCount, c.withdrawnCount,
      b?.count ?? 0, b?.approvedCount ?? 0, b?.openCount ?? 0, b?.rejectedCount ?? 0, b?.withdrawnCount ?? 0].map((v) => (typeof v === "number" ? fmtCount(v) : v));
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
  const each = perInitiativeHeadline(data);
  return [
    `# Time saved: ${data.cohort.name} against ${data.baseline.name}`,
    "",
    ...(notice ? [`> **${notice}**`, ""] : []),
    `**${headline(data)}**`,
    "",
    ...(each ? [`**${each}**`, ""] : []),
    periodCovered(data),
    "",
    dataSource(data),
    "",
    `Made ${humanInstant(data.generatedAt)} by the London IG Hub.`,
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
  ].join("\n").replace(/\n+$/, "\n");
}

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
export function intervalChartSvg(opts: { id: string; title: string; unit: string; rows: { label: string; value: number | null; low: number | null; high: number | null; note: string }[] }): string {
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
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${opts.id}-title">`);
  parts.push(`<title id="${opts.id}-title">${esc(opts.title)}</title>`);
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
  const top = 66;
  const height = top + rowH * data.stages.length + 36;
  const max = Math.max(1, ...data.stages.flatMap((s) => [s.cohortMedian ?? 0, s.baselineMedian ?? 0]));
  const step = niceStep(max, 6);
  const top_ = Math.ceil(max / step) * step;
  const x = (v: number) => left + (v / top_) * plotW;
  const p: string[] = [];
  p.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="medians-title">`);
  p.push(`<title id="medians-title">Median time to approval per stage, working days: ${esc(data.cohort.name)} and ${esc(data.baseline.name)}</title>`);
  p.push(`<text x="${left}" y="20" font-size="14" font-weight="600">Median time to approval per stage (working days)</text>`);
  // The legend on two lines: the reference data's names are long, and side by side they would overrun.
  p.push(`<rect x="${left}" y="30" width="12" height="10" fill="#1f6fb2"/><text x="${left + 16}" y="39" font-size="11">${esc(data.cohort.name)} (cohort)</text>`);
  p.push(`<rect x="${left}" y="46" width="12" height="10" fill="#b0b7bf"/><text x="${left + 16}" y="55" font-size="11">${esc(data.baseline.name)} (baseline)</text>`);
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
    p.push(bar(s.cohortMedian, 4, "#1f6fb2", data.cohort.name));
    p.push(bar(s.baselineMedian, 20, "#b0b7bf", data.baseline.name));
  });
  p.push("</svg>");
  return p.join("");
}

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
