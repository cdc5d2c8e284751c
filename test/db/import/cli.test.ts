import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { openDb } from "../../../db/connection.js";
import { getDatasetKind } from "../../../db/meta.js";
import { prepareDatabase } from "../../../db/prepare.js";
import { EVENTS_CSV, INITIATIVES_CSV, file, tempDir } from "./helpers.js";
import { dbLocation } from "../../db-target.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

/** Runs `hub <args>`; resolves with the exit code and output (a non-zero exit is not a rejection). */
async function hub(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", join(ROOT, "server/cli.ts"), ...args], { cwd: ROOT });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("hub import / hub export", () => {
  it("imports into a new database (reference data, never demo data), exports, and re-imports byte-identically", { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const dbPath = join(dir, "a.db");
    const ini = file(dir, "initiatives.csv", INITIATIVES_CSV);
    const ev = file(dir, "events.csv", EVENTS_CSV);
    const dry = await hub("import", "--initiatives", ini, "--events", ev, "--db", dbLocation(dbPath), "--dry-run");
    expect({ code: dry.code, out: dry.stdout.trim() }).toEqual({ code: 0, out: "dry run, nothing written: would import 2 initiatives new, 0 unchanged; 8 events new, 0 unchanged\nquality: 0 would be skipped as already present; corrections and warnings are counted once written" });
    const first = await hub("import", "--initiatives", ini, "--events", ev, "--db", dbLocation(dbPath));
    expect({ code: first.code, out: first.stdout.trim() }).toEqual({ code: 0, out: "imported 2 initiatives new, 0 unchanged; 8 events new, 0 unchanged\nquality: 0 skipped as already present, 0 corrections, 0 warnings (run 1 in ingestRuns)" });
    expect(first.stderr).toContain("events: 100%");

    const db = openDb(dbPath);
    expect(getDatasetKind(db.sql)).toBe("imported");
    expect(prepareDatabase(db, { seedDemo: true }).loadedDemo).toBe(false);
    expect(db.sql.prepare("SELECT COUNT(*) FROM initiatives").pluck().get()).toBe(2);
    expect(db.sql.prepare("SELECT COUNT(*) FROM authorities").pluck().get()).toBe(33);
    db.close();

    const out1 = [join(dir, "x-i.csv"), join(dir, "x-e.csv")];
    expect((await hub("export", "--initiatives", out1[0]!, "--events", out1[1]!, "--db", dbLocation(dbPath))).stdout.trim()).toBe(`2 initiatives written to ${out1[0]}\n8 events written to ${out1[1]}`);
    const b = join(dir, "b.db");
    expect((await hub("import", "--initiatives", out1[0]!, "--events", out1[1]!, "--db", dbLocation(b))).code).toBe(0);
    const out2 = [join(dir, "y-i.csv"), join(dir, "y-e.csv")];
    await hub("export", "--initiatives", out2[0]!, "--events", out2[1]!, "--db", dbLocation(b));
    expect(readFileSync(out2[0]!, "utf8")).toBe(readFileSync(out1[0]!, "utf8"));
    expect(readFileSync(out2[1]!, "utf8")).toBe(readFileSync(out1[1]!, "utf8"));

    const xes = join(dir, "log.xes");
    expect((await hub("export", "--events", xes, "--format", "xes", "--tools", "isg", "--db", dbLocation(b))).stdout.trim()).toBe(`7 events written to ${xes} (XES)`);
  });

  it("exits non-zero with file:line: column messages and writes nothing when a row is bad", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const dbPath = join(dir, "a.db");
    const ev = file(dir, "events.csv", "initiative_id,stage,borough,kind,at,source,source_ref\nI9,DPIA,,SUBMITTED,2024-01-01,t,1\n");
    const r = await hub("import", "--events", ev, "--db", dbLocation(dbPath));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${ev}:2: column 1 (initiative_id): unknown initiative "I9"; expected the id of an initiative in the initiatives file or the database`);
    expect(r.stderr).toContain("import refused: 1 errors; nothing was written");
    const usage = await hub("import", "--db", dbLocation(dbPath));
    expect({ code: usage.code, err: usage.stderr.trim() }).toEqual({ code: 2, err: "hub: nothing to import: give --initiatives FILE and/or --events FILE, or --from TOOL FILE" });
  });
});
