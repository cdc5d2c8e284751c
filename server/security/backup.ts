import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isPostgresUrl } from "../../db/connection.js";

/** What a backup wrote. */
export interface BackupResult {
  file: string;
  pages: number;
  bytes: number;
  /** `ok` when SQLite's integrity_check passed on the copy. */
  integrity: string;
}

/** A backup the user can fix (missing source, existing target, bad directory); printed as one line. */
export class BackupError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/**
 * Copies the hub database at `sourcePath` to `destPath` with SQLite's online backup API, while
 * the hub keeps serving. A PostgreSQL URL is refused with a pointer to pg_dump, which takes a
 * consistent copy of a live PostgreSQL database. The copy is one consistent snapshot (all pages
 * are transferred in one step under a read transaction, which in WAL mode does not block
 * writers), is switched to a self-contained rollback-journal file (no -wal/-shm to carry along),
 * passes integrity_check before it is moved into place, and never replaces an existing file
 * unless `overwrite`.
 */
export async function backupDatabase(sourcePath: string, destPath: string, opts: { overwrite?: boolean } = {}): Promise<BackupResult> {
  if (isPostgresUrl(sourcePath)) {
    const schema = (() => {
      try {
        return new URL(sourcePath).searchParams.get("schema");
      } catch {
        return null;
      }
    })();
    throw new BackupError(
      `hub backup copies SQLite database files only; back up a PostgreSQL database with pg_dump (e.g. pg_dump --format=custom${schema ? ` --schema=${schema}` : ""} --file=hub.dump DATABASE)`,
    );
  }
  const dest = resolve(destPath);
  if (!existsSync(sourcePath)) throw new BackupError(`no database at ${JSON.stringify(sourcePath)}: set IGHUB_DB or --db to the hub's database file`);
  if (resolve(sourcePath) === dest) throw new BackupError("the backup file must differ from the database file");
  if (!existsSync(dirname(dest))) throw new BackupError(`directory ${JSON.stringify(dirname(dest))} does not exist: create it first`);
  if (existsSync(dest) && !opts.overwrite) throw new BackupError(`${JSON.stringify(destPath)} already exists: choose a new file name or pass --force`);

  const tmp = `${dest}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // Returning a huge page count makes the rest of the copy one step: a single snapshot, so the
    // backup does not restart again and again while a writer keeps committing.
    const progress = await source.backup(tmp, { progress: () => 0x7fffffff });
    const copy = new Database(tmp);
    let integrity: string;
    try {
      copy.pragma("journal_mode = DELETE");
      integrity = String(copy.pragma("integrity_check", { simple: true }));
    } finally {
      copy.close();
    }
    if (integrity !== "ok") throw new BackupError(`the copy failed integrity_check (${integrity}); the database was not changed, try again`);
    renameSync(tmp, dest);
    return { file: dest, pages: progress.totalPages, bytes: statSync(dest).size, integrity };
  } finally {
    source.close();
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
  }
}
