/**
 * England & Wales holidays from the maintained `date-holidays` library, loaded on first use. The
 * library carries every country's rules with time-zone and lunar-calendar data (1.5 MB once
 * bundled): importing it at start cost as much as the rest of the hub's start-up together, and the
 * first request rarely needs a working day. It is required synchronously (its CommonJS build) the
 * first time a working-day index or the synthetic calendar asks for it. Pure: no database, no
 * GraphQL.
 */
import { createRequire } from "node:module";
import type Holidays from "date-holidays";

let england: Holidays | null = null;

/** The library's calendar for England (GB, ENG), made once. */
export function englandHolidays(): Holidays {
  if (!england) {
    const HolidaysClass = createRequire(import.meta.url)("date-holidays") as typeof Holidays;
    england = new HolidaysClass("GB", "ENG");
  }
  return england;
}
