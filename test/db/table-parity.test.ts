import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as sqliteTables from "../../db/tables/index.js";
import * as pgTables from "../../db/tables/pg/index.js";

// The PostgreSQL tables (db/tables/pg) are a second drizzle description of the same tables: this
// keeps the two from drifting apart (a column added to one only would break the other database).
function shape(config: { name: string; columns: { name: string; notNull: boolean; primary: boolean }[]; indexes: { config: { name: string; unique: boolean; columns: unknown[] } }[] }) {
  return {
    name: config.name,
    columns: config.columns.map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary })).sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, columns: i.config.columns.length })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe("SQLite and PostgreSQL table definitions", () => {
  it("declare the same tables, columns, NOT NULL, primary keys and indexes", () => {
    const lite = (Object.values(sqliteTables) as unknown[]).filter((t): t is SQLiteTable => t instanceof SQLiteTable).map((t) => shape(sqliteConfig(t) as never));
    const pg = (Object.values(pgTables) as unknown[]).filter((t): t is PgTable => t instanceof PgTable).map((t) => shape(pgConfig(t) as never));
    expect(lite.length).toBeGreaterThan(10);
    expect(pg.sort((a, b) => a.name.localeCompare(b.name))).toEqual(lite.sort((a, b) => a.name.localeCompare(b.name)));
  });
});
