import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { importRecords, type ImportResult } from "../../db/import/import.service.js";
import { formatRowError } from "../../db/writes/index.js";
import { ICASEWORK_SOURCE, compareWithStored, correctionReason, loadSyncSettings, syncEvents, syncICasework, vanishedReason, type StoredSyncEvent, type SyncChange } from "../../db/connectors/icasework/index.js";
import { trackRun, type RunReport } from "../../db/mapping/ingest-run.js";
import { printRunReport } from "./run-report.js";
import { userError } from "../user-error.js";

interface SyncFlags {
  baseUrl?: string;
  apiKey?: string;
  secretKey?: string;
  since?: string;
  settings?: string;
  timeout?: string;
  dryRun?: boolean;
  db?: string;
}

/** The events of earlier syncs, to compare a sync's events with. */
function storedSyncEvents(db: HubDb): StoredSyncEvent[] {
  return db.sql
    .prepare("SELECT e.initiative_id, e.stage, e.authority_code AS borough, e.kind, e.at, e.source_ref, EXISTS (SELECT 1 FROM stage_events r WHERE r.retracts = e.id) AS retracted FROM stage_events e WHERE e.source = ? ORDER BY e.id")
    .all(ICASEWORK_SOURCE) as StoredSyncEvent[];
}

/** `2001:stage2:completed → 2001:stage2:completed@r2 (iCasework: DateCompleted changed from … to …)`, after `corrected: `. */
function describeCorrection(c: SyncChange): string {
  return `${c.stored.source_ref} → ${c.revisedRef} (${correctionReason(c)})`;
}

function printResult(r: ImportResult, report: RunReport, listed: number, otherTypes: number): void {
  for (const e of r.errors) console.error(formatRowError(e));
  if (r.moreErrors > 0) console.error(`... and ${r.moreErrors} more errors`);
  const counts = `${r.initiativesCreated} initiatives new, ${r.initiativesUnchanged} unchanged; ${r.eventsAdded} events new, ${r.eventsUnchanged} unchanged (${listed} cases listed, ${otherTypes} not IG cases)`;
  if (r.errors.length > 0) console.error(`sync refused: ${r.errors.length + r.moreErrors} errors; nothing was written`);
  else if (r.dryRun) console.log(`dry run, nothing written: would sync ${counts}`);
  else console.log(`synced ${counts}`);
  printRunReport(r, report);
}

/**
 * `hub sync icasework`: reads the IG cases of a council's iCasework and writes their initiatives
 * and stage events in one transaction. Everything is read before anything is written, so a failed
 * read (credentials, host, timeout, 5xx, a malformed answer) stops with one line and writes
 * nothing; a re-sync adds nothing. An event iCasework now reports differently is corrected: the
 * stored one retracted (with the change as its reason, by the sync's actor) and the new one added;
 * one it no longer reports (a DateCompleted cleared) is retracted, the reason saying so.
 */
export function registerSyncCommand(program: Command): void {
  const sync = program.command("sync").description("Read initiatives and stage events from a tool's API");
  sync
    .command("icasework")
    .description("Sync IG cases from Civica iCasework (REST API: token, getcases, getcasedetails). Writes nothing unless every case is read and valid.")
    .option("--base-url <url>", "the council's iCasework address, e.g. https://{account}.icasework.com/")
    .option("--api-key <key>", "the iCasework API key")
    .option("--secret-key <key>", "the iCasework secret key (signs the token request)")
    .option("--settings <file>", "YAML sync settings: case_types, lead_borough, stages, outcomes, signers")
    .option("--since <date>", "only cases received on or after this date (YYYY-MM-DD)")
    .option("--timeout <seconds>", "give up on a request after this many seconds")
    .option("--dry-run", "read and validate; write nothing")
    .option("--db <path>", "database file (default: IGHUB_DB or data/ighub.db)")
    .action(async (flags: SyncFlags) => {
      const missing = (["baseUrl", "apiKey", "secretKey", "settings"] as const).filter((f) => !flags[f]);
      if (missing.length > 0) throw userError(`sync icasework needs ${missing.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`);
      let timeoutMs: number | undefined;
      if (flags.timeout !== undefined) {
        const seconds = Number(flags.timeout);
        if (!(seconds > 0 && seconds <= 600)) throw userError(`--timeout must be a number of seconds from 1 to 600 (got ${JSON.stringify(flags.timeout)})`);
        timeoutMs = seconds * 1000;
      }
      const settings = loadSyncSettings(flags.settings!);
      const config = loadConfig(process.env, flags.db ? { dbPath: flags.db } : {});
      const synced = await syncICasework({ baseUrl: flags.baseUrl!, apiKey: flags.apiKey!, secretKey: flags.secretKey!, settings, since: flags.since, ...(timeoutMs ? { timeoutMs } : {}) });
      const db = openDb(config.dbPath);
      try {
        // A stage date (or outcome) iCasework changed becomes a correction in the sync's own transaction.
        const comparison = compareWithStored(synced, storedSyncEvents(db));
        const events = syncEvents(comparison, new Date().toISOString());
        const host = new URL(flags.baseUrl!).host;
        const actor = `sync:icasework:${host}`;
        const { result, report } = await trackRun(db, { source: "sync", label: `icasework:${host}`, actor }, () =>
          importRecords(db, { initiativesFile: "icasework", eventsFile: "icasework", initiatives: synced.initiatives, events }, `icasework:${host}`, { actor, dryRun: flags.dryRun, bulk: false }),
        );
        if (result.errors.length === 0) {
          for (const c of comparison.changed) console.log(`${result.dryRun ? "would correct" : "corrected"}: ${describeCorrection(c)}`);
          for (const v of comparison.vanished) console.log(`${result.dryRun ? "would retract" : "retracted"}: ${v.source_ref} (${vanishedReason(v)})`);
        }
        printResult(result, report, synced.listed, synced.otherTypes);
        if (result.errors.length > 0) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
