import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openDb } from "../../../db/connection.js";
import { backupDatabase } from "../../../server/security/backup.js";
import { dbEnv, onPostgres } from "../../db-target.js";

// A second process that commits as fast as it can: each transaction appends 5 audit rows and adds 5
// to a counter in `meta`, so any consistent snapshot has count(rows) = counter.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL"); db.pragma("synchronous = FULL"); db.pragma("busy_timeout = 5000");
const add = db.prepare("INSERT INTO audit_log (at, actor, action, entity_type, entity_id) VALUES (?, 'writer', 'test', 'x', ?)");
const bump = db.prepare("INSERT INTO meta (key, value) VALUES ('writer_count', '5') ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 5 AS TEXT)");
const tx = db.transaction((n) => { for (let i = 0; i < 5; i++) add.run(Date.now(), String(n * 5 + i)); bump.run(); });
let n = 0;
for (;;) tx(n++);
`;

let dir: string;
let writer: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ighub-backup-"));
});
afterEach(() => {
  writer?.kill("SIGKILL");
  writer = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function counts(file: string): { rows: number; counter: number; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    const rows = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = 'writer'").get() as { n: number }).n;
    const counter = Number((db.prepare("SELECT value FROM meta WHERE key = 'writer_count'").get() as { value: string } | undefined)?.value ?? 0);
    return { rows, counter, integrity: String(db.pragma("integrity_check", { simple: true })) };
  } finally {
    db.close();
  }
}

async function waitForWrites(file: string, atLeast: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const db = new Database(file, { readonly: true });
    const v = Number((db.prepare("SELECT value FROM meta WHERE key = 'writer_count'").get() as { value: string } | undefined)?.value ?? 0);
    db.close();
    if (v >= atLeast) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the writer process did not start writing");
}

describe("backupDatabase", () => {
  // SQLite only (this and the next two): SQLite's file-level online backup and integrity_check.
  it.skipIf(onPostgres)("takes a consistent, integrity-checked copy while another process keeps writing, and the copy restores", async () => {
    const live = join(dir, "live.db");
    openDb(live).close();
    writer = spawn(process.execPath, ["-e", WRITER, live], { cwd: process.cwd(), stdio: "ignore" });
    await waitForWrites(live, 500);

    const result = await backupDatabase(live, join(dir, "backup.db"));
    const during = counts(live).counter;
    await waitForWrites(live, during + 500); // still writing after the backup: it never blocked the writer
    writer.kill("SIGKILL");

    expect(result.integrity).toBe("ok");
    const snap = counts(result.file);
    expect(snap.integrity).toBe("ok");
    expect(snap.rows).toBeGreaterThan(0);
    expect(snap.rows).toBe(snap.counter); // one snapshot: never half a transaction
    expect(snap.counter).toBeLessThanOrEqual(during);
    // Self-contained: no -wal to carry along.
    expect(existsSync(`${result.file}-wal`)).toBe(false);

    // Restore (hub stopped): copy the backup over the database file, drop the old -wal/-shm, start.
    const restored = join(dir, "restored.db");
    copyFileSync(result.file, restored);
    const hub = openDb(restored);
    expect(hub.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");
    hub.close();
    expect(counts(restored)).toEqual(snap);
  });

  it.skipIf(onPostgres)("refuses to overwrite a file, to copy onto itself, or to read a missing database", async () => {
    const live = join(dir, "live.db");
    openDb(live).close();
    await backupDatabase(live, join(dir, "b.db"));
    await expect(backupDatabase(live, join(dir, "b.db"))).rejects.toThrow(/already exists: choose a new file name or pass --force/);
    await expect(backupDatabase(live, join(dir, "b.db"), { overwrite: true })).resolves.toMatchObject({ integrity: "ok" });
    await expect(backupDatabase(live, live)).rejects.toThrow(/must differ/);
    await expect(backupDatabase(join(dir, "missing.db"), join(dir, "c.db"))).rejects.toThrow(/no database at/);
    await expect(backupDatabase(live, join(dir, "no-such-dir", "c.db"))).rejects.toThrow(/does not exist/);
  });

  // Two CLI processes (node + tsx compile the sources): give a busy machine time.
  it.skipIf(onPostgres)("is the `hub backup FILE` command, with one-line errors and exit code 2", { timeout: 120_000 }, () => {
    const live = join(dir, "live.db");
    openDb(live).close();
    const run = (file: string) => spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", "backup", file, "--db", live], { cwd: process.cwd(), encoding: "utf8" });
    const ok = run(join(dir, "cli.db"));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/integrity_check ok/);
    const again = run(join(dir, "cli.db"));
    expect(again.status).toBe(2);
    expect(again.stderr.trim()).toMatch(/^hub: ".*cli\.db" already exists/);
  });

  it("refuses a PostgreSQL database in one line pointing to pg_dump, before connecting", async () => {
    await expect(backupDatabase("postgres://hub:pw@127.0.0.1:1/hub?schema=borough", join(dir, "x.db"))).rejects.toThrow(
      /^hub backup copies SQLite database files only; back up a PostgreSQL database with pg_dump \(e\.g\. pg_dump --format=custom --schema=borough --file=hub\.dump DATABASE\)$/,
    );
    expect(existsSync(join(dir, "x.db"))).toBe(false);
  });

  // On PostgreSQL the hub's own DATABASE_URL (as a deployment sets it); on SQLite a --db URL. Either way exit 2, one line.
  it("makes `hub backup` on a PostgreSQL database exit 2 with one line naming pg_dump", { timeout: 120_000 }, () => {
    const env = onPostgres ? { ...process.env, ...dbEnv(join(dir, "live.db")) } : { ...process.env, DATABASE_URL: "" };
    const args = onPostgres ? [] : ["--db", "postgres://hub:secret@127.0.0.1:1/hub"];
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", "backup", join(dir, "pg.db"), ...args], { cwd: process.cwd(), encoding: "utf8", env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hub: hub backup copies SQLite database files only; back up a PostgreSQL database with pg_dump \(e\.g\. pg_dump --format=custom (--schema=\S+ )?--file=hub\.dump DATABASE\)$/);
    expect(r.stderr).not.toContain("secret");
    expect(existsSync(join(dir, "pg.db"))).toBe(false);
  });
});
