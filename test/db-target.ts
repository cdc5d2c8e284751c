import { createHash } from "node:crypto";

/**
 * Which database the suite runs against. `npm test` runs it on SQLite; with
 * IGHUB_TEST_DATABASE_URL set to a PostgreSQL URL (`npm run test:pg` starts a throw-away cluster and
 * sets it) the same tests run on PostgreSQL: test/setup.ts maps every database a test opens —
 * `:memory:` or a file path — to its own schema in that database.
 */
export const PG_BASE_URL = process.env.IGHUB_TEST_DATABASE_URL || null;
export const onPostgres = PG_BASE_URL !== null;

let counter = 0;

/** The PostgreSQL URL standing for a SQLite location: a fresh schema for `:memory:`, the same schema for the same file. */
export function pgUrlFor(location: string): string {
  if (!PG_BASE_URL) throw new Error("pgUrlFor needs IGHUB_TEST_DATABASE_URL");
  const schema =
    location === ":memory:" || location === ""
      ? `t_${process.pid}_${++counter}_${Date.now().toString(36)}`
      : `f_${createHash("sha256").update(location).digest("hex").slice(0, 24)}`;
  const u = new URL(PG_BASE_URL);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** Where a test (or a hub process it starts) finds the database: the file itself, or its PostgreSQL stand-in. */
export function dbLocation(location: string): string {
  return onPostgres ? pgUrlFor(location) : location;
}

/** Environment for a hub process the test starts on the database at `file`. */
export function dbEnv(file: string): Record<string, string> {
  return onPostgres ? { DATABASE_URL: pgUrlFor(file) } : { IGHUB_DB: file };
}
