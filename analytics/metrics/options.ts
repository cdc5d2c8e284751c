/**
 * The metrics' options with their defaults applied and checked, in one place: the graph's thin
 * service and the time-saved report both resolve their arguments here before a kernel runs, so a
 * default or a limit cannot differ between them. Bad values raise MetricArgumentError.
 */
import { DEFAULT_DUE_WITHIN_DAYS } from "../agreements.js";
import { MAX_RESAMPLES } from "../bootstrap.js";
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from "../forecast.js";
import { flowIntervals, type FlowInterval, type FlowIntervalKind } from "../flow.js";
import { dayNumberToIso, londonMidnightMs } from "../working-days.js";
import { MetricArgumentError } from "./argument.error.js";
import type { Unit } from "./cycle-table.js";
import { dayOf } from "./filter.js";

export type { Unit } from "./cycle-table.js";
export type Dimension = "STAGE" | "TOOL" | "BOROUGH" | "ORGANISATION" | "LEAD_BOROUGH" | "PRACTICE" | "MONTH" | "QUARTER" | "YEAR";

export const DEFAULT_UNIT: Unit = "WORKING_DAYS";
export const DEFAULT_GROUP_BY: readonly Dimension[] = ["STAGE"];
export const DEFAULT_PERCENTILES: readonly number[] = [50, 85, 95];
export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 1;
export const DEFAULT_FLOW_INTERVAL: FlowIntervalKind = "MONTH";
export const DEFAULT_OLDEST = 20;
/** Largest number of intervals a flow series may have. */
export const MAX_FLOW_INTERVALS = 1000;
/** Most open items listed by `flow.openItems.oldest`. */
export const MAX_OLDEST = 1000;
/**
 * Most groups one metrics call may return: past it the answer is refused (a BAD_USER_INPUT naming
 * the limit) before the groups' values and results are allocated. Each group is an object with its
 * percentiles, so the cap bounds the memory and the size of one answer.
 */
export const MAX_GROUPS = 10_000;
/** Most percentiles one `cycleTimes` call may ask for. */
export const MAX_PERCENTILES = 20;

/** The instant to measure at, in epoch milliseconds: now unless given. */
function asOfMs(asOf: Date | null | undefined): number {
  if (asOf == null) return Date.now();
  const ms = asOf.getTime();
  if (Number.isNaN(ms)) throw new MetricArgumentError("asOf", "expected an RFC 3339 date-time");
  return ms;
}

/** What `cycleTimes` is asked. */
export interface CycleTimeArgs {
  groupBy?: readonly Dimension[] | null;
  unit?: Unit | null;
  percentiles?: readonly number[] | null;
  asOf?: Date | null;
}

export interface CycleTimeOptions {
  groupBy: readonly Dimension[];
  unit: Unit;
  percentiles: readonly number[];
  asOf: number;
}

/** `cycleTimes` options: grouped by STAGE, in working days, p50/p85/p95 (at most MAX_PERCENTILES, each within [0, 100]), as of now. */
export function cycleTimeOptions(args: CycleTimeArgs): CycleTimeOptions {
  const unit = args.unit ?? DEFAULT_UNIT;
  const groupBy = args.groupBy ?? DEFAULT_GROUP_BY;
  const percentiles = args.percentiles ?? DEFAULT_PERCENTILES;
  if (percentiles.length > MAX_PERCENTILES) throw new MetricArgumentError("percentiles", `at most ${MAX_PERCENTILES} percentiles, got ${percentiles.length}`);
  for (const p of percentiles) if (!(p >= 0 && p <= 100)) throw new MetricArgumentError("percentiles", `each percentile must be within [0, 100], got ${p}`);
  return { groupBy, unit, percentiles, asOf: asOfMs(args.asOf) };
}

/** What `signOffTimes` is asked. */
export interface SignOffArgs {
  unit?: Unit | null;
  asOf?: Date | null;
}

export interface SignOffOptions {
  unit: Unit;
  asOf: number;
}

/** `signOffTimes` options: working days, as of now. */
export function signOffOptions(args: SignOffArgs): SignOffOptions {
  return { unit: args.unit ?? DEFAULT_UNIT, asOf: asOfMs(args.asOf) };
}

/** What a comparison of two cohorts (`compareCohorts`, `timeSaved`) is asked. */
export interface CohortArgs {
  unit?: Unit | null;
  resamples?: number | null;
  seed?: number | null;
  asOf?: Date | null;
}

export interface CohortOptions {
  unit: Unit;
  resamples: number;
  seed: number;
  asOf: number;
}

/** Comparison options: working days, 2000 bootstrap resamples (1..MAX_RESAMPLES), seed 1, as of now. */
export function cohortOptions(args: CohortArgs): CohortOptions {
  const unit = args.unit ?? DEFAULT_UNIT;
  const resamples = args.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > MAX_RESAMPLES) {
    throw new MetricArgumentError("resamples", `expected an integer from 1 to ${MAX_RESAMPLES}, got ${resamples}`);
  }
  return { unit, resamples, seed: args.seed ?? DEFAULT_SEED, asOf: asOfMs(args.asOf) };
}

