import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { dbLocation } from "../db-target.js";
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

  it("seeds the demo once when two instances start together on one empty database", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "ighub-prepare-"));
    const location = dbLocation(join(dir, "hub.db")); // the file, or its PostgreSQL schema
    const root = resolve(import.meta.dirname, "../..");
    const startAt = Date.now() + 10_000; // both processes are running by then, and start together
    const script = `
      import "reflect-metadata";
      import { openDb } from ${JSON.stringify(join(root, "db/connection.ts"))};
      import { prepareDatabase } from ${JSON.stringify(join(root, "db/prepare.ts"))};
      while (Date.now() < ${startAt}) {}
      const db = openDb(${JSON.stringify(location)});
      try {
        console.log(JSON.stringify(prepareDatabase(db, { seedDemo: true })));
      } finally {
        db.close();
      }`;
    const run = () =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (c) => (out += c));
        child.stderr.on("data", (c) => (out += c));
        child.on("exit", (code) => done({ code, out }));
      });
    try {
      const results = await Promise.all([run(), run()]);
      expect(results.map((r) => ({ code: r.code, out: r.code === 0 ? "" : r.out }))).toEqual([{ code: 0, out: "" }, { code: 0, out: "" }]);
      const prepared = results.map((r) => JSON.parse(r.out) as { loadedDemo: boolean });
      expect(prepared.filter((p) => p.loadedDemo)).toHaveLength(1);
      const after = openDb(location);
      try {
        expect((after.sql.prepare("SELECT count(*) AS n FROM initiatives").get() as { n: number }).n).toBe(400);
        expect(getDatasetKind(after.sql)).toBe("demo");
      } finally {
        after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
