import { openSync, readSync, closeSync } from "node:fs";
import ExcelJS from "exceljs";
import { TableFileError, type Table, type TableRow } from "./table.js";

/**
 * Reads one sheet of an .xlsx workbook (what ISG, the Data Controller Console and iCasework reports
 * hand out when saved from Excel) into a {@link Table} of text cells, with exceljs — a maintained
 * library, not a hand-written parser of the zip and its XML.
 *
 * Cells become text by their type, so the mapping's date formats see what the analyst sees:
 * - a date cell (a number with a date format) → ISO: `2024-03-31`, or `2024-03-31T14:05:00` when it
 *   has a time of day (the wall-clock time, which the mapping reads as London time) — use the
 *   `iso` format for such columns;
 * - a plain number → its digits (`45382`): a date typed into a General-format cell stays an Excel
 *   serial, which the `excel-serial` format reads;
 * - text, rich text and hyperlinks → their text; a formula → its cached result; TRUE/FALSE; an
 *   error cell → its code (`#N/A`).
 * The header is the first row with any value; rows with no value at all are skipped. Row numbers are
 * the sheet's, so an error names the row the analyst sees in Excel, and columns by letter: `C (Title)`.
 */
export async function readXlsxTable(file: string, options: { sheet?: string } = {}): Promise<Table> {
  refuseNonXlsx(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    throw new TableFileError(file, 0, `cannot read the workbook (${(err as Error).message.split("\n")[0]}); expected an .xlsx file saved by Excel or LibreOffice`);
  }
  const sheets = workbook.worksheets;
  const sheet = options.sheet === undefined ? sheets[0] : sheets.find((s) => s.name === options.sheet);
  if (!sheet) {
    const names = sheets.map((s) => JSON.stringify(s.name)).join(", ");
    throw new TableFileError(file, 0, options.sheet === undefined ? "the workbook has no sheet; expected at least one" : `no sheet named ${JSON.stringify(options.sheet)}; expected one of ${names}`);
  }
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell);
    });
    for (let i = 0; i < values.length; i++) values[i] ??= "";
    if (values.every((v) => v === "")) return;
    if (header === null) {
      header = values;
      headerLine = number;
      return;
    }
    const cells = header.map((_, i) => values[i] ?? "");
    if (values.slice(header.length).some((v) => v !== ""))
      throw new TableFileError(
        file,
        number,
        `a value in column ${columnLetter(header.length + values.slice(header.length).findIndex((v) => v !== ""))}, beyond the ${header.length} columns of the header (row ${headerLine}); expected every value under a header (delete any title rows above the table)`,
      );
    rows.push({ line: number, cells });
  });
  if (header === null) throw new TableFileError(file, 1, `sheet ${JSON.stringify(sheet.name)} is empty; expected a header row`);
  const names: string[] = header;
  return { file, headerLine, header: names, rows, columnLabel: (i) => `${columnLetter(i)} (${names[i]})` };
}

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * An .xlsx file is a zip archive (it starts with `PK`); an Excel 97-2003 .xls is an OLE compound
 * file, and a CSV renamed .xlsx is text. Both are refused by what they are, not by exceljs's zip error.
 */
function refuseNonXlsx(file: string): void {
  const head = Buffer.alloc(8);
  let n = 0;
  try {
    const fd = openSync(file, "r");
    try {
      n = readSync(fd, head, 0, 8, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new TableFileError(file, 0, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); expected a readable .xlsx workbook`);
  }
  if (n >= 4 && head.readUInt32BE(0) === 0x504b0304) return;
  if (n >= 8 && head.toString("hex") === "d0cf11e0a1b11ae1")
    throw new TableFileError(file, 0, "this is an Excel 97-2003 workbook (.xls), not .xlsx; expected an .xlsx file: open it in Excel and save as Excel Workbook (.xlsx)");
  throw new TableFileError(file, 0, `not an .xlsx workbook (it does not start as a zip archive does${n === 0 ? "; the file is empty" : ""}); expected an .xlsx file, or give a CSV export a .csv name`);
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.slice(0, 19);
}

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return dateText(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("error" in v) return v.error;
  if ("formula" in v || "sharedFormula" in v) return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("text" in v) return typeof v.text === "string" ? v.text : valueText(v.text as ExcelJS.CellValue);
  return "";
}

function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value).trim();
}
