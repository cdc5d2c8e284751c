import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as tables from "./tables/index.js";
import { PgConn, type Dialect, type SqlConn } from "./driver/index.js";

export type Tables = typeof tables;
export type HubDrizzle = BetterSQLite3Database<Tables>;

/**
 * An open hub database. `sql` is the connection every query goes through (db/driver): better-sqlite3
 * itself on SQLite, a {@link PgConn} on PostgreSQL. `sqlite` is set on SQLite only, for what only
 * SQLite has (pragmas, the online backup).
 */
export interface HubDb {
  sql: SqlConn;
  dialect: Dialect;
  sqlite?: Database.Database;
  /** The file (SQLite) or the URL without its password (PostgreSQL). */
  path: string;
  close(): void;
}

/** `postgres://` and `postgresql://` URLs name a PostgreSQL database; anything else is a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    if (u.searchParams.has("password")) u.searchParams.set("password", "***");
    return u.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/** An error message on one line (PostgreSQL's can span several), without a trailing full stop. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").replace(/\.$/, "");
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
const pgMigrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations/postgres");

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
  if (isPostgresUrl(path)) return openPostgres(path, options);
  let sqlite: Database.Database;
  try {
    if (path !== ":memory:") makeParentDirs(resolve(path));
    sqlite = new Database(path, options.onStatement ? { verbose: (s) => options.onStatement!(String(s)) } : {});
  } catch (err) {
    throw new DatabaseOpenError("IGHUB_DB", `cannot open database file ${JSON.stringify(path)}: ${(err as Error).message}. Set IGHUB_DB (or --db) to a writable file path.`);
  }
  try {
    try {
      sqlite.pragma("journal_mode = WAL");
    } catch (err) {
      // A bulk import holding the file in rollback-journal mode (db/import/import.service.ts) keeps
      // other connections from switching it back; carry on in that mode: the import restores WAL
      // when it ends, and the next open does if it was killed.
      if ((err as { code?: string }).code !== "SQLITE_BUSY") throw err;
    }
    // WAL defaults to synchronous=NORMAL, which can lose committed transactions on power failure.
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const orm = drizzle({ client: sqlite, schema: tables });
    migrateSqlite(sqlite, orm);
    return { sql: sqlite, dialect: "sqlite", sqlite, path, close: () => sqlite.open && sqlite.close() };
  } catch (err) {
    sqlite.close();
    if (err instanceof DatabaseOpenError) throw err;
    throw new DatabaseOpenError("IGHUB_DB", `cannot use database ${JSON.stringify(path)}: ${(err as Error).message}. Set IGHUB_DB (or --db) to a hub database file (or a new path).`);
  }
}

/** How many committed migrations the file records (0 before the first). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n : 0;
}

/**
 * Applies the committed migrations. drizzle's migrator reads which migrations are applied before
 * it opens its transaction, so two processes opening one new file together can both decide to
 * create the tables; the second then fails ("table … already exists") once the first commits. When
 * a failed attempt finds that another connection applied migrations meanwhile, it reads again and
 * applies what is left (nothing, usually); any other failure is the error it was.
 */
function migrateSqlite(sqlite: Database.Database, orm: BetterSQLite3Database<typeof tables>): void {
  for (let attempt = 1; ; attempt++) {
    const before = appliedMigrations(sqlite);
    try {
      migrate(orm, { migrationsFolder });
      return;
    } catch (err) {
      if (attempt >= 3 || appliedMigrations(sqlite) === before) throw err;
    }
  }
}

/**
 * Opens the PostgreSQL database at `url` and applies the committed PostgreSQL migrations (drizzle's
 * node-postgres migrator, in one transaction). `?schema=NAME` puts the hub's tables in that schema
 * (created if missing) instead of the connection's default; the tests give each database its own.
 */
function openPostgres(url: string, options: OpenOptions): HubDb {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseOpenError("DATABASE_URL", `cannot parse the PostgreSQL URL ${redactUrl(url)}. Set DATABASE_URL (or --db) to a postgres://user@host:port/database URL.`);
  }
  const schema = u.searchParams.get("schema") || undefined;
  u.searchParams.delete("schema");
  const shown = redactUrl(url);
  let conn: PgConn;
  try {
    conn = new PgConn(u.toString(), schema, options.onStatement);
  } catch (err) {
    throw new DatabaseOpenError("DATABASE_URL", `cannot connect to PostgreSQL at ${shown}: ${oneLine((err as Error).message)}. Set DATABASE_URL (or --db) to a reachable postgres:// URL.`);
  }
  try {
    conn.migrate(pgMigrationsFolder);
  } catch (err) {
    conn.close();
    throw new DatabaseOpenError("DATABASE_URL", `cannot use PostgreSQL database ${shown}: ${oneLine((err as Error).message)}. Set DATABASE_URL (or --db) to a hub database (or an empty schema).`);
  }
  return { sql: conn, dialect: "postgres", path: shown, close: () => conn.close() };
}
