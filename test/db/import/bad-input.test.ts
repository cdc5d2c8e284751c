import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importFiles } from "../../../db/import/import.service.js";
import { csvReading } from "../../../db/import/source.reader.js";
import { formatRowError } from "../../../db/writes/index.js";
import { EVENTS_CSV, INITIATIVES_CSV, counts, file, freshDb, tempDir } from "./helpers.js";

// Bad import files are refused with FILE:LINE errors naming what was wrong (issue 12, point 4),
// and nothing is written.

const defaults = { ...csvReading };
afterEach(() => Object.assign(csvReading, defaults));

async function refusals(files: { initiatives?: string; events?: string }) {
  const db = freshDb();
  const before = counts(db);
  const r = await importFiles(db, { ...files, now: () => 1 });
  expect(counts(db), "nothing written").toEqual({ ...before, audit_log: before.audit_log });
  db.close();
  return r.errors.map(formatRowError);
}

const INITIATIVE = { id: "I1", title: "T", lead_borough: "E09000001", boroughs: ["E09000001"], partners: [], tool: "isg", practices: [], status: "", created_at: "2024-01-10" };

describe("CSV headers", () => {
  it("a column named twice is refused, naming both columns (the second no longer wins silently)", async () => {
    const dir = tempDir();
    const path = file(dir, "i.csv", INITIATIVES_CSV.replace("id,title,", "id,title,title,").replace(/^I1,"Troubled/m, 'I1,"x","Troubled').replace(/^I2,Second/m, "I2,x,Second"));
    expect(await refusals({ initiatives: path })).toEqual([`${path}:1: column -: column "title" appears twice in the header (columns 2 and 3); expected each column once`]);
  });

  it("a 5 MB header name is quoted by its first 80 characters, not echoed whole", async () => {
    const dir = tempDir();
    const huge = "x".repeat(5 << 20);
    const path = file(dir, "e.csv", EVENTS_CSV.replace("source_ref\n", `source_ref,${huge}\n`).replace(/,e(\d)\n/g, ",e$1,\n"));
    const errors = await refusals({ events: path });
    expect(errors).toEqual([`${path}:1: column -: unknown column ${"x".repeat(80)}…; expected the header initiative_id,stage,borough,kind,at,source,source_ref`]);
  });
});

describe("invalid UTF-8 is refused at its line, never read as U+FFFD", () => {
  const bytes = (text: string, at: string, bad: number[]) => {
    const [before, after] = text.split(at) as [string, string];
    return Buffer.concat([Buffer.from(before + at), Buffer.from(bad), Buffer.from(after)]);
  };
  const detail = (byte: string, offset: number) => `${byte} (byte ${offset}), which is not UTF-8; expected a UTF-8 file (save it as "CSV UTF-8" or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8)`;

  for (const mode of ["same", "worker"] as const) {
    it(`CSV read on the ${mode === "same" ? "main thread" : "reading thread"} (a Windows-1252 é on line 3)`, async () => {
      Object.assign(csvReading, { mode, chunkBytes: 16 });
      const dir = tempDir();
      const path = join(dir, "i.csv");
      const data = bytes(INITIATIVES_CSV, "I2,Second", [0xe9]);
      writeFileSync(path, data);
      expect(await refusals({ initiatives: path })).toEqual([`${path}:3: column -: ${detail("byte 0xE9", data.indexOf(0xe9))}`]);
    });
  }

  it("JSON, and a sequence cut off at the end of the file", async () => {
    const dir = tempDir();
    const path = join(dir, "i.json");
    const data = bytes(`[\n${JSON.stringify(INITIATIVE)},\n${JSON.stringify({ ...INITIATIVE, id: "I2", title: "Caf" })}\n]\n`, '"Caf', [0xc3, 0x28]);
    writeFileSync(path, data);
    expect(await refusals({ initiatives: path })).toEqual([`${path}:3: column -: ${detail("byte 0xC3", data.indexOf(0xc3))}`]);
    const cut = join(dir, "i.csv");
    writeFileSync(cut, Buffer.concat([Buffer.from(INITIATIVES_CSV.trimEnd()), Buffer.from([0xe2, 0x82])]));
    expect(await refusals({ initiatives: cut })).toEqual([
      `${cut}:3: column -: a UTF-8 sequence cut off at the end of the file (byte ${Buffer.byteLength(INITIATIVES_CSV.trimEnd())}); expected a UTF-8 file (save it as "CSV UTF-8" or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8)`,
    ]);
  });

  it("a genuine U+FFFD (EF BF BD) is text like any other", async () => {
    const db = freshDb();
    const dir = tempDir();
    const r = await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV.replace("Second", "Second \uFFFD")), now: () => 1 });
    expect(r.errors).toEqual([]);
    expect(db.sql.prepare("SELECT title FROM initiatives WHERE id = 'I2'").pluck().get()).toBe("Second \uFFFD");
  });
});

