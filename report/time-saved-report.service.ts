import { MIN_APPROVED_FOR_CLAIM } from "../analytics/time-saved.js";
import { OUTCOME_APPROVED, type CycleTable } from "../analytics/metrics/cycle-table.js";
import { passes } from "../analytics/metrics/filter.js";
import { cohortOptions, compileFilter, cycleTimeOptions, cycleTimes, timeSaved, type CompiledFilter, type MetricFilterValue } from "../analytics/metrics/index.js";
import type { HubDb } from "../db/connection.js";
import { getCycleTableWith } from "../db/cycles/index.js";
import { describeDataset } from "../db/dataset.js";
import { cohortName } from "./cohort-names.js";
import { cohortLabel } from "./cohort-spec.mjs";
import type { ReportFormatName, ReportScope, ReportStageCounts, TimeSavedReportData } from "./time-saved-report.model.js";
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
    // One instant for the whole report: censoring, counts, scope and "made at" all read it.
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
    const countedStages = new Set(saved.stages.filter((s) => s.saved != null).map((s) => table.stageIndex.get(s.stage)!));
    const scan = scanScope(table, compiled.cohort, compiled.baseline, asOf.getTime(), countedStages);
    return {
      cohort: { label: cohortLabel(args.cohort), name: cohortName(args.cohort), stages: counts(compiled.cohort) },
      baseline: { label: cohortLabel(args.baseline), name: cohortName(args.baseline), stages: counts(compiled.baseline) },
      from,
      to,
      asOf: asOf.toISOString(),
      generatedAt: new Date().toISOString(),
      dataset: { kind: dataset.kind.toLowerCase(), synthetic: dataset.synthetic },
      scope: { ...scan.scope, organisations: this.countPartners(scan.initiativeIds) },
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

  /** Partner organisations of these initiatives, each counted once. */
  private countPartners(initiativeIds: Set<string>): number {
    if (initiativeIds.size === 0) return 0;
    const rows = this.db.sql.prepare<{ i: string; o: string }>("SELECT initiative_id AS i, organisation_slug AS o FROM initiative_partners").all();
    return new Set(rows.filter((r) => initiativeIds.has(r.i)).map((r) => r.o)).size;
  }

  /** Builds the report and renders it in `format`. */
  async render(args: TimeSavedReportArgs & { format: ReportFormatName }): Promise<RenderedReport> {
    const [one] = await this.renderEach(args, [args.format]);
    return one!;
  }

  /**
   * Builds the report once and renders it in each of `formats`: one computation and one asOf, so
   * the Markdown, HTML and CSV of one run state the same numbers and the same "made at".
   */
  async renderEach(args: TimeSavedReportArgs, formats: readonly ReportFormatName[]): Promise<RenderedReport[]> {
    const data = await this.build(args);
    return formats.map((format) => renderData(data, format));
  }
}

/** One rendering of gathered report data, with its file name. */
export function renderData(data: TimeSavedReportData, format: ReportFormatName): RenderedReport {
  const { content, mediaType } = renderTimeSavedReport(data, format);
  const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
  return { format, mediaType, filename: `time-saved-${slug(data.cohort.label)}-vs-${slug(data.baseline.label)}.${format}`, content, data };
}

/**
 * What the report rests on, in one pass over the cycle table: the rows either side counts (those
 * submitted by asOf), their initiatives and boroughs, first submission and last event up to asOf,
 * and the cohort's initiatives with a stage approved by asOf among the stages that support a number.
 */
function scanScope(
  t: CycleTable,
  cohort: CompiledFilter,
  baseline: CompiledFilter,
  asOfMs: number,
  countedStages: Set<number>,
): { scope: Omit<ReportScope, "organisations">; initiativeIds: Set<string> } {
  const inits = new Set<number>();
  const counted = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < t.n; r++) {
    const sub = t.submittedAt[r]!;
    if (!(sub <= asOfMs)) continue; // not submitted yet at asOf, or a row whose cycle is gone
    const inCohort = passes(t, cohort, r);
    if (!inCohort && !passes(t, baseline, r)) continue;
    const i = t.init[r]!;
    inits.add(i);
    first = Math.min(first, sub);
    last = Math.max(last, sub);
    const approved = t.approvedAt[r]!;
    const ended = t.endedAt[r]!;
    if (approved <= asOfMs) last = Math.max(last, approved);
    if (ended <= asOfMs) last = Math.max(last, ended);
    if (inCohort && t.outcome[r] === OUTCOME_APPROVED && approved <= asOfMs && countedStages.has(t.stage[r]!)) counted.add(i);
  }
  const boroughsInScope = new Set<number>();
  for (const i of inits) for (let j = t.partFirst[i]!, end = j + t.partBoroughs[i]!; j < end; j++) boroughsInScope.add(t.partIds[j]!);
  return {
    scope: {
      initiatives: inits.size,
      boroughs: boroughsInScope.size,
      cohortInitiativesCounted: counted.size,
      firstSubmittedAt: inits.size ? new Date(first).toISOString() : null,
      lastEventAt: inits.size ? new Date(last).toISOString() : null,
    },
    initiativeIds: new Set([...inits].map((i) => t.initiativeIds[i]!)),
  };
}
