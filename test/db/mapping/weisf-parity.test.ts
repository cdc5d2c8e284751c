import { describe, expect, it } from "vitest";
import { applyMapping as applyTypeScriptMapping } from "../../../db/import/mapping.js";
import { weisfMapping } from "../../../db/import/mappings/weisf.mapping.js";
import { AUTHORITIES } from "../../../db/reference/index.js";
import type { EventRecord, InitiativeRecord, RecordPosition, RowError, WriteSession } from "../../../db/writes/index.js";
import { applyMapping, loadPreset, readCsvTable } from "../../../db/mapping/index.js";
import { fileURLToPath } from "node:url";
import { file, tempDir } from "../import/helpers.js";

const SAMPLE = fileURLToPath(new URL("../../../db/mapping/samples/weisf.sample.csv", import.meta.url));

/** What today's TypeScript mapping hands the write session: its records and its errors, in order. */
async function throughTypeScriptMapping(path: string, options: { leadBorough?: string; asOf: string }) {
  const initiatives: InitiativeRecord[] = [];
  const events: EventRecord[] = [];
  const errors: RowError[] = [];
  const session = {
    setColumnNamer() {},
    addInitiative: (rec: InitiativeRecord) => initiatives.push(structuredClone(rec)),
    addEvent: (rec: EventRecord) => events.push(structuredClone(rec)),
    fail: (pos: RecordPosition, field: string, message: string) => errors.push({ file: pos.file, line: pos.line, column: pos.column ? pos.column(field) : field, field, message }),
  } as unknown as WriteSession;
  await applyTypeScriptMapping(weisfMapping, path, "csv", [...AUTHORITIES], options, session);
  return { initiatives, events, errors };
}

function throughPreset(path: string, options: { leadBorough?: string; asOf: string }) {
  const r = applyMapping(loadPreset("weisf"), readCsvTable(path), options);
  return { initiatives: r.initiatives.map((i) => i.record), events: r.events.map((e) => e.record), errors: r.errors };
}

describe("the weisf preset against the TypeScript weisf mapping", () => {
  it("gives the same initiatives and events for the sample, with --lead-borough", async () => {
    const options = { leadBorough: "E09000016", asOf: "2025-06-01" };
    const expected = await throughTypeScriptMapping(SAMPLE, options);
    expect(expected.errors).toEqual([]);
    expect(expected.initiatives).toHaveLength(5);
    expect(throughPreset(SAMPLE, options)).toEqual(expected);
  });

  it("gives the same error for a row with no London borough, naming the same line and column", async () => {
    const options = { asOf: "2025-06-01" };
    const expected = await throughTypeScriptMapping(SAMPLE, options);
    expect(expected.errors.map((e) => [e.line, e.column])).toEqual([[4, "3 (Lead Organisation)"]]);
    expect(throughPreset(SAMPLE, options)).toEqual(expected);
  });

  it("gives the same file error for an export without the required columns", async () => {
    const dir = tempDir();
    const wrong = file(dir, "wrong.csv", "Name,Lead\nx,y\n");
    const ts = await throughTypeScriptMapping(wrong, { asOf: "2025-06-01" }).catch((err: Error) => err.message);
    const preset = throughPreset(wrong, { asOf: "2025-06-01" }).errors.map((e) => `${e.file}:${e.line}: column ${e.column}: ${e.message}`);
    expect(preset).toEqual([ts]);
  });
});