/** What `flow` is asked. */
export interface FlowArgs {
  from: Date | string;
  to: Date | string;
  interval?: FlowIntervalKind | null;
  oldestLimit?: number | null;
}

export interface FlowOptions {
  interval: FlowIntervalKind;
  fromDay: number;
  toDay: number;
  intervals: FlowInterval[];
  oldest: number;
  /** The end of `to` (London), or now if earlier: items open then are aged. */
  asOf: number;
}

/** `flow` options: monthly, from ≤ to within MAX_FLOW_INTERVALS intervals, the 20 oldest open items. */
export function flowOptions(args: FlowArgs): FlowOptions {
  const interval = args.interval ?? DEFAULT_FLOW_INTERVAL;
  const fromDay = dayOf("from", args.from);
  const toDay = dayOf("to", args.to);
  if (fromDay > toDay) throw new MetricArgumentError("from", `from (${dayNumberToIso(fromDay)}) is after to (${dayNumberToIso(toDay)}); expected from ≤ to`);
  const oldest = args.oldestLimit ?? DEFAULT_OLDEST;
  if (!Number.isInteger(oldest) || oldest < 0 || oldest > MAX_OLDEST) throw new MetricArgumentError("oldest", `expected an integer from 0 to ${MAX_OLDEST}, got ${oldest}`);
  const intervals = flowIntervals(fromDay, toDay, interval);
  if (intervals.length > MAX_FLOW_INTERVALS) {
    throw new MetricArgumentError("interval", `from..to spans ${intervals.length} ${interval} intervals; at most ${MAX_FLOW_INTERVALS} — use a longer interval or a shorter range`);
  }
  return { interval, fromDay, toDay, intervals, oldest, asOf: Math.min(Date.now(), londonMidnightMs(toDay + 1) - 1) };
}

/** Most items `openItems` lists (stages and signers together): the oldest first, `totalCount` says how many there are. */
export const MAX_OPEN_ITEMS = 5000;
export const DEFAULT_OPEN_ITEMS_LIMIT = 1000;
/** Monte Carlo runs of an initiative's forecast (seeded: the same answer every time). */
export const DEFAULT_FORECAST_RUNS = 10_000;
/** The stage an initiative's forecast is for, the stage that makes an agreement live, and its review. */
export const AGREEMENT_STAGE = "ISA";
export const REVIEW_STAGE = "REVIEW";

/** What `openItems` is asked. */
export interface OpenItemsArgs {
  unit?: Unit | null;
  asOf?: Date | null;
  limit?: number | null;
  historyDays?: number | null;
}

/**
 * The forecasts' history window in days: DEFAULT_HISTORY_DAYS (730) unless given; 0 = all history;
 * a whole number from 0 to MAX_HISTORY_DAYS.
 */
export function historyDaysOption(historyDays: number | null | undefined): number {
  const d = historyDays ?? DEFAULT_HISTORY_DAYS;
  if (!Number.isInteger(d) || d < 0 || d > MAX_HISTORY_DAYS) throw new MetricArgumentError("historyDays", `expected a whole number of days from 0 (all history) to ${MAX_HISTORY_DAYS}, got ${d}`);
  return d;
}

/** `openItems` options: working days, as of now, at most DEFAULT_OPEN_ITEMS_LIMIT items (1..MAX_OPEN_ITEMS), the last 730 days of history. */
export function openItemsOptions(args: OpenItemsArgs): { unit: Unit; asOf: number; limit: number; historyDays: number } {
  const limit = args.limit ?? DEFAULT_OPEN_ITEMS_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OPEN_ITEMS) throw new MetricArgumentError("limit", `expected an integer from 1 to ${MAX_OPEN_ITEMS}, got ${limit}`);
  return { unit: args.unit ?? DEFAULT_UNIT, asOf: asOfMs(args.asOf), limit, historyDays: historyDaysOption(args.historyDays) };
}

/** What `agreementRegister` is asked. */
export interface AgreementRegisterArgs {
  asOf?: Date | null;
  dueWithinDays?: number | null;
}

/** Register options: as of now, due within 90 days (a whole number ≥ 0). */
export function agreementRegisterOptions(args: AgreementRegisterArgs): { asOf: number; withinDays: number } {
  const withinDays = args.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS;
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3660) throw new MetricArgumentError("dueWithinDays", `expected an integer from 0 to 3660, got ${withinDays}`);
  return { asOf: asOfMs(args.asOf), withinDays };
}

/** `asOf` resolved (now unless given), for the forecasts. */
export function asOfOption(asOf: Date | null | undefined): number {
  return asOfMs(asOf);
}
