import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { dialectOf, flattenParams, isConstraintError, PgError, returningId, toNumberedParams } from "../../../db/driver/index.js";

describe("toNumberedParams (? and @name → $n for PostgreSQL)", () => {
  it("numbers ? placeholders in order", () => {
    expect(toNumberedParams("SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?")).toEqual({ text: "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4", names: null });
  });

  it("leaves a statement without parameters as it is", () => {
    expect(toNumberedParams("SELECT 1")).toEqual({ text: "SELECT 1", names: null });
  });

  it("leaves ? inside string literals, with doubled quotes, alone", () => {
    expect(toNumberedParams("SELECT 'a?b', 'it''s ?', ? FROM t WHERE x = '?'")).toEqual({ text: "SELECT 'a?b', 'it''s ?', $1 FROM t WHERE x = '?'", names: null });
  });

  it("leaves ? inside quoted identifiers alone", () => {
    expect(toNumberedParams('SELECT "odd?name", "a""?" FROM t WHERE c = ?').text).toBe('SELECT "odd?name", "a""?" FROM t WHERE c = $1');
  });

  it("leaves ? inside -- and /* */ comments alone", () => {
    expect(toNumberedParams("SELECT ? -- why? because\n, ? /* what? */ , ?").text).toBe("SELECT $1 -- why? because\n, $2 /* what? */ , $3");
    expect(toNumberedParams("SELECT ? -- trailing comment?").text).toBe("SELECT $1 -- trailing comment?");
  });

  it("leaves ? inside E'...' strings with backslash escapes and $$ bodies alone", () => {
    expect(toNumberedParams("SELECT E'it\\'s ?', ?").text).toBe("SELECT E'it\\'s ?', $1");
    expect(toNumberedParams("SELECT $$ what? $$, $tag$ a ? $$ b? $tag$, ?").text).toBe("SELECT $$ what? $$, $tag$ a ? $$ b? $tag$, $1");
    // `name'...'` is not an E-string: a word ending in e before a quote
    expect(toNumberedParams("SELECT * FROM t WHERE type='?' AND x = ?").text).toBe("SELECT * FROM t WHERE type='?' AND x = $1");
  });

  it("numbers @name parameters by first appearance, the same name the same number", () => {
    expect(toNumberedParams("INSERT INTO t (a, b, c) VALUES (@a, @b_2, @a) ON CONFLICT (a) DO UPDATE SET c = @c")).toEqual({
      text: "INSERT INTO t (a, b, c) VALUES ($1, $2, $1) ON CONFLICT (a) DO UPDATE SET c = $3",
      names: ["a", "b_2", "c"],
    });
  });

  it("leaves @ in strings and comments, and @ not followed by a name, alone", () => {
    expect(toNumberedParams("SELECT '@x', @ -5, @y -- @z")).toEqual({ text: "SELECT '@x', @ -5, $1 -- @z", names: ["y"] });
  });

  it("refuses a statement that mixes ? and @name", () => {
    expect(() => toNumberedParams("SELECT ?, @a")).toThrow(/cannot mix/);
  });
});

describe("the helpers shared by both databases", () => {
  it("flattenParams accepts f(a, b) and f([a, b]) as better-sqlite3 does", () => {
    expect(flattenParams([1, 2])).toEqual([1, 2]);
    expect(flattenParams([[1, 2]])).toEqual([1, 2]);
    expect(flattenParams([])).toEqual([]);
    expect(flattenParams([{ a: 1 }])).toEqual([{ a: 1 }]);
  });

  it("dialectOf calls better-sqlite3 sqlite; returningId changes nothing there", () => {
    const db = new Database(":memory:");
    try {
      expect(dialectOf(db)).toBe("sqlite");
      expect(returningId(db, "INSERT INTO t (x) VALUES (?)")).toBe("INSERT INTO t (x) VALUES (?)");
    } finally {
      db.close();
    }
  });

  it("isConstraintError knows SQLite's and PostgreSQL's constraint errors and nothing else", () => {
    const db = new Database(":memory:");
    try {
      db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
      db.prepare("INSERT INTO t (id, v) VALUES (1, 'a')").run();
      let unique: unknown;
      try {
        db.prepare("INSERT INTO t (id, v) VALUES (1, 'b')").run();
      } catch (err) {
        unique = err;
      }
      expect(isConstraintError(unique)).toBe(true);
      let syntax: unknown;
      try {
        db.prepare("SELEC 1");
      } catch (err) {
        syntax = err;
      }
      expect(isConstraintError(syntax)).toBe(false);
    } finally {
      db.close();
    }
    expect(isConstraintError(new PgError("duplicate key", "23505", null))).toBe(true);
    expect(isConstraintError(new PgError("null value", "23502", null))).toBe(true);
    expect(isConstraintError(new PgError("append-only", "P0001", null))).toBe(false);
    expect(isConstraintError(new PgError("no code", null, null))).toBe(false);
    expect(isConstraintError(new Error("plain"))).toBe(false);
    expect(isConstraintError(undefined)).toBe(false);
  });
});
