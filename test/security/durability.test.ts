import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseOpenError, openDb } from "../../db/connection.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ighub-durable-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (file: string) => {
  const db = new Database(file, { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  db.close();
  return names;
};

describe("the database under the hub", () => {
  it("is opened with WAL, synchronous=FULL, foreign keys on and a busy timeout", () => {
    const db = openDb(join(dir, "hub.db"));
    expect({
      journal: db.sql.pragma("journal_mode", { simple: true }),
      synchronous: db.sql.pragma("synchronous", { simple: true }),
      foreignKeys: db.sql.pragma("foreign_keys", { simple: true }),
      busyTimeout: db.sql.pragma("busy_timeout", { simple: true }),
    }).toEqual({ journal: "wal", synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    db.close();
  });

  it("leaves the previous schema intact when a migration fails", () => {
    const file = join(dir, "old.db");
    // A database whose existing `api_keys` table makes the api_keys migration fail part-way through.
    const old = new Database(file);
    old.exec("CREATE TABLE api_keys (legacy TEXT); INSERT INTO api_keys VALUES ('keep me');");
    old.close();
    expect(() => openDb(file)).toThrow(DatabaseOpenError);
    // Migrations 0000..0002 ran in one transaction: none of their tables stayed, none is recorded
    // as applied (drizzle creates its bookkeeping table before the transaction), the old table is untouched.
    expect(tables(file)).toEqual(["__drizzle_migrations", "api_keys"]);
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get()).toEqual({ n: 0 });
    expect(after.prepare("SELECT legacy FROM api_keys").all()).toEqual([{ legacy: "keep me" }]);
    after.close();
  });
});
