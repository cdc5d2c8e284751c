import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { MAX_RESAMPLES } from "../../analytics/bootstrap.js";
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from "../../analytics/metrics/index.js";
import { TimeSavedReportService, isoDate } from "../../report/index.js";
import type { HubContext } from "../context.js";
import { MetricFilter } from "../metrics/metric-filter.input.js";
import { answerMetric, badInput } from "../metrics/metric.errors.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";
import { ReportFormat, formatName } from "./report-format.enum.js";
import { RenderedReport } from "./rendered-report.type.js";

/** `timeSavedReport`: LOTI's time-saved report, rendered, from the same kernels as `timeSaved`. */
@Resolver(() => RenderedReport)
export class TimeSavedReportResolver {
  @Query(() => RenderedReport, {
    description:
      "LOTI's time-saved report for `cohort` against `baseline`, rendered as Markdown, HTML (inline SVG charts) or CSV: per stage the medians, the difference with its 95% interval, approved counts and time saved in working days; the totals; what was compared and what was left out (open stages censored, rejected and withdrawn counted apart, stages with fewer than 10 approved on either side given no number). Its numbers are the `timeSaved` query's with the same arguments (unit WORKING_DAYS); `from`/`to` set both sides' submission period. Synthetic data is labelled.",
  })
  async timeSavedReport(
    @Ctx() ctx: HubContext,
    @Arg("cohort", () => MetricFilter, { description: "The cohort (e.g. tools: [\"isg\"])." }) cohort: MetricFilter,
    @Arg("baseline", () => MetricFilter, { description: "The baseline (e.g. tools: [\"manual\"])." }) baseline: MetricFilter,
    @Arg("from", () => DateScalar, { nullable: true, description: "Only stages submitted on or after this date (both sides); replaces the filters' submittedFrom." }) from: Date | null,
    @Arg("to", () => DateScalar, { nullable: true, description: "Only stages submitted on or before this date (both sides); replaces the filters' submittedTo." }) to: Date | null,
    @Arg("format", () => ReportFormat, { nullable: true, defaultValue: ReportFormat.MARKDOWN, description: "MARKDOWN, HTML or CSV." }) format: ReportFormat | null,
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The instant open stages are censored at (default now)." }) asOf: Date | null,
    @Arg("resamples", () => Int, { nullable: true, defaultValue: DEFAULT_RESAMPLES, description: `Bootstrap resamples per stage, 1 to ${MAX_RESAMPLES}.` }) resamples: number | null,
    @Arg("seed", () => Int, { nullable: true, defaultValue: DEFAULT_SEED, description: "Seed of the bootstrap's pseudo-random generator." }) seed: number | null,
  ): Promise<RenderedReport> {
    const f = isoDate(from);
    const t = isoDate(to);
    if (f && t && f > t) throw badInput("from", `from (${f}) is after to (${t}); expected from ≤ to`);
    const r = await answerMetric(() =>
      new TimeSavedReportService(ctx.db).render({ cohort, baseline, from: f, to: t, asOf, resamples, seed, format: formatName(format ?? ReportFormat.MARKDOWN) }),
    );
    return {
      format: format ?? ReportFormat.MARKDOWN,
      mediaType: r.mediaType,
      filename: r.filename,
      content: r.content,
      synthetic: r.data.dataset.synthetic,
      total: r.data.total,
      totalLow: r.data.totalLow,
      totalHigh: r.data.totalHigh,
      stagesCounted: r.data.stagesCounted,
      reason: r.data.reason,
      asOf: r.data.asOf,
    };
  }
}
