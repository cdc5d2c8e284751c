import { describe, expect, it } from "vitest";
import { importFiles } from "../../../db/import/import.service.js";
import { formatRowError } from "../../../db/writes/index.js";
import { EVENTS_CSV, INITIATIVES_CSV, counts, file, freshDb, tempDir } from "../import/helpers.js";

const EVENT_HEADER = "initiative_id,stage,borough,kind,at,source,source_ref\n";
const INITIATIVE_HEADER = "id,title,lead_borough,boroughs,partners,tool,practices,status,created_at\n";

/**
 * One malformed file per validation rule: the import must report the documented message with
 * file, line and column, and leave every row count as it was (nothing written).
 */
const EVENT_CASES: [rule: string, rows: string, expected: string][] = [
  ["unknown borough code", "I1,DPIA,E09000099,SUBMITTED,2024-04-01T09:00:00Z,isg,x1", `:2: column 3 (borough): unknown borough code "E09000099"; expected a London GSS code E09000001..E09000033, a partner organisation's slug, or empty for an initiative-wide event`],
  ["a borough not taking part", "I1,DPIA,E09000007,SUBMITTED,2024-04-01T09:00:00Z,isg,x1", `:2: column 3 (borough): borough E09000007 does not take part in initiative I1; expected one of E09000001, E09000002, met-police, or empty for an initiative-wide event`],
  ["unknown stage", "I1,SIGNOFF,,SUBMITTED,2024-04-01T09:00:00Z,isg,x1", `:2: column 2 (stage): unknown stage "SIGNOFF" for process loti-2019; expected one of IDEA, CONCEPT, DPIA, ISA, REVIEW`],
  ["unknown kind", "I1,DPIA,,SIGNED,2024-04-01T09:00:00Z,isg,x1", `:2: column 4 (kind): unknown event kind "SIGNED"; expected one of SUBMITTED, QUERY_RAISED, RESUBMITTED, APPROVED, REJECTED, WITHDRAWN, DPO_REVIEWED`],
  ["unparsable timestamp", "I1,DPIA,,SUBMITTED,01/04/2024 09:00,isg,x1", `:2: column 5 (at): "01/04/2024 09:00" is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`],
  ["impossible date", "I1,DPIA,,SUBMITTED,2023-02-30,isg,x1", `:2: column 5 (at): "2023-02-30" is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`],
  ["date-time without a zone", "I1,DPIA,,SUBMITTED,2024-04-01T09:00:00,isg,x1", `:2: column 5 (at): "2024-04-01T09:00:00" is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`],
  ["APPROVED before the stage's SUBMITTED", "I1,ISA,,APPROVED,2024-04-01T09:00:00Z,isg,x1\nI1,ISA,,SUBMITTED,2024-04-02T09:00:00Z,isg,x2", `:2: column 5 (at): APPROVED at 2024-04-01T09:00:00.000Z is before stage ISA's first SUBMITTED (2024-04-02T09:00:00.000Z) of initiative I1; expected an approval at or after the submission`],
  ["APPROVED of a stage never submitted", "I1,ISA,E09000001,APPROVED,2024-04-01T09:00:00Z,isg,x1", `:2: column 4 (kind): APPROVED for stage ISA of initiative I1, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)`],
  ["event for an unknown initiative", "I9,DPIA,,SUBMITTED,2024-04-01T09:00:00Z,isg,x1", `:2: column 1 (initiative_id): unknown initiative "I9"; expected the id of an initiative in the initiatives file or the database`],
  ["duplicate inside one file", "I1,REVIEW,,SUBMITTED,2024-04-01T09:00:00Z,isg,x1\nI1,REVIEW,,RESUBMITTED,2024-04-02T09:00:00Z,isg,x1", `:3: column 7 (source_ref): duplicate event (source isg, source_ref x1): already given on line 2; expected each (source, source_ref) once`],
  ["a stored (source, source_ref) with different content", "I1,DPIA,,SUBMITTED,2024-04-01T09:00:00Z,isg,e3", `:2: column 5 (at): event (source isg, source_ref e3) is already stored with a different at (stored "2024-02-01T09:00:00.000Z", here "2024-04-01T09:00:00.000Z"); expected the same content, or a new source_ref`],
  ["a row with too few fields", "I1,DPIA,,SUBMITTED", `:2: column 5: found 4 fields; expected 7, one per header column (initiative_id,stage,borough,kind,at,source,source_ref)`],
];

