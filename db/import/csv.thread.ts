import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { csvReading, csvRecords, readCsvHere } from "./csv.reader.js";
import { SourceFileError, type ImportFormat, type ReadHandlers } from "./source.row.js";

/**
 * The reading thread of a CSV import: a worker (db/import/csv.worker.mjs) reads and splits the file
 * while this thread validates and inserts the records it hands over in batches. Used when
 * {@link csvReading} says so; a thread that cannot start falls back to reading on this thread.
 */

/** Whether a CSV file of `size` bytes is read in a worker thread (see {@link csvReading}). */
export function readsInThread(size: number): boolean {
  return csvReading.mode === "worker" || (csvReading.mode === "auto" && size >= csvReading.workerMinBytes);
}

/** Reads a CSV file in its reading thread: the one {@link startReading} started, else a new one. */
export function readCsvInThread(file: string, size: number, h: ReadHandlers): Promise<void> {
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
  if (!readsInThread(size)) return () => {};
  const t = startCsvThread(file);
  if (!t) return () => {};
  started.set(file, t);
  return () => {
    if (started.get(file) !== t) return;
    started.delete(file);
    stopCsvThread(t);
  };
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

