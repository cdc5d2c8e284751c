/**
 * Open items and their forecasts (DESIGN.md, "Metric definitions", Open items; issue 15) over a
 * cycle table: every stage open at asOf and every signer still to sign it, aged against the
 * stage's service level with a conditional Kaplan–Meier forecast; each open initiative's ISA
 * approval by seeded Monte Carlo. The kernels of forecast.ts and service-level.ts do the
 * statistics; this file only gathers the comparable history from the table. Pure. (The agreement
 * register is agreement-register.ts.)
 */
import {
  comparableHistory,
  durationHistory,
  forecastOpenItem,
  type DurationHistory,
  type ForecastBasis,
  type ForecastReasonCode,
} from "../forecast.js";
import { monteCarloFinish, remainingLegs, type LegBasis, type StageHistories } from "../monte-carlo.js";
import { defaultServiceLevelDays, percentileRank, serviceLevelState, type ServiceLevelState } from "../service-level.js";
import { MS_PER_DAY, londonDayNumber, londonMidnightMs } from "../working-days.js";
import { EXCLUDED, OUTCOME_APPROVED, OUTCOME_OPEN, OUTCOME_REJECTED, statusAt, workingDayIndexAt, type CycleTable, type SignoffColumns, type Unit } from "./cycle-table.js";
import { passes, signerListed, type CompiledFilter } from "./filter.js";

export type HeldBy = "IG" | "PROJECT_TEAM";

/** Where a stage's service level came from: set by an admin (data), or the stage's historical p85. */
export type ServiceLevelSource = "SET" | "HISTORICAL_P85";

/** Which comparable history an item was ranked and forecast against. */
export type HistoryScope = "STAGE_AND_TOOL" | "STAGE";

/** A forecast with its dates as instants: 00:00 Europe/London of the London day (null with a reason). */
export interface OpenItemForecastData {
  p50: number | null;
  p85: number | null;
  p95: number | null;
  /** The same in working days since submission. */
  p50WorkingDays: number | null;
  p85WorkingDays: number | null;
  p95WorkingDays: number | null;
  basis: ForecastBasis;
  scope: HistoryScope;
  reason: string | null;
  reasonCode: ForecastReasonCode | null;
}

/** One open stage (organisation null) or one signer still to sign it. */
export interface OpenItemData {
  initiativeId: string;
  stage: string;
  tool: string;
  organisation: string | null;
  submittedAt: number;
  /** Age at asOf in the unit asked. */
  age: number;
  ageWorkingDays: number;
  state: ServiceLevelState;
  heldBy: HeldBy;
  pendingSigners: string[];
  ageRank: number | null;
  serviceLevelDays: number | null;
  serviceLevelSource: ServiceLevelSource | null;
  withinLevelProbability: number | null;
  forecast: OpenItemForecastData;
}

export interface OpenItemsOptions {
  asOf: number;
  unit: Unit;
  limit: number;
  /** The minimum comparable items for a forecast (forecast.ts MIN_FORECAST_ITEMS unless a test lowers it). */
  minItems: number;
  minAtRisk: number;
  /** Only this initiative's open stages (its index in the table), or null for all. */
  initiative?: number | null;
  /** Comparable history: stages submitted in the last `historyDays` London days before asOf; 0 = all (forecast.ts DEFAULT_HISTORY_DAYS). */
  historyDays: number;
  /** Service levels set as data, by stage code (working days); the others default to the historical p85. */
  serviceLevels: ReadonlyMap<string, number>;
  /**
   * Whether a query round of row r was open at asOf (the project team holds it). Null: the table's
   * open_query_at, exact when asOf is at or after every instant in the data.
   */
  queryOpenAt: ((r: number) => boolean) | null;
}

/** The comparable histories of one stage, on each tool and on any, as of asOf. */
interface StageHistorySet {
  stage: DurationHistory;
  byTool: Map<number, DurationHistory>;
}

/** Durations (working days) and approved flags, growable. */
class Durations {
  d: number[] = [];
  a: boolean[] = [];
  push(d: number, approved: boolean): void {
    this.d.push(d);
    this.a.push(approved);
  }
  history(): DurationHistory {
    return durationHistory(this.d, this.a);
  }
}

