import { describe, expect, it } from "vitest";
import { importFiles } from "../../../db/import/import.service.js";
import { getCycleTableSync, type CycleTable } from "../../../db/cycles/index.js";
import { EVENTS_CSV, INITIATIVES_CSV, file, freshDb, tempDir } from "../import/helpers.js";

/** What a cycle table says, independent of how it was made. */
function content(t: CycleTable) {
  const rows: string[] = [];
  for (let r = 0; r < t.n; r++) {
    if (t.submittedAt[r] === Infinity) continue;
    rows.push(JSON.stringify([t.initiativeIds[t.init[r]!], t.stages[t.stage[r]!], t.outcome[r], t.submittedAt[r], t.approvedAt[r]]));
  }
  return rows.sort();
}

const HEADER = "id,title,lead_borough,boroughs,partners,tool,practices,status,created_at\n";

describe("bulk import and the analytics change log (migrations 0003, 0004)", () => {
  it("logs each initiative it touched once, leaves the triggers unpaused, and the cache catches up by delta", async () => {
    const dir = tempDir();
    const db = freshDb();
    const before = getCycleTableSync(db.sql);
    const r = await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) });
    expect(r.committed).toBe(true);
    expect(db.sql.prepare("SELECT initiative_id FROM analytics_changes ORDER BY seq").pluck().all()).toEqual(["I1", "I2"]);
    expect(db.sql.prepare("SELECT COUNT(*) FROM analytics_changes_paused").pluck().get()).toBe(0);
    const after = getCycleTableSync(db.sql);
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
    expect(after.madeBy).toBe("delta");
    expect(content(after)).toEqual(content(getCycleTableSync(db.sql, { force: true })));
    // The triggers log again after the import: a single-row write is seen.
    db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('I2', 'E09000004', 'PARTICIPANT')").run();
    expect(db.sql.prepare("SELECT initiative_id FROM analytics_changes ORDER BY seq DESC LIMIT 1").pluck().get()).toBe("I2");
    db.close();
  });

  it("resets the log above 5,000 initiatives, and the cache reads in full", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) });
    const before = getCycleTableSync(db.sql);
    const hi = db.sql.prepare("SELECT MAX(seq) FROM analytics_changes").pluck().get() as number;
    let many = HEADER;
    for (let i = 0; i < 5001; i++) many += `B${i},Bulk ${i},E09000001,E09000001;E09000002,,isg,,,2024-01-01\n`;
    let ev = "initiative_id,stage,borough,kind,at,source,source_ref\n";
    for (let i = 0; i < 5001; i++) ev += `B${i},IDEA,,SUBMITTED,2024-01-02,bulk,${i}\n`;
    const r = await importFiles(db, { initiatives: file(dir, "many.csv", many), events: file(dir, "many-events.csv", ev) });
    expect(r.committed).toBe(true);
    const log = db.sql.prepare("SELECT seq, initiative_id FROM analytics_changes").all() as { seq: number; initiative_id: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]!.seq).toBe(hi + 2);
    expect(db.sql.prepare("SELECT COUNT(*) FROM analytics_changes_paused").pluck().get()).toBe(0);
    const after = getCycleTableSync(db.sql);
    expect(after.madeBy).toBe("full");
    expect(after.lastSeq).toBe(hi + 2);
    expect(content(after)).toHaveLength(content(before).length + 5001);
    expect(content(after)).toEqual(content(getCycleTableSync(db.sql, { force: true })));
    // Later writes are logged after the reset entry (and do not collide with it).
    for (const id of ["B0", "B1"]) db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES (?, 'E09000003', 'PARTICIPANT')").run(id);
    expect(db.sql.prepare("SELECT seq, initiative_id FROM analytics_changes WHERE seq > ? ORDER BY seq").all(hi + 2)).toEqual([
      { seq: hi + 3, initiative_id: "B0" },
      { seq: hi + 4, initiative_id: "B1" },
    ]);
    db.close();
  });

  it("a refused bulk import leaves the log and the pause table as they were", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "initiatives.csv", INITIATIVES_CSV), events: file(dir, "events.csv", EVENTS_CSV) });
    const log = db.sql.prepare("SELECT * FROM analytics_changes ORDER BY seq").all();
    const r = await importFiles(db, { initiatives: file(dir, "bad.csv", `${HEADER}X1,Bad,E09000001,E09000001;E09000002,,nosuchtool,,,2024-01-01\n`) });
    expect(r.committed).toBe(false);
    expect(db.sql.prepare("SELECT * FROM analytics_changes ORDER BY seq").all()).toEqual(log);
    expect(db.sql.prepare("SELECT COUNT(*) FROM analytics_changes_paused").pluck().get()).toBe(0);
    db.close();
  });
});
