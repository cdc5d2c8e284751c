import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { importFiles } from "../../../db/import/import.service.js";
import { formatRowError } from "../../../db/writes/index.js";
import { isConstraintError } from "../../../db/driver/index.js";
import { onPostgres } from "../../db-target.js";
import { getDataVersion } from "../../../db/cycles/change-log.js";
import { getDatasetKind } from "../../../db/meta.js";
import { EVENTS_CSV, INITIATIVES_CSV, counts, file, freshDb, snapshot, tempDir } from "./helpers.js";

describe("importFiles (canonical CSV)", () => {
  it("imports initiatives and events, derives cycles and marks the database as imported", async () => {
    const dir = tempDir();
    const db = freshDb();
    const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV), now: () => 1_700_000_000_000 });
    expect(r.errors).toEqual([]);
    expect({ committed: r.committed, ic: r.initiativesCreated, ec: r.eventsAdded }).toEqual({ committed: true, ic: 2, ec: 8 });
    expect(db.sql.prepare("SELECT id, title, lead_borough, tool_slug, status, created_at, recorded_by FROM initiatives ORDER BY id").all()).toEqual([
      { id: "I1", title: "Troubled families, joined up", lead_borough: "E09000001", tool_slug: "isg", status: "ACTIVE", created_at: "2024-01-10", recorded_by: "import:initiatives.csv + events.csv" },
      { id: "I2", title: "Second", lead_borough: "E09000003", tool_slug: "manual", status: "ACTIVE", created_at: "2024-02-01", recorded_by: "import:initiatives.csv + events.csv" },
    ]);
    expect(db.sql.prepare("SELECT * FROM initiative_boroughs ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "I1", authority_code: "E09000001", role: "LEAD", signs: 1, joined_at: null, left_at: null },
      { initiative_id: "I1", authority_code: "E09000002", role: "PARTICIPANT", signs: 1, joined_at: null, left_at: null },
      { initiative_id: "I2", authority_code: "E09000003", role: "LEAD", signs: 1, joined_at: null, left_at: null },
    ]);
    expect(db.sql.prepare("SELECT slug, name, kind FROM organisations WHERE slug = 'met-police'").get()).toEqual({ slug: "met-police", name: "met-police", kind: "OTHER" });
    // A date alone is that London date: 2024-07-01 00:00 BST = 2024-06-30T23:00Z; 2024-01-10 00:00 GMT.
    expect(db.sql.prepare("SELECT at FROM stage_events WHERE source_ref IN ('e1', 'm1') ORDER BY source_ref").pluck().all()).toEqual([Date.UTC(2024, 0, 10), Date.UTC(2024, 5, 30, 23)]);
    expect(db.sql.prepare("SELECT initiative_id, stage, outcome, submitted_at, approved_at, rounds, team_ms FROM stage_cycles ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "I1", stage: "DPIA", outcome: "APPROVED", submitted_at: Date.UTC(2024, 1, 1, 9), approved_at: Date.UTC(2024, 2, 5, 9), rounds: 2, team_ms: 2 * 86_400_000 },
      { initiative_id: "I1", stage: "IDEA", outcome: "APPROVED", submitted_at: Date.UTC(2024, 0, 10), approved_at: Date.UTC(2024, 0, 12, 10), rounds: 1, team_ms: 0 },
      { initiative_id: "I2", stage: "IDEA", outcome: "OPEN", submitted_at: Date.UTC(2024, 5, 30, 23), approved_at: null, rounds: 1, team_ms: 0 },
    ]);
    expect(db.sql.prepare("SELECT * FROM borough_signoffs WHERE stage = 'DPIA' ORDER BY 3").all()).toEqual([
      { initiative_id: "I1", stage: "DPIA", authority_code: "E09000001", approved_at: Date.UTC(2024, 2, 1, 9) },
      { initiative_id: "I1", stage: "DPIA", authority_code: "E09000002", approved_at: Date.UTC(2024, 2, 5, 9) },
    ]);
    expect(getDatasetKind(db.sql)).toBe("imported");
    expect(db.sql.prepare("SELECT actor, action, entity_type, entity_id FROM audit_log ORDER BY id").all()).toEqual([
      { actor: "import:initiatives.csv + events.csv", action: "initiative.create", entity_type: "initiative", entity_id: "I1" },
      { actor: "import:initiatives.csv + events.csv", action: "initiative.create", entity_type: "initiative", entity_id: "I2" },
      { actor: "import:initiatives.csv + events.csv", action: "events.import", entity_type: "initiative", entity_id: "I1" },
      { actor: "import:initiatives.csv + events.csv", action: "events.import", entity_type: "initiative", entity_id: "I2" },
      { actor: "import:initiatives.csv + events.csv", action: "import", entity_type: "import", entity_id: "initiatives.csv + events.csv" },
    ]);
  });

  it("derives status from the events when the file leaves it empty, and keeps a stated one", async () => {
    const dir = tempDir();
    const db = freshDb();
    const ini = `id,title,lead_borough,boroughs,partners,tool,practices,status,created_at
A,Live one,E09000001,E09000001,,isg,,,2024-01-01
B,Withdrawn one,E09000001,E09000001,,isg,,,2024-01-01
C,Stated,E09000001,E09000001,,isg,,LIVE,2024-01-01
`;
    const ev = `initiative_id,stage,borough,kind,at,source,source_ref
A,ISA,,SUBMITTED,2024-01-02,t,1
A,ISA,,APPROVED,2024-01-09,t,2
B,DPIA,,SUBMITTED,2024-01-02,t,3
B,DPIA,,WITHDRAWN,2024-01-03,t,4
C,IDEA,,SUBMITTED,2024-01-02,t,5
`;
    const r = await importFiles(db, { initiatives: file(dir, "i.csv", ini), events: file(dir, "e.csv", ev) });
    expect(r.errors).toEqual([]);
    expect(db.sql.prepare("SELECT id, status FROM initiatives ORDER BY id").all()).toEqual([
      { id: "A", status: "LIVE" },
      { id: "B", status: "WITHDRAWN" },
      { id: "C", status: "LIVE" },
    ]);
  });

  it("is idempotent: importing the same files again changes nothing", async () => {
    const dir = tempDir();
    const db = freshDb();
    const opts = { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) };
    await importFiles(db, opts);
    const before = snapshot(db);
    const version = getDataVersion(db.sql);
    const r = await importFiles(db, opts);
    expect(r.errors).toEqual([]);
    expect({ ic: r.initiativesCreated, iu: r.initiativesUnchanged, ec: r.eventsAdded, eu: r.eventsUnchanged }).toEqual({ ic: 0, iu: 2, ec: 0, eu: 8 });
    expect(snapshot(db)).toEqual(before);
    expect(getDataVersion(db.sql)).toBe(version);
  });

  it("adds only the new rows of a file that grew, and refuses a changed row", async () => {
    const dir = tempDir();
    const db = freshDb();
    const ini = file(dir, "initiatives.csv", INITIATIVES_CSV);
    await importFiles(db, { initiatives: ini, events: file(dir, "events.csv", EVENTS_CSV) });
    const grown = await importFiles(db, { events: file(dir, "more.csv", `${EVENTS_CSV}I2,IDEA,,APPROVED,2024-07-03T12:00:00Z,manual,m2\n`) });
    expect({ ec: grown.eventsAdded, eu: grown.eventsUnchanged, errors: grown.errors }).toEqual({ ec: 1, eu: 8, errors: [] });
    expect(db.sql.prepare("SELECT outcome FROM stage_cycles WHERE initiative_id = 'I2'").pluck().get()).toBe("APPROVED");
    const before = counts(db);
    const changed = await importFiles(db, { events: file(dir, "changed.csv", EVENTS_CSV.replace("I1,IDEA,,APPROVED,2024-01-12T10:00:00Z", "I1,IDEA,,APPROVED,2024-01-13T10:00:00Z")) });
    expect(changed.errors.map(formatRowError)).toEqual([
      `${join(dir, "changed.csv")}:3: column 5 (at): event (source isg, source_ref e2) is already stored with a different at (stored "2024-01-12T10:00:00.000Z", here "2024-01-13T10:00:00.000Z"); expected the same content, or a new source_ref`,
    ]);
    expect(counts(db)).toEqual(before);
  });

  it("re-imports files longer than one insert batch: stored events unchanged, a changed one and repeats named by line", async () => {
    const dir = tempDir();
    const db = freshDb();
    const header = "initiative_id,stage,borough,kind,at,source,source_ref\n";
    const row = (ref: string, minute: number) => `I2,IDEA,,SUBMITTED,2024-07-01T09:${String(minute % 60).padStart(2, "0")}:00Z,bulk,${ref}\n`;
    const stored = Array.from({ length: 150 }, (_, i) => row(String(i), i));
    const initiatives = file(dir, "initiatives.csv", INITIATIVES_CSV);
    expect((await importFiles(db, { initiatives, events: file(dir, "a.csv", header + stored.join("")) })).committed).toBe(true);
    const again = await importFiles(db, { events: file(dir, "b.csv", header + stored.join("")) });
    expect({ errors: again.errors, ec: again.eventsAdded, eu: again.eventsUnchanged }).toEqual({ errors: [], ec: 0, eu: 150 });

    // Rows 0-149 stored (99 changed), n0-n59 new with n0 again at index 170, stored 10 again at the end.
    const rows = [...stored];
    rows[99] = row("99", 7);
    for (let i = 0; i < 60; i++) rows.push(row(`n${i}`, i));
    rows.splice(170, 0, row("n0", 0));
    rows.push(row("10", 10));
    const before = counts(db);
    const path = file(dir, "c.csv", header + rows.join(""));
    const r = await importFiles(db, { events: path });
    const line = (index: number) => index + 2;
    expect(r.errors.map(formatRowError)).toEqual([
      `${path}:${line(99)}: column 5 (at): event (source bulk, source_ref 99) is already stored with a different at (stored "2024-07-01T09:39:00.000Z", here "2024-07-01T09:07:00.000Z"); expected the same content, or a new source_ref`,
      `${path}:${line(170)}: column 7 (source_ref): duplicate event (source bulk, source_ref n0): already given on line ${line(150)}; expected each (source, source_ref) once`,
      `${path}:${line(rows.length - 1)}: column 7 (source_ref): duplicate event (source bulk, source_ref 10): already given on line ${line(10)}; expected each (source, source_ref) once`,
    ]);
    expect(counts(db)).toEqual(before);
  });

  it("--dry-run reports what it would import and writes nothing", async () => {
    const dir = tempDir();
    const db = freshDb();
    const before = counts(db);
    // PostgreSQL keeps its indexes during a bulk load; the list must not change there either.
    const indexes = () =>
      db.sql
        .prepare(
          db.dialect === "postgres"
            ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
            : "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name",
        )
        .pluck()
        .all();
    const indexesBefore = indexes();
    const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV), dryRun: true });
    expect({ committed: r.committed, dryRun: r.dryRun, ic: r.initiativesCreated, ec: r.eventsAdded, errors: r.errors }).toEqual({ committed: false, dryRun: true, ic: 2, ec: 8, errors: [] });
    expect(counts(db)).toEqual(before);
    expect(getDatasetKind(db.sql)).toBe("empty");
    // A bulk load drops secondary indexes of empty tables inside its transaction: rolled back too.
    expect(indexes()).toEqual(indexesBefore);
    expect(indexesBefore).toEqual(expect.arrayContaining(["stage_events_at_idx", "stage_events_initiative_idx", "stage_cycles_stage_idx", "borough_signoffs_authority_idx"]));
    await importFiles(db, { initiatives: join(dir, "initiatives.csv"), events: join(dir, "events.csv") });
    expect(indexes()).toEqual(indexesBefore);
  });

  it("reads RFC 4180 quoting, CRLF line ends and a byte-order mark", async () => {
    const dir = tempDir();
    const db = freshDb();
    const ini = '\uFEFFid,title,lead_borough,boroughs,partners,tool,practices,status,created_at\r\nQ1,"A ""quoted"" title, with a comma\r\nand a line break",E09000005,E09000005,,manual,,,2024-03-01\r\n';
    const r = await importFiles(db, { initiatives: file(dir, "q.csv", ini), events: file(dir, "e.csv", "initiative_id,stage,borough,kind,at,source,source_ref\r\nQ1,IDEA,,SUBMITTED,2024-03-01,x,1\r\nQ1,IDEA,,FOO,2024-03-01,x,2\r\n") });
    expect(r.errors.map(formatRowError)).toEqual([`${join(dir, "e.csv")}:3: column 4 (kind): unknown event kind "FOO"; expected one of SUBMITTED, QUERY_RAISED, RESUBMITTED, APPROVED, REJECTED, WITHDRAWN, DPO_REVIEWED`]);
    const ok = await importFiles(db, { initiatives: join(dir, "q.csv") });
    expect(ok.errors).toEqual([]);
    expect(db.sql.prepare("SELECT title FROM initiatives").pluck().get()).toBe('A "quoted" title, with a comma\r\nand a line break');
  });
});

