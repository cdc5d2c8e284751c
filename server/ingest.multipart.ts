import type { IncomingMessage } from "node:http";
import { once } from "node:events";
import { Busboy, type BusboyHeaders, type BusboyInstance } from "@fastify/busboy";
import { EVENT_COLUMNS, INITIATIVE_COLUMNS, OPTIONAL_EVENT_COLUMNS, OPTIONAL_INITIATIVE_COLUMNS, eventReader, headerProblem, initiativeFromRow } from "../db/import/canonical.js";
import { CsvSplitter, CsvSyntaxError } from "../db/import/csv.split.mjs";
import type { RecordBatch } from "../db/import/import.service.js";
import type { SourceRow } from "../db/import/source.row.js";
import type { EventRecord, InitiativeRecord, RowError } from "../db/writes/index.js";
import { PayloadTooLargeError } from "./security/body-limit.js";

// `POST /ingest` as multipart/form-data: the files `initiatives` and `events` in the canonical CSV
// formats (the columns `hub export` writes and `hub import` reads). The body is split by
// @fastify/busboy (maintained by the Fastify team; already installed with Apollo Server's
// @whatwg-node/node-fetch); the CSV text by the import's own splitter.

/** The request's refusal before any record is looked at: 400/415 with a one-line message. */
export class IngestRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The parts a multipart push may carry: files, each at most once. */
export const MULTIPART_PARTS = ["initiatives", "events"] as const;
type PartName = (typeof MULTIPART_PARTS)[number];

/** One uploaded file: its part name, the name errors give it (the upload's file name, else the part's) and its bytes. */
export interface UploadedFile {
  part: PartName;
  file: string;
  bytes: Buffer;
}

const EXPECTED = 'expected multipart/form-data with file parts "initiatives" and/or "events" (canonical CSV)';

/**
 * Reads a multipart body of at most `maxBytes` (413 past it, as for JSON) into its files. Refuses
 * with 400 a body that is not well-formed multipart, a part other than the two files, a form field,
 * a file sent twice, or no file at all.
 */
export async function readMultipart(req: IncomingMessage, maxBytes: number): Promise<Map<PartName, UploadedFile>> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  let parser: BusboyInstance;
  try {
    parser = new Busboy({ headers: req.headers as BusboyHeaders, limits: { parts: MULTIPART_PARTS.length, fileSize: maxBytes, fieldSize: 1024 } });
  } catch (err) {
    throw new IngestRequestError(400, "BAD_USER_INPUT", `the multipart body cannot be read (${(err as Error).message}); ${EXPECTED}`);
  }
  const files = new Map<PartName, UploadedFile>();
  const reading: Promise<void>[] = [];
  let problem: IngestRequestError | null = null;
  const refuse = (message: string) => (problem ??= new IngestRequestError(400, "BAD_USER_INPUT", `${message}; ${EXPECTED}`));
  parser.on("file", (name, stream, filename) => {
    if (!(MULTIPART_PARTS as readonly string[]).includes(name) || files.has(name as PartName) || reading.length >= MULTIPART_PARTS.length) {
      refuse(files.has(name as PartName) ? `the file part "${name}" is sent twice` : `unknown part "${name}"`);
      stream.resume();
      return;
    }
    const part = name as PartName;
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    const file = filename || part;
    files.set(part, { part, file, bytes: Buffer.alloc(0) });
    reading.push(once(stream, "end").then(() => void files.set(part, { part, file, bytes: Buffer.concat(chunks) })));
  });
  parser.on("field", (name) => refuse(`the part "${name}" is a form field, not a file`));
  parser.on("partsLimit", () => refuse(`more than ${MULTIPART_PARTS.length} parts`));
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("finish", resolve);
    parser.on("error", reject);
  });
  finished.catch(() => {}); // awaited below; a 413 thrown first leaves it unobserved
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new PayloadTooLargeError(maxBytes);
    if (!parser.write(chunk)) await Promise.race([once(parser, "drain"), finished]);
  }
  parser.end();
  try {
    await finished;
    await Promise.all(reading);
  } catch (err) {
    throw new IngestRequestError(400, "BAD_USER_INPUT", `the multipart body is malformed (${(err as Error).message}); ${EXPECTED}`);
  }
  if (problem) throw problem;
  if (files.size === 0) throw new IngestRequestError(400, "BAD_USER_INPUT", `nothing to ingest: no file part; ${EXPECTED}`);
  return files;
}

