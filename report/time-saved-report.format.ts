/** Shared formatting for the time-saved report's renderers: numbers, dates and HTML escaping. */
import type { ReportStageCounts } from "./time-saved-report.model.js";

const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

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

export function fmtInterval(low: number | null, high: number | null): string {
  return low == null || high == null ? "—" : `${fmtDays(low)} to ${fmtDays(high)}`;
}

export function sum(rows: ReportStageCounts[], key: keyof Omit<ReportStageCounts, "stage">): number {
  return rows.reduce((n, r) => n + r[key], 0);
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
