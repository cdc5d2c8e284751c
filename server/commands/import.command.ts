import type { Command } from "commander";
import cliProgress from "cli-progress";
import { loadConfig } from "../config.js";
import { openDb } from "../../db/connection.js";
import { importFiles, importMappedTable, type ImportProgress, type ImportResult } from "../../db/import/import.service.js";
import { PRESETS, readTable } from "../../db/mapping/index.js";
import { resolveMapping } from "./mapping.command.js";
import { formatRowError } from "../../db/writes/index.js";
import type { ImportFormat } from "../../db/import/source.reader.js";
import { basename } from "node:path";
import { trackRun, type RunReport } from "../../db/mapping/ingest-run.js";
import { printRunReport } from "./run-report.js";
import { userError } from "../user-error.js";

interface ImportFlags {
  initiatives?: string;
  events?: string;
  from?: string;
  mapping?: string;
  sheet?: string;
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

function printResult(r: ImportResult, report: RunReport): void {
  for (const e of r.errors) console.error(formatRowError(e));
  if (r.moreErrors > 0) console.error(`... and ${r.moreErrors} more errors`);
  const counts = `${r.initiativesCreated} initiatives new, ${r.initiativesUnchanged} unchanged; ${r.eventsAdded} events new, ${r.eventsUnchanged} unchanged`;
  if (r.errors.length > 0) console.error(`import refused: ${r.errors.length + r.moreErrors} errors; nothing was written (${r.files.join(", ")})`);
  else if (r.dryRun) console.log(`dry run, nothing written: would import ${counts}`);
  else console.log(`imported ${counts}`);
  printRunReport(r, report);
}

/**
 * `hub import`: canonical initiatives/events files (CSV, JSON array or JSON Lines), or one tool's
 * CSV or XLSX export through a mapping file or preset (`--mapping FILE|PRESET EXPORT`; `--from
 * TOOL` is the preset of that name, as before). One transaction: any error → nothing written,
 * exit 1.
 */
export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("Import initiatives and stage events (canonical CSV/JSON, or a tool's CSV/XLSX export with --mapping). Validates every row; writes nothing unless all are valid.")
    .argument("[file]", "with --mapping or --from: the tool's export (.csv or .xlsx)")
    .option("--initiatives <file>", "canonical initiatives file (id,title,lead_borough,boroughs,partners,tool,practices,status,created_at)")
    .option("--events <file>", "canonical events file (initiative_id,stage,borough,kind,at,source,source_ref)")
    .option("--mapping <file|preset>", `read a tool's export through a mapping file (YAML) or a preset (${PRESETS.join(", ")})`)
    .option("--from <tool>", `the same as --mapping with a preset (${PRESETS.join(", ")})`)
    .option("--sheet <name>", "with an .xlsx export: the worksheet to read (default the first)")
    .option("--format <format>", "csv or json (JSON array or JSON Lines); default from each file's extension")
    .option("--dry-run", "validate and report; write nothing")
    .option("--lead-borough <code>", "with --mapping: GSS code of the London borough leading rows that name no London authority")
    .option("--as-of <date>", "with --mapping: the date treated as today (YYYY-MM-DD); later review dates are plans, not events")
    .option("--db <path>", "database file (default: IGHUB_DB or data/ighub.db)")
    .action(async (file: string | undefined, flags: ImportFlags) => {
      if (flags.format !== undefined && flags.format !== "csv" && flags.format !== "json")
        throw userError(`--format must be csv or json (got ${JSON.stringify(flags.format)})`);
      const format = flags.format as ImportFormat | undefined;
      const config = loadConfig(process.env, flags.db ? { dbPath: flags.db } : {});
      if (flags.from !== undefined && flags.mapping !== undefined) throw userError("give --mapping or --from, not both (--from TOOL is --mapping with a preset)");
      const mappingFlag = flags.mapping !== undefined ? "--mapping" : "--from";
      const mappingArg = flags.mapping ?? flags.from;
      if (mappingArg !== undefined) {
        if (flags.from !== undefined && !(PRESETS as readonly string[]).includes(flags.from))
          throw userError(`--from: no preset for tool ${JSON.stringify(flags.from)}; expected one of ${PRESETS.join(", ")} (or --mapping FILE for a mapping file of your own)`);
        if (!file) throw userError(`${mappingFlag} ${mappingArg} needs the export file: hub import ${mappingFlag} ${mappingArg} EXPORT.csv|.xlsx`);
        if (flags.initiatives || flags.events) throw userError(`${mappingFlag} imports one tool export; give --initiatives/--events in a separate import`);
        if (flags.format !== undefined) throw userError(`--format applies to canonical files; an export through ${mappingFlag} is read by its extension (.csv or .xlsx)`);
      } else {
        if (file) throw userError(`unexpected argument ${JSON.stringify(file)}; expected --initiatives FILE and/or --events FILE (or --from TOOL FILE, or --mapping FILE|PRESET FILE)`);
        if (!flags.initiatives && !flags.events) throw userError("nothing to import: give --initiatives FILE and/or --events FILE, or --from TOOL FILE");
        if (flags.sheet !== undefined) throw userError("--sheet applies to an .xlsx export read with --mapping");
      }
      if (flags.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.asOf)) throw userError(`--as-of must be a date YYYY-MM-DD (got ${JSON.stringify(flags.asOf)})`);
      // The mapping and the export are read before the database is opened: a bad file writes nothing.
      const mapping = mappingArg !== undefined ? resolveMapping(mappingArg) : null;
      const table = mapping ? await readTable(file!, { sheet: flags.sheet }) : null;
      const db = openDb(config.dbPath);
      const progress = progressReporter();
      try {
        // The actor each import names itself by (see import.service.ts), given here so that the run's events are found by it.
        const label = mapping ? `${mapping.tool}:${basename(table!.file)}` : [flags.initiatives, flags.events].filter((f): f is string => !!f).map((f) => basename(f)).join(" + ");
        const actor = `import:${label}`;
        const { result, report } = await trackRun(db, { source: "import", label, actor, mapping }, () =>
          mapping
            ? importMappedTable(db, mapping, table!, {
                actor,
                dryRun: flags.dryRun,
                leadBorough: flags.leadBorough,
                asOf: flags.asOf,
                onProgress: progress.report,
                // --from keeps what the TypeScript mapping did (partner slugs from names), so data it imported re-imports unchanged.
                matchKnownPartners: flags.from === undefined,
              })
            : importFiles(db, { initiatives: flags.initiatives, events: flags.events, format, actor, dryRun: flags.dryRun, onProgress: progress.report }),
        );
        progress.stop();
        printResult(result, report);
        if (result.errors.length > 0) process.exitCode = 1;
      } finally {
        progress.stop();
        db.close();
      }
    });
}
