import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseOpenError, openDb } from "../../db/connection.js";

describe("openDb", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("creates missing parent folders of a new database file", () => {
    const dir = mkdtempSync(join(tmpdir(), "ighub-conn-"));
    dirs.push(dir);
    const db = openDb(join(dir, "a", "b", "hub.db"));
    expect(db.sql.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("fails with a message naming IGHUB_DB for a path whose folder cannot be created (does not hang)", () => {
    let error: unknown;
    try {
      openDb("/proc/ighub-no-such-folder/hub.db");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).setting).toBe("IGHUB_DB");
    expect((error as Error).message).toMatch(/^cannot open database file "\/proc\/ighub-no-such-folder\/hub\.db": .*Set IGHUB_DB \(or --db\) to a writable file path\.$/);
  });
});
