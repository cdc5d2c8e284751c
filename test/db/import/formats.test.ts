import { describe, expect, it } from "vitest";
import { importFiles, importWithMapping } from "../../../db/import/import.service.js";
import { eventFromRow, eventReader } from "../../../db/import/canonical.js";
import { weisfMapping } from "../../../db/import/mappings/weisf.mapping.js";
import { formatRowError } from "../../../db/writes/index.js";
import { readFileSync } from "node:fs";
import { EVENTS_CSV, INITIATIVES_CSV, counts, file, freshDb, snapshot, tempDir } from "./helpers.js";
import { writeSyntheticCsv } from "./fixtures.js";

const JSON_INITIATIVES = [
  { id: "I1", title: "Troubled families, joined up", lead_borough: "E09000001", boroughs: ["E09000001", "E09000002"], partners: "met-police", tool: "isg", practices: ["common-dpia-template"], status: "", created_at: "2024-01-10", non_signing: ["met-police"] },
  { id: "I2", title: "Second", lead_borough: "E09000003", boroughs: "E09000003", partners: [], tool: "manual", practices: "", created_at: "2024-02-01" },
];

function eventsAsObjects(): Record<string, string>[] {
  const [head, ...rows] = EVENTS_CSV.trim().split("\n");
  const cols = head!.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [cols[i]!, v])));
}

describe("JSON and JSON Lines imports", () => {
  it("an array of objects and JSON Lines give the same database as the CSV files", async () => {
    const dir = tempDir();
    const fromCsv = freshDb();
    await importFiles(fromCsv, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV), now: () => 1 });
    const fromJson = freshDb();
    const r1 = await importFiles(fromJson, {
      initiatives: file(dir, "i.json", JSON.stringify(JSON_INITIATIVES, null, 2)),
      events: file(dir, "e.json", `[\n${eventsAsObjects().map((o) => JSON.stringify(o)).join(",\n")}\n]\n`),
      now: () => 1,
    });
    expect(r1.errors).toEqual([]);
    const fromLines = freshDb();
    const r2 = await importFiles(fromLines, {
      initiatives: file(dir, "i.jsonl", JSON_INITIATIVES.map((o) => JSON.stringify(o)).join("\n")),
      events: file(dir, "e.ndjson", eventsAsObjects().map((o) => JSON.stringify(o)).join("\n") + "\n"),
      now: () => 1,
    });
    expect(r2.errors).toEqual([]);
    const strip = (s: Record<string, unknown[]>) => ({ ...s, initiatives: s.initiatives!.map((r) => ({ ...(r as object), recorded_by: "-" })), stage_events: s.stage_events!.map((r) => ({ ...(r as object), recorded_by: "-" })) });
    expect(strip(snapshot(fromJson))).toEqual(strip(snapshot(fromCsv)));
    expect(strip(snapshot(fromLines))).toEqual(strip(snapshot(fromCsv)));
  });

  it("streams files larger than one read chunk (objects split across chunks)", async () => {
    const dir = tempDir();
    const gen = await writeSyntheticCsv(dir, 12_000, 3);
    const [head, ...rows] = readFileSync(gen.eventsPath, "utf8").trim().split("\n");
    const cols = head!.split(",");
    const objects = rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [cols[i]!, v])));
    const array = file(dir, "events.json", `[${objects.map((o) => JSON.stringify({ ...o, source_ref: `${o.source_ref}}{"[` })).join(",\n")}]`);
    expect(readFileSync(array).length).toBeGreaterThan(1 << 20);
    const db = freshDb();
    const r = await importFiles(db, { initiatives: gen.initiativesPath, events: array });
    expect({ errors: r.errors, events: r.eventsAdded }).toEqual({ errors: [], events: 12_000 });
    const lines = file(dir, "events.jsonl", objects.map((o) => JSON.stringify({ ...o, source_ref: `${o.source_ref}}{"[` })).join("\n"));
    const again = await importFiles(db, { events: lines });
    expect({ errors: again.errors, unchanged: again.eventsUnchanged }).toEqual({ errors: [], unchanged: 12_000 });
  });

  it("refuses a JSON key that is not a column (a misspelt key would otherwise read as empty)", async () => {
    const dir = tempDir();
    const db = freshDb();
    const path = file(dir, "e.json", '[{"initiative_id":"I1","stage":"IDEA","Borough":"E09000001","kind":"SUBMITTED","at":"2024-01-10","source":"s","source_ref":"1"}]');
    const r = await importFiles(db, { events: path });
    expect(r.errors.map(formatRowError)).toEqual([`${path}:1: column -: unknown key Borough; expected keys from initiative_id, stage, borough, kind, at, source, source_ref, retracts, reason, organisation`]);
    const later = file(dir, "e.jsonl", '{"initiative_id":"I1","stage":"IDEA","kind":"SUBMITTED","at":"2024-01-10","source":"s","source_ref":"1"}\n{"initiative_id":"I1","stage":"IDEA","kind":"SUBMITTED","at":"2024-01-10","source":"s","sourceRef":"2"}\n');
    const l = await importFiles(db, { events: later });
    expect(l.errors.map(formatRowError)[1]).toBe(`${later}:2: column sourceRef: unknown key "sourceRef"; expected keys from initiative_id, stage, borough, kind, at, source, source_ref, retracts, reason, organisation`);
  });

  it("names the line of the object and the key at fault", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV) });
    const before = counts(db);
    const path = file(dir, "e.jsonl", '{"initiative_id":"I1","stage":"IDEA","kind":"SUBMITTED","at":"2024-01-10","source":"s","source_ref":"1"}\n\n{"initiative_id":"I1","stage":"IDEA","kind":"SUBMITTED","at":"yesterday","source":"s","source_ref":"2"}\n');
    const r = await importFiles(db, { events: path });
    expect(r.errors.map(formatRowError)).toEqual([
      `${path}:3: column at: "yesterday" is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`,
    ]);
    const broken = file(dir, "broken.json", '[{"initiative_id":"I1"},\n{"initiative_id": }]');
    const b = await importFiles(db, { events: broken });
    // The first object is read (and refused: it has no kind, stage or timestamp); the second is not JSON.
    expect(b.errors.map((e) => [e.line, e.column]).slice(0, 2)).toEqual([[1, "kind"], [1, "stage"]]);
    expect(formatRowError(b.errors.at(-1)!)).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: column -: not valid JSON: .*; expected an object per record$`));
    expect(counts(db)).toEqual(before);
  });
});

describe("WEISF mapping (--from weisf)", () => {
  const WEISF = `Title,Purpose,Lead Organisation,Other Organisations Involved,Review date
