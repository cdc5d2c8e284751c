import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TableFileError, readTable } from "../../../db/mapping/index.js";
import { columnLetter, readXlsxTable } from "../../../db/mapping/xlsx.reader.js";
import { tempDir } from "../import/helpers.js";

async function workbook(dir: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, "export.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

async function refusal(path: string, options: { sheet?: string } = {}): Promise<string> {
  try {
    await readTable(path, options);
  } catch (err) {
    if (err instanceof TableFileError) return err.message;
    throw err;
  }
  return "read";
}

describe("readXlsxTable", () => {
  it("refuses a title line above the table: the first row with a value is the header", async () => {
    const path = await workbook(tempDir(), (wb) => {
      const ws = wb.addWorksheet("Flows");
      ws.addRow(["Exported from the tool on 1 June 2025"]);
      ws.addRow(["Title", "Date"]);
    });
    expect(await refusal(path)).toBe(`${path}:2: a value in column B, beyond the 1 columns of the header (row 1); expected every value under a header (delete any title rows above the table)`);
  });

  it("takes the first row with a value as the header; dates as ISO, numbers as digits, formulas by their result", async () => {
    const dir = tempDir();
    const path = await workbook(dir, (wb) => {
      const ws = wb.addWorksheet("Flows");
      ws.addRow([]);
      ws.addRow(["Title", "Date", "Sent", "Serial", "Note", "Signed", "Sum", "Link"]);
      ws.addRow([
        "  Flow A ",
        new Date(Date.UTC(2024, 2, 31)),
        new Date(Date.UTC(2024, 6, 1, 14, 5, 30)),
        45382,
        { richText: [{ text: "rich " }, { text: "text" }] },
        true,
        { formula: "1+1", result: 2 },
        { text: "the ISA", hyperlink: "https://example.invalid/isa" },
      ]);
      ws.addRow([]);
      ws.addRow(["Flow B", null, null, 45382.5, null, false, { formula: "NA()", result: { error: "#N/A" } }]);
    });
    const t = await readXlsxTable(path);
    expect({ file: t.file, headerLine: t.headerLine, header: t.header, rows: t.rows, labels: [0, 7].map(t.columnLabel) }).toEqual({
      file: path,
      headerLine: 2,
      header: ["Title", "Date", "Sent", "Serial", "Note", "Signed", "Sum", "Link"],
      rows: [
        { line: 3, cells: ["Flow A", "2024-03-31", "2024-07-01T14:05:30", "45382", "rich text", "TRUE", "2", "the ISA"] },
        { line: 5, cells: ["Flow B", "", "", "45382.5", "", "FALSE", "#N/A", ""] },
      ],
      labels: ["A (Title)", "H (Link)"],
    });
  });

  it("reads a named sheet, and names the sheets when the name is wrong", async () => {
    const dir = tempDir();
    const path = await workbook(dir, (wb) => {
      wb.addWorksheet("Summary").addRow(["Totals"]);
      const flows = wb.addWorksheet("Data Flows");
      flows.addRow(["Title"]);
      flows.addRow(["Flow A"]);
    });
    const t = await readTable(path, { sheet: "Data Flows" });
    expect([t.header, t.rows]).toEqual([["Title"], [{ line: 2, cells: ["Flow A"] }]]);
    expect(await refusal(path, { sheet: "Flows" })).toBe(`${path}:0: no sheet named "Flows"; expected one of "Summary", "Data Flows"`);
  });

  it("refuses a value beyond the header's columns, and an empty sheet", async () => {
    const dir = tempDir();
    const wide = await workbook(dir, (wb) => {
      const ws = wb.addWorksheet("S");
      ws.addRow(["Title", "Date"]);
      ws.addRow(["Flow A", "2024-01-01", "", "stray"]);
    });
    expect(await refusal(wide)).toBe(`${wide}:2: a value in column D, beyond the 2 columns of the header (row 1); expected every value under a header (delete any title rows above the table)`);
    const empty = await workbook(tempDir(), (wb) => wb.addWorksheet("Blank"));
    expect(await refusal(empty)).toBe(`${empty}:1: sheet "Blank" is empty; expected a header row`);
  });

  it("refuses a file that is not an .xlsx workbook, saying what it is", async () => {
    const dir = tempDir();
    const csv = join(dir, "renamed.xlsx");
    writeFileSync(csv, "Title,Date\nFlow A,2024-01-01\n");
    expect(await refusal(csv)).toBe(`${csv}:0: not an .xlsx workbook (it does not start as a zip archive does); expected an .xlsx file, or give a CSV export a .csv name`);
    const xls = join(dir, "old.xlsx");
    writeFileSync(xls, Buffer.from("d0cf11e0a1b11ae1000000000000", "hex"));
    expect(await refusal(xls)).toBe(`${xls}:0: this is an Excel 97-2003 workbook (.xls), not .xlsx; expected an .xlsx file: open it in Excel and save as Excel Workbook (.xlsx)`);
    const empty = join(dir, "empty.xlsx");
    writeFileSync(empty, "");
    expect(await refusal(empty)).toBe(`${empty}:0: not an .xlsx workbook (it does not start as a zip archive does; the file is empty); expected an .xlsx file, or give a CSV export a .csv name`);
    const broken = join(dir, "broken.xlsx");
    writeFileSync(broken, Buffer.concat([Buffer.from("504b0304", "hex"), Buffer.alloc(40)]));
    expect(await refusal(broken)).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:0: cannot read the workbook \\(.+\\); expected an .xlsx file saved by Excel or LibreOffice$`));
    expect(await refusal(join(dir, "missing.xlsx"))).toBe(`${join(dir, "missing.xlsx")}:0: cannot read the file (ENOENT); expected a readable .xlsx workbook`);
  });

  it("names columns as Excel does", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});
