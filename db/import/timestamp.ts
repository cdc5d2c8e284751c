/**
 * Timestamp and date parsing for the canonical formats. Strict on purpose: a value that is not
 * ISO 8601 is an error the user sees, never a silent guess (`new Date()` accepts far too much).
 */
import { londonClock } from "../../analytics/working-days.js";

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const midnightCache = new Map<string, number>();

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[m - 1]!;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Epoch ms of 00:00 London time on the date y-m-d. London's clock changes happen at 01:00 UTC, so
 * the offset in force at 00:00 UTC of a date is the offset at London midnight of that date.
 */
function londonMidnight(y: number, m: number, d: number): number {
  const key = `${y}-${m}-${d}`;
  const hit = midnightCache.get(key);
  if (hit !== undefined) return hit;
  const utc = utcMs(y, m - 1, d, 0, 0, 0, 0);
  const parts = londonClock.formatToParts(new Date(utc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  // London's clock at 00:00 UTC reads 23:58 the day before (local mean time, before 1847) up to
  // 02:00 the same day (double summer time): the offset from the time of day alone, without the
  // formatted year, which Intl writes in eras before year 1.
  const offset = (get("hour") * 60 + get("minute")) * 60_000 - (get("day") === d ? 0 : 86_400_000);
  const at = utc - offset;
  midnightCache.set(key, at);
  return at;
}

/**
 * Parses an event timestamp: an ISO 8601 date-time with `Z` or an offset (`+01:00`, `+0100`,
 * `+01`), or a date alone, which means that London date (stored as 00:00 London time).
 * Returns epoch milliseconds, or null when the value is not one of those forms or names an
 * impossible date or time (2023-02-30, 25:00). A date-time without a zone is refused: it is
 * ambiguous across the clock change.
 */
export function parseEventTime(value: string): number | null {
  if (value.length === 24 && value.charCodeAt(23) === 90 /* Z */) {
    const fast = parseCanonicalUtc(value);
    if (fast !== undefined) return fast;
  }
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!validDate(y, mo, d)) return null;
  if (m[4] === undefined) return londonMidnight(y, mo, d);
  const zone = m[8];
  if (zone === undefined) return null;
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6);
  let offsetMin = 0;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 18 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return utcMs(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
}

/**
 * `Date.UTC` for every year 0000–9999: Date.UTC reads years 0–99 as 1900–1999, so those go through
 * setUTCFullYear, which takes the year as given.
 */
function utcMs(y: number, month0: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (y >= 100) return Date.UTC(y, month0, d, h, mi, s, ms);
  const date = new Date(0);
  date.setUTCFullYear(y, month0, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** The value of the digit at `i`, or -1 when it is not a digit. */
function digit(value: string, i: number): number {
  const c = value.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * The export form `YYYY-MM-DDTHH:MM:SS.sssZ` (every event of a canonical file written by the hub)
 * read with character arithmetic instead of the regular expression: a third of the time of a
 * million-event import's parsing went to the regex and its captures. Returns undefined when `value`
 * is not exactly that shape (the general parser then decides), null for an impossible date or time.
 */
function parseCanonicalUtc(value: string): number | null | undefined {
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || value.charCodeAt(19) !== 46)
    return undefined;
  let n = 0;
  const d: number[] = CANONICAL_DIGITS;
  for (const i of CANONICAL_DIGIT_AT) {
    const v = digit(value, i);
    if (v < 0) return undefined;
    d[n++] = v;
  }
  const y = d[0]! * 1000 + d[1]! * 100 + d[2]! * 10 + d[3]!;
  const mo = d[4]! * 10 + d[5]!;
  const day = d[6]! * 10 + d[7]!;
  const h = d[8]! * 10 + d[9]!;
  const mi = d[10]! * 10 + d[11]!;
  const s = d[12]! * 10 + d[13]!;
  const ms = d[14]! * 100 + d[15]! * 10 + d[16]!;
  if (!validDate(y, mo, day) || h > 23 || mi > 59 || s > 59) return null;
  return utcMs(y, mo - 1, day, h, mi, s, ms);
}
const CANONICAL_DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
const CANONICAL_DIGITS: number[] = new Array(CANONICAL_DIGIT_AT.length).fill(0);

/** True when `value` is an ISO calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The canonical export form of an instant: ISO 8601 UTC with milliseconds (`2024-03-01T09:00:00.000Z`). */
export function formatEventTime(at: number): string {
  return new Date(at).toISOString();
}