function collect(all: Durations[], byTool: Map<number, Durations>[], s: number, tool: number, d: number, approved: boolean): void {
  all[s]!.push(d, approved);
  let m = byTool[s]!.get(tool);
  if (!m) byTool[s]!.set(tool, (m = new Durations()));
  m.push(d, approved);
}

function finish(all: Durations[], byTool: Map<number, Durations>[]): StageHistorySet[] {
  return all.map((a, s) => ({ stage: a.history(), byTool: new Map([...byTool[s]!].map(([k, v]) => [k, v.history()])) }));
}

/**
 * The first London day of the comparable history as of asOf: a stage is comparable when submitted
 * on or after it (the last `historyDays` days up to and including asOf's day); −Infinity for 0 (all).
 */
export function historyStartDay(asOf: number, historyDays: number): number {
  return historyDays > 0 ? londonDayNumber(asOf) - historyDays + 1 : -Infinity;
}

/**
 * Each stage's time-to-approval history as of asOf over the whole table (not the filter: the
 * history an item is compared with is every comparable item) among the stages submitted from
 * London day `fromDay` on (historyStartDay): approved by asOf → its working days; open at asOf →
 * censored at its age (the open items themselves included, as the curve counts them); rejected or
 * withdrawn by asOf, or not yet submitted → left out.
 */
export function stageHistories(t: CycleTable, asOf: number, fromDay = -Infinity): StageHistorySet[] {
  const asOfCum = workingDayIndexAt(asOf);
  const all = t.stages.map(() => new Durations());
  const byTool = t.stages.map(() => new Map<number, Durations>());
  for (let r = 0; r < t.n; r++) {
    if (t.subDay[r]! < fromDay) continue;
    const st = statusAt(t, r, asOf);
    if (st === OUTCOME_APPROVED) collect(all, byTool, t.stage[r]!, t.initTool[t.init[r]!]!, Math.max(0, t.apprCum[r]! - t.subCum[r]!), true);
    else if (st === OUTCOME_OPEN) collect(all, byTool, t.stage[r]!, t.initTool[t.init[r]!]!, asOfCum - t.subCum[r]!, false);
  }
  return finish(all, byTool);
}

/**
 * Each stage's signer history as of asOf: every sign-off by asOf (working days from the stage's
 * submission) and every participating borough still to sign a stage open at asOf (censored at the
 * stage's age). Stages rejected or withdrawn by asOf, or submitted before `fromDay`, are left out,
 * as in stageHistories.
 */
export function signerHistories(t: CycleTable, sig: SignoffColumns, asOf: number, fromDay = -Infinity): StageHistorySet[] {
  const asOfCum = workingDayIndexAt(asOf);
  const all = t.stages.map(() => new Durations());
  const byTool = t.stages.map(() => new Map<number, Durations>());
  const members: number[] = [];
  for (let r = 0; r < t.n; r++) {
    if (t.subDay[r]! < fromDay) continue;
    const st = statusAt(t, r, asOf);
    if (st !== OUTCOME_APPROVED && st !== OUTCOME_OPEN) continue;
    const s = t.stage[r]!;
    const tool = t.initTool[t.init[r]!]!;
    eachSignoffBy(sig, r, asOf, (wd) => collect(all, byTool, s, tool, wd, true));
    if (st !== OUTCOME_OPEN) continue;
    pendingSigners(t, sig, r, asOf, members);
    for (let k = 0; k < members.length; k++) collect(all, byTool, s, tool, asOfCum - t.subCum[r]!, false);
  }
  return finish(all, byTool);
}

/**
 * The signers still to sign row r's stage at asOf, as indices into `sig.signers` (boroughs and
 * partner organisations alike), written into `out` and returned: the initiative's signing
 * participants (non-signing observers and processors are not waited for) that had not signed it
 * by asOf and that take part at asOf: one that left at or before asOf is never pending (it no
 * longer holds the stage up), nor one that joins after asOf (not yet). The ONE place open items,
 * the signer histories (and so the digest and the dashboard) take pending signers from.
 */
