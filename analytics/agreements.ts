/**
 * The agreement register (DESIGN.md, "Metric definitions"): live agreements (approved ISA) with
 * their review due date — a review-by date recorded by the tool, else ISA approval + the process's
 * review interval (default 12 months) — due within N days (default 90) or overdue. Dates are
 * London day numbers (days since 1970-01-01). Pure.
 */

/** Months from ISA approval to review when the process sets no other interval. */
export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12;

/** Calendar days ahead within which a review counts as due soon (WEISF notifies 3 months ahead). */
export const DEFAULT_DUE_WITHIN_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * London date `day` plus `months` calendar months: the same day of the month, or the month's last
 * day when it has no such day — 31 January + 1 month = 28 February (29 in a leap year), 29 February
 * 2024 + 12 months = 28 February 2025, 31 August + 1 month = 30 September. Throws RangeError for a
 * non-integer `months`.
 */
export function addMonths(day: number, months: number): number {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const d = new Date(day * DAY_MS);
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / DAY_MS;
}

/** Where a review due date came from. */
export type ReviewDueSource = "RECORDED" | "INTERVAL";

export type ReviewState = "OK" | "DUE_SOON" | "OVERDUE";

/** An agreement's review: when it is due, from where, and its state as of a date. */
export interface AgreementReview {
  dueDay: number;
  source: ReviewDueSource;
  /** Calendar days from asOf to the due date (negative when overdue). */
  daysUntilDue: number;
  state: ReviewState;
}

/**
 * The review due date of a live agreement: the review-by date the tool recorded when there is one
 * (ISG's DPIA "review by", WEISF's review date), else the ISA's approval date + `intervalMonths`
 * calendar months by `addMonths` (month ends clamp: approved 31 January, a 1-month interval is due
 * 28/29 February). Throws RangeError for an interval that is not a positive integer.
 */
export function reviewDueDay(
  isaApprovedDay: number,
  reviewByDay: number | null,
  intervalMonths: number = DEFAULT_REVIEW_INTERVAL_MONTHS,
): { dueDay: number; source: ReviewDueSource } {
  if (!Number.isInteger(intervalMonths) || intervalMonths < 1) {
    throw new RangeError(`review interval must be a whole number of months, at least 1, got ${intervalMonths}`);
  }
  if (reviewByDay !== null) return { dueDay: reviewByDay, source: "RECORDED" };
  return { dueDay: addMonths(isaApprovedDay, intervalMonths), source: "INTERVAL" };
}

/**
 * A review's state as of London day `asOfDay`: OVERDUE once the due date has passed (due < asOf),
 * DUE_SOON when it falls within the next `withinDays` calendar days (asOf ≤ due ≤ asOf +
 * withinDays, today included), OK otherwise. Throws RangeError for a negative or fractional window.
 */
export function reviewState(dueDay: number, asOfDay: number, withinDays: number = DEFAULT_DUE_WITHIN_DAYS): ReviewState {
  if (!Number.isInteger(withinDays) || withinDays < 0) throw new RangeError(`due-within window must be a whole number of days, at least 0, got ${withinDays}`);
  if (dueDay < asOfDay) return "OVERDUE";
  return dueDay - asOfDay <= withinDays ? "DUE_SOON" : "OK";
}

/** `reviewDueDay` and `reviewState` together, for one register row. */
export function agreementReview(
  agreement: { isaApprovedDay: number; reviewByDay: number | null },
  asOfDay: number,
  opts: { intervalMonths?: number; withinDays?: number } = {},
): AgreementReview {
  const { dueDay, source } = reviewDueDay(agreement.isaApprovedDay, agreement.reviewByDay, opts.intervalMonths);
  return { dueDay, source, daysUntilDue: dueDay - asOfDay, state: reviewState(dueDay, asOfDay, opts.withinDays) };
}
