/**
 * Flow (DESIGN.md, "Metric definitions"): throughput (stages approved per week/month/quarter),
 * work in progress per stage at each interval end, age of open items, and cumulative flow. Dates
 * are London day numbers (days since 1970-01-01). Pure.
 */
import { dayNumberToIso } from "./working-days.js";

export type FlowIntervalKind = "WEEK" | "MONTH" | "QUARTER";

/** One reporting interval: London dates `start`..`end` inclusive, as day numbers. */
export interface FlowInterval {
  start: number;
  end: number;
  /** `2024-W09` (ISO week), `2024-03` or `2024-Q1`. */
  label: string;
}

const DAY_MS = 86_400_000;

function isoWeekLabel(monday: number): string {
  // The ISO week-numbering year is the year of the week's Thursday.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((monday + 3 - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The calendar intervals (ISO weeks from Monday, calendar months or quarters) covering the London
 * dates `fromDay`..`toDay`: the first contains `fromDay`, the last contains `toDay`.
 */
export function flowIntervals(fromDay: number, toDay: number, kind: FlowIntervalKind): FlowInterval[] {
  const out: FlowInterval[] = [];
  if (kind === "WEEK") {
    let monday = fromDay - ((fromDay + 3) % 7); // day 0 (1970-01-01) was a Thursday
    for (; monday <= toDay; monday += 7) out.push({ start: monday, end: monday + 6, label: isoWeekLabel(monday) });
    return out;
  }
  const step = kind === "MONTH" ? 1 : 3;
  const f = new Date(fromDay * DAY_MS);
  let y = f.getUTCFullYear();
  let m = kind === "MONTH" ? f.getUTCMonth() : Math.floor(f.getUTCMonth() / 3) * 3;
  for (;;) {
    const start = Date.UTC(y, m, 1) / DAY_MS;
    if (start > toDay) break;
    const end = Date.UTC(y, m + step, 1) / DAY_MS - 1;
    const label = kind === "MONTH" ? `${y}-${String(m + 1).padStart(2, "0")}` : `${y}-Q${m / 3 + 1}`;
    out.push({ start, end, label });
    m += step;
    if (m >= 12) {
      m -= 12;
      y++;
    }
  }
  return out;
}

/** A stage as flow needs it: its stage index, London submission day, and end day and kind. */
export interface FlowItem {
  stage: number;
  submittedDay: number;
  /** London day the stage was approved / rejected / withdrawn; null while open. */
  endDay: number | null;
  approved: boolean;
}

/** Counts of one interval: arrivals, throughput, other closures and WIP at its end. */
export interface FlowPoint {
  interval: FlowInterval;
  /** Stages submitted in the interval. */
  arrivals: number;
  /** Stages approved in the interval. */
  throughput: number;
  /** Stages that ended REJECTED or WITHDRAWN in the interval. */
  closedOther: number;
  /** Stages submitted and not yet ended at the interval's end. */
  wip: number;
}

/** Cumulative counts of one stage at an interval end (a cumulative-flow diagram's bands). */
export interface CumulativePoint {
  interval: FlowInterval;
  submitted: number;
  approved: number;
  closedOther: number;
  inProgress: number;
}

/** The flow of a set of stages over intervals: totals per interval, and cumulative flow per stage. */
export interface FlowResult {
  intervals: FlowInterval[];
  points: FlowPoint[];
  /** cumulative[s][i]: stage index s at interval i. */
  cumulative: CumulativePoint[][];
}

/** Index of the interval containing `day`: −1 before the first, intervals.length after the last. */
function intervalOf(intervals: readonly FlowInterval[], day: number): number {
  if (day < intervals[0]!.start) return -1;
  let lo = 0;
  let hi = intervals.length - 1;
  if (day > intervals[hi]!.end) return intervals.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (intervals[mid]!.start <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Throughput (approved per interval), arrivals, other closures and work in progress at each
 * interval end, and per-stage cumulative flow (submitted, approved, closed otherwise, in progress,
 * all counted from the beginning of the data up to each interval end).
 */
export function computeFlow(items: Iterable<FlowItem>, stageCount: number, intervals: FlowInterval[]): FlowResult {
  const k = intervals.length;
  // Per stage, events bucketed by interval; index 0 holds everything before the first interval.
  const sub = Array.from({ length: stageCount }, () => new Int32Array(k + 1));
  const appr = Array.from({ length: stageCount }, () => new Int32Array(k + 1));
  const other = Array.from({ length: stageCount }, () => new Int32Array(k + 1));
  for (const it of items) {
    const si = intervalOf(intervals, it.submittedDay);
    if (si >= k) continue;
    sub[it.stage]![si + 1]!++;
    if (it.endDay !== null) {
      const ei = intervalOf(intervals, it.endDay);
      if (ei < k) (it.approved ? appr : other)[it.stage]![ei + 1]!++;
    }
  }
  return finishFlow(intervals, stageCount, sub, appr, other);
}

/** Points and cumulative flow from per-stage counts by interval (index 0: before the first interval). */
function finishFlow(intervals: FlowInterval[], stageCount: number, sub: Int32Array[], appr: Int32Array[], other: Int32Array[]): FlowResult {
  const k = intervals.length;
  const points: FlowPoint[] = intervals.map((interval) => ({ interval, arrivals: 0, throughput: 0, closedOther: 0, wip: 0 }));
  const cumulative: CumulativePoint[][] = [];
  for (let s = 0; s < stageCount; s++) {
    let cs = sub[s]![0]!;
    let ca = appr[s]![0]!;
    let co = other[s]![0]!;
    const row: CumulativePoint[] = [];
    for (let i = 0; i < k; i++) {
      const a = sub[s]![i + 1]!;
      const t = appr[s]![i + 1]!;
      const o = other[s]![i + 1]!;
      cs += a;
      ca += t;
      co += o;
      const p = points[i]!;
      p.arrivals += a;
      p.throughput += t;
      p.closedOther += o;
      p.wip += cs - ca - co;
      row.push({ interval: intervals[i]!, submitted: cs, approved: ca, closedOther: co, inProgress: cs - ca - co });
    }
    cumulative.push(row);
  }
  return { intervals, points, cumulative };
}

/** The end day of a stage still open, in `computeFlowColumns`. */
export const OPEN_END_DAY = -2147483648;

/**
 * As `computeFlow`, over columns instead of item objects: the rows listed in `rows`, each with its
 * stage index, London submission day, London end day (OPEN_END_DAY while open) and whether it was
 * approved (1) or otherwise ended (0). Days map to intervals through a lookup table.
 */
export function computeFlowColumns(
  rows: Int32Array,
  cols: { stage: ArrayLike<number>; submittedDay: ArrayLike<number>; endDay: ArrayLike<number>; approved: ArrayLike<number> },
  stageCount: number,
  intervals: FlowInterval[],
): FlowResult {
  const k = intervals.length;
  const sub = Array.from({ length: stageCount }, () => new Int32Array(k + 1));
  const appr = Array.from({ length: stageCount }, () => new Int32Array(k + 1));
  const other = Array.from({ length: stageCount }, () => new Int32Array(k + 1));
  const first = intervals[0]!.start;
  const last = intervals[k - 1]!.end;
  // bucket[d − first] = interval index + 1 of day d.
  const bucket = new Int32Array(last - first + 1);
  for (let i = 0; i < k; i++) bucket.fill(i + 1, intervals[i]!.start - first, intervals[i]!.end - first + 1);
  const { stage, submittedDay, endDay, approved } = cols;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const sd = submittedDay[r]!;
    if (sd > last) continue;
    const s = stage[r]!;
    sub[s]![sd < first ? 0 : bucket[sd - first]!]!++;
    const ed = endDay[r]!;
    if (ed === OPEN_END_DAY || ed > last) continue;
    (approved[r] ? appr : other)[s]![ed < first ? 0 : bucket[ed - first]!]!++;
  }
  return finishFlow(intervals, stageCount, sub, appr, other);
}

/** ISO date of an interval's first day. */
export function intervalStartIso(i: FlowInterval): string {
  return dayNumberToIso(i.start);
}
