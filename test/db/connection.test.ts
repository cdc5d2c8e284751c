import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseOpenError, openDb, redactUrl } from "../../db/connection.js";
import { PgConn } from "../../db/driver/index.js";
import { onPostgres, PG_BASE_URL } from "../db-target.js";

describe("openDb", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  // SQLite only: folders and journal files belong to a SQLite file (on PostgreSQL the path is a schema).
  it.skipIf(onPostgres)("creates missing parent folders of a new database file", () => {
    const dir = mkdtempSync(join(tmpdir(), "ighub-conn-"));
    dirs.push(dir);
    const db = openDb(join(dir, "a", "b", "hub.db"));
    expect(db.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  // SQLite only: the path names a file (on PostgreSQL the test harness maps it to a schema).
  it.skipIf(onPostgres)("fails with a message naming IGHUB_DB for a path whose folder cannot be created (does not hang)", () => {
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

  // Needs no PostgreSQL server (nothing listens on port 1), so it runs on both.
  it("fails with one line naming DATABASE_URL, password redacted, for a PostgreSQL server it cannot reach", () => {
    let error: unknown;
    try {
      openDb("postgres://nobody:s3cret-pw@127.0.0.1:1/x?schema=hub");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).setting).toBe("DATABASE_URL");
    const message = (error as Error).message;
    expect(message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x\?schema=hub: .*ECONNREFUSED.*\. Set DATABASE_URL \(or --db\) to a reachable postgres:\/\/ URL\.$/);
    expect(message).not.toContain("s3cret-pw");
    expect(message).not.toContain("\n");
  });

  it("redacts the password of a URL, and only the password", () => {
    expect(redactUrl("postgres://hub:pw@db.example:5432/hub?schema=s")).toBe("postgres://hub:***@db.example:5432/hub?schema=s");
    expect(redactUrl("postgres://hub@db.example/hub")).toBe("postgres://hub@db.example/hub");
    expect(redactUrl("postgres://hub@db.example/hub?password=pw&schema=s")).toBe("postgres://hub@db.example/hub?password=***&schema=s");
    expect(redactUrl("postgres://a b:c@")).toBe("postgres://(unparsable URL)");
  });
});

describe.skipIf(!onPostgres)("openDb on PostgreSQL", () => {
  const schema = `conn_${process.pid}_${Date.now().toString(36)}`;
  afterEach(() => {
    const c = new PgConn(PG_BASE_URL!);
    try {
      c.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      c.close();
    }
  });

  it("puts the hub's tables in the ?schema= of DATABASE_URL, created if missing, and migrates once", () => {
    const url = `${PG_BASE_URL}${PG_BASE_URL!.includes("?") ? "&" : "?"}schema=${schema}`;
    const db = openDb(url);
    try {
      expect(db.dialect).toBe("postgres");
      expect(db.sqlite).toBeUndefined();
      expect(db.sql.prepare("SELECT current_schema() AS s").get()).toEqual({ s: schema });
      const tables = db.sql.prepare<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name").pluck().all(schema);
      expect(tables).toEqual(expect.arrayContaining(["initiatives", "stage_events", "meta", "api_keys", "analytics_changes", "__drizzle_migrations"]));
    } finally {
      db.close();
    }
    // A second open finds the migrations applied.
    const again = openDb(url);
    try {
      // One row per committed migration (the journal lists them: 0000_init, 0001_hub_rules, …).
      const journal = JSON.parse(readFileSync("db/migrations/postgres/meta/_journal.json", "utf8")) as { entries: unknown[] };
      expect(again.sql.prepare<number>("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(journal.entries.length);
    } finally {
      again.close();
    }
  });

  it("fails with one line naming DATABASE_URL for a database that does not exist", () => {
    const u = new URL(PG_BASE_URL!);
    u.pathname = "/ighub_no_such_database";
    expect(() => openDb(u.toString())).toThrow(DatabaseOpenError);
    expect(() => openDb(u.toString())).toThrow(/^cannot connect to PostgreSQL at .*ighub_no_such_database: database "ighub_no_such_database" does not exist\. Set DATABASE_URL/);
  });
});