describe("importFiles and foreign-key enforcement", () => {
  // SQLite only: a bulk load turns SQLite's foreign_keys pragma off for its transaction. PostgreSQL
  // has no such switch (the import never relaxes its checks); its equivalent is the test below.
  it.skipIf(onPostgres)("turns foreign_keys back on after a committed and after a refused import", async () => {
    const dir = tempDir();
    const db = freshDb();
    expect(db.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
    const ok = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) });
    expect(ok.committed).toBe(true);
    expect(db.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
    const bad = await importFiles(db, { events: file(dir, "bad.csv", "initiative_id,stage,borough,kind,at,source,source_ref\nNOPE,IDEA,,SUBMITTED,2024-01-01,x,1\n") });
    expect(bad.committed).toBe(false);
    expect(db.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
    // Every stored reference resolves (the import checked them itself while enforcement was off).
    expect(db.sqlite!.pragma("foreign_key_check")).toEqual([]);
  });

  it.runIf(onPostgres)("keeps PostgreSQL's foreign keys enforced and valid through a committed and a refused import", async () => {
    const dir = tempDir();
    const db = freshDb();
    const ok = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) });
    expect(ok.committed).toBe(true);
    const bad = await importFiles(db, { events: file(dir, "bad.csv", "initiative_id,stage,borough,kind,at,source,source_ref\nNOPE,IDEA,,SUBMITTED,2024-01-01,x,1\n") });
    expect(bad.committed).toBe(false);
    // Every foreign key of the hub's tables is still in force and validated ...
    const unvalidated = db.sql.prepare("SELECT conname FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND NOT convalidated").pluck().all();
    expect(unvalidated).toEqual([]);
    // ... and refuses a row naming an initiative that does not exist.
    let refused: unknown = null;
    try {
      db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('NOPE', 'E09000001', 'LEAD')").run();
    } catch (err) {
      refused = err;
    }
    expect(isConstraintError(refused)).toBe(true);
  });
});
