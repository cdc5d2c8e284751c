import {
  AGREEMENT_STAGE,
  DEFAULT_FORECAST_RUNS,
  DEFAULT_SEED,
  MetricArgumentError,
  REVIEW_STAGE,
  agreementRegister,
  agreementRegisterOptions,
  asOfOption,
  compileFilter,
  historyDaysOption,
  initiativeForecast,
  openItems,
  openItemsOptions,
  type AgreementData,
  type InitiativeForecastData,
  type MetricFilterValue,
  type OpenItemData,
  type Unit,
} from "../../analytics/metrics/index.js";
import { DEFAULT_REVIEW_INTERVAL_MONTHS, type ReviewState } from "../../analytics/agreements.js";
import { MIN_AT_RISK_BEYOND_AGE, MIN_FORECAST_ITEMS } from "../../analytics/forecast.js";
import { MAX_RUNS } from "../../analytics/monte-carlo.js";
import type { HubDb } from "../../db/connection.js";
import { getCycleTableWith, signoffColumns } from "../../db/cycles/index.js";
import { UnknownStageError, initiativeTitles, queryOpenAt, readServiceLevel, readServiceLevels, writeServiceLevel } from "../../db/cycles/open-items.reads.js";
import { answerMetric, badInput } from "./metric.errors.js";

/** The most working days a service level may be set to. */
export const MAX_SERVICE_LEVEL_DAYS = 1000;

/**
 * Open items, forecasts, service levels and the agreement register for the graph: options
 * resolved (analytics/metrics/options.ts), the cached cycle table with its filter compiled, the
 * kernel (analytics/metrics/open-items.ts), titles added; bad arguments as BAD_USER_INPUT.
 */
export class OpenItemsService {
  constructor(private readonly db: HubDb) {}

  openItems(args: { filter?: MetricFilterValue | null; unit?: Unit | null; asOf?: Date | null; limit?: number | null; historyDays?: number | null; initiativeId?: string | null }): Promise<{ totalCount: number; items: (OpenItemData & { title: string })[] }> {
    return answerMetric(async () => {
      const opts = openItemsOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", args.filter));
      const initiative = args.initiativeId == null ? null : (table.initIndex.get(args.initiativeId) ?? null);
      // An id the table does not hold (unknown, or nothing submitted yet) has no open stage.
      if (args.initiativeId != null && initiative === null) return { totalCount: 0, items: [] };
      const sql = this.db.sql;
      const sig = signoffColumns(sql, table);
      const past = opts.asOf < table.maxInstant;
      const { items, totalCount } = openItems(table, sig, compiled, {
        ...opts,
        initiative,
        minItems: MIN_FORECAST_ITEMS,
        minAtRisk: MIN_AT_RISK_BEYOND_AGE,
        serviceLevels: readServiceLevels(sql),
        queryOpenAt: past ? (r) => queryOpenAt(sql, table.initiativeIds[table.init[r]!]!, table.stages[table.stage[r]!]!, opts.asOf) : null,
      });
      const titles = initiativeTitles(sql, items.map((i) => i.initiativeId));
      return { totalCount, items: items.map((i) => ({ ...i, title: titles.get(i.initiativeId) ?? "" })) };
    });
  }

  initiativeForecast(args: { id: string; asOf?: Date | null; seed?: number | null; runs?: number | null; historyDays?: number | null }): Promise<InitiativeForecastData | null> {
    return answerMetric(async () => {
      const asOf = asOfOption(args.asOf);
      const historyDays = historyDaysOption(args.historyDays);
      const runs = args.runs ?? DEFAULT_FORECAST_RUNS;
      if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new MetricArgumentError("runs", `expected an integer from 1 to ${MAX_RUNS}, got ${runs}`);
      const table = (await getCycleTableWith(this.db, () => null)).table;
      return initiativeForecast(table, args.id, {
        asOf,
        target: AGREEMENT_STAGE,
        seed: args.seed ?? DEFAULT_SEED,
        runs,
        minItems: MIN_FORECAST_ITEMS,
        minAtRisk: MIN_AT_RISK_BEYOND_AGE,
        historyDays,
      });
    });
  }

  agreementRegister(args: { filter?: MetricFilterValue | null; asOf?: Date | null; dueWithinDays?: number | null; states?: readonly ReviewState[] | null }): Promise<(AgreementData & { title: string })[]> {
    return answerMetric(async () => {
      const opts = agreementRegisterOptions(args);
      const { table, compiled } = await getCycleTableWith(this.db, (t) => compileFilter(t, "filter", { ...args.filter, stages: null }));
      const rows = agreementRegister(table, compiled, {
        ...opts,
        intervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS,
        states: args.states ?? null,
        agreementStage: AGREEMENT_STAGE,
        reviewStage: REVIEW_STAGE,
      });
      const titles = initiativeTitles(this.db.sql, rows.map((r) => r.initiativeId));
      return rows.map((r) => ({ ...r, title: titles.get(r.initiativeId) ?? "" }));
    });
  }

  /** Sets (or with null clears) a stage's service level; returns it as it now applies to the stage. */
  async setServiceLevel(process: string, stage: string, days: number | null): Promise<{ process: string; stage: string; days: number | null }> {
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_SERVICE_LEVEL_DAYS)) throw badInput("days", `expected an integer from 1 to ${MAX_SERVICE_LEVEL_DAYS}, got ${days}`);
    try {
      writeServiceLevel(this.db.sql, process, stage, days);
    } catch (err) {
      if (err instanceof UnknownStageError) throw badInput(err.field, err.message);
      throw err;
    }
    return { process, stage, days: readServiceLevel(this.db.sql, process, stage) };
  }
}
