/**
 * Working days and London dates (DESIGN.md, "Metric definitions"): a duration in working days
 * counts the England & Wales working days d with submitted date < d ≤ approved date, where dates
 * are London dates and weekends and bank holidays (one-off days included) are excluded. Bank
 * holidays come from the maintained `date-holidays` library (GB, ENG, type "public"), never from a
 * hand-typed list. Pure: no database, no GraphQL.
 */
import { englandHolidays } from "./holidays.js";

const DAY_MS = 86_400_000;

/** Milliseconds in a calendar day: calendar-day durations are exact elapsed ms / this. */
export const MS_PER_DAY = DAY_MS;

/** Exact elapsed time between two instants in calendar days (ms / 86,400,000). */
export function calendarDays(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / DAY_MS;
}

// ---------------------------------------------------------------------------------------------
// London dates. The UTC offset of Europe/London is asked of Intl once per UTC day and cached, so
// converting millions of instants costs one array read each; only the two days a year on which
// the clocks change go back to Intl for the exact instant.

/** Europe/London wall-clock parts of an instant (24-hour clock, to the second). */
export const londonClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Europe/London offset from UTC (ms) at an instant, asked of Intl. */
function intlLondonOffset(ms: number): number {
  const p: Record<string, string> = {};
  for (const part of londonClock.formatToParts(new Date(ms))) p[part.type] = part.value;
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

// Per UTC day number: offset in minutes at 00:00 UTC + 1 (0 = not computed yet), and a flag day
// when the offset at 23:59:59 differs (a clock change that day).
const OFFSET_BASE_DAY = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
const OFFSET_DAYS = Math.floor(Date.UTC(2200, 0, 1) / DAY_MS) - OFFSET_BASE_DAY;
let offsetCache: Int16Array | null = null;
const CHANGE_DAY = -32768;

/** Europe/London offset from UTC in ms at the instant `ms`. */
export function londonOffsetMs(ms: number): number {
  const utcDay = Math.floor(ms / DAY_MS);
  const i = utcDay - OFFSET_BASE_DAY;
  if (i < 0 || i >= OFFSET_DAYS) return intlLondonOffset(ms);
  offsetCache ??= new Int16Array(OFFSET_DAYS);
  let v = offsetCache[i]!;
  if (v === 0) {
    const start = intlLondonOffset(utcDay * DAY_MS);
    const end = intlLondonOffset(utcDay * DAY_MS + DAY_MS - 1000);
    v = start === end ? start / 60_000 + 1 : CHANGE_DAY;
    offsetCache[i] = v;
  }
  return v === CHANGE_DAY ? intlLondonOffset(ms) : (v - 1) * 60_000;
}

/** The London date of an instant as a day number (days since 1970-01-01). */
export function londonDayNumber(ms: number): number {
  return Math.floor((ms + londonOffsetMs(ms)) / DAY_MS);
}

/** A day number as an ISO date 'YYYY-MM-DD'. */
export function dayNumberToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO date 'YYYY-MM-DD' as a day number; throws RangeError on anything else. */
export function isoToDayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  // Date.UTC reads years 0-99 as 1900-1999: setUTCFullYear takes the year as given.
  const ms = m ? new Date(0).setUTCFullYear(+m[1]!, +m[2]! - 1, +m[3]!) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  }
  return ms / DAY_MS;
}

/** The London date of an instant, 'YYYY-MM-DD'. */
export function londonDate(ms: number): string {
  return dayNumberToIso(londonDayNumber(ms));
}

/** The instant London's date `day` (a day number) begins (local midnight), in epoch ms. */
export function londonMidnightMs(day: number): number {
  const guess = day * DAY_MS;
  // Midnight London is 00:00 UTC in winter and 23:00 UTC the day before in summer.
  const off = londonOffsetMs(guess - 3_600_000);
  return guess - off;
}

