// The streaming RFC 4180 splitter of import files, in plain dependency-free JavaScript so that the
// same code runs on the main thread (db/import/csv.reader.ts) and in the reading worker
// (db/import/csv.worker.mjs), which loads the same way under tsx, vitest and plain node.
//
// csv-parse measured 4.9 s for a million event rows here without line numbers and 18.8 s with them
// (its `info` option), which alone breaks the 10 s import budget; this splitter splits unquoted
// lines with `String.split` and runs a state machine only on lines that contain a quote, and knows
// each record's first line for error reports.

/** A syntax error of the CSV text: the line it was found on and what is wrong (without the file). */
export class CsvSyntaxError extends Error {
  constructor(line, detail) {
    super(`line ${line}: ${detail}`);
    this.name = "CsvSyntaxError";
    this.line = line;
    this.detail = detail;
  }
}

export class CsvSplitter {
  /**
   * @param {(fields: string[], line: number) => void} onRecord each record, split into fields
   * @param {(text: string, start: number, end: number, line: number) => void} [onPlain] if given, a
   *   record without quotes comes here instead, unsplit: its fields are `text.slice(start, end).split(",")`
   */
  constructor(onRecord, onPlain) {
    this.onRecord = onRecord;
    this.onPlain = onPlain;
    this.rest = "";
    this.line = 0;
    this.first = true;
  }

  /** Feeds the next piece of text. */
  push(chunk) {
    let text = this.rest + chunk;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    this.rest = text.slice(this.consume(text, false));
  }

  /** The end of the input: the last line may lack its newline. */
  end() {
    if (this.rest.length > 0) {
      const text = this.rest;
      this.rest = "";
      const used = this.consume(text + "\n", true);
      if (used < text.length) this.fail(this.line + 1, 'the file ends inside a quoted field (a " is not closed)');
    }
  }

  fail(line, detail) {
    throw new CsvSyntaxError(line, `not valid CSV: ${detail}; expected RFC 4180 CSV with a header row`);
  }

  /** Emits every complete record of `text`; returns how much of it was used. */
  consume(text, final) {
    let pos = 0;
    let nextQuote = text.indexOf('"');
    if (nextQuote < 0) nextQuote = Infinity;
    for (;;) {
      const nl = text.indexOf("\n", pos);
      if (nl < 0) return pos;
      if (nextQuote < pos) {
        nextQuote = text.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = Infinity;
      }
      const startLine = this.line + 1;
      if (nextQuote > nl) {
        this.line++;
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > pos) {
          if (this.onPlain) this.onPlain(text, pos, end, startLine);
          else this.onRecord(text.slice(pos, end).split(","), startLine);
        }
        pos = nl + 1;
        continue;
      }
      const r = this.quoted(text, pos, startLine);
      if (r === null) {
        if (final) this.fail(startLine, 'the file ends inside a quoted field (a " is not closed)');
        return pos;
      }
      this.line += r.lines;
      this.onRecord(r.fields, startLine);
      pos = r.next;
    }
  }

  /** Parses one record that contains quotes, from `pos` to its terminating newline; null if the text ends first. */
  quoted(text, pos, line) {
    const fields = [];
    let field = "";
    let lines = 0;
    let i = pos;
    let quoted = false;
    let closed = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= text.length) return null;
          quoted = false;
          closed = true;
        } else {
          if (c === 10) lines++;
          field += text[i];
        }
        i++;
        continue;
      }
      if (c === 44) {
        fields.push(field);
        field = "";
        closed = false;
      } else if (c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) {
        fields.push(field);
        return { fields, next: c === 13 ? i + 2 : i + 1, lines: lines + 1 };
      } else if (c === 13 && i + 1 >= text.length) {
        return null;
      } else if (closed) {
        this.fail(line + lines, `unexpected ${JSON.stringify(text[i])} after a closing quote in field ${fields.length + 1}`);
      } else if (c === 34 && field === "") {
        quoted = true;
      } else {
        field += text[i];
      }
      i++;
    }
    return null;
  }
}