Hospital discharge,"Share discharge plans",Essex County Council,"Mid and South Essex NHS Foundation Trust; London Borough of Barking and Dagenham",31/03/2024
Domestic abuse MARAC,Protect victims,Havering,"Essex Police, Redbridge",2030-01-01
Troubled families,Family support,Essex County Council,Thurrock Council,
`;

  it("maps London authorities to boroughs, other organisations to partners, past review dates to REVIEW events", async () => {
    const dir = tempDir();
    const db = freshDb();
    const path = file(dir, "weisf.csv", WEISF);
    const r = await importWithMapping(db, weisfMapping, path, { asOf: "2025-06-01", leadBorough: "E09000016", now: () => 1 });
    expect(r.errors).toEqual([]);
    expect(db.sql.prepare("SELECT id, title, purpose, lead_borough, tool_slug, status, created_at FROM initiatives ORDER BY id").all()).toEqual([
      { id: "weisf-domestic-abuse-marac", title: "Domestic abuse MARAC", purpose: "Protect victims", lead_borough: "E09000016", tool_slug: "weisf", status: "ACTIVE", created_at: "2025-06-01" },
      { id: "weisf-hospital-discharge", title: "Hospital discharge", purpose: "Share discharge plans", lead_borough: "E09000002", tool_slug: "weisf", status: "ACTIVE", created_at: "2025-06-01" },
      { id: "weisf-troubled-families", title: "Troubled families", purpose: "Family support", lead_borough: "E09000016", tool_slug: "weisf", status: "ACTIVE", created_at: "2025-06-01" },
    ]);
    expect(db.sql.prepare("SELECT initiative_id, authority_code, role FROM initiative_boroughs ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "weisf-domestic-abuse-marac", authority_code: "E09000016", role: "LEAD" },
      { initiative_id: "weisf-domestic-abuse-marac", authority_code: "E09000026", role: "PARTICIPANT" },
      { initiative_id: "weisf-hospital-discharge", authority_code: "E09000002", role: "LEAD" },
      { initiative_id: "weisf-troubled-families", authority_code: "E09000016", role: "LEAD" },
    ]);
    expect(db.sql.prepare("SELECT p.initiative_id, p.organisation_slug, o.name FROM initiative_partners p JOIN organisations o ON o.slug = p.organisation_slug ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "weisf-domestic-abuse-marac", organisation_slug: "essex-police", name: "Essex Police" },
      { initiative_id: "weisf-hospital-discharge", organisation_slug: "essex-county-council", name: "Essex County Council" },
      { initiative_id: "weisf-hospital-discharge", organisation_slug: "mid-and-south-essex-nhs-foundation-trust", name: "Mid and South Essex NHS Foundation Trust" },
      { initiative_id: "weisf-troubled-families", organisation_slug: "essex-county-council", name: "Essex County Council" },
      { initiative_id: "weisf-troubled-families", organisation_slug: "thurrock-council", name: "Thurrock Council" },
    ]);
    // Only the review date that has passed is an event; 2030 is a plan. 31/03/2024 is the day the
    // clocks went forward, at 01:00 GMT: London midnight that day was still 00:00 UTC.
    expect(db.sql.prepare("SELECT initiative_id, stage, authority_code, kind, at, source, source_ref FROM stage_events").all()).toEqual([
      { initiative_id: "weisf-hospital-discharge", stage: "REVIEW", authority_code: null, kind: "SUBMITTED", at: Date.UTC(2024, 2, 31), source: "weisf", source_ref: "weisf-hospital-discharge:REVIEW:SUBMITTED:2024-03-31" },
    ]);
    // Re-importing the same list on another day changes nothing.
    const again = await importWithMapping(db, weisfMapping, path, { asOf: "2025-06-02", leadBorough: "E09000016" });
    expect({ errors: again.errors, ic: again.initiativesCreated, iu: again.initiativesUnchanged, ec: again.eventsAdded, eu: again.eventsUnchanged }).toEqual({ errors: [], ic: 0, iu: 3, ec: 0, eu: 1 });
  });

  it("refuses an Essex-only row without --lead-borough, naming the column and the flag", async () => {
    const dir = tempDir();
    const db = freshDb();
    const before = counts(db);
    const path = file(dir, "weisf.csv", WEISF);
    const r = await importWithMapping(db, weisfMapping, path, { asOf: "2025-06-01" });
    expect(r.errors.map(formatRowError)).toEqual([
      `${path}:4: column 3 (Lead Organisation): no London borough among the organisations ("Essex County Council", "Thurrock Council"); expected a London authority's name or GSS code, or pass --lead-borough CODE to name the London borough that leads this initiative in the hub`,
    ]);
    expect(counts(db)).toEqual(before);
    const missing = file(dir, "wrong.csv", "Name,Lead\nx,y\n");
    const m = await importWithMapping(db, weisfMapping, missing, {});
    expect(m.errors.map(formatRowError)).toEqual([
      `${missing}:1: column -: missing columns "Title", "Lead Organisation"; expected the weisf export's columns "Title", "Purpose", "Lead Organisation", "Other Organisations Involved", "Review date"`,
    ]);
  });
});

