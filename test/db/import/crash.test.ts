import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { openDb } from "../../../db/connection.js";
import { importFiles } from "../../../db/import/import.service.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { EVENTS_CSV, INITIATIVES_CSV, counts, file, tempDir } from "./helpers.js";
import { writeSyntheticCsv } from "./fixtures.js";
import { dbLocation, onPostgres } from "../../db-target.js";
import type { HubDb } from "../../../db/connection.js";

/**
 * SQLite: the file passes its integrity check (a killed writer must not leave a torn page). PostgreSQL
 * has no integrity_check (its WAL replay is the server's job); what a killed client can break there is
 * the open transaction, which the counts below check.
 */
function expectIntact(db: HubDb): void {
  if (onPostgres) return;
  expect(db.sqlite!.pragma("integrity_check", { simple: true })).toBe("ok");
}

const ROOT = resolve(import.meta.dirname, "../../..");

/** Runs `hub import` in a child process; `onStderr` sees its plain progress lines. */
function runImport(args: string[], onStderr?: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server/cli.ts"), "import", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      for (const line of chunk.split("\n")) if (line) onStderr?.(line, () => child.kill("SIGKILL"));
    });
    child.on("error", fail);
    child.on("exit", (code, signal) => done({ code, signal, stderr }));
  });
}

describe("crash safety", () => {
  it("an import killed with SIGKILL mid-way leaves the database exactly as before; a rerun succeeds", { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const dbPath = join(dir, "hub.db");
    const seed = openDb(dbPath);
    loadReferenceData(seed);
    expect((await importFiles(seed, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) })).errors).toEqual([]);
    const before = counts(seed);
    seed.close();

    const big = await writeSyntheticCsv(dir, 120_000, 11);
    const args = ["--initiatives", big.initiativesPath, "--events", big.eventsPath, "--db", dbLocation(dbPath)];
    let killedAt = "";
    const killed = await runImport(args, (line, kill) => {
      // Rows are being inserted once the events file is a fifth read.
      if (!killedAt && /^events: ([2-9]0)%$/.test(line)) {
        killedAt = line;
        kill();
      }
    });
    expect(killedAt).not.toBe("");
    expect(killed.signal).toBe("SIGKILL");

    const after = openDb(dbPath);
    expectIntact(after);
    expect(counts(after)).toEqual(before);
    // The bulk load's pause of the change-log triggers was part of the lost transaction.
    expect(after.sql.prepare("SELECT COUNT(*) FROM analytics_changes_paused").pluck().get()).toBe(0);
    after.close();

    const rerun = await runImport(args);
    expect(rerun.code).toBe(0);
    const done = openDb(dbPath);
    expectIntact(done);
    const c = counts(done);
    expect({ initiatives: c.initiatives, events: c.stage_events }).toEqual({ initiatives: before.initiatives + big.initiatives, events: before.stage_events + big.events });
    done.close();
  });
});
