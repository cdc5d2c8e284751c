import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as tables from "./tables/index.js";

export type Tables = typeof tables;
export type HubDrizzle = BetterSQLite3Database<Tables>;

/** An open hub database: the raw better-sqlite3 handle (for prepared hot-path SQL) and drizzle over it. */
export interface HubDb {
  sqlite: Database.Database;
  orm: HubDrizzle;
  path: string;
  close(): void;
}

/** A database that cannot be opened or migrated; `setting` names the configuration to fix. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = "DatabaseOpenError";
  }
}

/**
 * Creates the missing folders above `file`, one level at a time. Node's recursive mkdirSync never
 * returns for some paths (e.g. under /proc), so a bad IGHUB_DB would hang start-up instead of failing.
 */
function makeParentDirs(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(file); !existsSync(dir); dir = dirname(dir)) {
    if (dirname(dir) === dir) break;
    missing.unshift(dir);
  }
  for (const dir of missing) mkdirSync(dir);
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations/sqlite");

/** Optional hook to count statements (the N+1 tests use it). */
export interface OpenOptions {
  onStatement?: (sql: string) => void;
}

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests), sets the
 * durability pragmas and applies the committed migrations. Migrations run in one transaction, so a
 * failing migration leaves the previous schema intact.
 */
export function openDb(path: string, options: OpenOptions = {}): HubDb {
  let sqlite: Database.Database;
  try {
    if (path !== ":memory:") makeParentDirs(resolve(path));
    sqlite = new Database(path, options.onStatement ? { verbose: (s) => options.onStatement!(String(s)) } : {});
  } catch (err) {
    throw new DatabaseOpenError("IGHUB_DB", `cannot open database file ${JSON.stringify(path)}: ${(err as Error).message}. Set IGHUB_DB (or --db) to a writable file path.`);
  }
  try {
    sqlite.pragma("journal_mode = WAL");
    // WAL defaults to synchronous=NORMAL, which can lose committed transactions on power failure.
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const orm = drizzle({ client: sqlite, schema: tables });
    migrate(orm, { migrationsFolder });
    return { sqlite, orm, path, close: () => sqlite.open && sqlite.close() };
  } catch (err) {
    sqlite.close();
    if (err instanceof DatabaseOpenError) throw err;
    throw new DatabaseOpenError("IGHUB_DB", `cannot use database ${JSON.stringify(path)}: ${(err as Error).message}. Set IGHUB_DB (or --db) to a hub database file (or a new path).`);
  }
}