export function pendingSigners(t: CycleTable, sig: SignoffColumns, r: number, asOf: number, out: number[] = []): number[] {
  out.length = 0;
  const list = sig.initSigners[t.init[r]!];
  if (!list) return out;
  const periods = sig.initPeriods?.[t.init[r]!];
  const from = sig.first[r]!;
  const to = from + sig.count[r]!;
  for (let g = 0; g < list.length; g++) {
    const s = list[g]!;
    if (periods && (periods[2 * g]! > asOf || periods[2 * g + 1]! <= asOf)) continue;
    let signed = false;
    for (let k = from; k < to && !signed; k++) signed = sig.signer[k] === s && sig.at[k]! <= asOf;
    if (!signed) out.push(s);
  }
  return out;
}

/** Calls `each` with the working days of every sign-off of row r by asOf (boroughs' and partners'). */
function eachSignoffBy(sig: SignoffColumns, r: number, asOf: number, each: (wd: number) => void): void {
  const from = sig.first[r]!;
  for (let k = from; k < from + sig.count[r]!; k++) if (sig.at[k]! <= asOf) each(sig.wd[k]!);
}

/** The history an item is judged against: the stage on its tool when that has enough items, else the stage. */
function pick(set: StageHistorySet, tool: number, minItems: number): { h: DurationHistory; scope: HistoryScope } {
  const onTool = set.byTool.get(tool);
  const h = comparableHistory(onTool ? [onTool, set.stage] : [set.stage], minItems);
  return { h, scope: h === onTool ? "STAGE_AND_TOOL" : "STAGE" };
}

/** The service level of each stage: the one set as data, else the stage's historical p85 (any tool). */
export function serviceLevelsOf(t: CycleTable, histories: StageHistorySet[], set: ReadonlyMap<string, number>): { days: number | null; source: ServiceLevelSource | null }[] {
  return t.stages.map((code, s) => {
    const given = set.get(code);
    if (given !== undefined) return { days: given, source: "SET" };
    const p85 = defaultServiceLevelDays(histories[s]!.stage);
    return p85 === null ? { days: null, source: null } : { days: p85, source: "HISTORICAL_P85" };
  });
}

const dayStart = (day: number | null) => (day === null ? null : londonMidnightMs(day));

/**
 * Every stage open at asOf that passes the filter, and inside it every participating borough that
 * had not signed it by asOf, oldest first (submission, then initiative id, then stage order, the
 * stage before its signers, signers by GSS code), at most `limit`. With `filter.boroughs`, only
 * those boroughs' signer items are listed. Ages are in the unit asked; rank, state and forecast in
 * working days. A signer item is judged against the stage's signer history and the stage's service level.
 * The comparable history (rank, state, forecast and the default service level, the historical
 * p85) is that of the stages submitted in the last `historyDays` days (historyStartDay); every
 * open stage is listed however old.
 */
