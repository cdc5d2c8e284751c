import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { getDatasetKind, setMeta } from "../../db/meta.js";
import { prepareDatabase } from "../../db/prepare.js";

let db: HubDb;
beforeEach(() => {
  db = openDb(":memory:");
});
afterEach(() => db.close());

const count = (table: string) => (db.sql.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describe("prepareDatabase", () => {
  it("loads reference data and the demo into an empty database", () => {
    expect(prepareDatabase(db, { seedDemo: true, seed: 1 })).toEqual({ loadedReference: true, loadedDemo: true });
    expect(count("authorities")).toBe(33);
    expect(count("initiatives")).toBe(400);
    expect(getDatasetKind(db.sql)).toBe("demo");
  });

  it("loads nothing the second time", () => {
    prepareDatabase(db, { seedDemo: true, seed: 1 });
    const events = count("stage_events");
    expect(prepareDatabase(db, { seedDemo: true, seed: 1 })).toEqual({ loadedReference: false, loadedDemo: false });
    expect(count("initiatives")).toBe(400);
    expect(count("stage_events")).toBe(events);
  });

  it("loads only reference data when the demo is not wanted", () => {
    expect(prepareDatabase(db, { seedDemo: false })).toEqual({ loadedReference: true, loadedDemo: false });
    expect(count("tools")).toBe(7);
    expect(count("initiatives")).toBe(0);
    expect(getDatasetKind(db.sql)).toBe("empty");
  });

  it("never puts demo data into a database that holds imported data, even with no initiatives left", () => {
    setMeta(db.sql, "dataset", "imported");
    expect(prepareDatabase(db, { seedDemo: true })).toEqual({ loadedReference: true, loadedDemo: false });
    expect(count("initiatives")).toBe(0);
    expect(getDatasetKind(db.sql)).toBe("imported");
  });

  it("does not add demo data to a database that already holds initiatives", () => {
    prepareDatabase(db, { seedDemo: false });
    db.sql
      .prepare(
        "INSERT INTO initiatives (id, title, lead_borough, tool_slug, process_slug, status, created_at, recorded_at, recorded_by) VALUES ('X-1', 'Recorded by hand', 'E09000007', 'manual', 'loti-2019', 'ACTIVE', '2025-01-06', 0, 'test')",
      )
      .run();
    expect(prepareDatabase(db, { seedDemo: true })).toEqual({ loadedReference: false, loadedDemo: false });
    expect(count("initiatives")).toBe(1);
  });
});
