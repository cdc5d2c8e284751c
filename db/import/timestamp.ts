/**
 * Timestamp and date parsing for the canonical formats. Strict on purpose: a value that is not
 * ISO 8601 is an error the user sees, never a silent guess (`new Date()` accepts far too much).
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const londonOffset = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
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
  const utc = Date.UTC(y, m - 1, d);
  const parts = londonOffset.formatToParts(new Date(utc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asLondon = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  const at = utc - (asLondon - utc);
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
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
}

/** True when `value` is an ISO calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDate(at: number): string {
  const parts = londonOffset.formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The canonical export form of an instant: ISO 8601 UTC with milliseconds (`2024-03-01T09:00:00.000Z`). */
export function formatEventTime(at: number): string {
  return new Date(at).toISOString();
}