export function openItems(t: CycleTable, sig: SignoffColumns, f: CompiledFilter, opts: OpenItemsOptions): { items: OpenItemData[]; totalCount: number } {
  const { asOf } = opts;
  const asOfCum = workingDayIndexAt(asOf);
  const asOfDay = londonDayNumber(asOf);
  const fromDay = historyStartDay(asOf, opts.historyDays);
  const stageH = stageHistories(t, asOf, fromDay);
  const signerH = signerHistories(t, sig, asOf, fromDay);
  const levels = serviceLevelsOf(t, stageH, opts.serviceLevels);
  const min = { minItems: opts.minItems, minAtRisk: opts.minAtRisk };
  const rows: number[] = [];
  const only1 = opts.initiative ?? -1;
  for (let r = 0; r < t.n; r++) if ((only1 < 0 || t.init[r] === only1) && statusAt(t, r, asOf) === OUTCOME_OPEN && passes(t, f, r)) rows.push(r);
  rows.sort((a, b) => t.submittedAt[a]! - t.submittedAt[b]! || t.initiativeIds[t.init[a]!]!.localeCompare(t.initiativeIds[t.init[b]!]!) || t.stage[a]! - t.stage[b]!);
  // A borough filter keeps the signers that are those boroughs (a partner is no borough); an organisation filter, those organisations.
  const only = f.boroughOk || f.organisationOk ? (g: number) => signerListed(t, f, sig.signers.list[g]!, sig.signers.isBorough[g]!) : () => true;
  const items: OpenItemData[] = [];
  let totalCount = 0;
  const members: number[] = [];
  for (const r of rows) {
    const i = t.init[r]!;
    const s = t.stage[r]!;
    const tool = t.initTool[i]!;
    const ageWd = asOfCum - t.subCum[r]!;
    const age = opts.unit === "WORKING_DAYS" ? ageWd : (asOf - t.submittedAt[r]!) / MS_PER_DAY;
    pendingSigners(t, sig, r, asOf, members);
    const pending = members.map((b) => sig.signers.list[b]!).sort();
    const level = levels[s]!;
    let heldBy: HeldBy | null = null;
    const item = (organisation: string | null, set: StageHistorySet): OpenItemData => {
      // Read only for the items listed: a past asOf asks the database per stage.
      heldBy ??= (opts.queryOpenAt ? opts.queryOpenAt(r) : t.openQueryAt[r]! <= asOf) ? "PROJECT_TEAM" : "IG";
      const { h, scope } = pick(set, tool, opts.minItems);
      const fc = forecastOpenItem(h, t.subDay[r]!, asOfDay, min);
      const judged = level.days === null ? null : serviceLevelState(h, ageWd, level.days, min);
      return {
        initiativeId: t.initiativeIds[i]!,
        stage: t.stages[s]!,
        tool: t.tools[tool]!,
        organisation,
        submittedAt: t.submittedAt[r]!,
        age,
        ageWorkingDays: ageWd,
        state: judged?.state ?? "ON_TRACK",
        heldBy,
        pendingSigners: organisation === null ? pending : [organisation],
        ageRank: percentileRank(h, ageWd),
        serviceLevelDays: level.days,
        serviceLevelSource: level.source,
        withinLevelProbability: judged?.withinLevelProbability ?? null,
        forecast: {
          p50: dayStart(fc.p50Day),
          p85: dayStart(fc.p85Day),
          p95: dayStart(fc.p95Day),
          p50WorkingDays: fc.p50,
          p85WorkingDays: fc.p85,
          p95WorkingDays: fc.p95,
          basis: fc.basis,
          scope,
          reason: fc.reason,
          reasonCode: fc.reasonCode,
        },
      };
    };
    const signers = members.filter(only);
    totalCount += 1 + signers.length;
    if (items.length < opts.limit) items.push(item(null, stageH[s]!));
    for (const g of signers.sort((x, y) => sig.signers.list[x]!.localeCompare(sig.signers.list[y]!))) {
      if (items.length < opts.limit) items.push(item(sig.signers.list[g]!, signerH[s]!));
    }
  }
  return { items, totalCount };
}

/** An initiative's forecast ISA approval (Monte Carlo), or the reason there is none. */
export interface InitiativeForecastData {
  initiativeId: string;
  target: string;
  /** Where the initiative stands at asOf: the open stage, or the stage it waits to submit. */
  atStage: string | null;
  waiting: boolean;
  p50: number | null;
  p85: number | null;
  p95: number | null;
  runs: number;
  seed: number;
  finishedShare: number | null;
  legs: LegBasis[];
  reason: string | null;
  reasonCode: ForecastReasonCode | "APPROVED" | "ENDED" | "NOT_STARTED" | null;
}

/**
 * Each stage's wait history as of asOf: from the previous stage's approval to this stage's
 * submission, censored at asOf while the next stage is not submitted (an initiative whose next
 * stage was rejected or withdrawn counts as submitted: the wait did end). Only waits that began
 * (the previous stage approved) from London day `fromDay` on.
 */
function waitHistories(t: CycleTable, asOf: number, fromDay: number): (DurationHistory | null)[] {
  const asOfCum = workingDayIndexAt(asOf);
  const S = t.stages.length;
  const d: Durations[] = t.stages.map(() => new Durations());
  for (let i = 0; i < t.initiativeIds.length; i++) {
    for (let s = 1; s < S; s++) {
      const prev = t.rowOf[i * S + s - 1]!;
      if (prev < 0 || statusAt(t, prev, asOf) !== OUTCOME_APPROVED || londonDayNumber(t.approvedAt[prev]!) < fromDay) continue;
      const next = t.rowOf[i * S + s]!;
      if (next >= 0 && t.submittedAt[next]! <= asOf) d[s]!.push(Math.max(0, t.subCum[next]! - t.apprCum[prev]!), true);
      else d[s]!.push(asOfCum - t.apprCum[prev]!, false);
    }
  }
  return d.map((x, s) => (s === 0 ? null : x.history()));
}

