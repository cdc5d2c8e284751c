import ExcelJS from "exceljs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { WriteSession, formatRowError } from "../../../db/writes/index.js";
import { applyMapping, feedMappingResult, loadMapping, parseMapping, previewMapping, readCsvTable, readTable, type Mapping, type Table } from "../../../db/mapping/index.js";
import { counts, file, freshDb, snapshot, tempDir } from "../import/helpers.js";

/**
 * A council analyst's mapping for a tool the hub has never seen, written from scratch: the tool
 * exports an activity log, one row per status change, in UK dates.
 */
const TRACKER_MAPPING = `# Our sharing tracker's "Activity" export.
tool: manual
source: tracker
columns:
  ref: Ref
  project: Project
  lead: Lead council
  partners: Partners
  step: Step
  status: Status
  when: Date
  by: Signed by
dates: uk
initiative:
  id: tracker-{ref|slug}
  title: project
  practices: [common-dpia-template]
  rows: many
participants:
  lead: lead
  others: partners
events:
  - stage:
      column: step
      values:
        Concept: CONCEPT
        Impact assessment: DPIA
        Agreement: ISA
    kind:
      column: status
      values:
        Submitted: SUBMITTED
        Query: QUERY_RAISED
        Resubmitted: RESUBMITTED
        Signed off: APPROVED
        Note: ~
    date: when
    signer: by
    source_ref: "{ref}:{stage}:{kind}:{signer}"
`;

const TRACKER_CSV = `Ref,Project,Lead council,Partners,Step,Status,Date,Signed by
T-1,Sample: school meals,Camden,Islington; Example Trust,Impact assessment,Submitted,01/02/2024,
T-1,Sample: school meals,Camden,Islington; Example Trust,Impact assessment,Query,02/02/2024,Islington
T-1,Sample: school meals,Camden,Islington; Example Trust,Impact assessment,Resubmitted,06/02/2024,
T-1,Sample: school meals,Camden,Islington; Example Trust,Impact assessment,Signed off,07/02/2024,Camden
T-1,Sample: school meals,Camden,Islington; Example Trust,Impact assessment,Signed off,09/02/2024,London Borough of Islington
T-1,Sample: school meals,Camden,Islington; Example Trust,Agreement,Note,12/02/2024,
T-2,Sample: housing,Hackney,,Concept,Submitted,04/03/2024,
`;

/** Imports a mapped export as `hub import --mapping` will: one write session, initiatives then events. */
function importMapped(db: HubDb, mapping: Mapping, table: Table, asOf = "2025-06-01") {
  const result = applyMapping(mapping, table, { asOf });
  const session = new WriteSession(db, { actor: "import:test", importLabel: table.file, now: () => 1, bulk: true }).begin();
  feedMappingResult(session, result, mapping);
  return session.finish();
}

