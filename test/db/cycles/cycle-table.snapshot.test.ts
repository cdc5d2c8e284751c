import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CycleTable } from "../../../analytics/metrics/index.js";
import { openDb, type HubDb } from "../../../db/connection.js";
import { decodeCycleTable, encodeCycleTable } from "../../../db/cycles/cycle-table.snapshot.js";
import { dropCycleTable, getCycleTable, getCycleTableSync, onCycleTableRefresh, saveCycleSnapshot, saveCycleSnapshotInBackground, signoffColumns, warmCycleCache } from "../../../db/cycles/index.js";
import { exportAgreementsCsv } from "../../../db/export/agreements.export.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { generateSynthetic } from "../../../db/synthetic/index.js";
import { MetricsService } from "../../../schema/metrics/metrics.service.js";
import { toText } from "../export/to-text.js";
import { signOpenStages } from "./sign-open-stages.js";

/*
 * The persisted snapshot of the cycle table and its sign-off columns (db/cycles/cycle-table.snapshot.ts,
 * db/cycles/snapshot.store.ts): bytes that load back to the same table, used by a connection's
 * first read (then brought up to date from the change log), ignored when anything is off, and
 * never a cause of a different answer, export or data version.
 */

const E2 = "E09000002";
const E3 = "E09000003";
const NOW = new Date("2031-01-01T00:00:00Z");
const MIDWAY = new Date("2023-03-15T12:00:00Z");

/** Every metric the graph answers from the cycle table, several ways, as plain data. */
async function everyAnswer(db: HubDb): Promise<unknown> {
  const m = new MetricsService(db);
  const out: unknown[] = [];
  for (const asOf of [NOW, MIDWAY]) {
    for (const groupBy of [["STAGE"], ["BOROUGH"], ["TOOL"], ["LEAD_BOROUGH", "PRACTICE"], ["STAGE", "TOOL", "QUARTER"], ["MONTH"]] as const) {
      out.push(await m.cycleTimes({ groupBy: [...groupBy], unit: "WORKING_DAYS", asOf }, true));
    }
    out.push(await m.cycleTimes({ groupBy: ["STAGE"], unit: "CALENDAR_DAYS", asOf, filter: { boroughs: [E2, E3], tools: ["isg"] } }, true));
    out.push(await m.signOffTimes({ unit: "WORKING_DAYS", asOf }));
    out.push(await m.signOffTimes({ unit: "CALENDAR_DAYS", asOf, filter: { stages: ["DPIA", "ISA"] } }));
    out.push(await m.flow({ from: "2019-01-01", to: "2024-12-31", interval: "MONTH" })); // ends before now: no "now" in the answer
    out.push(await m.compareCohorts({ stage: "DPIA", a: { tools: ["isg"] }, b: { tools: ["manual"] }, asOf, resamples: 200 }));
    out.push(await m.timeSaved({ cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }, asOf, resamples: 200 }));
  }
  return JSON.parse(JSON.stringify(out));
}

/** The table as a fresh connection would make it: the cache forgotten, the next read reports how it was made. */
function firstRead(db: HubDb): { table: CycleTable; kind: string; ignored?: string } {
  dropCycleTable(db.sql);
  let kind = "none";
  let ignored: string | undefined;
  const stop = onCycleTableRefresh((r) => {
    if (r.conn !== db.sql) return;
    kind = r.kind;
    ignored = r.snapshotIgnored;
  });
  try {
    const table = getCycleTableSync(db.sql);
    return { table, kind, ignored };
  } finally {
    stop();
  }
}

/**
 * The live rows of a table with their initiative's attributes and sign-offs, as comparable records
 * (dead rows and garbage dropped, order ignored): what two tables of the same data must agree on,
 * whatever their layout (a delta appends rows and entries where a full read orders them).
 */
