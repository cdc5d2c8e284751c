import type { Command } from "commander";
import cliProgress from "cli-progress";
import { loadConfig } from "../config.js";
import { openDb } from "../../db/connection.js";
import { importFiles, importWithMapping, type ImportProgress, type ImportResult } from "../../db/import/import.service.js";
import { mappings } from "../../db/import/mappings/index.js";
import { formatRowError } from "../../db/writes/index.js";
import type { ImportFormat } from "../../db/import/source.reader.js";
import { userError } from "../user-error.js";

interface ImportFlags {
  initiatives?: string;
  events?: string;
  from?: string;
  format?: string;
  dryRun?: boolean;
  db?: string;
  leadBorough?: string;
  asOf?: string;
}

/**
 * Progress: a bar per phase on a terminal; plain `phase: N%` lines otherwise (logs, CI, the
 * crash-safety test reads them).
 */
function progressReporter(): { report: (p: ImportProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    let phase = "";
    const stop = () => {
      bar?.stop();
      bar = null;
    };
    return {
      report: (progress) => {
        if (progress.phase !== phase) {
          stop();
          phase = progress.phase;
          bar = new cliProgress.SingleBar({ format: `${progress.phase.padEnd(11)} [{bar}] {percentage}%`, stream: process.stderr }, cliProgress.Presets.shades_classic);
          bar.start(progress.total, 0);
        }
        bar!.update(progress.done);
      },
      stop,
    };
  }
  let last = "";
  return {
    report: (progress) => {
      const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 10) * 10 : 100;
      const line = `${progress.phase}: ${percent}%`;
      if (line !== last) {
        last = line;
        process.stderr.write(`${line}\n`);
      }
    },
    stop: () => undefined,
  };
}

function printResult(r: ImportResult): void {
  for (const e of r.errors) console.error(formatRowError(e));
  if (r.moreErrors > 0) console.error(`... and ${r.moreErrors} more errors`);
  const counts = `${r.initiativesCreated} initiatives new, ${r.initiativesUnchanged} unchanged; ${r.eventsAdded} events new, ${r.eventsUnchanged} unchanged`;
  if (r.errors.length > 0) console.error(`import refused: ${r.errors.length + r.moreErrors} errors; nothing was written (${r.files.join(", ")})`);
  else if (r.dryRun) console.log(`dry run, nothing written: would import ${counts}`);
  else console.log(`imported ${counts}`);
}

/**
 * `hub import`: canonical initiatives/events files (CSV, JSON array or JSON Lines), or one tool's
 * export through its mapping (`--from weisf FILE`). One transaction: any error → nothing written,
 * exit 1.
 */
export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("Import initiatives and stage events (canonical CSV/JSON, or a tool's export with --from). Validates every row; writes nothing unless all are valid.")
    .argument("[file]", "with --from: the tool's export file")
    .option("--initiatives <file>", "canonical initiatives file (id,title,lead_borough,boroughs,partners,tool,practices,status,created_at)")
    .option("--events <file>", "canonical events file (initiative_id,stage,borough,kind,at,source,source_ref)")
    .option("--from <tool>", `read a tool's export through its mapping (${Object.keys(mappings).join(", ")})`)
    .option("--format <format>", "csv or json (JSON array or JSON Lines); default from each file's extension")
    .option("--dry-run", "validate and report; write nothing")
    .option("--lead-borough <code>", "with --from: GSS code of the London borough leading rows that name no London authority")
    .option("--as-of <date>", "with --from: the date treated as today (YYYY-MM-DD); later review dates are plans, not events")
    .option("--db <path>", "database file (default: IGHUB_DB or data/ighub.db)")
    .action(async (file: string | undefined, flags: ImportFlags) => {
      if (flags.format !== undefined && flags.format !== "csv" && flags.format !== "json")
        throw userError(`--format must be csv or json (got ${JSON.stringify(flags.format)})`);
      const format = flags.format as ImportFormat | undefined;
      const config = loadConfig(process.env, flags.db ? { dbPath: flags.db } : {});
      let mapping = null;
      if (flags.from !== undefined) {
        mapping = mappings[flags.from];
        if (!mapping) throw userError(`--from: no mapping for tool ${JSON.stringify(flags.from)}; expected one of ${Object.keys(mappings).join(", ")} (add db/import/mappings/<tool>.mapping.ts)`);
        if (!file) throw userError(`--from ${flags.from} needs the export file: hub import --from ${flags.from} FILE`);
        if (flags.initiatives || flags.events) throw userError("--from FILE imports one tool export; give --initiatives/--events in a separate import");
      } else {
        if (file) throw userError(`unexpected argument ${JSON.stringify(file)}; expected --initiatives FILE and/or --events FILE (or --from TOOL FILE)`);
        if (!flags.initiatives && !flags.events) throw userError("nothing to import: give --initiatives FILE and/or --events FILE, or --from TOOL FILE");
      }
      if (flags.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.asOf)) throw userError(`--as-of must be a date YYYY-MM-DD (got ${JSON.stringify(flags.asOf)})`);
      const db = openDb(config.dbPath);
      const progress = progressReporter();
      try {
        const result = mapping
          ? await importWithMapping(db, mapping, file!, { format, dryRun: flags.dryRun, leadBorough: flags.leadBorough, asOf: flags.asOf, onProgress: progress.report })
          : await importFiles(db, { initiatives: flags.initiatives, events: flags.events, format, dryRun: flags.dryRun, onProgress: progress.report });
        progress.stop();
        printResult(result);
        if (result.errors.length > 0) process.exitCode = 1;
      } finally {
        progress.stop();
        db.close();
      }
    });
}