async function trackerXlsx(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Activity");
  const [head, ...rows] = TRACKER_CSV.trim().split("\n").map((l) => l.split(","));
  ws.addRow(head);
  for (const r of rows) {
    const [d, m, y] = r[6]!.split("/").map(Number);
    // Dates as Excel date cells (what an analyst's workbook holds), the rest as text.
    ws.addRow([...r.slice(0, 6), new Date(Date.UTC(y!, m! - 1, d!)), r[7]]);
  }
  const path = join(dir, "activity.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

describe("a mapping written from scratch by an analyst", () => {
  it("imports the tool's CSV: initiatives, participants, signed events and derived cycles", async () => {
    const dir = tempDir();
    const mapping = loadMapping(file(dir, "tracker.yaml", TRACKER_MAPPING));
    const db = freshDb();
    const summary = importMapped(db, mapping, readCsvTable(file(dir, "activity.csv", TRACKER_CSV)));
    expect({ errors: summary.errors, initiatives: summary.initiativesCreated, events: summary.eventsAdded }).toEqual({ errors: [], initiatives: 2, events: 6 });
    expect(db.sql.prepare("SELECT id, title, lead_borough, tool_slug, status, created_at FROM initiatives ORDER BY id").all()).toEqual([
      { id: "tracker-t-1", title: "Sample: school meals", lead_borough: "E09000007", tool_slug: "manual", status: "ACTIVE", created_at: "2025-06-01" },
      { id: "tracker-t-2", title: "Sample: housing", lead_borough: "E09000012", tool_slug: "manual", status: "ACTIVE", created_at: "2025-06-01" },
    ]);
    expect(db.sql.prepare("SELECT initiative_id, authority_code, role FROM initiative_boroughs ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "tracker-t-1", authority_code: "E09000007", role: "LEAD" },
      { initiative_id: "tracker-t-1", authority_code: "E09000019", role: "PARTICIPANT" },
      { initiative_id: "tracker-t-2", authority_code: "E09000012", role: "LEAD" },
    ]);
    expect(db.sql.prepare("SELECT p.initiative_id, p.organisation_slug, o.name FROM initiative_partners p JOIN organisations o ON o.slug = p.organisation_slug").all()).toEqual([
      { initiative_id: "tracker-t-1", organisation_slug: "example-trust", name: "Example Trust" },
    ]);
    expect(db.sql.prepare("SELECT initiative_id, practice_slug FROM initiative_practices ORDER BY 1").all()).toEqual([
      { initiative_id: "tracker-t-1", practice_slug: "common-dpia-template" },
      { initiative_id: "tracker-t-2", practice_slug: "common-dpia-template" },
    ]);
    const day = (d: number, m: number) => Date.UTC(2024, m - 1, d); // GMT dates: London midnight is 00:00 UTC
    expect(db.sql.prepare("SELECT initiative_id, stage, authority_code, kind, at, source, source_ref FROM stage_events ORDER BY id").all()).toEqual([
      { initiative_id: "tracker-t-1", stage: "DPIA", authority_code: null, kind: "SUBMITTED", at: day(1, 2), source: "tracker", source_ref: "T-1:DPIA:SUBMITTED:" },
      { initiative_id: "tracker-t-1", stage: "DPIA", authority_code: "E09000019", kind: "QUERY_RAISED", at: day(2, 2), source: "tracker", source_ref: "T-1:DPIA:QUERY_RAISED:E09000019" },
      { initiative_id: "tracker-t-1", stage: "DPIA", authority_code: null, kind: "RESUBMITTED", at: day(6, 2), source: "tracker", source_ref: "T-1:DPIA:RESUBMITTED:" },
      { initiative_id: "tracker-t-1", stage: "DPIA", authority_code: "E09000007", kind: "APPROVED", at: day(7, 2), source: "tracker", source_ref: "T-1:DPIA:APPROVED:E09000007" },
      { initiative_id: "tracker-t-1", stage: "DPIA", authority_code: "E09000019", kind: "APPROVED", at: day(9, 2), source: "tracker", source_ref: "T-1:DPIA:APPROVED:E09000019" },
      { initiative_id: "tracker-t-2", stage: "CONCEPT", authority_code: null, kind: "SUBMITTED", at: day(4, 3), source: "tracker", source_ref: "T-2:CONCEPT:SUBMITTED:" },
    ]);
    // Every participating organisation signs (issue 13): both boroughs have signed, but the partner
    // Example Trust has not, so the DPIA is still open; the query round kept it with the team 4 days
    // so far (an open query's time is counted once the stage ends).
    expect(db.sql.prepare("SELECT initiative_id, stage, outcome, submitted_at, approved_at, rounds, team_ms FROM stage_cycles ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "tracker-t-1", stage: "DPIA", outcome: "OPEN", submitted_at: day(1, 2), approved_at: null, rounds: 2, team_ms: 4 * 86_400_000 },
      { initiative_id: "tracker-t-2", stage: "CONCEPT", outcome: "OPEN", submitted_at: day(4, 3), approved_at: null, rounds: 1, team_ms: 0 },
    ]);
  });

  it("imports the same export saved as XLSX into the same database, and a re-import adds nothing", async () => {
    const dir = tempDir();
    const mapping = loadMapping(file(dir, "tracker.yaml", TRACKER_MAPPING));
    const fromCsv = freshDb();
    importMapped(fromCsv, mapping, readCsvTable(file(dir, "activity.csv", TRACKER_CSV)));
    const fromXlsx = freshDb();
    const xlsx = await readTable(await trackerXlsx(dir));
    expect(importMapped(fromXlsx, mapping, xlsx).errors).toEqual([]);
    expect(snapshot(fromXlsx)).toEqual(snapshot(fromCsv));
    const again = importMapped(fromXlsx, mapping, xlsx, "2025-07-01");
    expect({ errors: again.errors, ic: again.initiativesCreated, iu: again.initiativesUnchanged, ea: again.eventsAdded, eu: again.eventsUnchanged }).toEqual({ errors: [], ic: 0, iu: 2, ea: 0, eu: 6 });
  });

  it("refuses the whole export for one bad row, naming file, line and column; nothing is written", () => {
    const dir = tempDir();
    const mapping = loadMapping(file(dir, "tracker.yaml", TRACKER_MAPPING));
    const bad = TRACKER_CSV.replace("Query,02/02/2024", "Queried,02/02/2024").replace("Resubmitted,06/02/2024", "Resubmitted,06/13/2024").replace("Concept,Submitted,04/03/2024,", "Concept,Submitted,04/03/2024,Westminster");
    const path = file(dir, "activity.csv", bad);
    const db = freshDb();
    const before = counts(db);
    const summary = importMapped(db, mapping, readCsvTable(path));
    expect(summary.errors.map(formatRowError)).toEqual([
      `${path}:3: column 6 (Status): "Queried" is not one of the words events[0].kind.values maps; expected one of "Submitted", "Query", "Resubmitted", "Signed off", "Note" (or add it to events[0].kind.values in ${join(dir, "tracker.yaml")})`,
      `${path}:4: column 7 (Date): "06/13/2024" is not a date; expected uk (31/03/2024 or 31 March 2024)`,
      `${path}:8: column 8 (Signed by): signer "Westminster" (E09000033) does not take part in initiative tracker-t-2; expected one of its participants (E09000012)`,
    ]);
    expect(summary.committed).toBe(false);
    expect(counts(db)).toEqual(before);
  });

  it("the write service's own errors name the export's columns", () => {
    const dir = tempDir();
    const mapping = loadMapping(file(dir, "tracker.yaml", TRACKER_MAPPING));
    // A sign-off before anything was submitted: only the write service, seeing every event, can tell.
    const path = file(dir, "activity.csv", TRACKER_CSV.split("\n").filter((l) => !l.includes("Submitted") && !l.includes("Query")).join("\n"));
    const summary = importMapped(freshDb(), mapping, readCsvTable(path));
    expect(summary.errors.map(formatRowError)).toEqual([
      `${path}:3: column 6 (Status): APPROVED for stage DPIA of initiative tracker-t-1, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)`,
      `${path}:4: column 6 (Status): APPROVED for stage DPIA of initiative tracker-t-1, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)`,
    ]);
  });
});

describe("applyMapping", () => {
  const M = `tool: isg
columns:
  id: ID
  name: Name
  lead: Lead
  org: Organisation
  created: Created
  state: State
  sent: Sent
  signed: Signed
  signers: Signatories
dates: [iso, uk]
initiative:
  id: isg-{id}
  title: name
  created: created
  status: { column: state, values: { Live: LIVE, Open: "" } }
  rows: many
participants:
  lead: lead
  others: org
  signers: { column: signers }
  organisations:
    Met: met-police
events:
  - stage: ISA
    kind: SUBMITTED
    date: sent
    source_ref: "{initiative}:sent"
  - stage: ISA
    kind: APPROVED
    date: signed
    signer: org
    source_ref: "{initiative}:signed:{signer|slug}"
`;
  const table = (csv: string) => readCsvTable("x.csv", csv);

  it("gathers an initiative's rows: participants in order, its signers, one event from repeated columns", () => {
    const r = applyMapping(parseMapping(M, "m.yaml"), table(`ID,Name,Lead,Organisation,Created,State,Sent,Signed,Signatories
1,Flow,Camden,Met,2024-01-02,Live,2024-02-01,2024-02-03,Met
1,Flow,Camden,Camden,2024-01-02,Live,2024-02-01,,Camden
1,Flow,Camden,Hackney,2024-01-02,Live,2024-02-01,2024-02-05,
`), { asOf: "2025-01-01" });
    expect(r.errors).toEqual([]);
    expect(r.initiatives.map((i) => ({ line: i.line, ...i.record, signers: i.signers }))).toEqual([
      {
        line: 2, id: "isg-1", title: "Flow", lead_borough: "E09000007", boroughs: ["E09000007", "E09000012"], partners: ["met-police"], partnerNames: { "met-police": "Met" },
        tool: "isg", practices: [], status: "LIVE", created_at: "2024-01-02", compareCreatedAt: true, signers: ["met-police", "E09000007"],
      },
    ]);
    expect(r.events.map((e) => [e.line, e.record.borough, e.record.kind, e.record.at, e.record.source_ref])).toEqual([
      [2, "", "SUBMITTED", "2024-02-01", "isg-1:sent"],
      [2, "met-police", "APPROVED", "2024-02-03", "isg-1:signed:met-police"],
      [4, "E09000012", "APPROVED", "2024-02-05", "isg-1:signed:e09000012"],
    ]);
  });

  it("refuses rows of one initiative that disagree, a signer who is not a participant, and a row with no London borough", () => {
    const r = applyMapping(parseMapping(M, "m.yaml"), table(`ID,Name,Lead,Organisation,Created,State,Sent,Signed,Signatories
1,Flow,Camden,Met,2024-01-02,Live,2024-02-01,,Hackney
1,Flow renamed,Camden,Camden,2024-01-02,Live,2024-02-09,,
2,Other,Met,Met,2024-01-02,Open,,,
3,Third,Camden,Camden,2024-01-02,Draft,,,
`), { asOf: "2025-01-01" });
    expect(r.errors.map(formatRowError).sort()).toEqual([
      `x.csv:2: column 9 (Signatories): signer "Hackney" (E09000012) does not take part in initiative isg-1; expected one of its participants (E09000007, met-police)`,
      `x.csv:3: column 2 (Name): initiative isg-1 has title "Flow" on line 2 and "Flow renamed" here; expected the same title on every row of an initiative (initiative.rows: many)`,
      `x.csv:3: column 7 (Sent): event isg-1:sent has at "2024-02-01" on line 2 and "2024-02-09" here; expected the rows of initiative isg-1 to agree (initiative.rows: many)`,
      `x.csv:4: column 3 (Lead): no London borough among the organisations ("Met", "Met"); expected a London authority's name or GSS code, or pass --lead-borough CODE to name the London borough that leads this initiative in the hub`,
      `x.csv:5: column 6 (State): "Draft" is not one of the words initiative.status.values maps; expected one of "Live", "Open" (or add it to initiative.status.values in m.yaml)`,
    ].sort());
  });

  it("names the missing columns of an export, and reads headers whatever their case and spacing", () => {
    const m = parseMapping(M, "m.yaml");
    expect(applyMapping(m, table("id,NAME,Lead,Organisation\n1,x,Camden,Camden\n")).errors.map(formatRowError)).toEqual([
      `x.csv:1: column -: missing columns "Created", "State", "Sent", "Signed", "Signatories"; expected the isg export's columns "ID", "Name", "Lead", "Organisation", "Created", "State", "Sent", "Signed", "Signatories"`,
    ]);
    const r = applyMapping(m, table("id,NAME, lead ,Organisation,created,STATE,Sent,signed,Signatories\n1,x,Camden,Camden,2024-01-01,Open,,,\n"), { asOf: "2025-01-01" });
    expect([r.errors, r.initiatives.map((i) => i.record.title)]).toEqual([[], ["x"]]);
  });
});

describe("previewMapping", () => {
  it("shows what the first rows become, row by row, with their errors and the rows left", () => {
    const dir = tempDir();
    const mapping = loadMapping(file(dir, "tracker.yaml", TRACKER_MAPPING));
    const csv = TRACKER_CSV.replace("Resubmitted,06/02/2024", "Resubmitted,6 Febuary 2024");
    const path = file(dir, "activity.csv", csv);
    const p = previewMapping(mapping, readCsvTable(path), 3, { asOf: "2025-06-01" });
    expect(p.header).toEqual(["Ref", "Project", "Lead council", "Partners", "Step", "Status", "Date", "Signed by"]);
    expect(p.more).toBe(4);
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => ({ line: r.line, status: r.cells.Status, initiative: r.initiative?.id ?? null, signers: r.signers, events: r.events.map((e) => `${e.kind} ${e.borough} ${e.at}`), errors: r.errors, skipped: r.skipped }))).toEqual([
      { line: 2, status: "Submitted", initiative: "tracker-t-1", signers: ["E09000007", "E09000019"], events: ["SUBMITTED  2024-02-01"], errors: [], skipped: false },
      { line: 3, status: "Query", initiative: null, signers: [], events: ["QUERY_RAISED E09000019 2024-02-02"], errors: [], skipped: false },
      { line: 4, status: "Resubmitted", initiative: null, signers: [], events: [], errors: [`${path}:4: column 7 (Date): "6 Febuary 2024" is not a date; expected uk (31/03/2024 or 31 March 2024)`], skipped: false },
    ]);
  });
});
