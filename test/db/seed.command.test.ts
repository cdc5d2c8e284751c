import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../db/connection.js";
import { getMeta } from "../../db/meta.js";

const cli = join(import.meta.dirname, "../../server/cli.ts");
const tsx = join(import.meta.dirname, "../../node_modules/.bin/tsx");
let dir: string;

function hub(...args: string[]) {
  const r = spawnSync(tsx, [cli, ...args], { encoding: "utf8", env: { ...process.env, IGHUB_DB: join(dir, "env.db") } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ighub-seed-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hub seed", () => {
  it("seeds a new database file with the requested size and seed, reporting progress without a TTY", () => {
    const path = join(dir, "a.db");
    const r = hub("seed", "--size", "30", "--seed", "5", "--db", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^seeded ${path}: 30 synthetic initiatives, \\d+ stage events \\(seed 5\\) in [\\d.]+ s\\n$`));
    expect(r.stderr).toBe("seeding: 100% (30/30 initiatives)\n");
    const db = openDb(path);
    try {
      expect((db.sql.prepare("SELECT count(*) AS n FROM initiatives").get() as { n: number }).n).toBe(30);
      expect(getMeta(db.sql, "synthetic_seed")).toBe("5");
    } finally {
      db.close();
    }
  });

  it("uses IGHUB_DB when --db is not given", () => {
    const r = hub("seed", "--size", "3");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`seeded ${join(dir, "env.db")}: 3 synthetic initiatives`);
  });

  it("refuses a database that already holds initiatives, in one line, exit 2", () => {
    const path = join(dir, "b.db");
    expect(hub("seed", "--size", "5", "--db", path).code).toBe(0);
    const r = hub("seed", "--size", "5", "--db", path);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hub: database ${path} already holds 5 initiatives (dataset: demo); the event log is append-only, so seed a new database file instead (--db PATH).\n`);
  });

  it("names --size and the allowed values when the size is unknown, exit 2", () => {
    const r = hub("seed", "--size", "huge", "--db", join(dir, "c.db"));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hub: --size must be demo, large or a whole number of initiatives from 1 to 1000000 (got "huge")\n');
  });

  it("rejects a seed that is not a whole number, exit 2", () => {
    const r = hub("seed", "--seed", "-1", "--db", join(dir, "d.db"));
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
