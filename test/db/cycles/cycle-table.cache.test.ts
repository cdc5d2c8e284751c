import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { signOpenStages } from "./sign-open-stages.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  UnknownValueError,
  boroughCodesOf,
  partnerSlugsOf,
  compileFilter,
  cycleTimeOptions,
  cycleTimes,
  signOffOptions,
  signOffTimes,
  type CycleTable,
  type CycleTimeArgs,
  type MetricFilterValue,
  type SignOffArgs,
} from "../../../analytics/metrics/index.js";
import { openDb, type HubDb } from "../../../db/connection.js";
import { CycleMaintainer } from "../../../db/cycles/cycle.maintainer.js";
import { getCycleTable, getCycleTableWith, signoffColumns, warmCycleCache, warmSignoffs } from "../../../db/cycles/index.js";
import { importFiles } from "../../../db/import/import.service.js";
import { bumpDataVersion } from "../../../db/cycles/change-log.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { generateSynthetic } from "../../../db/synthetic/index.js";
import { E1, E2, E3, SMALL, addInitiatives, fixtureDb } from "../../schema/metrics/metrics.fixture.js";

/** The cache's current table through the cycleTimes kernel (as the graph's service runs it). */
async function cycleTimesOf(database: HubDb, args: CycleTimeArgs & { filter?: MetricFilterValue }) {
  const t = await getCycleTable(database);
  return cycleTimes(t, compileFilter(t, "filter", args.filter), cycleTimeOptions(args));
}

/** The cache's current table and its sign-offs through the signOffTimes kernel. */
async function signOffTimesOf(database: HubDb, args: SignOffArgs & { filter?: MetricFilterValue }) {
  const t = await getCycleTable(database);
  return signOffTimes(t, signoffColumns(database.sql, t), compileFilter(t, "filter", args.filter), signOffOptions(args));
}

