// The reading thread of a CSV import (see readCsvInWorker in db/import/csv.thread.ts): reads the
// file, decodes it and finds its records while the main thread validates and inserts the records
// before them. Plain JavaScript without dependencies so that it loads the same way under tsx,
// vitest and node.
//
// Records cross to the main thread in batches of one string and three typed arrays, no object per
// row. `text` holds the batch's records one after another, each followed by one separator
// character; `recordEnds[r]` is where record r ends in it. A record without quotes is its line as
// the file has it (the main thread splits it at its commas); a record with quotes has its fields,
// unquoted, joined with one separator character, and `fieldCounts[r]` > 0 fields whose ends are the
// next entries of `fieldEnds`. `lines[r]` is the line the record starts on. `bytes` (or -1) is the
// progress to report after the batch: a batch that ends a chunk of the file carries it. After the
// batches: {type:"syntax", line, detail} (bad CSV), {type:"io", message} (unreadable) or {type:"end"}.
// Flow control: `flow[0]` counts the batches the main thread has finished; the worker stays at most
// `ahead` batches in front of it, so memory does not grow with the file. `flow[1]` set to 1 tells it
// to stop.
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { CsvSplitter, CsvSyntaxError } from "./csv.split.mjs";
import { invalidUtf8Problem, utf8Decoder } from "./utf8.mjs";

const { file, chunkBytes, batchRows, ahead } = workerData;
const flow = new Int32Array(workerData.flow);

let sent = 0;
let pieces = [];
let length = 0;
let recordEnds = [];
let fieldCounts = [];
let fieldEnds = [];
let lines = [];

/**
 * Waits while the worker is `ahead` batches in front of the main thread, then until the main thread
 * has caught up to half of that (work in bursts, not a wake-up per batch); false when told to stop.
 */
function room() {
  if (sent - Atomics.load(flow, 0) < ahead) return Atomics.load(flow, 1) === 0;
  for (;;) {
    if (Atomics.load(flow, 1) !== 0) return false;
    const done = Atomics.load(flow, 0);
    if (sent - done <= ahead >> 1) return true;
    Atomics.wait(flow, 0, done, 100);
  }
}

function post(bytes) {
  if (!room()) return false;
  const batch = {
    type: "batch",
    text: pieces.join("\n"),
    recordEnds: Uint32Array.from(recordEnds),
    fieldCounts: Uint32Array.from(fieldCounts),
    fieldEnds: Uint32Array.from(fieldEnds),
    lines: Uint32Array.from(lines),
    bytes,
  };
  parentPort.postMessage(batch, [batch.recordEnds.buffer, batch.fieldCounts.buffer, batch.fieldEnds.buffer, batch.lines.buffer]);
  sent++;
  pieces = [];
  length = 0;
  recordEnds = [];
  fieldCounts = [];
  fieldEnds = [];
  lines = [];
  return true;
}

class Stopped extends Error {}

/** The first comma at or after the last place looked at, in the text the splitter is working on (-1: look again). */
let nextComma = -1;

function added(line) {
  lines.push(line);
  if (lines.length >= batchRows && !post(-1)) throw new Stopped();
}

const splitter = new CsvSplitter(
  (fields, line) => {
    let at = length;
    for (let k = 0; k < fields.length; k++) {
      at += fields[k].length;
      fieldEnds.push(at);
      at++;
    }
    const text = fields.join("\n");
    pieces.push(text);
    length += text.length + 1;
    recordEnds.push(length - 1);
    fieldCounts.push(fields.length);
    added(line);
  },
  (text, start, end, line) => {
    // The line as the file has it: its commas are the separators, its fields end before them.
    const base = length - start;
    let count = 1;
    let p = start;
    for (;;) {
      if (nextComma < p) {
        nextComma = text.indexOf(",", p);
        if (nextComma < 0) nextComma = Infinity;
      }
      if (nextComma >= end) break;
      fieldEnds.push(base + nextComma);
      count++;
      p = nextComma + 1;
    }
    fieldEnds.push(base + end);
    pieces.push(text.slice(start, end));
    length += end - start + 1;
    recordEnds.push(length - 1);
    fieldCounts.push(count);
    added(line);
  },
);

function run() {
  let fd;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    parentPort.postMessage({ type: "io", message: err.message });
    return;
  }
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    const decoder = utf8Decoder();
    let bytes = 0;
    for (;;) {
      let n;
      try {
        n = readSync(fd, buf, 0, chunkBytes, null);
      } catch (err) {
        parentPort.postMessage({ type: "io", message: err.message });
        return;
      }
      if (n === 0) break;
      // As createReadStream({encoding: "utf8"}) hands it to the same-thread reader, chunk for chunk.
      const text = decoder.decode(n === chunkBytes ? buf : buf.subarray(0, n), { stream: true });
      if (text.length === 0) continue; // a chunk that ends inside a character: the stream emits nothing either
      bytes += Buffer.byteLength(text);
      nextComma = -1;
      splitter.push(text);
      if (!post(bytes)) return;
    }
    const tail = decoder.decode();
    if (tail) {
      bytes += Buffer.byteLength(tail);
      nextComma = -1;
      splitter.push(tail);
      if (!post(bytes)) return;
    }
    nextComma = -1;
    splitter.end();
    if (lines.length > 0 && !post(-1)) return;
    parentPort.postMessage({ type: "end" });
  } catch (err) {
    if (err instanceof Stopped) return;
    if (err instanceof TypeError && err.code === "ERR_ENCODING_INVALID_ENCODED_DATA") {
      // Not UTF-8 (the strict decoder threw): refused at the line of the first bad byte.
      if (lines.length > 0 && !post(-1)) return;
      parentPort.postMessage({ type: "syntax", ...invalidUtf8Problem(file) });
      return;
    }
    if (!(err instanceof CsvSyntaxError)) throw err;
    // The records before the bad one go first, as the same-thread reader hands them over first.
    if (lines.length > 0 && !post(-1)) return;
    parentPort.postMessage({ type: "syntax", line: err.line, detail: err.detail });
  } finally {
    closeSync(fd);
  }
}

run();
