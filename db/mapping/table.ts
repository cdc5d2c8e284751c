import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { CsvSplitter, CsvSyntaxError } from "../import/csv.split.mjs";

/**
 * A tool's export as the mapping reads it: a header and rows of text cells, each row with the line
 * (CSV) or row number (XLSX) an error should name. Tool exports are hundreds or thousands of rows,
 * so a table is held whole: a mapping may gather one initiative from several rows.
 */
export interface Table {
  file: string;
  /** Line (CSV) or row number (XLSX) of the header. */
  headerLine: number;
  header: string[];
  rows: TableRow[];
  /** How column `index` (0-based) is named in errors: CSV `3 (Title)`, XLSX `C (Title)`. */
  columnLabel(index: number): string;
}

export interface TableRow {
  line: number;
  /** One per header column, trimmed; "" for an empty cell. */
  cells: string[];
}

/** A problem with the export file itself (unreadable, not CSV/XLSX, no header). */
export class TableFileError extends Error {
  readonly userFacing = true;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = "TableFileError";
  }
}

/** Reads a CSV export (RFC 4180, header row; a UTF-8 byte-order mark is skipped) with the import's splitter. */
export function readCsvTable(file: string, text?: string): Table {
  let source: string;
  try {
    source = text ?? readFileSync(file, "utf8");
  } catch (err) {
    throw new TableFileError(file, 0, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); expected a readable CSV file`);
  }
  let header: string[] | null = null;
  let headerLine = 1;
  const rows: TableRow[] = [];
  const splitter = new CsvSplitter((fields, line) => {
    if (header === null) {
      header = fields.map((f) => f.trim());
      headerLine = line;
      return;
    }
    // A blank line (one empty field) is no row: spreadsheets often end an export with one.
    if (fields.length === 1 && fields[0]!.trim() === "") return;
    if (fields.length !== header.length)
      throw new TableFileError(file, line, `found ${fields.length} fields; expected ${header.length}, one per header column (${header.join(",")})`);
    rows.push({ line, cells: fields.map((f) => f.trim()) });
  });
  try {
    splitter.push(source);
    splitter.end();
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new TableFileError(file, err.line, err.detail);
    throw err;
  }
  if (header === null) throw new TableFileError(file, 1, "the file is empty; expected a header row");
  const names: string[] = header;
  return { file, headerLine, header: names, rows, columnLabel: (i) => `${i + 1} (${names[i]})` };
}

/** Reads an export by its extension: `.xlsx` through exceljs (first sheet, or `sheet`), anything else as CSV. */
export async function readTable(file: string, options: { sheet?: string } = {}): Promise<Table> {
  if (extname(file).toLowerCase() === ".xlsx") {
    const { readXlsxTable } = await import("./xlsx.reader.js");
    return readXlsxTable(file, options);
  }
  if (options.sheet !== undefined) throw new TableFileError(file, 0, `--sheet applies to .xlsx workbooks; ${JSON.stringify(file)} is read as CSV`);
  return readCsvTable(file);
}