function liveRows(t: CycleTable): unknown[] {
  const sig = t.signoffs!;
  const out: string[] = [];
  for (let r = 0; r < t.n; r++) {
    if (t.submittedAt[r] === Infinity) continue;
    const i = t.init[r]!;
    const signoffs: string[] = [];
    for (let k = sig.first[r]!; k < sig.first[r]! + sig.count[r]!; k++) {
      signoffs.push(`${sig.signers.list[sig.signer[k]!]}@${sig.at[k]}/${sig.reviewedAt[k]}/${sig.wd[k]}`);
    }
    const f = t.partFirst[i]!;
    const signers = sig.initSigners[i];
    out.push(
      JSON.stringify({
        id: t.initiativeIds[i],
        stage: t.stages[t.stage[r]!],
        cols: [t.outcome[r], t.submittedAt[r], t.approvedAt[r], t.endedAt[r], t.rounds[r], t.teamMs[r], t.openQueryAt[r], t.subDay[r], t.subCum[r], t.apprCum[r], t.subMonth[r], t.endDay[r], t.approvedWd[r]].map(String),
        tool: t.tools[t.initTool[i]!],
        lead: t.boroughs[t.initLead[i]!],
        participants: [...t.partIds.subarray(f, f + t.partCount[i]!)].map((id, j) => (j < t.partBoroughs[i]! ? t.boroughs[id] : t.partners[id])),
        practices: t.initPractices[i],
        signers: signers ? [...signers].map((g) => sig.signers.list[g]) : [],
        periods: sig.initPeriods?.[i] ? [...sig.initPeriods[i]!].map(String) : [],
        signoffs: signoffs.sort(),
      }),
    );
  }
  return out.sort();
}

/** A fresh full read of the current data (with its sign-offs), and every answer from it. */
async function fullBuild(db: HubDb): Promise<{ table: CycleTable; answers: unknown }> {
  const table = await getCycleTable(db, { force: true });
  signoffColumns(db.sql, table);
  return { table, answers: await everyAnswer(db) };
}

const counts = (db: HubDb) =>
  db.sql.prepare("SELECT (SELECT value FROM meta WHERE key = 'data_version') AS v, (SELECT COUNT(*) FROM analytics_changes) AS c, (SELECT COUNT(*) FROM stage_events) AS e").get() as Record<string, unknown>;

/** Records sign-offs on a few open stages (the first participant still to sign), as a write would; returns the initiatives changed. */
function signSomeOpenStages(db: HubDb, tag: string): number {
  return new Set(signOpenStages(db, tag, 8).map((o) => o.id)).size;
}

let db: HubDb;
let dir: string;
let baseline: { table: CycleTable; answers: unknown };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ighub-snapshot-"));
  db = openDb(join(dir, "hub.db"));
  loadReferenceData(db);
  generateSynthetic(db, { size: "demo", seed: 3 });
  baseline = await fullBuild(db);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  db.sql.prepare("DELETE FROM analytics_snapshots").run();
});

describe("cycle-table snapshot bytes", () => {
  it("load(save(t)) equals t, field by field, on the demo set (partners, leavers, DPO reviews, corrections)", () => {
    const t = baseline.table;
    const sig = t.signoffs!;
    // The demo set has what the snapshot must carry: partner sign-offs, participants who left, reviews, retracted events.
    expect(sig.signers.isBorough.some((b) => !b)).toBe(true);
    expect(sig.initPeriods!.some((p) => p !== undefined)).toBe(true);
    expect(sig.reviewedAt.subarray(0, sig.used).some((x) => !Number.isNaN(x))).toBe(true);
    expect(Number(db.sql.prepare("SELECT COUNT(*) FROM stage_events WHERE kind = 'RETRACTED'").pluck().get())).toBeGreaterThan(0);
    const loaded = decodeCycleTable(encodeCycleTable(t));
    expect(loaded).toEqual({ ...t, buildMs: 0, approvedByWorkingDays: undefined });
    expect(Object.keys(loaded)).toEqual(Object.keys(t)); // one field order: one hidden class
    expect(Object.keys(loaded.signoffs!)).toEqual(Object.keys(sig));
    // Every column has the headroom a built one has, so a delta appends in place.
    expect(loaded.submittedAt.buffer.byteLength).toBeGreaterThan(loaded.submittedAt.byteLength);
    expect(loaded.signoffs!.at.buffer.byteLength).toBeGreaterThan(loaded.signoffs!.at.byteLength);
  });

  it("refuses bytes that are not a snapshot, of another format, or cut short", () => {
    const bytes = encodeCycleTable(baseline.table);
    expect(() => decodeCycleTable(Buffer.from("not a snapshot at all"))).toThrow("not a cycle-table snapshot");
    const other = Buffer.from(bytes);
    other.writeUInt32LE(999, 4);
    expect(() => decodeCycleTable(other)).toThrow("format 999, expected 1");
    expect(() => decodeCycleTable(bytes.subarray(0, bytes.length - 8))).toThrow(/runs past the end/);
  });
});

