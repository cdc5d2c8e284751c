import { describe, expect, it } from "vitest";
import { TableFileError, readCsvTable, readTable } from "../../../db/mapping/index.js";
import { file, tempDir } from "../import/helpers.js";

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    if (err instanceof TableFileError) return err.message;
    throw err;
  }
  return "read";
}

describe("readCsvTable", () => {
  it("reads header and trimmed cells with their lines, past a byte-order mark, quoted newlines and blank lines", () => {
    const t = readCsvTable("x.csv", '\ufeffTitle, Lead \r\n"Flow, A","Camden\nIslington"\r\n\r\nFlow B,Hackney\n\n');
    expect({ header: t.header, headerLine: t.headerLine, rows: t.rows, label: t.columnLabel(1) }).toEqual({
      header: ["Title", "Lead"],
      headerLine: 1,
      rows: [
        { line: 2, cells: ["Flow, A", "Camden\nIslington"] },
        { line: 5, cells: ["Flow B", "Hackney"] },
      ],
      label: "2 (Lead)",
    });
  });

  it("refuses a row with another number of fields, bad quoting and an empty file, naming the line", async () => {
    expect(refusal(() => readCsvTable("x.csv", "A,B\n1,2\n3\n"))).toBe("x.csv:3: found 1 fields; expected 2, one per header column (A,B)");
    expect(refusal(() => readCsvTable("x.csv", 'A,B\n1,"2\n'))).toMatch(/^x\.csv:2: /);
    expect(refusal(() => readCsvTable("x.csv", ""))).toBe("x.csv:1: the file is empty; expected a header row");
    expect(refusal(() => readCsvTable("/nonexistent/x.csv"))).toBe("/nonexistent/x.csv:0: cannot read the file (ENOENT); expected a readable CSV file");
    const csv = file(tempDir(), "x.csv", "A\n1\n");
    await expect(readTable(csv, { sheet: "S" })).rejects.toThrow(`${csv}:0: --sheet applies to .xlsx workbooks; ${JSON.stringify(csv)} is read as CSV`);
  });
});
