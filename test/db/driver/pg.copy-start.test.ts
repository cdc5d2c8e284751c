import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { beginWrite, commit, PgConn, PgError, rollback } from "../../../db/driver/index.js";
import { copyLine } from "../../../db/driver/pg.copy.js";
import { PG_BASE_URL } from "../../db-target.js";

/*
 * PgConn.copyStart / copyWait: a COPY sent without waiting for it (the import's pipeline), against
 * a real PostgreSQL (`npm run test:pg -- test/db/driver`); skipped without one.
 */
const schema = `cps_${process.pid}_${Date.now().toString(36)}`;
let conn: PgConn;

beforeAll(() => {
  if (!PG_BASE_URL) return;
  conn = new PgConn(PG_BASE_URL, schema);
  conn.exec("CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL UNIQUE)");
});

afterAll(() => {
  if (!conn) return;
  conn.exec(`DROP SCHEMA "${schema}" CASCADE`);
  conn.close();
});

beforeEach(() => {
  if (conn) conn.exec("DELETE FROM t");
});

const rows = (...pairs: [number, string][]) => pairs.map((p) => copyLine(p)).join("");
const stored = () => conn.prepare<[number, string]>("SELECT id, v FROM t ORDER BY id").raw().all();

describe.skipIf(!PG_BASE_URL)("PgConn.copyStart (a COPY the caller does not wait for)", () => {
  it("runs before every later statement, and copyWait gives its row count", () => {
    beginWrite(conn);
    conn.copyStart("t", ["id", "v"], rows([1, "a"], [2, "tab\there"]));
    conn.copyStart("t", ["id", "v"], rows([3, "c"]), "batch");
    // The second COPY waited for the first; this SELECT waits for the second.
    expect(stored()).toEqual([
      [1, "a"],
      [2, "tab\there"],
      [3, "c"],
    ]);
    expect(conn.copyWait()).toEqual({ rowCount: 1 });
    commit(conn);
    expect(stored()).toHaveLength(3);
  });

  it("in a savepoint, a failed COPY is rolled back to it alone: later statements run, copyWait throws its error", () => {
    beginWrite(conn);
    conn.prepare("INSERT INTO t (id, v) VALUES (1, 'a')").run();
    conn.copyStart("t", ["id", "v"], rows([2, "b"], [3, "a"]), "batch");
    // Not refused: the failed COPY was rolled back to its savepoint before this ran.
    conn.prepare("INSERT INTO t (id, v) VALUES (4, 'd')").run();
    const outcome = conn.copyWait();
    expect("error" in outcome && outcome.error).toBeInstanceOf(PgError);
    expect("error" in outcome && outcome.error.code).toBe("23505");
    commit(conn);
    expect(stored()).toEqual([
      [1, "a"],
      [4, "d"],
    ]);
  });

  it("without a savepoint, a failed COPY is thrown by the next statement; ROLLBACK still runs and the connection stays usable", () => {
    conn.prepare("INSERT INTO t (id, v) VALUES (1, 'a')").run();
    beginWrite(conn);
    conn.prepare("INSERT INTO t (id, v) VALUES (2, 'b')").run();
    conn.copyStart("t", ["id", "v"], rows([3, "c"], [1, "x"]));
    let err: unknown;
    try {
      conn.prepare("SELECT 1").get();
    } catch (e) {
      err = e;
    }
    expect((err as PgError).code).toBe("23505");
    rollback(conn);
    expect(stored()).toEqual([[1, "a"]]);
    expect(() => conn.copyWait()).toThrow(/No COPY in a savepoint was started/);
  });

  it("runs background statements in order, and skips what follows a failed one: its error is thrown once, by the next call", () => {
    beginWrite(conn);
    conn.execStart("INSERT INTO t (id, v) VALUES (1, 'a')");
    conn.copyStart("t", ["id", "v"], rows([2, "b"]) + "x\tbad\n");
    conn.execStart("INSERT INTO t (id, v) VALUES (3, 'c')");
    expect(() => conn.prepare("SELECT 1").get()).toThrow(/invalid input syntax for type integer: "x"/);
    // Once: the next statement gets the aborted transaction's own answer.
    expect(() => conn.prepare("SELECT 1").get()).toThrow(/current transaction is aborted/);
    rollback(conn);
    expect(stored()).toEqual([]);
    beginWrite(conn);
    conn.execStart("INSERT INTO t (id, v) VALUES (1, 'a'); INSERT INTO t (id, v) VALUES (2, 'b')");
    conn.copyStart("t", ["id", "v"], rows([3, "c"]));
    commit(conn);
    expect(stored()).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
  });
});
