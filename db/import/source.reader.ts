import { statSync } from "node:fs";
import { extname } from "node:path";
import { readCsvHere } from "./csv.reader.js";
import { readCsvInThread, readsInThread } from "./csv.thread.js";
import { readJson } from "./json.reader.js";
import { SourceFileError, type ImportFormat, type ReadHandlers } from "./source.row.js";

/**
 * Streaming readers for import files: CSV (RFC 4180, header row; csv.reader.ts on this thread,
 * csv.thread.ts in a reading thread) and JSON (an array of objects, or JSON Lines; json.reader.ts).
 * Records are handed to a callback one at a time as the file streams in, so memory does not grow
 * with the file. Each record carries its line, and field names as the file spells them.
 */

export { csvReading } from "./csv.reader.js";
export { startReading } from "./csv.thread.js";
export { SourceFileError, type ImportFormat, type ReadHandlers, type SourceRow } from "./source.row.js";

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
  if (format === "json") return readJson(file, size, handlers);
  return readsInThread(size) ? readCsvInThread(file, size, handlers) : readCsvHere(file, size, handlers);
}

