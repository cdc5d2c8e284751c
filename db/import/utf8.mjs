// Strict UTF-8 for import files. The readers decode with `utf8Decoder()` (fatal: a byte sequence
// that is not UTF-8 throws instead of becoming U+FFFD), and on that throw `invalidUtf8Problem`
// finds where: the file is read again from the start, which costs nothing on the normal path.
// Plain JavaScript so the CSV reading thread (csv.worker.mjs) loads it as the main thread does.
import { closeSync, openSync, readSync } from "node:fs";

/** A streaming decoder that throws a TypeError on bytes that are not UTF-8; a BOM is kept (the readers drop it). */
export function utf8Decoder() {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
}

/**
 * The first byte of `file` that is not UTF-8 (WHATWG's decoder: no overlong forms, no surrogates,
 * nothing past U+10FFFF, no sequence cut off at the end): `{ line, offset, byte }` with its 1-based
 * line, 0-based byte offset and value (the first byte of a broken sequence; -1 for one cut off at
 * the end), or null when the file is valid UTF-8.
 */
export function firstInvalidUtf8(file) {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let line = 1;
    let offset = 0;
    let need = 0; // continuation bytes still expected
    let lower = 0x80;
    let upper = 0xbf;
    let start = 0; // offset and line of the sequence being read
    let startLine = 1;
    let lead = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++, offset++) {
        const b = buf[i];
        if (need > 0) {
          if (b < lower || b > upper) return { line: startLine, offset: start, byte: lead };
          lower = 0x80;
          upper = 0xbf;
          need--;
          continue;
        }
        start = offset;
        startLine = line;
        lead = b;
        if (b < 0x80) {
          if (b === 10) line++;
        } else if (b >= 0xc2 && b <= 0xdf) need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          need = 2;
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3;
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
        } else return { line, offset, byte: b };
      }
    }
    return need > 0 ? { line: startLine, offset: start, byte: -1 } : null;
  } finally {
    closeSync(fd);
  }
}

/** The line and message of a file the strict decoder refused. */
export function invalidUtf8Problem(file) {
  const at = firstInvalidUtf8(file);
  const what = at === null ? "bytes that are not UTF-8" : at.byte < 0 ? `a UTF-8 sequence cut off at the end of the file (byte ${at.offset})` : `byte 0x${at.byte.toString(16).toUpperCase().padStart(2, "0")} (byte ${at.offset}), which is not UTF-8`;
  return { line: at?.line ?? 0, detail: `${what}; expected a UTF-8 file (save it as "CSV UTF-8" or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8)` };
}