/** The live rows of a table as comparable records (dead rows dropped, order ignored). */
function rowsOf(t: CycleTable) {
  const out: unknown[] = [];
  for (let r = 0; r < t.n; r++) {
    if (t.submittedAt[r] === Infinity) continue;
    const i = t.init[r]!;
    out.push({
      id: t.initiativeIds[i],
      stage: t.stages[t.stage[r]!],
      outcome: t.outcome[r],
      submittedAt: t.submittedAt[r],
      approvedAt: t.approvedAt[r],
      subCum: t.subCum[r],
      apprCum: t.apprCum[r],
      tool: t.tools[t.initTool[i]!],
      lead: t.boroughs[t.initLead[i]!],
      boroughs: boroughCodesOf(t, i),
      partners: partnerSlugsOf(t, i),
      practices: t.initPractices[i],
    });
  }
  return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

let db: HubDb | null = null;
afterEach(() => db?.close());

describe("cycle table cache", () => {
  it("is reused while the data version stands still", async () => {
    db = fixtureDb(SMALL);
    const a = await getCycleTable(db);
    expect(await getCycleTable(db)).toBe(a);
    expect(a.madeBy).toBe("full");
  });

  it("applies recorded events as a delta that equals a full rebuild", async () => {
    db = fixtureDb(SMALL);
    await getCycleTable(db);
    // A new initiative, a new event on an open stage, and a new participant for I4.
    addInitiatives(db, [
      { id: "I5", tool: "onelondon", lead: E2, boroughs: [E2, E1], practices: ["ig-at-concept"], events: [{ stage: "IDEA", kind: "SUBMITTED", at: "2024-01-03T10:00:00Z" }] },
      { ...SMALL[2]!, events: [{ stage: "DPIA", kind: "APPROVED", borough: E3, at: "2024-01-19T10:00:00Z" }] },
    ]);
    const { sql } = db;
    sql.transaction(() => {
      sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('I4', ?, 'PARTICIPANT')").run(E3);
      new CycleMaintainer(sql).refreshInitiative("I4");
      bumpDataVersion(sql);
    })();
    const delta = await getCycleTable(db);
    expect(delta.madeBy).toBe("delta");
    // Sign-offs read against the delta table: I3's E3 sign-off (19 Jan, 4 working days) is there.
    const so = await signOffTimesOf(db, { filter: { boroughs: [E3], stages: ["DPIA"] }, asOf: new Date("2024-02-01T12:00:00Z") });
    expect(so.map((r) => [r.borough, r.stage, r.signedCount, r.pendingCount, r.median])).toEqual([[E3, "DPIA", 2, 0, 7]]);
    expect(delta.signoffs).toBeDefined();
    const full = await getCycleTable(db, { force: true });
    expect(full.madeBy).toBe("full");
    expect(rowsOf(delta)).toEqual(rowsOf(full));
    expect(rowsOf(delta)).toHaveLength(7);
    // And the metrics agree whichever table they read.
    const groups = await cycleTimesOf(db, { groupBy: ["STAGE", "BOROUGH"], asOf: new Date("2024-02-01T12:00:00Z") });
    expect(groups.find((g) => g.stage === "DPIA" && g.borough === E3)).toMatchObject({ count: 3, approvedCount: 2, openCount: 0, rejectedCount: 1 });
  });

  it("rebuilds once when a filter names a value the table does not know, then refuses it", async () => {
    db = fixtureDb(SMALL);
    const before = await getCycleTable(db);
    // Reference data loaded without a version bump: the table does not know the tool yet.
    db.sql.prepare("INSERT INTO tools (slug, name, description, source) VALUES ('newtool', 'New tool', 'A tool added later', 'test')").run();
    const known = await getCycleTableWith(db, (t) => compileFilter(t, "filter", { tools: ["newtool"] }));
    expect(known.table).not.toBe(before);
    expect(known.table.tools).toContain("newtool");
    expect(known.compiled.toolOk![known.table.toolIndex.get("newtool")!]).toBe(1);
    const refused = await getCycleTableWith(db, (t) => compileFilter(t, "cohort", { tools: ["nosuchtool"] })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnknownValueError);
    expect((refused as UnknownValueError).message).toBe(`cohort.tools: unknown tool "nosuchtool"; expected one of: ${known.table.tools.join(", ")}`);
    // Other errors are not worth a rebuild.
    const current = await getCycleTable(db);
    await expect(getCycleTableWith(db, () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await getCycleTable(db)).toBe(current);
  });

  it("rebuilds in full when the change log was reset", async () => {
    db = fixtureDb(SMALL);
    await getCycleTable(db);
    const { sql } = db;
    sql.transaction(() => {
      sql.prepare("DELETE FROM analytics_changes").run();
      // The log's numbering starts again at 1 (SQLite: its AUTOINCREMENT counter; PostgreSQL: the identity sequence).
      if (db!.dialect === "postgres") sql.prepare("ALTER TABLE analytics_changes ALTER COLUMN seq RESTART WITH 1").run();
      else sql.prepare("DELETE FROM sqlite_sequence WHERE name = 'analytics_changes'").run();
      bumpDataVersion(sql);
    })();
    expect((await getCycleTable(db)).madeBy).toBe("full");
  });

  it("sees the writes that follow a bulk import which reset the change log", async () => {
    // Above 5,000 initiatives an import empties the log and leaves one entry past a gap (db/writes/write.session.ts);
    // the entries of later writes must number after it, or the cache would never see them.
    db = fixtureDb(SMALL);
    const dir = mkdtempSync(join(tmpdir(), "ighub-metrics-"));
    try {
      let initiatives = "id,title,lead_borough,boroughs,partners,tool,practices,status,created_at\n";
      let events = "initiative_id,stage,borough,kind,at,source,source_ref\n";
      for (let i = 0; i < 5001; i++) {
        initiatives += `B${i},Bulk ${i},${E1},${E1};${E2},,isg,,,2024-01-01\n`;
        events += `B${i},IDEA,,SUBMITTED,2024-01-02,bulk,${i}\n`;
      }
      writeFileSync(join(dir, "i.csv"), initiatives);
      writeFileSync(join(dir, "e.csv"), events);
      expect((await importFiles(db, { initiatives: join(dir, "i.csv"), events: join(dir, "e.csv") })).errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const afterImport = await getCycleTable(db);
    expect(afterImport.madeBy).toBe("full");
    // Two writes, each logging several entries (participants and cycles).
    addInitiatives(db, [{ id: "I6", tool: "isg", lead: E3, boroughs: [E3, E1], events: [{ stage: "DPIA", kind: "SUBMITTED", at: "2024-02-05T10:00:00Z" }] }]);
    addInitiatives(db, [{ id: "I7", tool: "manual", lead: E2, boroughs: [E2, E3], events: [{ stage: "ISA", kind: "SUBMITTED", at: "2024-02-06T10:00:00Z" }] }]);
    const t = await getCycleTable(db);
    const live = rowsOf(t);
    expect(live.filter((r) => ["I6", "I7"].includes((r as { id: string }).id))).toHaveLength(2);
    expect(live).toEqual(rowsOf(await getCycleTable(db, { force: true })));
  });

  it("carries the sign-offs through deltas: signOffTimes equals a full rebuild after writes", async () => {
    db = openDb(":memory:");
    loadReferenceData(db);
    generateSynthetic(db, { size: "demo", seed: 3 });
    const { sql } = db;
    const questions = [
      { unit: "WORKING_DAYS" as const },
      { unit: "CALENDAR_DAYS" as const },
      { unit: "WORKING_DAYS" as const, asOf: new Date("2023-06-30T12:00:00Z") },
      { unit: "CALENDAR_DAYS" as const, asOf: new Date("2024-03-01T00:00:00Z"), filter: { tools: ["isg"] } },
      { unit: "WORKING_DAYS" as const, filter: { boroughs: [E2, E3], stages: ["DPIA", "ISA"] } },
    ];
    const asOfNow = new Date("2031-01-01T00:00:00Z");
    const answers = () => Promise.all(questions.map((q) => signOffTimesOf(db!, { asOf: asOfNow, ...q })));
    await answers(); // sign-offs read into the full table
    expect((await getCycleTable(db)).signoffs).toBeDefined();

    // 1. Sign-offs recorded: on open stages, the first participant still to sign approves.
    const open = signOpenStages(db, "signoff", 12);
    expect(open.length).toBeGreaterThan(5);
    const insEvent = sql.prepare(
      "INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES (?, ?, ?, 'APPROVED', ?, 'test', ?, 0, 'test')",
    );
    const maintainer = new CycleMaintainer(sql);
    const compareWithFullRebuild = async () => {
      const delta = await getCycleTable(db!);
      expect(delta.madeBy).toBe("delta");
      expect(delta.signoffs).toBeDefined(); // carried along, not read again
      const fromDelta = await answers();
      const full = await getCycleTable(db!, { force: true });
      expect(full.signoffs).toBeUndefined();
      const fromFull = await answers();
      expect(full.signoffs).toBeDefined();
      expect(fromDelta).toEqual(fromFull);
      return fromDelta;
    };
    const after1 = await compareWithFullRebuild();
    // The new sign-offs show: more signed, fewer pending, for the first question (everything).
    const total = (rs: { signedCount: number }[]) => rs.reduce((a, r) => a + r.signedCount, 0);
    // Every signer's sign-off: boroughs' and (the demo's partners sign too) partner organisations'.
    const signoffRows = Number(sql.prepare("SELECT (SELECT COUNT(*) FROM borough_signoffs) + (SELECT COUNT(*) FROM partner_signoffs)").pluck().get());
    expect(total(after1[0]!)).toBe(signoffRows);

    // 2. Every initiative re-derived (its participants re-read) but those of step 3: enough garbage to compact.
    const open3 = sql.prepare("SELECT c.initiative_id AS id, c.stage, c.submitted_at AS at, MIN(b.authority_code) AS code FROM stage_cycles c JOIN initiative_boroughs b ON b.initiative_id = c.initiative_id WHERE c.outcome = 'OPEN' AND NOT EXISTS (SELECT 1 FROM borough_signoffs s WHERE s.initiative_id = c.initiative_id AND s.stage = c.stage AND s.authority_code = b.authority_code) GROUP BY c.initiative_id, c.stage, c.submitted_at ORDER BY c.initiative_id, c.stage LIMIT 12").all() as typeof open;
    expect(open3.length).toBeGreaterThan(5);
    const laterIds = new Set(open3.map((o) => o.id));
    const held = await getCycleTable(db); // the cache is current again before the next write
    const heldAnswer = () => signOffTimes(held, held.signoffs!, compileFilter(held, "filter", null), signOffOptions({ unit: "WORKING_DAYS", asOf: asOfNow }));
    const heldBefore = heldAnswer();
    // Twice (two writes, each applied): the garbage then passes the live entries and the second delta compacts.
    for (let round = 0; round < 2; round++) {
      sql.transaction(() => {
        for (const id of sql.prepare("SELECT id FROM initiatives ORDER BY id").pluck().all() as string[]) if (!laterIds.has(id)) maintainer.refreshInitiative(id);
        bumpDataVersion(sql);
      })();
      await getCycleTable(db);
    }
    const delta2 = await getCycleTable(db);
    expect(delta2.signoffs!.garbage).toBe(0);
    expect(delta2.signoffs!.used).toBe(signoffRows);
    const after2 = await compareWithFullRebuild();
    expect(after2).toEqual(after1);

    // 3. Sign-offs on the initiatives step 2 left alone, after the compaction: a table held since
    // before both writes still answers as it did (its counts are not the compacted table's).
    await getCycleTable(db);
    sql.transaction(() => {
      open3.forEach((o, n) => {
        insEvent.run(o.id, o.stage, o.code, o.at + (n + 1) * 86_400_000 * 2, `signoff3-${n}`);
        maintainer.refresh(o.id, o.stage);
      });
      bumpDataVersion(sql);
    })();
    const after3 = await compareWithFullRebuild();
    expect(total(after3[0]!)).toBe(signoffRows + open3.length);
    expect(heldAnswer()).toEqual(heldBefore);
  }, 240_000); // three re-derivations of ~400 initiatives: on PostgreSQL a round trip per statement

  it("warms the table and its sign-offs ahead of the first query", async () => {
    db = fixtureDb(SMALL);
    const w = await warmCycleCache(db);
    const t = await getCycleTable(db);
    expect(t.madeBy).toBe("full");
    expect(t.signoffs).toBeDefined();
    const signoffRows = Number(db.sql.prepare("SELECT COUNT(*) FROM borough_signoffs").pluck().get());
    const cycleRows = Number(db.sql.prepare("SELECT COUNT(*) FROM stage_cycles").pluck().get());
    expect([w.version, w.rows, w.signoffs]).toEqual([t.version, cycleRows, signoffRows]);
    expect(await warmCycleCache(db)).toMatchObject({ rows: cycleRows, signoffs: signoffRows });
    expect(await getCycleTable(db)).toBe(t); // nothing rebuilt
  });

  it("reads the sign-offs of a table a full rebuild made, once, and not those of a table the data has moved past", async () => {
    db = fixtureDb(SMALL);
    expect(warmSignoffs(db.sql)).toBeUndefined(); // no table yet
    const t = await getCycleTable(db, { force: true });
    expect(t.signoffs).toBeUndefined();
    const signoffRows = Number(db.sql.prepare("SELECT (SELECT COUNT(*) FROM borough_signoffs) + (SELECT COUNT(*) FROM partner_signoffs)").pluck().get());
    expect(warmSignoffs(db.sql)).toBe(signoffRows);
    const warmed = t.signoffs;
    expect(warmed).toBeDefined();
    // The same sign-offs a first signOffTimes reads itself, on a table of its own.
    const fresh = await getCycleTable(db, { force: true });
    expect(signoffColumns(db.sql, fresh)).toEqual(warmed);
    expect(warmSignoffs(db.sql)).toBeUndefined(); // already there
    const rebuilt = await getCycleTable(db, { force: true });
    bumpDataVersion(db.sql);
    expect(warmSignoffs(db.sql)).toBeUndefined(); // the next query rebuilds: nothing read for a stale table
    expect(rebuilt.signoffs).toBeUndefined();
  });
});
