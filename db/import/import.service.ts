import { basename } from "node:path";
import type { HubDb } from "../connection.js";
import { loadReferenceData } from "../reference/index.js";
import { withImportSettings } from "../writes/bulk-load.js";
import { WriteSession, shown, type RecordPosition, type WriteSummary } from "../writes/index.js";
import { EVENT_COLUMNS, INITIATIVE_COLUMNS, SIGNER_SYNONYM, canonicalEventHeader, OPTIONAL_EVENT_COLUMNS, OPTIONAL_INITIATIVE_COLUMNS, clipped, eventFromRow, eventReader, headerProblem, initiativeFromRow, jsonTypeProblems } from "./canonical.js";
import { applyMapping, type MappingOptions, type ToolMapping } from "./mapping.js";
import { SourceFileError, formatOf, readSource, startReading, type ImportFormat, type SourceRow } from "./source.reader.js";
import { applyMapping as applyMappingFile, feedMappingResult, type ApplyContext, type Mapping, type Table } from "../mapping/index.js";
import type { EventRecord, InitiativeRecord, RowError } from "../writes/index.js";

/** Which part of an import is running, and how far it got (bytes for files, stages for cycles). */
export interface ImportProgress {
  phase: "initiatives" | "events" | "cycles";
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Canonical initiatives file (`initiatives.csv` columns). */
  initiatives?: string;
  /** Canonical events file (`events.csv` columns). */
  events?: string;
  /** csv or json; default from each file's extension. */
  format?: ImportFormat;
  /** Validate and report; write nothing. */
  dryRun?: boolean;
  /** Who imports (default `import:<file names>`). */
  actor?: string;
  onProgress?: (p: ImportProgress) => void;
  now?: () => number;
}

/** The outcome of an import: the session summary (errors included) and the files read. */
export interface ImportResult extends WriteSummary {
  files: string[];
}

/** One finished import (committed or not) into `db`. */
export interface ImportDone {
  db: HubDb;
  result: ImportResult;
}

const importListeners = new Set<(done: ImportDone) => void>();

/**
 * Calls `listener` after every import in this process (the server counts imported rows for
 * /metrics; db/ knows nothing of how). Returns the function that stops it.
 */
export function onImportDone(listener: (done: ImportDone) => void): () => void {
  importListeners.add(listener);
  return () => importListeners.delete(listener);
}

function announce(db: HubDb, result: ImportResult): ImportResult {
  for (const listener of importListeners) listener({ db, result });
  return result;
}

/** A JSON record's keys that are not columns of the format, as a problem message, or null. */
function unknownKeys(keys: readonly string[], known: readonly string[]): string | null {
  const unknown = keys.filter((k) => !known.includes(k));
  return unknown.length ? `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map(clipped).join(", ")}; expected keys from ${known.join(", ")}` : null;
}

/** Refuses a JSON record with a key the format does not know; true when it did. */
function unknownKeyOfRow(session: WriteSession, pos: RecordPosition, keys: string[], known: readonly string[]): boolean {
  const unknown = keys.filter((k) => !known.includes(k));
  for (const k of unknown) session.fail(pos, clipped(k), `unknown key ${shown(k)}; expected keys from ${known.join(", ")}`);
  return unknown.length > 0;
}

/** Refuses a JSON record with a value of the wrong type (see jsonTypeProblems); true when it did. */
function wrongTypeOfRow(session: WriteSession, pos: RecordPosition, row: SourceRow, keys: string[]): boolean {
  const problems = jsonTypeProblems(row, keys);
  for (const [field, message] of problems) session.fail(pos, field, message);
  return problems.length > 0;
}

function fileError(session: WriteSession, err: SourceFileError): void {
  session.fail({ file: err.file, line: err.line, column: () => err.column }, "-", err.detail);
}

/**
 * Imports canonical initiatives and events files in one transaction: every row is validated
 * (see db/writes/), every problem is reported with file, line and column, and nothing is
 * written unless the whole import is clean. Loads the reference data first (a new database gets
 * it, never demo data) and marks the database as holding imported data.
 */
export async function importFiles(db: HubDb, opts: ImportOptions): Promise<ImportResult> {
  return announce(db, await withImportSettings(db, () => importCanonical(db, opts)));
}

