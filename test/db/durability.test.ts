import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseOpenError, openDb } from "../../db/connection.js";
import { PgConn } from "../../db/driver/index.js";
import { onPostgres, PG_BASE_URL } from "../db-target.js";

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
  // SQLite only: pragmas are SQLite's settings; PostgreSQL's equivalent is the next test.
  it.skipIf(onPostgres)("is opened with WAL, synchronous=FULL, foreign keys on and a busy timeout", () => {
    const db = openDb(join(dir, "hub.db"));
    const sqlite = db.sqlite!;
    expect({
      journal: sqlite.pragma("journal_mode", { simple: true }),
      synchronous: sqlite.pragma("synchronous", { simple: true }),
      foreignKeys: sqlite.pragma("foreign_keys", { simple: true }),
      busyTimeout: sqlite.pragma("busy_timeout", { simple: true }),
    }).toEqual({ journal: "wal", synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    db.close();
  });

  it.skipIf(!onPostgres)("on PostgreSQL, commits durably (fsync, synchronous_commit) with foreign keys enforced", () => {
    const db = openDb(join(dir, "hub.db"));
    try {
      const setting = (name: string) => db.sql.prepare<string>(`SELECT current_setting('${name}')`).pluck().get();
      // fsync is a server setting (the throw-away test cluster turns it off); the hub must not weaken
      // synchronous_commit for its own connection.
      expect(setting("synchronous_commit")).toBe("on");
      expect(setting("session_replication_role")).toBe("origin"); // triggers and foreign keys fire
      expect(() => db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('no-such', 'E09000007', 'LEAD')").run()).toThrow(/foreign key/);
    } finally {
      db.close();
    }
  });

  // SQLite only: builds the old database file with better-sqlite3; the PostgreSQL equivalent follows.
  it.skipIf(onPostgres)("leaves the previous schema intact when a migration fails", () => {
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

  it.skipIf(!onPostgres)("on PostgreSQL, leaves the previous schema intact when a migration fails", () => {
    const schema = `old_${process.pid}_${Date.now().toString(36)}`;
    const admin = new PgConn(PG_BASE_URL!, schema);
    try {
      // A schema whose existing `api_keys` table makes the first migration fail part-way through.
      admin.exec("CREATE TABLE api_keys (legacy text); INSERT INTO api_keys VALUES ('keep me')");
      const url = new URL(PG_BASE_URL!);
      url.searchParams.set("schema", schema);
      let error: unknown;
      try {
        openDb(url.toString());
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DatabaseOpenError);
      expect((error as DatabaseOpenError).setting).toBe("DATABASE_URL");
      expect((error as Error).message).toMatch(/^cannot use PostgreSQL database .*: relation "api_keys" already exists\. Set DATABASE_URL \(or --db\)/);
      // All migrations ran in one transaction: none of their tables stayed, none is recorded as
      // applied (drizzle creates its bookkeeping table before the transaction), the old table is untouched.
      const tables = admin.prepare<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name").pluck().all(schema);
      expect(tables).toEqual(["__drizzle_migrations", "api_keys"]);
      expect(admin.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get()).toEqual({ n: 0 });
      expect(admin.prepare("SELECT legacy FROM api_keys").all()).toEqual([{ legacy: "keep me" }]);
    } finally {
      admin.exec(`DROP SCHEMA "${schema}" CASCADE`);
      admin.close();
    }
  });
});
