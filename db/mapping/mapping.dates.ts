import { londonDate, londonOffsetMs as londonOffsetAt } from "../../analytics/working-days.js";
import { isIsoDate, parseEventTime } from "../import/timestamp.js";
import type { DateFormat } from "./mapping.types.js";

/**
 * Dates as tools write them, turned into what the canonical import reads: a London date
 * `YYYY-MM-DD`, or a date-time with its offset. Strict per format: a value that is neither in one of
 * the mapping's formats nor ISO is an error the analyst sees, never a guess.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const UK_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const UK_LONG = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const SERIAL = /^\d+(?:\.\d+)?$/;
/** 9999-12-31, Excel's last date. */
const MAX_SERIAL = 2958465;

/** What each format expects, for messages. */
export const FORMAT_EXAMPLES: Record<DateFormat, string> = {
  iso: "2024-03-31 or 2024-03-31T14:05:00Z",
  uk: "31/03/2024 or 31 March 2024",
  "excel-serial": "an Excel date number such as 45382",
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * A London wall-clock time as ISO 8601 with its offset (`2024-07-01T14:05:00+01:00`): the offset in
 * force at that time (for the hour that repeats in October, the first, summer-time one).
 */
export function londonWallClock(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset = londonOffsetAt(wall - 3_600_000);
  if (londonOffsetAt(wall - offset) !== offset) offset = londonOffsetAt(wall - offset);
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset) / 60_000;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function dateOrTime(y: number, mo: number, d: number, h?: string, mi?: string, s?: string): string | null {
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (!isIsoDate(date)) return null;
  if (h === undefined) return date;
  const [hh, mm, ss] = [Number(h), Number(mi), Number(s ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return londonWallClock(y, mo, d, hh, mm, ss);
}

function readIso(value: string): string | null {
  if (ISO_DATE.test(value)) return isIsoDate(value) ? value : null;
  if (ISO_ZONED.test(value)) return parseEventTime(value) === null ? null : value;
  const m = ISO_LOCAL.exec(value);
  return m ? dateOrTime(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6]) : null;
}

function readUk(value: string): string | null {
  let m = UK_NUMERIC.exec(value);
  if (m) return dateOrTime(Number(m[3]), Number(m[2]), Number(m[1]), m[4], m[5], m[6]);
  m = UK_LONG.exec(value);
  if (!m) return null;
  const word = m[2]!.toLowerCase();
  const month = word.length >= 3 ? MONTHS.findIndex((x) => x.startsWith(word)) : -1;
  return month < 0 ? null : dateOrTime(Number(m[3]), month + 1, Number(m[1]), m[4], m[5], m[6]);
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never
 * was (serial 60), so from serial 61 on a serial is the days since 1899-12-30. Serials below 61 are
 * refused rather than mapped (no IG event is that old; they are numbers in the wrong column).
 */
function readSerial(value: string): string | null {
  if (!SERIAL.test(value)) return null;
  const serial = Number(value);
  if (serial < 61 || serial > MAX_SERIAL) return null;
  const days = Math.floor(serial);
  const day = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  const [y, mo, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  const seconds = Math.round((serial - days) * 86_400);
  if (seconds === 0) return dateOrTime(y, mo, d);
  if (seconds >= 86_400) return null;
  return dateOrTime(y, mo, d, String(Math.floor(seconds / 3600)), String(Math.floor(seconds / 60) % 60), String(seconds % 60));
}

const READERS: Record<DateFormat, (value: string) => string | null> = { iso: readIso, uk: readUk, "excel-serial": readSerial };

/**
 * The value read by the first of `formats` that accepts it, else as ISO, or null. ISO is always
 * read: no UK date or serial looks like one, and an XLSX date cell arrives as ISO whatever format
 * the mapping declares for the CSV export of the same report.
 */
export function readDate(value: string, formats: readonly DateFormat[]): string | null {
  for (const f of formats) {
    const out = READERS[f](value);
    if (out !== null) return out;
  }
  return formats.includes("iso") ? null : readIso(value);
}

/** The London calendar date of a value {@link readDate} returned. */
export function londonDateOf(value: string): string {
  if (ISO_DATE.test(value)) return value;
  return londonDate(parseEventTime(value)!);
}