/**
 * When initiative `id`'s `target` stage (ISA) is approved, by seeded Monte Carlo through the
 * remaining legs (forecast.ts remainingLegs, monteCarloFinish) from where it stands at asOf: its
 * open stage conditioned on its age, or, with no stage open, the wait after its last approved
 * stage. Dates are 00:00 Europe/London of the London day. Null dates with a reason when the target
 * is approved or the initiative's last stage ended otherwise, or nothing was submitted by asOf.
 * The stage and wait histories are those of the last `historyDays` days (historyStartDay).
 */
export function initiativeForecast(
  t: CycleTable,
  id: string,
  opts: { asOf: number; target: string; seed: number; runs: number; minItems: number; minAtRisk: number; historyDays: number },
): InitiativeForecastData | null {
  const i = t.initIndex.get(id);
  if (i === undefined) return null;
  const { asOf } = opts;
  const S = t.stages.length;
  const targetIdx = t.stages.indexOf(opts.target);
  const none = (reasonCode: InitiativeForecastData["reasonCode"], reason: string, atStage: string | null = null): InitiativeForecastData => ({
    initiativeId: id,
    target: opts.target,
    atStage,
    waiting: false,
    p50: null,
    p85: null,
    p95: null,
    runs: 0,
    seed: opts.seed,
    finishedShare: null,
    legs: [],
    reason,
    reasonCode,
  });
  // The furthest stage submitted by asOf, in process order.
  let last = -1;
  for (let s = 0; s < S; s++) {
    const r = t.rowOf[i * S + s]!;
    if (r >= 0 && statusAt(t, r, asOf) !== EXCLUDED) last = s;
  }
  if (last < 0) return none("NOT_STARTED", `nothing submitted by ${new Date(asOf).toISOString()}`);
  const targetRow = t.rowOf[i * S + targetIdx]!;
  if (targetRow >= 0 && statusAt(t, targetRow, asOf) === OUTCOME_APPROVED) return none("APPROVED", `${opts.target} approved on ${new Date(t.approvedAt[targetRow]!).toISOString()}`, opts.target);
  const r = t.rowOf[i * S + last]!;
  const st = statusAt(t, r, asOf);
  if (st !== OUTCOME_OPEN && st !== OUTCOME_APPROVED) return none("ENDED", `${t.stages[last]} was ${st === OUTCOME_REJECTED ? "rejected" : "withdrawn"}: no later stage follows`, t.stages[last]!);
  const waiting = st === OUTCOME_APPROVED;
  if (waiting && last >= targetIdx) return none("ENDED", `${t.stages[last]} is past ${opts.target}`, t.stages[last]!);
  const at = waiting ? last + 1 : last;
  if (at > targetIdx) return none("ENDED", `${t.stages[at]} is past ${opts.target}`, t.stages[at]!);
  const fromDay = historyStartDay(asOf, opts.historyDays);
  const stageH = stageHistories(t, asOf, fromDay);
  const waits = waitHistories(t, asOf, fromDay);
  const process: StageHistories[] = t.stages.map((stage, s) => ({ stage, duration: stageH[s]!.stage, waitBefore: waits[s]! }));
  const legs = remainingLegs(process, { stage: t.stages[at]!, waiting }, opts.target);
  const startDay = waiting ? londonDayNumber(t.approvedAt[r]!) : t.subDay[r]!;
  const mc = monteCarloFinish(legs, startDay, londonDayNumber(asOf), { seed: opts.seed, runs: opts.runs, minItems: opts.minItems, minAtRisk: opts.minAtRisk });
  return {
    initiativeId: id,
    target: opts.target,
    atStage: t.stages[at]!,
    waiting,
    p50: dayStart(mc.p50Day),
    p85: dayStart(mc.p85Day),
    p95: dayStart(mc.p95Day),
    runs: mc.runs,
    seed: mc.seed,
    finishedShare: mc.runs > 0 && mc.legs.length > 0 && mc.reasonCode !== "THIN_HISTORY" && mc.reasonCode !== "FEW_AT_RISK" ? mc.finishedShare : null,
    legs: mc.legs,
    reason: mc.reason,
    reasonCode: mc.reasonCode,
  };
}
