import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import { Worker } from "node:worker_threads";
import { CsvSplitter, CsvSyntaxError } from "./csv.split.mjs";

/**
 * Streaming readers for import files: CSV (RFC 4180, header row) and JSON (an array of objects, or
 * JSON Lines). Records are handed to a callback one at a time as the file streams in, so memory
 * does not grow with the file. Each record carries its line, and field names as the file spells them.
 */

export type ImportFormat = "csv" | "json";

/** One record of a source file. `get` returns a field's raw value (arrays only from JSON). */
export interface SourceRow {
  line: number;
  get(field: string): unknown;
  /** The record's own field names (JSON records, whose keys vary); absent for CSV (the header names them). */
  keys?(): string[];
  /** CSV: the record's raw fields in header order (readers that index columns once skip `get`). */
  values?: string[];
}

/** A problem with the file itself (not one record): unreadable, bad syntax, a missing column. */
export class SourceFileError extends Error {
  readonly userFacing = true;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: column ${column}: ${detail}`);
    this.name = "SourceFileError";
  }
}

export interface ReadHandlers {
  /** Called once with the field names (CSV header; for JSON, the keys of the first record). Throw to refuse the file. */
  onHeader(fields: string[]): void;
  /** Called for each record. The row object may be reused for the next record: read it before returning. */
  onRow(row: SourceRow): void;
  /** Bytes read so far and the file size. */
  onProgress?(bytes: number, total: number): void;
  /** How columns are named in errors: CSV `3 (borough)`, JSON the key. Set by the reader before rows arrive. */
  onColumnNamer?(namer: (field: string) => string): void;
}

/** The format of a file: explicit, else from its extension (`.json`, `.jsonl`, `.ndjson` → json; otherwise csv). */
export function formatOf(file: string, explicit?: ImportFormat): ImportFormat {
  if (explicit) return explicit;
  const ext = extname(file).toLowerCase();
  return ext === ".json" || ext === ".jsonl" || ext === ".ndjson" ? "json" : "csv";
}

/** Streams a file in the given format into the handlers. Rejects with SourceFileError on bad syntax. */
export async function readSource(file: string, format: ImportFormat, handlers: ReadHandlers): Promise<void> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new SourceFileError(file, 0, "-", `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); expected a readable ${format.toUpperCase()} file`);
  }
  return format === "csv" ? readCsv(file, size, handlers) : readJson(file, size, handlers);
}

/**
 * How a CSV file is read. "same": on this thread. "auto": a file of at least `workerMinBytes` is
 * read and split in a worker thread (db/import/csv.worker.mjs) while this thread validates and
 * inserts the records before, a smaller one on this thread (starting a thread costs more than it
 * saves); "worker" forces the thread (tests compare the two). If the thread cannot start, the file
 * is read on this thread. Default "same": on the shared 2-core machine the thread took ~0.4 s off
 * the main thread's CPU for a million events but cost ~0.5-0.8 s of CPU on the other core, and
 * `npm run bench:import` measured no better wall time (see bench/import.bench.ts --csv-thread to
 * compare on a quiet machine).
 */
export const csvReading: {
  mode: "auto" | "worker" | "same";
  workerMinBytes: number;
  /** Bytes taken from the file at a time, on either thread (progress is reported per chunk). */
  chunkBytes: number;
  /** Records per batch handed over by the worker, and how many batches it may be ahead. */
  batchRows: number;
  ahead: number;
} = {
  mode: "same",
  workerMinBytes: 4 << 20,
  chunkBytes: 1 << 20,
  batchRows: 4096,
  ahead: 32,
};

/**
 * The main-thread half of reading a CSV file, the same whichever thread splits it: the first record
 * is the header, every other one must have as many fields; hands the records to the handlers.
 */
function csvRecords(file: string, h: ReadHandlers) {
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let current: string[] = [];
  const row: SourceRow = {
    line: 0,
    get: (field) => {
      const i = index.get(field);
      return i === undefined ? undefined : current[i];
    },
  };
  return {
    hasHeader: () => header !== null,
    record(record: string[], line: number): void {
      if (header === null) {
        header = record.map((s) => s.trim());
        index = new Map(header.map((name, i) => [name, i]));
        h.onColumnNamer?.((field) => (index.has(field) ? `${index.get(field)! + 1} (${field})` : field));
        h.onHeader(header);
        return;
      }
      if (record.length !== header.length)
        throw new SourceFileError(file, line, String(Math.min(record.length, header.length) + 1), `found ${record.length} fields; expected ${header.length}, one per header column (${header.join(",")})`);
      // One row object, refilled per record (handlers read it at once): no allocation per row.
      current = record;
      row.values = record;
      row.line = line;
      h.onRow(row);
    },
  };
}

function syntaxError(file: string, err: unknown): unknown {
  return err instanceof CsvSyntaxError ? new SourceFileError(file, err.line, "-", err.detail) : err;
}

function inWorker(size: number): boolean {
  return csvReading.mode === "worker" || (csvReading.mode === "auto" && size >= csvReading.workerMinBytes);
}

function readCsv(file: string, size: number, h: ReadHandlers): Promise<void> {
  if (!inWorker(size)) return readCsvHere(file, size, h);
  const early = started.get(file);
  started.delete(file);
  return readCsvInWorker(file, size, h, early ?? startCsvThread(file));
}

type CsvThreadEvent = { kind: "message"; m: WorkerMessage } | { kind: "error"; err: Error } | { kind: "exit"; code: number };

/** A reading thread, and what it said before a reader listened (see {@link startReading}). */
interface CsvThread {
  worker: Worker;
  flow: Int32Array;
  pending: CsvThreadEvent[];
  listen?: (e: CsvThreadEvent) => void;
}

/** Reading threads started ahead of their reader, by file. */
const started = new Map<string, CsvThread>();

function startCsvThread(file: string): CsvThread | null {
  const flow = new Int32Array(new SharedArrayBuffer(8));
  let worker: Worker;
  try {
    worker = new Worker(new URL("./csv.worker.mjs", import.meta.url), {
      workerData: { file, chunkBytes: csvReading.chunkBytes, batchRows: csvReading.batchRows, ahead: csvReading.ahead, flow: flow.buffer },
      // Plain JavaScript importing only node: modules: none of the parent's loaders (tsx's cost a
      // second loader thread and ~0.1 s of CPU per start).
      execArgv: [],
    });
  } catch {
    return null;
  }
  const t: CsvThread = { worker, flow, pending: [] };
  const deliver = (e: CsvThreadEvent) => (t.listen ? t.listen(e) : t.pending.push(e));
  worker.on("message", (m: WorkerMessage) => deliver({ kind: "message", m }));
  worker.on("error", (err) => deliver({ kind: "error", err }));
  worker.on("exit", (code) => deliver({ kind: "exit", code }));
  return t;
}

function stopCsvThread(t: CsvThread): void {
  Atomics.store(t.flow, 1, 1);
  Atomics.notify(t.flow, 0);
  void t.worker.terminate();
}

/**
 * Starts reading a file that {@link readSource} will read later, while the caller does other work
 * (an import starts on its events file while it takes the initiatives): a large CSV file's thread
 * starts and splits its first batches now. Returns a function that stops the thread if readSource
 * did not take it (call it when done, whatever happened).
 */
export function startReading(file: string, format: ImportFormat): () => void {
  if (format !== "csv" || started.has(file)) return () => {};
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return () => {};
  }
  if (!inWorker(size)) return () => {};
  const t = startCsvThread(file);
  if (!t) return () => {};
  started.set(file, t);
  return () => {
    if (started.get(file) !== t) return;
    started.delete(file);
    stopCsvThread(t);
  };
}

/** Reads, splits and hands over the records on this thread. */
function readCsvHere(file: string, size: number, h: ReadHandlers): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { encoding: "utf8", highWaterMark: csvReading.chunkBytes });
    const records = csvRecords(file, h);
    let bytes = 0;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(syntaxError(file, err));
    };
    const splitter = new CsvSplitter((record, line) => records.record(record, line));
    input.on("data", (chunk: string | Buffer) => {
      if (failed) return;
      const text = String(chunk);
      bytes += Buffer.byteLength(text);
      try {
        splitter.push(text);
        h.onProgress?.(bytes, size);
      } catch (err) {
        fail(err);
      }
    });
    input.on("error", (err) => fail(new SourceFileError(file, 0, "-", `cannot read the file (${err.message})`)));
    input.on("end", () => {
      if (failed) return;
      try {
        splitter.end();
      } catch (err) {
        return fail(err);
      }
      if (!records.hasHeader()) return fail(new SourceFileError(file, 1, "-", "the file is empty; expected a header row"));
      resolve();
    });
  });
}

type WorkerMessage =
  | { type: "batch"; text: string; recordEnds: Uint32Array; fieldCounts: Uint32Array; fieldEnds: Uint32Array; lines: Uint32Array; bytes: number }
  | { type: "syntax"; line: number; detail: string }
  | { type: "io"; message: string }
  | { type: "end" };

/**
 * Reads and splits the file in a worker thread (db/import/csv.worker.mjs) while this thread takes
 * the records in batches: the same records, lines, errors and progress as {@link readCsvHere}.
 */
function readCsvInWorker(file: string, size: number, h: ReadHandlers, thread: CsvThread | null): Promise<void> {
  if (!thread) return readCsvHere(file, size, h);
  const t = thread;
  return new Promise((resolve, reject) => {
    const flow = t.flow;
    const records = csvRecords(file, h);
    let received = false;
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      stopCsvThread(t);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onMessage = (m: WorkerMessage) => {
      if (settled) return;
      received = true;
      try {
        if (m.type === "batch") {
          const { text, recordEnds, fieldCounts, fieldEnds, lines } = m;
          let start = 0;
          let k = 0;
          for (let r = 0; r < lines.length; r++) {
            const end = recordEnds[r]!;
            const n = fieldCounts[r]!;
            const record: string[] = new Array(n);
            let at = start;
            for (let j = 0; j < n; j++) {
              const e = fieldEnds[k++]!;
              record[j] = text.slice(at, e);
              at = e + 1;
            }
            start = end + 1;
            records.record(record, lines[r]!);
          }
          if (m.bytes >= 0) h.onProgress?.(m.bytes, size);
          Atomics.add(flow, 0, 1);
          Atomics.notify(flow, 0);
        } else if (m.type === "syntax") settle(new SourceFileError(file, m.line, "-", m.detail));
        else if (m.type === "io") settle(new SourceFileError(file, 0, "-", `cannot read the file (${m.message})`));
        else if (!records.hasHeader()) settle(new SourceFileError(file, 1, "-", "the file is empty; expected a header row"));
        else settle();
      } catch (err) {
        settle(err);
      }
    };
    const onError = (err: Error) => {
      if (settled) return;
      if (!received) {
        // The thread could not start (or failed before its first batch): read on this thread instead.
        settled = true;
        stopCsvThread(t);
        readCsvHere(file, size, h).then(resolve, reject);
        return;
      }
      settle(err);
    };
    const onEvent = (e: CsvThreadEvent) => {
      if (e.kind === "message") onMessage(e.m);
      else if (e.kind === "error") onError(e.err);
      else settle(new Error(`the CSV reading thread of ${file} stopped (exit code ${e.code}) before the end of the file`));
    };
    // What the thread said before this reader listened (it started early: startReading), then the rest as it comes.
    for (const e of t.pending.splice(0)) onEvent(e);
    t.listen = onEvent;
  });
}

/**
 * JSON: an array of objects (`[{...},{...}]`) or JSON Lines (one object per line). The file is
 * scanned as it streams and each top-level object is parsed on its own, so an array of a million
 * events is never held whole.
 */
function readJson(file: string, size: number, h: ReadHandlers): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
    let bytes = 0;
    let mode: "array" | "lines" | null = null;
    let depth = 0;
    let inString = false;
    let escape = false;
    let line = 1;
    let objLine = 0;
    let pending = "";
    let collecting = false;
    let ended = false;
    let headerSent = false;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(err);
    };
    const emit = (text: string, at: number) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new SourceFileError(file, at, "-", `not valid JSON: ${(err as Error).message}; expected an object per record`);
      }
      const obj = value as Record<string, unknown>;
      if (!headerSent) {
        headerSent = true;
        h.onColumnNamer?.((field) => field);
        h.onHeader(Object.keys(obj));
      }
      h.onRow({ line: at, get: (field) => obj[field], keys: () => Object.keys(obj) });
    };
    input.on("data", (chunk: string | Buffer) => {
      const text = String(chunk);
      bytes += Buffer.byteLength(text);
      try {
        let start = collecting ? 0 : -1;
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (inString) {
            if (escape) escape = false;
            else if (c === 92 /* \ */) escape = true;
            else if (c === 34 /* " */) inString = false;
            continue;
          }
          if (c === 10) {
            line++;
            continue;
          }
          if (c === 32 || c === 9 || c === 13 || (c === 0xfeff && mode === null)) continue;
          if (mode === null) {
            mode = c === 91 /* [ */ ? "array" : "lines";
            if (mode === "array") {
              depth = 1;
              continue;
            }
          }
          const base = mode === "array" ? 1 : 0;
          if (ended) throw new SourceFileError(file, line, "-", "unexpected text after the closing ]; expected the end of the file");
          if (c === 34) {
            inString = true;
            if (depth === base) throw new SourceFileError(file, line, "-", "found a string where a record belongs; expected an object {...}");
            continue;
          }
          if (c === 123 /* { */ || c === 91 /* [ */) {
            if (depth === base) {
              if (c === 91) throw new SourceFileError(file, line, "-", "found an array where a record belongs; expected an object {...}");
              collecting = true;
              start = i;
              objLine = line;
              pending = "";
            }
            depth++;
            continue;
          }
          if (c === 125 /* } */ || c === 93 /* ] */) {
            depth--;
            if (depth === base && collecting) {
              const piece = pending + text.slice(start, i + 1);
              collecting = false;
              pending = "";
              emit(piece, objLine);
            } else if (mode === "array" && depth === 0) ended = true;
            else if (depth < base) throw new SourceFileError(file, line, "-", "unbalanced brackets; expected an array of objects or one object per line");
            continue;
          }
          if (depth === base) {
            if (c === 44 /* , */ && mode === "array") continue;
            throw new SourceFileError(file, line, "-", `unexpected ${JSON.stringify(String.fromCharCode(c))} between records; expected an object {...}`);
          }
        }
        if (collecting) pending += text.slice(start < 0 ? 0 : start);
        h.onProgress?.(bytes, size);
      } catch (err) {
        fail(err);
      }
    });
    input.on("error", (err) => fail(new SourceFileError(file, 0, "-", `cannot read the file (${err.message})`)));
    input.on("end", () => {
      if (failed) return;
      if (collecting || inString || (mode === "array" && !ended))
        return fail(new SourceFileError(file, line, "-", "the JSON ends in the middle of a record; expected complete objects (and a closing ] for an array)"));
      if (!headerSent) {
        h.onColumnNamer?.((field) => field);
        h.onHeader([]);
      }
      resolve();
    });
  });
}