describe("events CSV read by column position", () => {
  it("reads columns in any order, trimmed, exactly as the by-name reader does", async () => {
    const header = ["source_ref", "at", "kind", "borough", "stage", "initiative_id", "source"];
    const values = [" e1", "2024-01-10 ", "SUBMITTED", "", " IDEA", "I1 ", "isg"];
    const row = { line: 2, values, get: (f: string) => values[header.indexOf(f)] };
    const expected = { initiative_id: "I1", stage: "IDEA", borough: "", kind: "SUBMITTED", at: "2024-01-10", source: "isg", source_ref: "e1" };
    expect(eventReader(header)(row)).toEqual(expected);
    expect(eventFromRow(row)).toEqual(expected);
    const dir = tempDir();
    const db = freshDb();
    const r = await importFiles(db, {
      initiatives: file(dir, "i.csv", INITIATIVES_CSV),
      events: file(dir, "e.csv", `${header.join(",")}\n${values.join(",")}\n"e2",2024-01-12T10:00:00Z,APPROVED,E09000001,IDEA,I1,isg\n`),
    });
    expect(r.errors).toEqual([]);
    expect(db.sql.prepare("SELECT initiative_id, stage, authority_code, kind, at, source, source_ref FROM stage_events ORDER BY id").all()).toEqual([
      { initiative_id: "I1", stage: "IDEA", authority_code: null, kind: "SUBMITTED", at: Date.UTC(2024, 0, 10), source: "isg", source_ref: "e1" },
      { initiative_id: "I1", stage: "IDEA", authority_code: "E09000001", kind: "APPROVED", at: Date.UTC(2024, 0, 12, 10), source: "isg", source_ref: "e2" },
    ]);
    db.close();
  });
});
