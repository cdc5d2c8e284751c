import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { importFiles } from "../../../db/import/import.service.js";
import { exportEventsCsv, exportInitiativesCsv } from "../../../db/export/index.js";
import type { HubDb } from "../../../db/connection.js";
import { counts, file, freshDb, tempDir } from "./helpers.js";
import { toText } from "../export/to-text.js";

/**
 * The initiatives file's optional `joined` and `left` columns (issue 13 point 4): `;`-separated
 * `code@ISO-date-or-datetime`. L1: boroughs A, B approve the ISA on day 10 and the police leave
 * on day 25 without signing → approved on day 25. L2: nhs-nel joins on day 8 (a London date:
 * 2024-03-09 00:00 GMT) and signs on day 14 → approved on day 14, not on the boroughs' day 10.
 * Day n is 2024-03-01 + n days at 10:00 UTC.
 */

const INITIATIVES = `id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,joined,left
L1,Leaver,E09000001,E09000001;E09000002,met-police,isg,,,2024-03-01,,met-police@2024-03-26T10:00:00Z
L2,Joiner,E09000001,E09000001;E09000002,nhs-nel,isg,,,2024-03-01,nhs-nel@2024-03-09,
`;
const EVENTS = `initiative_id,stage,borough,kind,at,source,source_ref
L1,ISA,,SUBMITTED,2024-03-01T10:00:00Z,isg,a1
L1,ISA,E09000001,APPROVED,2024-03-11T10:00:00Z,isg,a2
L1,ISA,E09000002,APPROVED,2024-03-11T10:00:00Z,isg,a3
L2,ISA,,SUBMITTED,2024-03-01T10:00:00Z,isg,b1
L2,ISA,E09000001,APPROVED,2024-03-11T10:00:00Z,isg,b2
L2,ISA,E09000002,APPROVED,2024-03-11T10:00:00Z,isg,b3
L2,ISA,nhs-nel,APPROVED,2024-03-15T10:00:00Z,isg,b4
`;

const cycles = (db: HubDb) => db.sql.prepare("SELECT initiative_id, stage, outcome, approved_at FROM stage_cycles ORDER BY initiative_id, stage").all();

describe("the initiatives file's joined and left columns", () => {
  it("derive the approvals from them, and export → import → export is byte-identical", async () => {
    const dir = tempDir();
    const a = freshDb();
    const r = await importFiles(a, { initiatives: file(dir, "i.csv", INITIATIVES), events: file(dir, "e.csv", EVENTS) });
    expect(r.errors).toEqual([]);
    expect(cycles(a)).toEqual([
      { initiative_id: "L1", stage: "ISA", outcome: "APPROVED", approved_at: Date.UTC(2024, 2, 26, 10) },
      { initiative_id: "L2", stage: "ISA", outcome: "APPROVED", approved_at: Date.UTC(2024, 2, 15, 10) },
    ]);
    expect(a.sql.prepare("SELECT initiative_id, organisation_slug, joined_at, left_at FROM initiative_partners ORDER BY 1").all()).toEqual([
      { initiative_id: "L1", organisation_slug: "met-police", joined_at: null, left_at: Date.UTC(2024, 2, 26, 10) },
      { initiative_id: "L2", organisation_slug: "nhs-nel", joined_at: Date.UTC(2024, 2, 9), left_at: null },
    ]);
    const initiatives = join(dir, "first-i.csv");
    const events = join(dir, "first-e.csv");
    const firstI = await toText((out) => exportInitiativesCsv(a, {}, out), initiatives);
    const firstE = await toText((out) => exportEventsCsv(a, {}, out), events);
    expect(firstI).toBe(`id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,purpose,joined,left
L1,Leaver,E09000001,E09000001;E09000002,met-police,isg,,LIVE,2024-03-01,,,met-police@2024-03-26T10:00:00.000Z
L2,Joiner,E09000001,E09000001;E09000002,nhs-nel,isg,,LIVE,2024-03-01,,nhs-nel@2024-03-09T00:00:00.000Z,
`);
    const b = freshDb();
    expect((await importFiles(b, { initiatives, events })).errors).toEqual([]);
    expect(await toText((out) => exportInitiativesCsv(b, {}, out), join(dir, "second-i.csv"))).toBe(firstI);
    expect(await toText((out) => exportEventsCsv(b, {}, out), join(dir, "second-e.csv"))).toBe(firstE);
    expect(cycles(b)).toEqual(cycles(a));
  });

  it("bad cells (unknown participant, bad time, left before joined, listed twice) refuse the import with FILE:LINE, nothing written", async () => {
    const dir = tempDir();
    const db = freshDb();
    const before = counts(db);
    const bad = file(
      dir,
      "bad.csv",
      `id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,joined,left
B1,Unknown,E09000001,E09000001,met-police,isg,,,2024-03-01,,lfb@2024-03-26
B2,Bad time,E09000001,E09000001,met-police,isg,,,2024-03-01,met-police@2024-02-30,
B3,Before,E09000001,E09000001,met-police,isg,,,2024-03-01,met-police@2024-04-01,met-police@2024-03-01
B4,Twice,E09000001,E09000001;E09000002,,isg,,,2024-03-01,,E09000002@2024-04-01;E09000002@2024-05-01
B5,No at,E09000001,E09000001;E09000002,,isg,,,2024-03-01,,E09000002
`,
    );
    const r = await importFiles(db, { initiatives: bad });
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => [e.file, e.line, e.field, e.message])).toEqual([
      [bad, 2, "left", '"lfb" left but is not among the initiative\'s participants; expected a GSS code from boroughs or a slug from partners'],
      [bad, 3, "joined", '"met-police@2024-02-30" is not code@time; expected a participant\'s GSS code or partner slug, "@" and an ISO date or date-time with zone, e.g. met-police@2024-05-01'],
      [bad, 4, "left", "met-police leaves at 2024-03-01T00:00:00.000Z, not after it joined at 2024-03-31T23:00:00.000Z; expected a leaving later than the joining"], // 2024-04-01 is London midnight BST,
      [bad, 5, "left", "E09000002 is listed twice in left; expected each participant once"],
      [bad, 6, "left", '"E09000002" is not code@time; expected a participant\'s GSS code or partner slug, "@" and an ISO date or date-time with zone, e.g. met-police@2024-05-01'],
    ]);
    expect(counts(db)).toEqual(before);
  });
});
