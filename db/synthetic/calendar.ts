import { englandHolidays } from "../../analytics/holidays.js";
import { dayNumberToIso } from "../../analytics/working-days.js";

const DAY_MS = 86_400_000;
/** London working hours the generator places events in: 09:00 to 17:30 local time. */
const DAY_START_MIN = 9 * 60;
const DAY_LENGTH_MIN = 8.5 * 60;

/** Days since 1970-01-01 of an ISO date. */
export function epochDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** Last Sunday of a month (0-based), as a day number. */
function lastSunday(year: number, month: number): number {
  const last = Math.floor(Date.UTC(year, month + 1, 0) / DAY_MS);
  const weekday = new Date(last * DAY_MS).getUTCDay();
  return last - weekday;
}

/**
 * A clock that counts in England & Wales working days, so that generated durations skip
 * weekends and bank holidays the way the hub's working-day metric does. Position p (a float) is
 * working day floor(p) from the start, a fraction (p mod 1) of the way through its 09:00–17:30
 * London working hours.
 */
export class WorkClock {
  /** Day numbers of the working days, ascending. */
  private readonly days: number[] = [];
  /** UTC offset in hours of London on each working day (1 in British Summer Time). */
  private readonly offsets: number[] = [];
  private readonly firstDay: number;
  /** For each calendar day from firstDay, the index of the first working day on or after it. */
  private readonly onOrAfter: number[] = [];

  constructor(fromIso: string, toIso: string) {
    this.firstDay = epochDay(fromIso);
    const lastDay = epochDay(toIso);
    const holidays = new Set<string>();
    const hd = englandHolidays();
    const y0 = Number(fromIso.slice(0, 4));
    const y1 = Number(toIso.slice(0, 4));
    for (let y = y0; y <= y1; y++) {
      for (const h of hd.getHolidays(y)) if (h.type === "public" || h.type === "bank") holidays.add(h.date.slice(0, 10));
    }
    const bst = new Map<number, [number, number]>();
    for (let d = this.firstDay; d <= lastDay; d++) {
      const date = new Date(d * DAY_MS);
      const weekday = date.getUTCDay();
      if (weekday !== 0 && weekday !== 6 && !holidays.has(dayNumberToIso(d))) {
        const y = date.getUTCFullYear();
        if (!bst.has(y)) bst.set(y, [lastSunday(y, 2), lastSunday(y, 9)]);
        const [start, end] = bst.get(y)!;
        this.days.push(d);
        this.offsets.push(d > start && d < end ? 1 : 0);
      }
      this.onOrAfter.push(this.days.length);
    }
  }

  /** Number of working days the clock covers. */
  get length(): number {
    return this.days.length;
  }

  /** Position of the start of the first working day on or after an ISO date. */
  positionOf(iso: string): number {
    return this.onOrAfter[epochDay(iso) - this.firstDay]!;
  }

  /** Epoch milliseconds (UTC) of a position. */
  toMs(position: number): number {
    const i = Math.min(Math.floor(position), this.days.length - 1);
    const minutes = DAY_START_MIN + (position - i) * DAY_LENGTH_MIN;
    return this.days[i]! * DAY_MS + Math.round((minutes - this.offsets[i]! * 60) * 60_000);
  }

  /** ISO date (UTC) of the working day a position falls on. */
  isoOf(position: number): string {
    return dayNumberToIso(this.days[Math.min(Math.floor(position), this.days.length - 1)]!);
  }
}
