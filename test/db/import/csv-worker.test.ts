import { afterEach, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDb, type HubDb } from "../../../db/connection.js";
import { importFiles, type ImportProgress } from "../../../db/import/import.service.js";
import { csvReading, readSource } from "../../../db/import/source.reader.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { file, snapshot, tempDir } from "./helpers.js";
import { writeSyntheticCsv } from "./fixtures.js";

// CSV files are read and split in a worker thread (db/import/csv.worker.mjs) when they are large,
// on the importing thread when small or when the thread cannot start: both ways must give the same
// records, lines, errors, progress and database.

const defaults = { ...csvReading };
afterEach(() => Object.assign(csvReading, defaults));

const NOW = Date.UTC(2025, 0, 1);

interface Reading {
  header?: string[];
  rows: { line: number; values: string[] }[];
  progress: [number, number][];
  error?: string;
}

async function read(path: string, mode: "same" | "worker", chunkBytes: number, batchRows: number): Promise<Reading> {
  Object.assign(csvReading, { mode, chunkBytes, batchRows, ahead: 2 });
  const out: Reading = { rows: [], progress: [] };
  try {
    await readSource(path, "csv", {
      onHeader: (fields) => {
        out.header = fields;
      },
      onRow: (row) => {
        out.rows.push({ line: row.line, values: [...row.values!] });
      },
      onProgress: (done, total) => out.progress.push([done, total]),
    });
  } catch (err) {
    out.error = (err as Error).message;
  }
  return out;
}

const TRICKY = [
  "\uFEFFa,b,c\r\n",
  "1,,3\r\n",
  '"x, with comma","say ""hi""",\r\n',
  '"two\nlines","and\r\nCRLF inside",é€😀\n',
  "\n",
  ",,\n",
  "naïve,,\"\"\n",
  "last,line,no-newline",
].join("");

const FILES: Record<string, string> = {
  tricky: TRICKY,
  "unclosed quote at the end": 'a,b\n1,2\n"3,4\n5,6\n',
  "text after a closing quote": 'a,b\n1,2\n"3"x,4\n5,6\n',
  "too few fields": "a,b,c\n1,2,3\n4,5\n6,7,8\n",
  "too many fields in a quoted record": 'a,b\n1,2\n"3",4,"5"\n',
  empty: "",
  "BOM only": "\uFEFF",
  "header only": "a,b\n",
  "lone CR at the end": "a,b\n1,2\r",
};

