import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../server/config.js";

/** The database settings every command reads (DATABASE_URL, IGHUB_DB, --db). */
describe("loadConfig: where the database is", () => {
  const error = (fn: () => unknown): ConfigError => {
    try {
      fn();
    } catch (err) {
      return err as ConfigError;
    }
    throw new Error("no error");
  };

  it("takes IGHUB_DB (default data/ighub.db) for SQLite, and a PostgreSQL DATABASE_URL over it", () => {
    expect(loadConfig({}).dbPath).toBe("data/ighub.db");
    expect(loadConfig({ IGHUB_DB: "/srv/hub.db" }).dbPath).toBe("/srv/hub.db");
    expect(loadConfig({ IGHUB_DB: "/srv/hub.db", DATABASE_URL: "postgres://hub@db:5432/hub?schema=s" }).dbPath).toBe("postgres://hub@db:5432/hub?schema=s");
    expect(loadConfig({ DATABASE_URL: "postgresql://hub@db/hub" }).dbPath).toBe("postgresql://hub@db/hub");
    expect(loadConfig({ IGHUB_DB: "/srv/hub.db", DATABASE_URL: "" }).dbPath).toBe("/srv/hub.db"); // empty = unset
  });

  it("lets --db (an override) win over both, a file or a postgres:// URL", () => {
    const env = { IGHUB_DB: "/srv/hub.db", DATABASE_URL: "postgres://hub@db/hub" };
    expect(loadConfig(env, { dbPath: "/tmp/other.db" }).dbPath).toBe("/tmp/other.db");
    expect(loadConfig(env, { dbPath: "postgres://hub@other/hub" }).dbPath).toBe("postgres://hub@other/hub");
  });

  it("rejects a DATABASE_URL of another database, naming the variable", () => {
    const e = error(() => loadConfig({ DATABASE_URL: "mysql://hub@127.0.0.1/hub" }));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.setting).toBe("DATABASE_URL");
    expect(e.message).toBe('DATABASE_URL: DATABASE_URL must be a postgres:// (or postgresql://) URL, e.g. postgres://hub@127.0.0.1:5432/hub (got "mysql://hub@127.0.0.1/hub")');
  });

  it("rejects a URL of another database in IGHUB_DB or --db instead of creating a file by that name", () => {
    const env = error(() => loadConfig({ IGHUB_DB: "mysql://hub@127.0.0.1/hub" }));
    expect(env.setting).toBe("IGHUB_DB");
    expect(env.message).toMatch(/^IGHUB_DB: IGHUB_DB must be a SQLite file path \(or a postgres:\/\/ URL\)/);
    const flag = error(() => loadConfig({}, { dbPath: "sqlite:///srv/hub.db" }));
    expect(flag.setting).toBe("--db");
    expect(flag.message).toBe('--db: --db must be a SQLite file path or a postgres:// URL (got "sqlite:///srv/hub.db")');
    // Windows-style and relative paths are still paths.
    expect(loadConfig({ IGHUB_DB: "C:\\data\\hub.db" }).dbPath).toBe("C:\\data\\hub.db");
    expect(loadConfig({}, { dbPath: "./hub.db" }).dbPath).toBe("./hub.db");
  });
});
