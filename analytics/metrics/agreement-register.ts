/**
 * The agreement register (DESIGN.md, "Metric definitions"; issue 15) over a cycle table: live
 * agreements with their review due date. The kernel of agreements.ts does the date arithmetic;
 * this file only reads the table. Pure.
 */
import { agreementReview, type ReviewDueSource, type ReviewState } from "../agreements.js";
import { londonDayNumber, londonMidnightMs } from "../working-days.js";
import { OUTCOME_APPROVED, boroughCodesOf, statusAt, type CycleTable } from "./cycle-table.js";
import { passes, type CompiledFilter } from "./filter.js";

/** One live agreement of the register. */
export interface AgreementData {
  initiativeId: string;
  tool: string;
  boroughs: string[];
  approvedAt: number;
  /** 00:00 Europe/London of the review due date. */
  reviewDue: number;
  reviewDueDay: number;
  source: ReviewDueSource;
  daysUntilDue: number;
  state: ReviewState;
}

/**
 * The agreement register as of asOf: every initiative whose `agreementStage` (ISA) was approved by
 * asOf and passes the filter (its stage list ignored), with its review due date — the submission
 * date of its `reviewStage` (REVIEW) when one follows the approval and was not approved by asOf
 * (a review scheduled after asOf, or under way: the recorded review-by date); else the ISA's
 * approval, or the REVIEW's approval when it was approved by asOf, + `intervalMonths` — and its state (OK,
 * DUE_SOON within `withinDays`, OVERDUE). Only `states` when given. Ordered by due date, then id.
 */
export function agreementRegister(
  t: CycleTable,
  f: CompiledFilter,
  opts: { asOf: number; withinDays: number; intervalMonths: number; states: readonly ReviewState[] | null; agreementStage: string; reviewStage: string },
): AgreementData[] {
  const S = t.stages.length;
  const a = t.stages.indexOf(opts.agreementStage);
  const rv = t.stages.indexOf(opts.reviewStage);
  if (a < 0) return [];
  const asOfDay = londonDayNumber(opts.asOf);
  const out: AgreementData[] = [];
  for (let i = 0; i < t.initiativeIds.length; i++) {
    const r = t.rowOf[i * S + a]!;
    if (r < 0 || statusAt(t, r, opts.asOf) !== OUTCOME_APPROVED || !passes(t, f, r)) continue;
    let fromDay = londonDayNumber(t.approvedAt[r]!);
    let reviewBy: number | null = null;
    const rr = rv >= 0 ? t.rowOf[i * S + rv]! : -1;
    // A row a delta marked gone has submittedAt = Infinity.
    if (rr >= 0 && Number.isFinite(t.submittedAt[rr]!) && t.subDay[rr]! >= fromDay) {
      // A review approved by asOf starts the interval again; one scheduled after asOf, or under way, is the recorded date.
      if (statusAt(t, rr, opts.asOf) === OUTCOME_APPROVED) fromDay = londonDayNumber(t.approvedAt[rr]!);
      else reviewBy = t.subDay[rr]!;
    }
    const review = agreementReview({ isaApprovedDay: fromDay, reviewByDay: reviewBy }, asOfDay, { intervalMonths: opts.intervalMonths, withinDays: opts.withinDays });
    if (opts.states && !opts.states.includes(review.state)) continue;
    out.push({
      initiativeId: t.initiativeIds[i]!,
      tool: t.tools[t.initTool[i]!]!,
      boroughs: boroughCodesOf(t, i).sort(),
      approvedAt: t.approvedAt[r]!,
      reviewDue: londonMidnightMs(review.dueDay),
      reviewDueDay: review.dueDay,
      source: review.source,
      daysUntilDue: review.daysUntilDue,
      state: review.state,
    });
  }
  return out.sort((x, y) => x.reviewDueDay - y.reviewDueDay || x.initiativeId.localeCompare(y.initiativeId));
}
