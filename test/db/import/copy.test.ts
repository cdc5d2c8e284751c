import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { exportEventsCsv, exportInitiativesCsv } from "../../../db/export/index.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import type { HubDb } from "../../../db/connection.js";
import { writeSyntheticCsv } from "./fixtures.js";
import { importFiles } from "../../../db/import/import.service.js";
import { formatRowError } from "../../../db/writes/index.js";
import { PgConn } from "../../../db/driver/index.js";
import { PG_BASE_URL, onPostgres, pgUrlFor } from "../../db-target.js";
import { INITIATIVES_CSV, counts, file, freshDb, tempDir } from "./helpers.js";

// A first import into an empty database takes PostgreSQL's bulk path (COPY, the foreign keys,
// secondary indexes and the event-numbering trigger set aside until the end; see
// db/writes/bulk-load.pg.ts); these run on SQLite too, where the same answers are expected.
describe("bulk import into an empty database", () => {
  const header = "initiative_id,stage,borough,kind,at,source,source_ref,retracts,reason\n";

  it("reports a (source, source_ref) given twice in a first import by line, and writes nothing", async () => {
    const dir = tempDir();
    const db = freshDb();
    const before = counts(db);
    const events = file(dir, "events.csv", `${header}I1,IDEA,,SUBMITTED,2024-01-10,isg,e1,,\nI1,IDEA,,APPROVED,2024-01-12,isg,e2,,\nI1,IDEA,,APPROVED,2024-01-13,isg,e1,,\n`);
    const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events });
    expect(r.errors.map(formatRowError)).toEqual([`${events}:4: column 7 (source_ref): duplicate event (source isg, source_ref e1): already given on line 2; expected each (source, source_ref) once`]);
    expect(r.committed).toBe(false);
    expect(counts(db)).toEqual(before);
  });

  it("numbers events 1, 2, 3 … and a retraction in the same first import after them; the next import follows on", async () => {
    const dir = tempDir();
    const db = freshDb();
    const events = file(
      dir,
      "events.csv",
      `${header}I1,IDEA,,SUBMITTED,2024-01-10,isg,e1,,\nI1,IDEA,,APPROVED,2024-01-12,isg,e2,,\nI2,IDEA,,SUBMITTED,2024-07-01,manual,m1,,\nI1,IDEA,,RETRACTED,2024-01-13,isg,r1,e2,approved by mistake\n`,
    );
    const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events });
    expect(r.errors).toEqual([]);
    expect(r.committed).toBe(true);
    const more = await importFiles(db, { events: file(dir, "more.csv", `${header}I2,IDEA,,APPROVED,2024-07-02,manual,m2,,\n`) });
    expect(more.committed).toBe(true);
    expect(db.sql.prepare("SELECT id, source_ref, kind, retracts FROM stage_events ORDER BY id").all()).toEqual([
      { id: 1, source_ref: "e1", kind: "SUBMITTED", retracts: null },
      { id: 2, source_ref: "e2", kind: "APPROVED", retracts: null },
      { id: 3, source_ref: "m1", kind: "SUBMITTED", retracts: null },
      { id: 4, source_ref: "r1", kind: "RETRACTED", retracts: 2 },
      { id: 5, source_ref: "m2", kind: "APPROVED", retracts: null },
    ]);
    // The retraction took back I1's approval: its IDEA stage is open again.
    expect(db.sql.prepare("SELECT initiative_id, stage, outcome FROM stage_cycles ORDER BY 1, 2").all()).toEqual([
      { initiative_id: "I1", stage: "IDEA", outcome: "OPEN" },
      { initiative_id: "I2", stage: "IDEA", outcome: "APPROVED" },
    ]);
  });

  it.runIf(onPostgres)("leaves the foreign keys, indexes and triggers of the tables as they were", async () => {
    const dir = tempDir();
    const db = freshDb();
    const schemaObjects = () => ({
      fks: db.sql.prepare("SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND convalidated ORDER BY 1").pluck().all(),
      indexes: db.sql.prepare("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1").pluck().all(),
      triggers: db.sql.prepare("SELECT t.tgname || ' ' || t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY 1").pluck().all(),
    });
    const before = schemaObjects();
    expect(before.triggers).toContain("stage_events_next_id O");
    expect(before.fks.length).toBeGreaterThan(10);
    const events = file(dir, "events.csv", `${header}I1,IDEA,,SUBMITTED,2024-01-10,isg,e1,,\n`);
    expect((await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events, dryRun: true })).committed).toBe(false);
    expect(schemaObjects()).toEqual(before);
    expect((await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events })).committed).toBe(true);
    expect(schemaObjects()).toEqual(before);
    // The trigger numbers an event inserted without an id again.
    db.sql.prepare("INSERT INTO stage_events (initiative_id, stage, kind, at, source, source_ref, recorded_at, recorded_by) VALUES ('I2', 'IDEA', 'SUBMITTED', 1, 'test', 't1', 1, 'test')").run();
    expect(db.sql.prepare("SELECT id FROM stage_events WHERE source_ref = 't1'").pluck().get()).toBe(2);
  });

  it.runIf(onPostgres)("does not wait for another connection reading one of the tables: that import keeps the row-by-row checks", async () => {
    const dir = tempDir();
    const db = freshDb();
    // An open transaction that has read authorities holds a lock on it until it ends. Were the
    // import to wait for it, this test would hang: the same thread holds both connections.
    const reader = new PgConn(PG_BASE_URL!, (db.sql as PgConn).schema);
    try {
      reader.exec("BEGIN; SELECT COUNT(*) FROM authorities");
      const events = file(dir, "events.csv", `${header}I1,IDEA,,SUBMITTED,2024-01-10,isg,e1,,\nI2,IDEA,,SUBMITTED,2024-07-01,manual,m1,,\n`);
      const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events });
      expect({ committed: r.committed, ic: r.initiativesCreated, ec: r.eventsAdded, errors: r.errors }).toEqual({ committed: true, ic: 2, ec: 2, errors: [] });
      reader.exec("COMMIT");
    } finally {
      reader.close();
    }
    expect(db.sql.prepare("SELECT id, source_ref FROM stage_events ORDER BY id").all()).toEqual([
      { id: 1, source_ref: "e1" },
      { id: 2, source_ref: "m1" },
    ]);
  });

  it.runIf(onPostgres)("exports the same bytes after the same imports into SQLite and PostgreSQL (a title with a tab, a newline and a backslash included)", async () => {
    // openDb is mapped to PostgreSQL in this pass (test/setup.ts): the real one opens SQLite.
    const real = await vi.importActual<typeof import("../../../db/connection.js")>("../../../db/connection.js");
    const dir = tempDir();
    const synthetic = await writeSyntheticCsv(dir, 5000, 11);
    const odd = file(dir, "odd.csv", 'id,title,lead_borough,boroughs,partners,tool,practices,status,created_at\nODD1,"Tab\there, a back\\slash, \\N and\na new line",E09000001,E09000001;E09000002,,manual,,,2024-03-01\n');
    const oddEvents = file(dir, "odd-events.csv", `${header}ODD1,IDEA,,SUBMITTED,2024-03-02,x\\y,r\\N,,\n`);
    const text = async (run: (out: Writable) => Promise<number>): Promise<string> => {
      let s = "";
      await run(new Writable({ write: (chunk: Buffer, _enc, done) => ((s += chunk.toString("utf8")), done()) }));
      return s;
    };
    const exported: string[][] = [];
    for (const db of [real.openDb(":memory:"), real.openDb(pgUrlFor(":memory:"))] as HubDb[]) {
      try {
        loadReferenceData(db);
        const now = () => Date.parse("2026-12-06T09:00:00Z");
        for (const files of [{ initiatives: synthetic.initiativesPath, events: synthetic.eventsPath }, { initiatives: odd, events: oddEvents }]) {
          const r = await importFiles(db, { ...files, now });
          expect({ errors: r.errors, committed: r.committed }).toEqual({ errors: [], committed: true });
        }
        exported.push([await text((out) => exportInitiativesCsv(db, {}, out)), await text((out) => exportEventsCsv(db, {}, out))]);
      } finally {
        db.close();
      }
    }
    expect(exported[0]![1]!.split("\n").length).toBeGreaterThan(5000);
    expect(exported[0]![0]).toContain("Tab\there, a back\\slash, \\N and\na new line");
    expect(exported[1]).toEqual(exported[0]);
  });
});