/** The line of the first line of `bytes` that is not UTF-8 (a line break is never inside a character). */
function firstBadLine(bytes: Buffer): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(10, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
    line++;
  }
}

/**
 * Splits one canonical CSV file into rows as `hub import` reads it: the header is checked against
 * the format (a problem at its line and no rows read), every row must have a field per column,
 * and the text must be UTF-8. Problems are added to `problems`; each row goes to `onRow`.
 */
function readCanonicalCsv(upload: UploadedFile, required: readonly string[], optional: readonly string[], problems: RowError[], onRow: (row: SourceRow, header: string[]) => void): void {
  const { file } = upload;
  const fail = (line: number, column: string, message: string) => void problems.push({ file, line, column, field: column, message });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(upload.bytes);
  } catch {
    return fail(firstBadLine(upload.bytes), "-", "the file is not UTF-8 text; expected a UTF-8 CSV file");
  }
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let refused = false;
  const splitter = new CsvSplitter((fields, line) => {
    if (refused) return;
    if (header === null) {
      header = fields.map((f) => f.trim());
      index = new Map(header.map((name, i) => [name, i]));
      const problem = headerProblem(header, required, optional);
      if (problem) {
        refused = true;
        fail(line, "-", problem);
      }
      return;
    }
    if (fields.length !== header.length) return fail(line, String(Math.min(fields.length, header.length) + 1), `found ${fields.length} fields; expected ${header.length}, one per header column (${header.join(",")})`);
    onRow({ line, values: fields, get: (name) => (index.has(name) ? fields[index.get(name)!] : undefined) }, header);
  });
  try {
    splitter.push(text);
    splitter.end();
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return fail(err.line, "-", err.detail);
  }
  if (header === null) fail(1, "-", "the file is empty; expected a header row");
}

/** The canonical records of a multipart push, each with its CSV line, and the problems found reading them. */
export function canonicalRecords(files: Map<PartName, UploadedFile>): RecordBatch & { initiatives: InitiativeRecord[]; events: EventRecord[]; problems: RowError[]; uploaded: string[] } {
  const problems: RowError[] = [];
  const initiatives: InitiativeRecord[] = [];
  const events: EventRecord[] = [];
  const lines = { initiative: [] as number[], event: [] as number[] };
  let initiativesFile = files.get("initiatives");
  let eventsFile = files.get("events");
  // Two uploads of one file name (both "export.csv") are told apart by their part names.
  if (initiativesFile && eventsFile && initiativesFile.file === eventsFile.file) {
    initiativesFile = { ...initiativesFile, file: "initiatives" };
    eventsFile = { ...eventsFile, file: "events" };
  }
  if (initiativesFile)
    readCanonicalCsv(initiativesFile, INITIATIVE_COLUMNS, OPTIONAL_INITIATIVE_COLUMNS, problems, (row, header) => {
      initiatives.push(initiativeFromRow(row, header.includes("purpose")));
      lines.initiative.push(row.line);
    });
  if (eventsFile) {
    let read: ((row: SourceRow) => EventRecord) | null = null;
    readCanonicalCsv(eventsFile, EVENT_COLUMNS, OPTIONAL_EVENT_COLUMNS, problems, (row, header) => {
      read ??= eventReader(header);
      events.push(read(row));
      lines.event.push(row.line);
    });
  }
  return {
    initiativesFile: initiativesFile?.file ?? "initiatives",
    eventsFile: eventsFile?.file ?? "events",
    initiatives,
    events,
    problems,
    lineOf: (kind, i) => lines[kind][i]!,
    /** The files as errors name them, initiatives first. */
    uploaded: [initiativesFile?.file, eventsFile?.file].filter((f): f is string => f !== undefined),
  };
}
