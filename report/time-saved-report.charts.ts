/** The HTML report's inline SVG charts. */
import type { TimeSavedReportData } from "./time-saved-report.model.js";
import { esc, fmtDays, fmtInterval } from "./time-saved-report.format.js";

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
