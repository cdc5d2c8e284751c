import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../db/connection.js";
import { getMeta } from "../../db/meta.js";
import { dbEnv, dbLocation, onPostgres } from "../db-target.js";

const cli = join(import.meta.dirname, "../../server/cli.ts");
const tsx = join(import.meta.dirname, "../../node_modules/.bin/tsx");
let dir: string;

function hub(...args: string[]) {
  // The child process is not the test's: on PostgreSQL it gets the schema standing for the file.
  const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv(join(dir, "env.db")) };
  if (!onPostgres) delete env.DATABASE_URL; // which would win over IGHUB_DB
  const r = spawnSync(tsx, [cli, ...args], { encoding: "utf8", env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ighub-seed-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case starts one or two CLI processes (node + tsx compile the sources): give a busy machine time.
describe("hub seed", { timeout: 120_000 }, () => {
  it("seeds a new database file with the requested size and seed, reporting progress without a TTY", () => {
    const path = dbLocation(join(dir, "a.db"));
    const r = hub("seed", "--size", "30", "--seed", "5", "--db", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^seeded ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: 30 synthetic initiatives, \\d+ stage events \\(seed 5\\) in [\\d.]+ s\\n$`));
    expect(r.stderr).toBe("seeding: 100% (30/30 initiatives)\n");
    const db = openDb(path);
    try {
      expect((db.sql.prepare("SELECT count(*) AS n FROM initiatives").get() as { n: number }).n).toBe(30);
      expect(getMeta(db.sql, "synthetic_seed")).toBe("5");
    } finally {
      db.close();
    }
  });

  it("uses IGHUB_DB (DATABASE_URL on PostgreSQL) when --db is not given", () => {
    const r = hub("seed", "--size", "3");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`seeded ${dbLocation(join(dir, "env.db"))}: 3 synthetic initiatives`);
  });

  it("refuses a database that already holds initiatives, in one line, exit 2", () => {
    const path = dbLocation(join(dir, "b.db"));
    expect(hub("seed", "--size", "5", "--db", path).code).toBe(0);
    const r = hub("seed", "--size", "5", "--db", path);
    expect(r.code).toBe(2);
    const instead = onPostgres ? "a new schema (--db postgres://...?schema=NEW)" : "a new database file (--db PATH)";
    expect(r.stderr).toBe(`hub: database ${path} already holds 5 initiatives (dataset: demo); the event log is append-only, so seed ${instead} instead.\n`);
  });

  it("names --size and the allowed values when the size is unknown, exit 2", () => {
    const r = hub("seed", "--size", "huge", "--db", dbLocation(join(dir, "c.db")));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hub: --size must be demo, large or a whole number of initiatives from 1 to 1000000 (got "huge")\n');
  });

  it("rejects a seed that is not a whole number, exit 2", () => {
    const r = hub("seed", "--seed", "-1", "--db", dbLocation(join(dir, "d.db")));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hub: --seed must be a whole number from 0 to 4294967295/);
  });

  it("documents its options in --help", () => {
    const r = hub("seed", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--size <size>");
    expect(r.stdout).toContain("--seed <n>");
    expect(r.stdout).toContain("--db <path>");
  });
});