async function importCanonical(db: HubDb, opts: ImportOptions): Promise<ImportResult> {
  const files = [opts.initiatives, opts.events].filter((f): f is string => !!f);
  if (files.length === 0) throw Object.assign(new Error("nothing to import: give --initiatives FILE and/or --events FILE"), { userFacing: true });
  loadReferenceData(db);
  const label = files.map((f) => basename(f)).join(" + ");
  const session = new WriteSession(db, { actor: opts.actor ?? `import:${label}`, dryRun: opts.dryRun, importLabel: label, now: opts.now, bulk: true }).begin();
  // A large events file starts being read and split in its thread while the initiatives are taken.
  const stopEarlyReading = opts.events ? startReading(opts.events, formatOf(opts.events, opts.format)) : () => {};
  try {
    if (opts.initiatives) {
      const file = opts.initiatives;
      const format = formatOf(file, opts.format);
      let hasPurpose = false;
      let pos: RecordPosition = { file, line: 0 };
      await readSource(file, format, {
        onColumnNamer: (namer) => {
          pos = { file, line: 0, column: namer };
          session.setColumnNamer(file, namer);
        },
        onHeader: (fields) => {
          hasPurpose = fields.includes("purpose");
          // JSON records may leave out empty fields, but a key the format does not know is refused (a misspelt key would read as empty).
          const problem = format === "csv" ? headerProblem(fields, INITIATIVE_COLUMNS, OPTIONAL_INITIATIVE_COLUMNS) : unknownKeys(fields, [...INITIATIVE_COLUMNS, ...OPTIONAL_INITIATIVE_COLUMNS]);
          if (problem) throw new SourceFileError(file, 1, "-", problem);
        },
        onRow: (row) => {
          pos.line = row.line;
          if (row.keys && (unknownKeyOfRow(session, pos, row.keys(), [...INITIATIVE_COLUMNS, ...OPTIONAL_INITIATIVE_COLUMNS]) || wrongTypeOfRow(session, pos, row, row.keys()))) return;
          session.addInitiative(initiativeFromRow(row, hasPurpose || format === "json"), pos);
        },
        onProgress: (done, total) => opts.onProgress?.({ phase: "initiatives", done, total }),
      });
    }
    if (opts.events) {
      const file = opts.events;
      const format = formatOf(file, opts.format);
      let pos: RecordPosition = { file, line: 0 };
      let readEvent = eventFromRow;
      await readSource(file, format, {
        onColumnNamer: (namer) => {
          pos = { file, line: 0, column: namer };
          session.setColumnNamer(file, namer);
        },
        onHeader: (given) => {
          const fields = canonicalEventHeader(given);
          const problem = format === "csv" ? headerProblem(fields, EVENT_COLUMNS, OPTIONAL_EVENT_COLUMNS) : unknownKeys(given, [...EVENT_COLUMNS, ...OPTIONAL_EVENT_COLUMNS, SIGNER_SYNONYM]);
          if (problem) throw new SourceFileError(file, 1, "-", problem);
          readEvent = eventReader(format === "csv" ? fields : null);
        },
        onRow: (row) => {
          pos.line = row.line;
          if (row.keys && (unknownKeyOfRow(session, pos, row.keys(), [...EVENT_COLUMNS, ...OPTIONAL_EVENT_COLUMNS, SIGNER_SYNONYM]) || wrongTypeOfRow(session, pos, row, row.keys()))) return;
          session.addEvent(readEvent(row), pos);
        },
        onProgress: (done, total) => opts.onProgress?.({ phase: "events", done, total }),
      });
    }
  } catch (err) {
    if (!(err instanceof SourceFileError)) {
      session.abort();
      throw err;
    }
    fileError(session, err);
  } finally {
    stopEarlyReading();
  }
  const summary = session.finish((done, total) => opts.onProgress?.({ phase: "cycles", done, total }));
  return { ...summary, files };
}

/**
 * Imports one tool export through its declarative mapping (db/import/mappings): each row
 * becomes a canonical initiative and its events, validated and written exactly as a canonical
 * import is.
 */
export async function importWithMapping(
  db: HubDb,
  mapping: ToolMapping,
  file: string,
  opts: Omit<ImportOptions, "initiatives" | "events"> & MappingOptions,
): Promise<ImportResult> {
  return announce(db, await withImportSettings(db, () => importMapped(db, mapping, file, opts)));
}

async function importMapped(db: HubDb, mapping: ToolMapping, file: string, opts: Omit<ImportOptions, "initiatives" | "events"> & MappingOptions): Promise<ImportResult> {
  loadReferenceData(db);
  const label = `${mapping.tool}:${basename(file)}`;
  const session = new WriteSession(db, { actor: opts.actor ?? `import:${label}`, dryRun: opts.dryRun, importLabel: label, now: opts.now, bulk: true }).begin();
  const authorities = db.sql.prepare("SELECT code, name FROM authorities").all() as { code: string; name: string }[];
  try {
    await applyMapping(mapping, file, formatOf(file, opts.format), authorities, opts, session, (done, total) =>
      opts.onProgress?.({ phase: "initiatives", done, total }),
    );
  } catch (err) {
    if (!(err instanceof SourceFileError)) {
      session.abort();
      throw err;
    }
    fileError(session, err);
  }
  const summary = session.finish((done, total) => opts.onProgress?.({ phase: "cycles", done, total }));
  return { ...summary, files: [file] };
}

