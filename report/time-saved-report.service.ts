import { MIN_APPROVED_FOR_CLAIM } from "../analytics/time-saved.js";
import { cohortOptions, compileFilter, cycleTimeOptions, cycleTimes, timeSaved, type CompiledFilter, type MetricFilterValue } from "../analytics/metrics/index.js";
import type { HubDb } from "../db/connection.js";
import { getCycleTableWith } from "../db/cycles/index.js";
import { describeDataset } from "../db/dataset.js";
import { cohortLabel } from "./cohort-spec.mjs";
import type { ReportFormatName, ReportStageCounts, TimeSavedReportData } from "./time-saved-report.model.js";
import { renderTimeSavedReport } from "./time-saved-report.render.js";

/** What a time-saved report is asked for. */
export interface TimeSavedReportArgs {
  cohort: MetricFilterValue;
  baseline: MetricFilterValue;
  /** Submission period applied to both sides (ISO dates or Date scalars), replacing theirs. */
  from?: string | Date | null;
  to?: string | Date | null;
  /** Open stages are censored here; default now (fixed once, so every number in the report agrees). */
  asOf?: Date | null;
  resamples?: number | null;
  seed?: number | null;
}

/** A rendered report. */
export interface RenderedReport {
  format: ReportFormatName;
  mediaType: string;
  filename: string;
  content: string;
  data: TimeSavedReportData;
}

/** A date argument (ISO text or a Date scalar) as `YYYY-MM-DD`; null when absent. */
export const isoDate = (v: string | Date | null | undefined): string | null =>
  v == null ? null : typeof v === "string" ? v : Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);

/**
 * LOTI's time-saved report. It runs the same kernels, with the same option defaults, as the
 * graph's `timeSaved` and `cycleTimes` queries (so the report's numbers are the queries' numbers),
 * then lays them out as Markdown, HTML or CSV. It adds no arithmetic of its own beyond summing
 * counts. Bad arguments raise MetricArgumentError (argument `cohort.tools`, `resamples`, ...).
 */
export class TimeSavedReportService {
  constructor(private readonly db: HubDb) {}

  /**
   * Gathers the report: time saved per stage and in total (working days, the `timeSaved` query
   * with the same arguments) and, per side and stage, the counts of submitted, approved, open
   * (censored), rejected and withdrawn stages (the `cycleTimes` query grouped by STAGE), all from
   * one cycle table.
   */
  async build(args: TimeSavedReportArgs): Promise<TimeSavedReportData> {
    const asOf = args.asOf ?? new Date();
    const from = isoDate(args.from);
    const to = isoDate(args.to);
    const period = (f: MetricFilterValue): MetricFilterValue => ({
      ...f,
      ...(from != null ? { submittedFrom: from } : {}),
      ...(to != null ? { submittedTo: to } : {}),
    });
    const savedOptions = cohortOptions({ unit: "WORKING_DAYS", resamples: args.resamples, seed: args.seed, asOf });
    const countOptions = cycleTimeOptions({ groupBy: ["STAGE"], unit: "WORKING_DAYS", asOf });
    const { table, compiled } = await getCycleTableWith(this.db, (t) => ({
      cohort: compileFilter(t, "cohort", period(args.cohort)),
      baseline: compileFilter(t, "baseline", period(args.baseline)),
    }));
    const saved = timeSaved(table, compiled.cohort, compiled.baseline, savedOptions);
    const counts = (filter: CompiledFilter): ReportStageCounts[] =>
      cycleTimes(table, filter, countOptions).map((g) => ({
        stage: g.stage!,
        count: g.count,
        approvedCount: g.approvedCount,
        openCount: g.openCount,
        rejectedCount: g.rejectedCount,
        withdrawnCount: g.withdrawnCount,
      }));
    const dataset = describeDataset(this.db);
    return {
      cohort: { label: cohortLabel(args.cohort), stages: counts(compiled.cohort) },
      baseline: { label: cohortLabel(args.baseline), stages: counts(compiled.baseline) },
      from,
      to,
      asOf: asOf.toISOString(),
      generatedAt: new Date().toISOString(),
      dataset: { kind: dataset.kind.toLowerCase(), synthetic: dataset.synthetic },
      minApproved: MIN_APPROVED_FOR_CLAIM,
      resamples: saved.resamples,
      seed: saved.seed,
      stages: saved.stages.map((s) => ({ ...s })),
      total: saved.total,
      totalLow: saved.totalLow,
      totalHigh: saved.totalHigh,
      stagesCounted: saved.stagesCounted,
      reason: saved.reason,
    };
  }

  /** Builds the report and renders it in `format`. */
  async render(args: TimeSavedReportArgs & { format: ReportFormatName }): Promise<RenderedReport> {
    const data = await this.build(args);
    const { content, mediaType } = renderTimeSavedReport(data, args.format);
    const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
    return { format: args.format, mediaType, filename: `time-saved-${slug(data.cohort.label)}-vs-${slug(data.baseline.label)}.${args.format}`, content, data };
  }
}
