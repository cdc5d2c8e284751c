import type { RunReport } from "../../db/mapping/ingest-run.js";
import type { WriteSummary } from "../../db/writes/index.js";

/**
 * Prints the data-quality lines of an import or sync after its counts: records skipped as already
 * stored, corrections applied, and each warning (`warning CODE initiative stage: message`), with
 * how many more there are. A refused run prints nothing more (its errors say it all).
 */
export function printRunReport(r: WriteSummary, report: RunReport): void {
  if (r.errors.length > 0 || (!r.committed && !r.dryRun)) return;
  // Corrections and warnings are read from the events a run wrote: a dry run has none to read.
  if (r.dryRun) return void console.log(`quality: ${report.skipped} would be skipped as already present; corrections and warnings are counted once written`);
  console.log(`quality: ${report.skipped} skipped as already present, ${report.corrections} corrections, ${report.warnings} warnings (run ${report.runId} in ingestRuns)`);
  for (const w of report.warningList) console.log(`warning ${w.code} ${w.initiativeId} ${w.stage}: ${w.message}`);
  const more = report.warnings - report.warningList.length;
  if (more > 0) console.log(`... and ${more} more warnings`);
}