/**
 * Imports a tool's export read as a {@link Table} through a mapping file (db/mapping): the rows
 * become canonical records and go through one bulk session, so an export gets the validation,
 * single transaction and idempotence of a canonical import. `hub import --mapping` and
 * `POST /ingest?mapping=` both come here.
 */
export async function importMappedTable(
  db: HubDb,
  mapping: Mapping,
  table: Table,
  opts: Omit<ImportOptions, "initiatives" | "events"> &
    Pick<ApplyContext, "leadBorough" | "asOf"> & {
      /**
       * Give a partner named as a stored organisation is named that organisation's slug (default).
       * false: every partner's slug is its name slugified, as the TypeScript mappings did — what
       * `--from weisf` keeps, so data it imported before re-imports unchanged.
       */
      matchKnownPartners?: boolean;
      /** A bulk session (default; see WriteSessionOptions.bulk); false for a push into a serving hub. */
      bulk?: boolean;
      /** Sees the mapped records before anything is written; throws to refuse them (an HTTP push's borough scope). */
      check?: (initiatives: readonly InitiativeRecord[], events: readonly EventRecord[]) => void;
    },
): Promise<ImportResult> {
  return withImportSettings(db, () => {
    loadReferenceData(db);
    const label = `${mapping.tool}:${basename(table.file)}`;
    const authorities = db.sql.prepare("SELECT code, name FROM authorities").all() as { code: string; name: string }[];
    const organisations = opts.matchKnownPartners === false ? [] : (db.sql.prepare("SELECT slug, name FROM organisations").all() as { slug: string; name: string }[]);
    const result = applyMappingFile(mapping, table, { authorities, organisations, leadBorough: opts.leadBorough, asOf: opts.asOf });
    opts.check?.(
      result.initiatives.map((i) => i.record),
      result.events.map((e) => e.record),
    );
    const session = new WriteSession(db, { actor: opts.actor ?? `import:${label}`, dryRun: opts.dryRun, importLabel: label, now: opts.now, bulk: opts.bulk ?? true }).begin();
    try {
      feedMappingResult(session, result, mapping);
    } catch (err) {
      session.abort();
      throw err;
    }
    const summary = session.finish((done, total) => opts.onProgress?.({ phase: "cycles", done, total }));
    return Promise.resolve({ ...summary, files: [table.file] });
  });
}

/** Records already in canonical form (a connector's output, a JSON push), each with where it came from. */
export interface RecordBatch {
  /** Names the records' "file" in errors, e.g. `icasework` or `initiatives`. */
  initiativesFile: string;
  eventsFile: string;
  initiatives: readonly InitiativeRecord[];
  events: readonly EventRecord[];
  /** Line of record i (default i + 1: the records' position in their list). */
  lineOf?: (kind: "initiative" | "event", index: number) => number;
  /** Problems found while reading the records (an unknown key): the session refuses the batch with them. */
  problems?: readonly RowError[];
}

/**
 * Writes canonical records in one session (initiatives first, then events): the same rules, all
 * or nothing, and a second run of the same records adds nothing. `label` names the audit row.
 */
export async function importRecords(db: HubDb, batch: RecordBatch, label: string, opts: Omit<ImportOptions, "initiatives" | "events"> & { bulk?: boolean } = {}): Promise<ImportResult> {
  return withImportSettings(db, () => {
    loadReferenceData(db);
    const session = new WriteSession(db, { actor: opts.actor ?? `import:${label}`, dryRun: opts.dryRun, importLabel: label, now: opts.now, bulk: opts.bulk ?? true }).begin();
    const line = batch.lineOf ?? ((_kind, i) => i + 1);
    try {
      for (const p of batch.problems ?? []) session.fail({ file: p.file, line: p.line, column: () => p.column }, p.field, p.message);
      batch.initiatives.forEach((rec, i) => session.addInitiative(rec, { file: batch.initiativesFile, line: line("initiative", i) }));
      batch.events.forEach((rec, i) => session.addEvent(rec, { file: batch.eventsFile, line: line("event", i) }));
    } catch (err) {
      session.abort();
      throw err;
    }
    const summary = session.finish((done, total) => opts.onProgress?.({ phase: "cycles", done, total }));
    return Promise.resolve({ ...summary, files: [...new Set([batch.initiativesFile, batch.eventsFile])] });
  });
}