describe("CSV reading in a worker thread (db/import/csv.worker.mjs) and on the main thread", () => {
  it("hands over the same header, records, lines, progress and errors, whatever the chunk and batch sizes", async () => {
    const dir = tempDir();
    for (const [name, text] of Object.entries(FILES)) {
      const path = file(dir, `${name.replace(/ /g, "-")}.csv`, text);
      for (const chunkBytes of [1, 7, 1 << 20]) {
        const same = await read(path, "same", chunkBytes, 4096);
        for (const batchRows of [1, 4096]) {
          const worker = await read(path, "worker", chunkBytes, batchRows);
          expect(worker, `${name}, chunks of ${chunkBytes} bytes, batches of ${batchRows} rows`).toEqual(same);
        }
      }
    }
    // And the same-thread reading is what the file says.
    const tricky = await read(join(dir, "tricky.csv"), "worker", 5, 2);
    expect(tricky.header).toEqual(["a", "b", "c"]);
    expect(tricky.rows).toEqual([
      { line: 2, values: ["1", "", "3"] },
      { line: 3, values: ["x, with comma", 'say "hi"', ""] },
      { line: 4, values: ["two\nlines", "and\r\nCRLF inside", "é€😀"] },
      { line: 8, values: ["", "", ""] },
      { line: 9, values: ["naïve", "", ""] },
      { line: 10, values: ["last", "line", "no-newline"] },
    ]);
    expect(tricky.progress.at(-1)).toEqual([Buffer.byteLength(TRICKY), Buffer.byteLength(TRICKY)]);
    const errors = Object.fromEntries(await Promise.all(Object.keys(FILES).map(async (name) => [name, (await read(join(dir, `${name.replace(/ /g, "-")}.csv`), "worker", 1 << 20, 4096)).error?.replace(dir, "DIR")])));
    expect(errors).toEqual({
      tricky: undefined,
      "unclosed quote at the end": 'DIR/unclosed-quote-at-the-end.csv:3: column -: not valid CSV: the file ends inside a quoted field (a " is not closed); expected RFC 4180 CSV with a header row',
      "text after a closing quote": 'DIR/text-after-a-closing-quote.csv:3: column -: not valid CSV: unexpected "x" after a closing quote in field 1; expected RFC 4180 CSV with a header row',
      "too few fields": "DIR/too-few-fields.csv:3: column 3: found 2 fields; expected 3, one per header column (a,b,c)",
      "too many fields in a quoted record": "DIR/too-many-fields-in-a-quoted-record.csv:3: column 3: found 3 fields; expected 2, one per header column (a,b)",
      empty: "DIR/empty.csv:1: column -: the file is empty; expected a header row",
      "BOM only": "DIR/BOM-only.csv:1: column -: the file is empty; expected a header row",
      "header only": undefined,
      "lone CR at the end": undefined,
    });
  });

  it("imports into the same database, with the same errors, whichever thread reads the files (clean, with row errors, with a syntax error, dry run)", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const files = await writeSyntheticCsv(dir, 3000, 11);
    const [header, ...rows] = readFileSync(files.eventsPath, "utf8").trimEnd().split("\n");
    // Row errors spread over several batches: an unknown stage, a bad timestamp, an unknown initiative, a repeated event.
    const bad = [...rows];
    bad[5] = bad[5]!.replace(/,(IDEA|DPIA|[A-Z_]+),/, ",NOT_A_STAGE,");
    bad[900] = bad[900]!.replace(/,\d{4}-\d\d-\d\dT[^,]*,/, ",31/02/2024,");
    bad[1800] = bad[1800]!.replace(/^S\d+/, "S999999");
    bad.push(bad[2500]!);
    const withErrors = file(dir, "events-errors.csv", `${header}\n${bad.join("\n")}\n`);
    // A quoted event row, then a syntax error after hundreds of good rows.
    const quoted = [...rows];
    quoted[10] = quoted[10]!.split(",").map((f) => `"${f}"`).join(",");
    quoted[700] = quoted[700]!.replace(/^([^,]*)/, '"$1"x');
    const withSyntax = file(dir, "events-syntax.csv", `${header}\r\n${quoted.join("\r\n")}\r\n`);

    const cases = [
      { name: "clean", events: files.eventsPath, dryRun: false },
      { name: "row errors", events: withErrors, dryRun: false },
      { name: "syntax error", events: withSyntax, dryRun: false },
      { name: "dry run", events: files.eventsPath, dryRun: true },
    ];
    for (const c of cases) {
      const outcomes: unknown[] = [];
      for (const mode of ["same", "worker"] as const) {
        Object.assign(csvReading, { mode, chunkBytes: 4096, batchRows: 100, ahead: 2 });
        const db: HubDb = openDb(join(dir, `${c.name.replace(/ /g, "-")}-${mode}.db`));
        loadReferenceData(db);
        const progress: ImportProgress[] = [];
        const r = await importFiles(db, { initiatives: files.initiativesPath, events: c.events, dryRun: c.dryRun, actor: "import:test", now: () => NOW, onProgress: (p) => progress.push({ ...p }) });
        const { durationMs: _d, ...result } = r as typeof r & { durationMs?: number };
        outcomes.push({ result, progress: progress.filter((p) => p.phase !== "cycles"), content: snapshot(db) });
        db.close();
      }
      const [same, worker] = outcomes as { result: { committed: boolean; errors: unknown[] }; content: Record<string, unknown[]> }[];
      expect(worker, c.name).toEqual(same);
      if (c.name === "clean") {
        expect(same!.result.committed).toBe(true);
        expect(same!.content.stage_events).toHaveLength(3000);
      } else {
        // Nothing written: the errors are reported, the tables stay empty.
        expect(same!.result.committed).toBe(false);
        expect(same!.content.stage_events).toHaveLength(0);
        expect(same!.content.initiatives).toHaveLength(0);
        if (c.name === "row errors") expect(same!.result.errors.length).toBeGreaterThan(3);
        if (c.name === "syntax error") expect(JSON.stringify(same!.result.errors)).toContain("after a closing quote");
      }
    }
  });
});
