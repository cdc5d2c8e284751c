import "reflect-metadata";
import { vi } from "vitest";

// On PostgreSQL (IGHUB_TEST_DATABASE_URL), every database a test opens becomes a schema of that
// database: `:memory:` a new one, a file path the same one each time (see test/db-target.ts). On
// SQLite the module is the real one. (vi.mock is hoisted, so the choice is made inside the factory.)
vi.mock("../db/connection.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../db/connection.js")>();
  const { onPostgres, pgUrlFor } = await import("./db-target.js");
  if (!onPostgres) return real;
  return {
    ...real,
    openDb: (location: string, options?: Parameters<typeof real.openDb>[1]) => real.openDb(real.isPostgresUrl(location) ? location : pgUrlFor(location), options),
  };
});