// ---------------------------------------------------------------------------------------------
// Working-day index: cum[d - base] = number of working days in (base - 1, d]. Built lazily from
// the holiday library over a range of years and grown when a date falls outside it.

let cumBaseDay = 0;
let cum: Int32Array | null = null;
let firstYear = 0;
let lastYear = -1;

/** England & Wales public holidays of a year, as ISO dates, from `date-holidays`. */
export function bankHolidays(year: number): string[] {
  return englandHolidays()
    .getHolidays(year)
    .filter((h) => h.type === "public")
    .map((h) => h.date.slice(0, 10));
}

function buildIndex(fromYear: number, toYear: number): void {
  const base = Date.UTC(fromYear, 0, 1) / DAY_MS;
  const end = Date.UTC(toYear + 1, 0, 1) / DAY_MS;
  const off = new Set<number>();
  for (let y = fromYear; y <= toYear; y++) for (const d of bankHolidays(y)) off.add(isoToDayNumber(d));
  const next = new Int32Array(end - base);
  let n = 0;
  for (let d = base; d < end; d++) {
    const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday, 6 = Saturday
    if (weekday !== 0 && weekday !== 6 && !off.has(d)) n++;
    next[d - base] = n;
  }
  cum = next;
  cumBaseDay = base;
  firstYear = fromYear;
  lastYear = toYear;
}

function ensureDay(day: number): void {
  if (cum && day >= cumBaseDay && day - cumBaseDay < cum.length) return;
  const year = new Date(day * DAY_MS).getUTCFullYear();
  if (cum && year >= firstYear && year <= lastYear) return;
  if (year < 1000 || year > 9999) throw new RangeError(`date out of range for working days: ${dayNumberToIso(day)}`);
  const from = cum ? Math.min(firstYear, year - 5) : Math.min(2015, year - 5);
  const to = cum ? Math.max(lastYear, year + 5) : Math.max(2035, year + 5);
  buildIndex(from, to);
}

/**
 * The cumulative working-day count at London day number `day`: the number of working days up to
 * and including it since the start of the index. Only differences between two values mean anything.
 */
export function workingDayIndex(day: number): number {
  ensureDay(day);
  return cum![day - cumBaseDay]!;
}

/** True when the London day number `day` is an England & Wales working day. */
export function isWorkingDay(day: number): boolean {
  return workingDayIndex(day) - workingDayIndex(day - 1) === 1;
}

/**
 * Working days between two London day numbers: the working days d with from < d ≤ to
 * (negative when `to` is before `from`). Friday → Monday = 1.
 */
export function workingDaysBetweenDays(fromDay: number, toDay: number): number {
  return workingDayIndex(toDay) - workingDayIndex(fromDay);
}

/**
 * A duration in working days: the England & Wales working days d with submitted date < d ≤
 * approved date, dates taken in London.
 */
export function workingDaysBetween(fromMs: number, toMs: number): number {
  return workingDaysBetweenDays(londonDayNumber(fromMs), londonDayNumber(toMs));
}

/** A proleptic Gregorian calendar date: `month` 1–12, `day` of the month 1–31. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The calendar date of a day number (days since 1970-01-01), by H. Hinnant's civil_from_days:
 * integer arithmetic only, so millions of rows (or a response's hundreds of instants) become dates
 * without building Date objects. Exact for every day number a Date can hold.
 */
export function civilFromDays(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719_468; // days since 0000-03-01: eras (400 years) start in March
  const era = Math.floor(shifted / 146_097);
  // Everything below is non-negative and small, so `| 0` floors; V8 then divides as integers,
  // which made this a third faster than Math.floor throughout (a row of the cycle table each).
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0)); // from 1 March
  const monthFromMarch = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * monthFromMarch + 2) / 5) | 0) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The month of a day number as year × 12 + (month − 1), for bucketing rows by month. */
export function monthIndexOfDay(day: number): number {
  const { year, month } = civilFromDays(day);
  return year * 12 + (month - 1);
}
