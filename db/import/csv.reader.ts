import { createReadStream } from "node:fs";
import { clipped } from "./canonical.js";
import { CsvSplitter, CsvSyntaxError } from "./csv.split.mjs";
import { SourceFileError, type ReadHandlers, type SourceRow } from "./source.row.js";
import { invalidUtf8Problem, utf8Decoder } from "./utf8.mjs";

/**
 * CSV import files (RFC 4180, header row) read, split and handed over on this thread, and the
 * setting that says when csv.thread.ts reads them in a worker thread instead.
 */

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
export function csvRecords(file: string, h: ReadHandlers) {
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
        throw new SourceFileError(file, line, String(Math.min(record.length, header.length) + 1), `found ${record.length} fields; expected ${header.length}, one per header column (${clipped(header.join(","))})`);
      // One row object, refilled per record (handlers read it at once): no allocation per row.
      current = record;
      row.values = record;
      row.line = line;
      h.onRow(row);
    },
  };
}

/** The refusal of a file that is not UTF-8, at the line of its first bad byte (invalid bytes are never read as U+FFFD). */
export function notUtf8(file: string): SourceFileError {
  const { line, detail } = invalidUtf8Problem(file);
  return new SourceFileError(file, line, "-", detail);
}

export function syntaxError(file: string, err: unknown): unknown {
  return err instanceof CsvSyntaxError ? new SourceFileError(file, err.line, "-", err.detail) : err;
}

/** Reads, splits and hands over the records on this thread. */
export function readCsvHere(file: string, size: number, h: ReadHandlers): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { highWaterMark: csvReading.chunkBytes });
    const decoder = utf8Decoder();
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
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        return fail(notUtf8(file));
      }
      if (text.length === 0) return; // a chunk that ends inside a character
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
        const tail = decoder.decode();
        if (tail) splitter.push(tail);
      } catch {
        return fail(notUtf8(file));
      }
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

