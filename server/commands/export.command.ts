import type { Command } from "commander";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { loadConfig } from "../config.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { MetricArgumentError } from "../../analytics/metrics/index.js";
import { exportEventsCsv, exportEventsXes, exportInitiativesCsv, validateExportFilter, type ExportFilter, type ExportFilterKey } from "../../db/export/index.js";
import { userError } from "../user-error.js";

interface ExportFlags {
  initiatives?: string;
  events?: string;
  format?: string;
  boroughs?: string;
  tools?: string;
  practices?: string;
  statuses?: string;
  stages?: string;
  createdFrom?: string;
  createdTo?: string;
  search?: string;
  excel?: boolean;
  db?: string;
}

/** A filter key as this command's option (`createdFrom` → `--created-from`). */
const optionOf = (key: ExportFilterKey) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const csvList = (value: string | undefined) => (value ? value.split(",").map((item) => item.trim()).filter(Boolean) : undefined);

/** Writes to `file` through a temporary file renamed at the end, so a failed export leaves no half file. */
async function toFile(file: string, run: (out: Writable) => Promise<number>): Promise<number> {
  const tmp = `${file}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  try {
    const written = await run(out);
    out.end();
    await once(out, "finish");
    renameSync(tmp, file);
    return written;
  } catch (err) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * `hub export`: the canonical CSVs (or an XES event log) of the initiatives matching the same
 * filters as the graph's InitiativeFilter.
 */
export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("Export initiatives and stage events as canonical CSV (re-importable), or the events as an XES log for process mining.")
    .option("--initiatives <file>", "write initiatives.csv here (csv format only)")
    .option("--events <file>", "write the events here (events.csv, or the .xes log with --format xes)")
    .option("--format <format>", "csv (default) or xes")
    .option("--boroughs <codes>", "comma-separated GSS codes: initiatives any of them takes part in")
    .option("--tools <slugs>", "comma-separated tool slugs")
    .option("--practices <slugs>", "comma-separated practice slugs")
    .option("--statuses <list>", "comma-separated statuses (ACTIVE, LIVE, WITHDRAWN, REJECTED)")
    .option("--stages <codes>", "comma-separated stage codes: initiatives that submitted any of them")
    .option("--created-from <date>", "created on or after (YYYY-MM-DD)")
    .option("--created-to <date>", "created on or before (YYYY-MM-DD)")
    .option("--search <text>", "title or purpose contains (case-insensitive)")
    .option("--excel", "CSV for Excel: a UTF-8 byte-order mark and CRLF line ends (the hub imports it too)")
    .option("--db <path>", "database file (default: IGHUB_DB or data/ighub.db)")
    .action(async (flags: ExportFlags) => {
      const format = flags.format ?? "csv";
      if (format !== "csv" && format !== "xes") throw userError(`--format must be csv or xes (got ${JSON.stringify(format)})`);
      if (!flags.initiatives && !flags.events) throw userError("nothing to export: give --initiatives FILE and/or --events FILE");
      if (format === "xes" && flags.initiatives) throw userError("--format xes writes one event log: give --events FILE only (the initiatives are its traces)");
      if (format === "xes" && flags.excel) throw userError("--excel applies to the CSV exports only; the XES log is read by process-mining tools, not Excel");
      const options = { excel: flags.excel === true };
      const config = loadConfig(process.env, flags.db ? { dbPath: flags.db } : {});
      const db: HubDb = openDb(config.dbPath);
      try {
        let filter: ExportFilter;
        try {
          filter = validateExportFilter(
            db.sql,
            {
              boroughs: csvList(flags.boroughs),
              tools: csvList(flags.tools),
              practices: csvList(flags.practices),
              statuses: csvList(flags.statuses),
              stages: csvList(flags.stages),
              createdFrom: flags.createdFrom,
              createdTo: flags.createdTo,
              search: flags.search,
            },
            optionOf,
          );
        } catch (err) {
          if (err instanceof MetricArgumentError) throw userError(err.message);
          throw err;
        }
        if (flags.initiatives) {
          const written = await toFile(flags.initiatives, (out) => exportInitiativesCsv(db, filter, out, options));
          console.log(`${written} initiatives written to ${flags.initiatives}`);
        }
        if (flags.events) {
          const written = await toFile(flags.events, (out) => (format === "xes" ? exportEventsXes(db, filter, out) : exportEventsCsv(db, filter, out, options)));
          console.log(`${written} events written to ${flags.events}${format === "xes" ? " (XES)" : ""}`);
        }
      } finally {
        db.close();
      }
    });
}
