import { createReadStream } from "node:fs";
import { notUtf8 } from "./csv.reader.js";
import { SourceFileError, type ReadHandlers } from "./source.row.js";
import { utf8Decoder } from "./utf8.mjs";

/**
 * JSON: an array of objects (`[{...},{...}]`) or JSON Lines (one object per line). The file is
 * scanned as it streams and each top-level object is parsed on its own, so an array of a million
 * events is never held whole.
 */
export function readJson(file: string, size: number, h: ReadHandlers): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { highWaterMark: 1 << 20 });
    const decoder = utf8Decoder();
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
    input.on("data", (chunk: string | Buffer) => scan(chunk as Buffer));
    const scan = (chunk: Buffer | null) => {
      if (failed) return;
      let text: string;
      try {
        text = chunk === null ? decoder.decode() : decoder.decode(chunk, { stream: true });
      } catch {
        return fail(notUtf8(file));
      }
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
    };
    input.on("error", (err) => fail(new SourceFileError(file, 0, "-", `cannot read the file (${err.message})`)));
    input.on("end", () => {
      scan(null); // the decoder's tail: a sequence cut off at the end of the file is refused
      if (failed) return;
      if (collecting || inString || (mode === "array" && !ended))
        return fail(new SourceFileError(file, line, "-", "the JSON ends in the middle of a record; expected complete objects (and a closing ] for an array)"));
      // Nothing but blanks: refused as an empty CSV file is (an empty array is a file without records).
      if (mode === null) return fail(new SourceFileError(file, 1, "-", "the file is empty; expected a JSON array of objects or one object per line"));
      if (!headerSent) {
        h.onColumnNamer?.((field) => field);
        h.onHeader([]);
      }
      resolve();
    });
  });
}