describe("cycle-table snapshot in the database", () => {
  it("is saved by the warm-up without touching the data version, the change log or the events, and loaded by a connection's first read", async () => {
    dropCycleTable(db.sql);
    const before = counts(db);
    const warmed = await warmCycleCache(db);
    expect(warmed.source).toBe("build");
    expect(warmed.snapshotSave).toMatchObject({ saved: true });
    expect(counts(db)).toEqual(before);
    expect((await warmCycleCache(db)).snapshotSave).toMatchObject({ saved: false, reason: "up to date" });
    const saved = getCycleTableSync(db.sql);
    const { table, kind } = firstRead(db);
    expect(kind).toBe("snapshot");
    expect(table).not.toBe(saved);
    expect(table).toEqual({ ...saved, buildMs: 0, approvedByWorkingDays: undefined });
    expect(table.signoffs).toEqual(baseline.table.signoffs);
    expect(await everyAnswer(db)).toEqual(baseline.answers);
    expect(counts(db)).toEqual(before);
  }, 120_000);

  it("gives a fresh build's answers and exports when writes came after it was saved (brought up to date by the change log)", async () => {
    dropCycleTable(db.sql);
    getCycleTableSync(db.sql);
    signoffColumns(db.sql, getCycleTableSync(db.sql));
    expect(saveCycleSnapshot(db.sql, getCycleTableSync(db.sql)).saved).toBe(true);
    const changed = signSomeOpenStages(db, "after-save");
    expect(changed).toBeGreaterThan(3);
    const exportCsv = () => toText((out) => exportAgreementsCsv(db, {}, out), join(dir, "agreements.csv"));
    const { table, kind } = firstRead(db);
    expect(kind).toBe("snapshot");
    expect(table.madeBy).toBe("delta");
    expect(table.signoffs).toBeDefined(); // carried through the delta, not read again
    // A delta-made table (dead rows, garbage entries, appended rows) round-trips too.
    expect(table.deadRows + table.partGarbage + table.signoffs!.garbage).toBeGreaterThan(0);
    expect(decodeCycleTable(encodeCycleTable(table))).toEqual({ ...table, buildMs: 0 });
    const fromSnapshot = await everyAnswer(db);
    const csvFromSnapshot = await exportCsv();
    const version = counts(db).v;
    const full = await fullBuild(db);
    expect(full.table.madeBy).toBe("full");
    expect(fromSnapshot).toEqual(full.answers);
    expect(liveRows(table)).toEqual(liveRows(full.table));
    expect(liveRows(table)).not.toEqual(liveRows(baseline.table));
    expect(fromSnapshot).not.toEqual(baseline.answers); // the writes show
    expect(csvFromSnapshot).toBe(await exportCsv());
    expect(counts(db).v).toBe(version);
    // Serve's warm-up does not rewrite it for a few changed initiatives (the next start's delta is cheap)...
    expect(await saveCycleSnapshotInBackground(db, full.table)).toMatchObject({ saved: false, reason: "fewer than 500 initiatives changed since the stored snapshot" });
    expect(await saveCycleSnapshotInBackground(db, full.table, { minChanges: changed + 1 })).toMatchObject({ saved: false });
    // ...but does once enough have.
    expect(await saveCycleSnapshotInBackground(db, full.table, { minChanges: changed })).toMatchObject({ saved: true });
    expect(Number(db.sql.prepare("SELECT data_version FROM analytics_snapshots WHERE chunk = 0").pluck().get())).toBe(full.table.version);
    // A newer snapshot stays: the older table is not saved over it.
    db.sql.prepare("DELETE FROM analytics_snapshots").run();
    expect(saveCycleSnapshot(db.sql, full.table).saved).toBe(true);
    expect(saveCycleSnapshot(db.sql, table)).toMatchObject({ saved: false, reason: "up to date" });
  }, 120_000);

  it("is ignored when reference data changed without a version bump", async () => {
    dropCycleTable(db.sql);
    await warmCycleCache(db);
    const version = counts(db).v;
    db.sql.prepare("INSERT INTO tools (slug, name, description, source) VALUES ('snaptool', 'Snapshot tool', 'A tool added later', 'test')").run();
    try {
      expect(counts(db).v).toBe(version);
      const { table, kind, ignored } = firstRead(db);
      expect([kind, ignored]).toEqual(["build", "reference data or the schema changed since it was saved"]);
      expect(table.tools).toContain("snaptool");
      // A table built before the load is not saved as if it matched it; the warm-up saves one that does.
      expect(saveCycleSnapshot(db.sql, baseline.table)).toMatchObject({ saved: false, reason: "the table predates the reference data" });
      expect((await warmCycleCache(db)).snapshotSave).toMatchObject({ saved: true });
      expect(firstRead(db).kind).toBe("snapshot");
    } finally {
      db.sql.prepare("DELETE FROM tools WHERE slug = 'snaptool'").run();
    }
  }, 120_000);

  it("is ignored when a migration was applied since it was saved (the schema level is in its fingerprint)", async () => {
    dropCycleTable(db.sql);
    await warmCycleCache(db);
    expect(firstRead(db).kind).toBe("snapshot");
    const migrations = "__drizzle_migrations";
    // A migration recorded after the save, as an upgrade would apply one (oldest created_at: drizzle's next run still sees its real last one).
    db.sql.prepare(`INSERT INTO ${migrations} (hash, created_at) VALUES ('snapshot-test', 0)`).run();
    try {
      const { table, kind, ignored } = firstRead(db);
      expect([kind, ignored]).toEqual(["build", "reference data or the schema changed since it was saved"]);
      expect(table.n).toBe(baseline.table.n);
      expect((await warmCycleCache(db)).snapshotSave).toMatchObject({ saved: true });
      expect(firstRead(db).kind).toBe("snapshot");
    } finally {
      db.sql.prepare(`DELETE FROM ${migrations} WHERE hash = 'snapshot-test'`).run();
    }
  }, 120_000);

  it("is ignored, with a full build's answers, when its bytes are corrupt, cut short or a chunk is missing", async () => {
    const damages: [string, string, string][] = [
      ["a flipped byte", "UPDATE analytics_snapshots SET checksum = checksum + 1", "checksum mismatch"],
      ["cut short", "UPDATE analytics_snapshots SET size = size + 8", /* the bytes end before the recorded size */ ""],
      ["a missing chunk", "DELETE FROM analytics_snapshots WHERE chunk = 0", ""],
    ];
    for (const [what, damage, reason] of damages) {
      dropCycleTable(db.sql);
      await warmCycleCache(db);
      db.sql.prepare(damage).run();
      const { kind, ignored } = firstRead(db);
      expect(kind, what).toBe("build");
      if (reason) expect(ignored, what).toBe(reason);
      const answers = await everyAnswer(db);
      expect(answers, what).toEqual((await fullBuild(db)).answers);
      db.sql.prepare("DELETE FROM analytics_snapshots").run();
    }
    // Bytes changed under a matching checksum header: the CRC catches them.
    dropCycleTable(db.sql);
    await warmCycleCache(db);
    const bytes = db.sql.prepare("SELECT bytes FROM analytics_snapshots WHERE chunk = 0").pluck().get() as Uint8Array;
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3] ^= 0xff;
    db.sql.prepare("UPDATE analytics_snapshots SET bytes = ? WHERE chunk = 0").run(flipped);
    expect(firstRead(db)).toMatchObject({ kind: "build", ignored: "checksum mismatch" });
    const truncated = Buffer.from(bytes).subarray(0, bytes.length - 100);
    db.sql.prepare("UPDATE analytics_snapshots SET bytes = ? WHERE chunk = 0").run(truncated);
    expect(firstRead(db)).toMatchObject({ kind: "build", ignored: `${bytes.length - 100} bytes, expected ${bytes.length}` });
    const answers = await everyAnswer(db);
    expect(answers).toEqual((await fullBuild(db)).answers);
  }, 240_000);

  it("is put together from several chunk rows, and ignored when one is missing", async () => {
    dropCycleTable(db.sql);
    const t = getCycleTableSync(db.sql);
    signoffColumns(db.sql, t);
    const saved = saveCycleSnapshot(db.sql, t, { chunkBytes: 64 * 1024 });
    const chunks = Number(db.sql.prepare("SELECT COUNT(*) FROM analytics_snapshots").pluck().get());
    expect(chunks).toBe(Math.ceil(saved.bytes / (64 * 1024)));
    expect(chunks).toBeGreaterThan(3);
    const { table, kind } = firstRead(db);
    expect(kind).toBe("snapshot");
    expect(table).toEqual({ ...t, buildMs: 0, approvedByWorkingDays: undefined });
    db.sql.prepare("DELETE FROM analytics_snapshots WHERE chunk = 2").run();
    expect(firstRead(db)).toMatchObject({ kind: "build", ignored: `chunk 2 of ${chunks} missing` });
  }, 120_000);

  it("lines its working-day indexes up with this process's (they count from where the process's index starts)", async () => {
    dropCycleTable(db.sql);
    const t = getCycleTableSync(db.sql);
    signoffColumns(db.sql, t);
    const answers = await everyAnswer(db);
    // As a process whose working-day index started 250 working days later would have saved it.
    const shifted = decodeCycleTable(encodeCycleTable(t));
    for (let r = 0; r < shifted.n; r++) {
      shifted.subCum[r]! -= 250;
      if (!Number.isNaN(shifted.approvedAt[r]!)) shifted.apprCum[r]! -= 250;
    }
    expect(shifted.subCum).not.toEqual(t.subCum);
    expect(saveCycleSnapshot(db.sql, shifted).saved).toBe(true);
    const { table, kind } = firstRead(db);
    expect(kind).toBe("snapshot");
    expect(table.subCum).toEqual(t.subCum);
    expect(table.apprCum).toEqual(t.apprCum);
    expect(await everyAnswer(db)).toEqual(answers);
  }, 120_000);

  it("on PostgreSQL, is written by the warm-up in staged chunk rows that no reader sees until they are made the snapshot", async () => {
    if (db.dialect !== "postgres") return; // SQLite writes it in one transaction of a worker thread
    // A crashed saver's staged rows: removed by the next save once an hour old; a fresh one is left alone.
    const ins = db.sql.prepare("INSERT INTO analytics_snapshots (kind, chunk, format, data_version, last_seq, fingerprint, chunks, size, checksum, at, bytes) VALUES (?, 0, 1, 1, 1, 'x', 1, 1, 1, ?, ?)");
    ins.run("cycle-table.staged.old", Date.now() - 2 * 3600_000, Buffer.from([1]));
    ins.run("cycle-table.staged.recent", Date.now(), Buffer.from([1]));
    dropCycleTable(db.sql);
    expect((await warmCycleCache(db)).snapshotSave).toMatchObject({ saved: true });
    expect(db.sql.prepare("SELECT DISTINCT kind FROM analytics_snapshots ORDER BY kind").pluck().all()).toEqual(["cycle-table", "cycle-table.staged.recent"]);
    expect(firstRead(db).kind).toBe("snapshot");
  }, 120_000);

  it("is not used by a forced rebuild", async () => {
    dropCycleTable(db.sql);
    await warmCycleCache(db);
    const forced = await getCycleTable(db, { force: true });
    expect(forced.madeBy).toBe("full");
    expect(forced.signoffs).toBeUndefined(); // read anew, not taken from the snapshot
  }, 120_000);
});
