import type { Command } from "commander";
import { renameSync, writeFileSync } from "node:fs";
import { loadConfig } from "../config.js";
import { MetricArgumentError } from "../../analytics/metrics/argument.error.js";
import { openDb } from "../../db/connection.js";
import { getDatasetKind } from "../../db/meta.js";
import { parseCohortSpec } from "../../report/cohort-spec.mjs";
import type { ReportFormatName } from "../../report/time-saved-report.model.js";
import { userError } from "../user-error.js";
import { registerDigestCommand } from "./digest.command.js";

const FORMATS: ReportFormatName[] = ["md", "html", "csv"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface TimeSavedOptions {
  cohort: string;
  baseline: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
  asOf?: string;
  seed: string;
  resamples: string;
  db?: string;
}

function wholeNumber(option: string, v: string): number {
  if (!/^\d+$/.test(v)) throw userError(`${option}: expected a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

/**
 * `hub report time-saved`: LOTI's time-saved report (per stage medians, difference with
 * interval, approved counts, time saved in working days, totals and the method in plain words)
 * from the same metrics kernels as the graph's `timeSaved` query, as Markdown, HTML or CSV.
 */
export function registerReportCommand(program: Command): void {
  const report = program.command("report").description("Reports for publication (LOTI's time saved) and the weekly digest.");
  registerDigestCommand(report);
  report
    .command("time-saved")
    .description("Time saved by a cohort (tool, template, practice) against a baseline, per IG stage, in working days.")
    .requiredOption("--cohort <spec>", "the cohort, key=value[,key=value] with keys tool, practice, borough, stage (e.g. tool=isg)")
    .requiredOption("--baseline <spec>", "the baseline, same form (e.g. tool=manual)")
    .option("--from <date>", "only stages submitted on or after this date (YYYY-MM-DD)")
    .option("--to <date>", "only stages submitted on or before this date (YYYY-MM-DD)")
    .option("--format <formats>", "md, html or csv, or several separated by commas (e.g. md,html,csv): one computation, one asOf", "md")
    .option("--out <file>", "write the report here (default: standard output); with several formats, the file name without its extension, each format's added")
    .option("--as-of <datetime>", "censor open stages at this instant (default: now), e.g. 2025-01-31T00:00:00Z")
    .option("--seed <n>", "bootstrap seed (same seed, same intervals)", "1")
    .option("--resamples <n>", "bootstrap resamples", "2000")
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .action(async (opts: TimeSavedOptions) => {
      const formats = [...new Set(opts.format.split(",").map((f) => f.trim()))] as ReportFormatName[];
      for (const f of formats) if (!FORMATS.includes(f)) throw userError(`--format: expected one of ${FORMATS.join(", ")} (or several separated by commas), got ${JSON.stringify(f)}`);
      if (formats.length > 1 && !opts.out) throw userError(`--format ${opts.format}: several formats need --out <file> (the name without its extension; .${formats.join(", .")} are added)`);
      for (const [name, v] of [["--from", opts.from], ["--to", opts.to]] as const) {
        if (v != null && !ISO_DATE.test(v)) throw userError(`${name}: expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
      }
      if (opts.from && opts.to && opts.from > opts.to) throw userError(`--from (${opts.from}) is after --to (${opts.to}); expected from ≤ to`);
      let asOf: Date | undefined;
      if (opts.asOf != null) {
        asOf = new Date(opts.asOf);
        if (Number.isNaN(asOf.getTime())) throw userError(`--as-of: expected a date-time such as 2025-01-31T00:00:00Z, got ${JSON.stringify(opts.asOf)}`);
      }
      const cohort = parseCohortSpec("--cohort", opts.cohort);
      const baseline = parseCohortSpec("--baseline", opts.baseline);
      const seed = wholeNumber("--seed", opts.seed);
      const resamples = wholeNumber("--resamples", opts.resamples);

      const config = loadConfig(process.env, opts.db ? { dbPath: opts.db } : {});
      // The metrics are loaded when this command runs, not when the CLI starts.
      const { TimeSavedReportService } = await import("../../report/time-saved-report.service.js");
      const db = openDb(config.dbPath);
      try {
        if (getDatasetKind(db.sql) === "empty") {
          console.error(`hub: ${db.path} holds no initiatives yet: start the hub once (npm start) to load the demo data, or import data; the report will say there is nothing to compare.`);
        }
        let renderings;
        try {
          renderings = await new TimeSavedReportService(db).renderEach({ cohort, baseline, from: opts.from, to: opts.to, asOf, seed, resamples }, formats);
        } catch (err) {
          // The metrics reject unknown tools, boroughs etc. with a message naming the allowed values;
          // a filter's argument (cohort.tools, baseline.stages, ...) is the option it came from.
          if (err instanceof MetricArgumentError) {
            const side = err.argument.split(".")[0]!;
            throw userError(side === "cohort" || side === "baseline" ? `--${side}: ${err.detail}` : err.message);
          }
          throw err;
        }
        if (opts.out) {
          const stem = opts.out.replace(/\.(md|html|csv)$/i, "");
          const paths = formats.length === 1 ? [opts.out] : formats.map((f) => `${stem}.${f}`);
          renderings.forEach((rendered, k) => {
            // Write then rename, so a reader never sees half a report.
            const tmp = `${paths[k]}.tmp-${process.pid}`;
            writeFileSync(tmp, rendered.content);
            renameSync(tmp, paths[k]!);
          });
          const d = renderings[0]!.data;
          console.error(
            `hub: wrote ${paths.join(", ")} (${formats.join(", ")}): ` +
              (d.total == null ? `no total — ${d.reason}` : `${d.total.toFixed(1)} working days saved, 95% interval ${d.totalLow?.toFixed(1)} to ${d.totalHigh?.toFixed(1)}`) +
              (d.dataset.synthetic ? " [synthetic data]" : ""),
          );
        } else {
          process.stdout.write(renderings[0]!.content);
        }
      } finally {
        db.close();
      }
    });
}