describe("JSON values are type-checked as strictly as CSV", () => {
  it('"id": 123, "title": true, 1e400 and an object for partners are FILE:LINE errors naming the field and the expected type', async () => {
    const dir = tempDir();
    const lines = [
      { ...INITIATIVE, id: 123 },
      { ...INITIATIVE, id: "I2", title: true },
      { ...INITIATIVE, id: "I3", partners: { a: 1 } },
      { ...INITIATIVE, id: "I4", boroughs: ["E09000001", 7] },
    ].map((o) => JSON.stringify(o));
    const path = file(dir, "i.jsonl", `${lines.join("\n")}\n${JSON.stringify({ ...INITIATIVE, id: "I5" }).replace('"2024-01-10"', "1e400")}\n`);
    expect(await refusals({ initiatives: path })).toEqual([
      `${path}:1: column id: id is a number (123); expected a string`,
      `${path}:2: column title: title is a boolean (true); expected a string`,
      `${path}:3: column partners: partners is an object; expected an array of strings or a ;-separated string`,
      `${path}:4: column boroughs: boroughs holds a number (7); expected an array of strings`,
      `${path}:5: column created_at: created_at is a number (out of range); expected a string`,
    ]);
  });

  it("an empty JSON file is refused like an empty CSV; an empty array is a file without records", async () => {
    const dir = tempDir();
    const empty = file(dir, "e.json", " \n");
    expect(await refusals({ events: empty })).toEqual([`${empty}:1: column -: the file is empty; expected a JSON array of objects or one object per line`]);
    const emptyCsv = file(dir, "e.csv", "");
    expect(await refusals({ events: emptyCsv })).toEqual([`${emptyCsv}:1: column -: the file is empty; expected a header row`]);
    const db = freshDb();
    expect((await importFiles(db, { events: file(dir, "none.json", "[]"), now: () => 1 })).errors).toEqual([]);
  });
});

describe("maximum lengths", () => {
  it("a 50 MB title is refused with the maximum, quoting its first 80 characters", async () => {
    const dir = tempDir();
    const title = "t".repeat(50 << 20);
    const path = file(dir, "i.csv", INITIATIVES_CSV.replace("Second", title));
    expect(await refusals({ initiatives: path })).toEqual([`${path}:3: column 2 (title): title "${"t".repeat(80)}…" is ${50 << 20} characters long; expected at most 500`]);
  });

  it("title 500, purpose 5,000, ids and codes 200 characters: at the limit accepted, one past refused", async () => {
    const dir = tempDir();
    const ok = { ...INITIATIVE, id: "i".repeat(200), title: "t".repeat(500), purpose: "p".repeat(5000) };
    const db = freshDb();
    expect((await importFiles(db, { initiatives: file(dir, "ok.json", JSON.stringify([ok])), now: () => 1 })).errors).toEqual([]);
    const path = file(
      dir,
      "bad.jsonl",
      [{ ...ok, id: "i".repeat(201) }, { ...ok, id: "b", title: "t".repeat(501) }, { ...ok, id: "c", purpose: "p".repeat(5001) }, { ...ok, id: "d", partners: ["p".repeat(201)] }].map((o) => JSON.stringify(o)).join("\n"),
    );
    expect(await refusals({ initiatives: path })).toEqual([
      `${path}:1: column id: id "${"i".repeat(80)}…" is 201 characters long; expected at most 200`,
      `${path}:2: column title: title "${"t".repeat(80)}…" is 501 characters long; expected at most 500`,
      `${path}:3: column purpose: purpose "${"p".repeat(80)}…" is 5001 characters long; expected at most 5000`,
      `${path}:4: column partners: partners "${"p".repeat(80)}…" is 201 characters long; expected at most 200 per item`,
    ]);
  });
  it("an event's source_ref of 201 characters is refused (200 accepted), like every other field", async () => {
    const dir = tempDir();
    const initiatives = file(dir, "i.csv", INITIATIVES_CSV);
    const db = freshDb();
    const ok = EVENTS_CSV.replace(",isg,e1\n", `,isg,${"r".repeat(200)}\n`);
    expect((await importFiles(db, { initiatives, events: file(dir, "ok.csv", ok), now: () => 1 })).errors).toEqual([]);
    db.close();
    const events = file(dir, "e.csv", EVENTS_CSV.replace(",isg,e1\n", `,isg,${"r".repeat(201)}\n`));
    expect(await refusals({ initiatives, events })).toEqual([
      `${events}:2: column 7 (source_ref): source_ref "${"r".repeat(80)}…" is 201 characters long; expected at most 200`,
      // The refused SUBMITTED leaves the stage's APPROVED without one.
      `${events}:3: column 4 (kind): APPROVED for stage IDEA of initiative I1, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)`,
    ]);
  });
});