const INITIATIVE_CASES: [rule: string, row: string, expected: string][] = [
  ["unknown lead borough", "N1,New,E09000999,E09000999,,isg,,,2024-01-01", `:2: column 3 (lead_borough): unknown borough code "E09000999"; expected a London GSS code E09000001..E09000033`],
  ["unknown participating borough", "N1,New,E09000001,E09000001;E12000007,,isg,,,2024-01-01", `:2: column 4 (boroughs): unknown borough code "E12000007"; expected ;-separated London GSS codes E09000001..E09000033`],
  ["unknown tool", "N1,New,E09000001,E09000001,,sharepoint,,,2024-01-01", `:2: column 6 (tool): unknown tool "sharepoint"; expected one of ecins, flowz, icase, isg, manual, onelondon, weisf`],
  ["bad created_at", "N1,New,E09000001,E09000001,,isg,,,1 Jan 2024", `:2: column 9 (created_at): "1 Jan 2024" is not a date; expected an ISO 8601 date YYYY-MM-DD`],
  ["bad status", "N1,New,E09000001,E09000001,,isg,,DONE,2024-01-01", `:2: column 8 (status): unknown status "DONE"; expected empty (derived from the events) or one of ACTIVE, LIVE, WITHDRAWN, REJECTED`],
  ["duplicate id in one file", "N1,New,E09000001,E09000001,,isg,,,2024-01-01\nN1,New again,E09000001,E09000001,,isg,,,2024-01-01", `:3: column 1 (id): initiative N1 appears twice; it was already given on line 2 (expected each initiative once per file)`],
  ["a stored initiative with different content", "I2,Second renamed,E09000003,E09000003,,manual,,,2024-02-01", `:2: column 2 (title): initiative I2 is already stored with a different title (stored "Second", here "Second renamed"); expected the same content, or a new id`],
];

async function seeded() {
  const dir = tempDir();
  const db = freshDb();
  const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) });
  expect(r.errors).toEqual([]);
  return { dir, db };
}

describe("import validation", () => {
  for (const [rule, rows, expected] of EVENT_CASES) {
    it(`refuses an events file with ${rule}, writing nothing`, async () => {
      const { dir, db } = await seeded();
      const before = counts(db);
      // A valid row first: it must not be written either.
      const path = file(dir, "bad.csv", `${EVENT_HEADER}${rows}\nI2,DPIA,,SUBMITTED,2024-08-01T09:00:00Z,manual,ok1\n`);
      const r = await importFiles(db, { events: path });
      expect(r.committed).toBe(false);
      expect(r.errors.map(formatRowError)).toEqual([`${path}${expected}`]);
      expect(counts(db)).toEqual(before);
    });
  }

  for (const [rule, row, expected] of INITIATIVE_CASES) {
    it(`refuses an initiatives file with ${rule}, writing nothing`, async () => {
      const { dir, db } = await seeded();
      const before = counts(db);
      const path = file(dir, "bad.csv", `${INITIATIVE_HEADER}${row}\n`);
      const r = await importFiles(db, { initiatives: path });
      expect(r.errors.map(formatRowError)).toEqual([`${path}${expected}`]);
      expect(counts(db)).toEqual(before);
    });
  }

  it("reports every bad row of a file, not just the first, and a missing column by name", async () => {
    const { dir, db } = await seeded();
    const path = file(dir, "bad.csv", `${EVENT_HEADER}I9,DPIA,,SUBMITTED,2024-04-01T09:00:00Z,isg,x1\nI1,DPIA,,NOPE,2024-04-01T09:00:00Z,isg,x2\n`);
    const r = await importFiles(db, { events: path });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "1 (initiative_id)"],
      [3, "4 (kind)"],
    ]);
    const header = file(dir, "header.csv", "initiative_id,stage,borough,kind,when,source,source_ref\n");
    const h = await importFiles(db, { events: header });
    expect(h.errors.map(formatRowError)).toEqual([`${header}:1: column -: missing column at; unknown column when; expected the header initiative_id,stage,borough,kind,at,source,source_ref`]);
  });

  it("reports a refused initiative once, not again for each of its events", async () => {
    const { dir, db } = await seeded();
    const ini = file(dir, "i.csv", `${INITIATIVE_HEADER}N1,New,E09000001,E09000001,,sharepoint,,,2024-01-01\n`);
    const ev = file(dir, "e.csv", `${EVENT_HEADER}N1,IDEA,,SUBMITTED,2024-01-02,t,1\nN1,IDEA,,APPROVED,2024-01-03,t,2\n`);
    const r = await importFiles(db, { initiatives: ini, events: ev });
    expect(r.errors.map((e) => [e.file, e.line, e.field])).toEqual([[ini, 2, "tool"]]);
  });

  it("refuses a file with an unclosed quote", async () => {
    const { dir, db } = await seeded();
    const before = counts(db);
    const path = file(dir, "bad.csv", `${EVENT_HEADER}I1,DPIA,,SUBMITTED,2024-04-01T09:00:00Z,isg,"x1\n`);
    const r = await importFiles(db, { events: path });
    expect(r.errors.map(formatRowError)).toEqual([`${path}:2: column -: not valid CSV: the file ends inside a quoted field (a " is not closed); expected RFC 4180 CSV with a header row`]);
    expect(counts(db)).toEqual(before);
  });
});
