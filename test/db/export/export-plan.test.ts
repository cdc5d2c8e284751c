import { createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../../db/connection.js";
import { exportInitiativesCsv } from "../../../db/export/index.js";
import { importFiles } from "../../../db/import/import.service.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { onPostgres } from "../../db-target.js";
import { tempDir } from "../import/helpers.js";
import { writeSyntheticCsv } from "../import/fixtures.js";

/**
 * A filtered export pages through the initiatives by id. On SQLite each page must walk the primary
 * key from the last id (the filter checked row by row), not read every match from the tool or
 * status index and sort it again per page: on the large set that was 12 s per 200 pages of one
 * tool (see initiativeFilterSql's walkIds). Checked on the plan SQLite makes for the very
 * statements the export ran, and on the rows: the same as an unfiltered export's filtered by hand.
 */
describe.skipIf(onPostgres)("a filtered export's pages (SQLite)", () => {
  it("walk the primary key in id order, with no sort per page, and hold exactly the matching rows", async () => {
    const dir = tempDir();
    const gen = await writeSyntheticCsv(dir, 1500, 11);
    const seen: string[] = [];
    const db = openDb(join(dir, "hub.db"), { onStatement: (sql) => seen.push(sql) });
    try {
      loadReferenceData(db);
      expect((await importFiles(db, { initiatives: gen.initiativesPath, events: gen.eventsPath })).errors).toEqual([]);
      const text = async (filter: Parameters<typeof exportInitiativesCsv>[1], name: string) => {
        const out = createWriteStream(join(dir, name));
        await exportInitiativesCsv(db, filter, out);
        out.end();
        await once(out, "finish");
        return readFileSync(join(dir, name), "utf8");
      };
      const all = await text({}, "all.csv");
      seen.length = 0;
      const isg = await text({ tools: ["isg"], statuses: ["ACTIVE", "LIVE"] }, "isg.csv");
      const pageSql = seen.filter((s) => s.includes("FROM initiatives i WHERE"));
      expect(pageSql.length).toBeGreaterThan(0);
      for (const sql of pageSql) {
        const plan = (db.sql.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
        expect(plan.filter((d) => / i\b/.test(d) || d.startsWith("SEARCH i") || d.startsWith("SCAN i"))[0]).toMatch(/^SEARCH i USING INDEX sqlite_autoindex_initiatives_1 \(id>\?\)$/);
        expect(plan.filter((d) => d === "USE TEMP B-TREE FOR ORDER BY")).toEqual([]); // (group_concat sorts each row's short lists: fine)
      }
      // The rows: the unfiltered export's lines whose tool is isg and status ACTIVE or LIVE, in the same order.
      const [header, ...lines] = all.trimEnd().split(/\r?\n/);
      const cols = header!.split(",");
      const tool = cols.indexOf("tool");
      const status = cols.indexOf("status");
      expect(tool).toBeGreaterThan(-1);
      const expected = lines.filter((l) => {
        const f = l.split(",");
        return f[tool] === "isg" && (f[status] === "ACTIVE" || f[status] === "LIVE");
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(isg.trimEnd().split(/\r?\n/).slice(1)).toEqual(expected);
    } finally {
      db.close();
    }
  });
});
