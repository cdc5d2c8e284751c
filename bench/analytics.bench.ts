/**
 * Benchmark (not a test): `cycleTimes` grouped by STAGE and TOOL on the large synthetic set,
 * warm, through the same MetricsService the resolver uses, side by side with DuckDB computing the
 * same counts, mean and percentiles (quantile_cont) from the same rows; the same grouped by STAGE ×
 * BOROUGH (DuckDB: a join of the cycles with the initiatives' participants); signOffTimes' first use
 * (sign-offs read, cold) beside DuckDB's per (borough, stage) count, mean and percentiles of the
 * same sign-offs; the cycle-table snapshot (db/cycles/snapshot.store.ts): its save, and a second
 * connection's first read from it and first signOffTimes (the cold rows as a process that starts
 * after `hub serve` has run once sees them). Prints a table, checks both give the same numbers, the
 * ratios (hub time / DuckDB time), the process's RSS, and ends with `hub/duckdb ratio: X` (STAGE ×
 * TOOL; target ≤ 1).
 *
 *   npm run bench                      # 100,000 initiatives (the large set), seed 1
 *   npm run bench -- --size 20000      # a smaller set
 *   npm run bench -- --fresh           # regenerate the temp database even if it exists
 *
 * The database is built once into the OS temp folder and reused by later runs with the same size.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDb } from "../db/connection.js";
import { CycleMaintainer } from "../db/cycles/cycle.maintainer.js";
import { bumpDataVersion } from "../db/cycles/change-log.js";
import { getDatasetKind } from "../db/meta.js";
import { loadReferenceData } from "../db/reference/index.js";
import { generateSynthetic } from "../db/synthetic/index.js";
import { OUTCOME_APPROVED, OUTCOME_OPEN, type CycleTimeGroupData } from "../analytics/metrics/index.js";
import { getCycleTableSync, onCycleTableRefresh, saveCycleSnapshotInBackground } from "../db/cycles/index.js";
import { MetricsService } from "../schema/metrics/metrics.service.js";

const args = process.argv.slice(2);
const sizeArg = args.includes("--size") ? Number(args[args.indexOf("--size") + 1]) : 100_000;
const fresh = args.includes("--fresh");
const RUNS = 15;
const PS = [50, 85, 95];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median wall-clock and CPU (this process, all threads) milliseconds of RUNS warm runs. */
async function timeWarm<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  let result = await fn(); // warm-up: caches built, code paths compiled
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), result };
}

const path = join(tmpdir(), `ighub-bench-${sizeArg}-seed1.db`);
if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
const reuse = existsSync(path);
const db = openDb(path);
if (!reuse || getDatasetKind(db.sql) === "empty") {
  const t0 = performance.now();
  loadReferenceData(db);
  let last = 0;
  const r = generateSynthetic(db, {
    size: sizeArg === 100_000 ? "large" : sizeArg,
    seed: 1,
    onProgress: (done, total) => {
      if (done - last >= 10_000 || done === total) {
        last = done;
        process.stderr.write(`\rgenerating: ${done}/${total}`);
      }
    },
  });
  process.stderr.write("\n");
  console.log(`generated ${r.initiatives} initiatives, ${r.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${path}`);
} else {
  console.log(`reusing ${path} (pass --fresh to regenerate)`);
}
const cycles = db.sql.prepare("SELECT COUNT(*) FROM stage_cycles").pluck().get() as number;
const events = db.sql.prepare("SELECT COUNT(*) FROM stage_events").pluck().get() as number;
console.log(`stage_cycles rows: ${cycles}, stage_events rows: ${events}`);

// Cold build of the columnar cache (what the first query after a write pays).
const coldCpu0 = process.cpuUsage();
const cold0 = performance.now();
const table = getCycleTableSync(db.sql, { force: true });
const coldMs = performance.now() - cold0;
const coldCpu = process.cpuUsage(coldCpu0);
const coldCpuMs = (coldCpu.user + coldCpu.system) / 1000;

const service = new MetricsService(db);
const asOf = new Date();
const query = () => service.cycleTimes({ groupBy: ["STAGE", "TOOL"], unit: "WORKING_DAYS", percentiles: PS, asOf });
const hub = await timeWarm(query);

// Grouped by the multi-valued BOROUGH dimension: a stage counts in every participating borough's group.
const boroughQuery = () => service.cycleTimes({ groupBy: ["STAGE", "BOROUGH"], unit: "WORKING_DAYS", percentiles: PS, asOf });
const hubBorough = await timeWarm(boroughQuery);

// Sign-offs: the first call reads them into the cache (cold), later calls are warm.
const signOffQuery = () => service.signOffTimes({ unit: "WORKING_DAYS", asOf });
const soCpu0 = process.cpuUsage();
const so0 = performance.now();
await signOffQuery();
const signOffColdMs = performance.now() - so0;
const soCpu = process.cpuUsage(soCpu0);
const signOffColdCpuMs = (soCpu.user + soCpu.system) / 1000;
const signOff = await timeWarm(signOffQuery);

// The same two cold steps as a process that starts over this database after `hub serve` has run
// once (it saved the table and its sign-offs as the stored snapshot): a second connection's first
// read loads the snapshot (plus the change log since), and its first signOffTimes finds the
// sign-offs there. The save is timed too (what serve's warm-up pays once per data version).
const cpuMsSince = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const save0 = performance.now();
const saveCpu0 = process.cpuUsage();
// As serve's warm-up saves it: encoded on this thread, written by a worker thread.
// (minChanges 1: saved even when the stored one is only a write or two behind, so that it is timed.)
const saved = await saveCycleSnapshotInBackground(db, getCycleTableSync(db.sql), { minChanges: 1 });
const snapSave = { ms: performance.now() - save0, cpuMs: cpuMsSince(saveCpu0), saved };
const snapRows = await (async () => {
  const db2 = openDb(path);
  try {
    let kind = "";
    const stop = onCycleTableRefresh((r) => {
      if (r.conn === db2.sql) kind = r.snapshotIgnored ? `build: ${r.snapshotIgnored}` : r.kind;
    });
    const l0 = performance.now();
    const lCpu0 = process.cpuUsage();
    getCycleTableSync(db2.sql);
    const load = { ms: performance.now() - l0, cpuMs: cpuMsSince(lCpu0) };
    stop();
    const s0 = performance.now();
    const sCpu0 = process.cpuUsage();
    await new MetricsService(db2).signOffTimes({ unit: "WORKING_DAYS", asOf });
    const first = { ms: performance.now() - s0, cpuMs: cpuMsSince(sCpu0) };
    return { kind, load, first };
  } finally {
    db2.close();
  }
})();
// The dashboard's flow panel: monthly points over the data's years, the 20 oldest open items.
const flowQuery = () => service.flow({ from: "2019-01-01", to: asOf.toISOString().slice(0, 10), interval: "MONTH" });
const flowRun = await timeWarm(flowQuery);

// The same rows for DuckDB: stage, tool, outcome at asOf, working-day duration of approved stages.
const duck = await DuckDBInstance.create(":memory:");
const conn = await duck.connect();
await conn.run("CREATE TABLE cycles (init INTEGER, stage VARCHAR, tool VARCHAR, outcome UTINYINT, dur INTEGER)");
const appender = await conn.createAppender("cycles");
const asOfMs = asOf.getTime();
let loaded = 0;
for (let r = 0; r < table.n; r++) {
  if (table.submittedAt[r]! > asOfMs) continue;
  let o = table.outcome[r]!;
  if (o === OUTCOME_APPROVED && !(table.approvedAt[r]! <= asOfMs)) o = OUTCOME_OPEN;
  else if (o > OUTCOME_APPROVED && !(table.endedAt[r]! <= asOfMs)) o = OUTCOME_OPEN;
  appender.appendInteger(table.init[r]!);
  appender.appendVarchar(table.stages[table.stage[r]!]!);
  appender.appendVarchar(table.tools[table.initTool[table.init[r]!]!]!);
  appender.appendUTinyInt(o);
  if (o === OUTCOME_APPROVED) appender.appendInteger(table.apprCum[r]! - table.subCum[r]!);
  else appender.appendNull();
  appender.endRow();
  loaded++;
}
appender.flushSync();
appender.closeSync();
// Participants as the database holds them (one row per initiative and borough), keyed like the cycles.
await conn.run("CREATE TABLE participants (init INTEGER, borough VARCHAR)");
const pAppender = await conn.createAppender("participants");
for (const [id, code] of db.sql.prepare("SELECT initiative_id, authority_code FROM initiative_boroughs").raw().all() as [string, string][]) {
  const i = table.initIndex.get(id);
  if (i === undefined) continue;
  pAppender.appendInteger(i);
  pAppender.appendVarchar(code);
  pAppender.endRow();
}
pAppender.flushSync();
pAppender.closeSync();
// Each signer's sign-offs by asOf on the stages counted above, in working days from submission.
const sig = table.signoffs!;
await conn.run("CREATE TABLE signoffs (organisation VARCHAR, stage VARCHAR, wd INTEGER)");
const sAppender = await conn.createAppender("signoffs");
for (let r = 0; r < table.n; r++) {
  if (!(table.submittedAt[r]! <= asOfMs)) continue;
  for (let k = sig.first[r]!; k < sig.first[r]! + sig.count[r]!; k++) {
    if (sig.at[k]! > asOfMs) continue;
    sAppender.appendVarchar(sig.signers.list[sig.signer[k]!]!); // every signer: boroughs and partners
    sAppender.appendVarchar(table.stages[table.stage[r]!]!);
    sAppender.appendInteger(sig.wd[k]!);
    sAppender.endRow();
  }
}
sAppender.flushSync();
sAppender.closeSync();
const SQL = `SELECT stage, tool, count(*) AS n,
  count(*) FILTER (WHERE outcome = 1) AS approved, count(*) FILTER (WHERE outcome = 0) AS open,
  count(*) FILTER (WHERE outcome = 2) AS rejected, count(*) FILTER (WHERE outcome = 3) AS withdrawn,
  avg(dur) AS mean, quantile_cont(dur, [0.5, 0.85, 0.95]) AS q
FROM cycles GROUP BY stage, tool`;
const duckRun = await timeWarm(async () => (await conn.runAndReadAll(SQL)).getRowObjectsJS());
const BOROUGH_SQL = `SELECT c.stage, p.borough, count(*) AS n,
  count(*) FILTER (WHERE outcome = 1) AS approved, count(*) FILTER (WHERE outcome = 0) AS open,
  count(*) FILTER (WHERE outcome = 2) AS rejected, count(*) FILTER (WHERE outcome = 3) AS withdrawn,
  avg(dur) AS mean, quantile_cont(dur, [0.5, 0.85, 0.95]) AS q
FROM cycles c JOIN participants p ON p.init = c.init GROUP BY c.stage, p.borough`;
const duckBorough = await timeWarm(async () => (await conn.runAndReadAll(BOROUGH_SQL)).getRowObjectsJS());
const SIGNOFF_SQL = "SELECT organisation, stage, count(*) AS n, avg(wd) AS mean, quantile_cont(wd, [0.5, 0.85]) AS q FROM signoffs GROUP BY organisation, stage";
const duckSignOff = await timeWarm(async () => (await conn.runAndReadAll(SIGNOFF_SQL)).getRowObjectsJS());

// Same numbers?
let mismatches = 0;
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
function compareGroups(hubGroups: CycleTimeGroupData[], duckRows: Record<string, unknown>[], dim: "tool" | "borough"): void {
const hubByKey = new Map<string, CycleTimeGroupData>(hubGroups.map((g) => [`${g.stage}|${g[dim]}`, g]));
for (const row of duckRows) {
  const g = hubByKey.get(`${row.stage}|${row[dim]}`);
  const q = (row.q as number[] | null) ?? [null, null, null];
  const same =
    g !== undefined &&
    g.count === Number(row.n) &&
    g.approvedCount === Number(row.approved) &&
    g.openCount === Number(row.open) &&
    g.rejectedCount === Number(row.rejected) &&
    g.withdrawnCount === Number(row.withdrawn) &&
    close(g.mean, row.mean as number | null) &&
    g.percentiles.every((p, i) => close(p.value, q[i] ?? null));
  if (!same) {
    mismatches++;
    console.log("MISMATCH", row, g && { ...g, extras: undefined });
  }
}
if (duckRows.length !== hubGroups.length) {
  mismatches++;
  console.log(`MISMATCH: ${hubGroups.length} hub groups, ${duckRows.length} DuckDB groups (STAGE × ${dim.toUpperCase()})`);
}
}
compareGroups(hub.result, duckRun.result, "tool");
compareGroups(hubBorough.result, duckBorough.result, "borough");
// Sign-offs: each (signing organisation, stage) cell's own count, mean, median and p85 (DuckDB has no peers or censoring here).
const hubCells = new Map(signOff.result.filter((c) => c.signedCount > 0).map((c) => [`${c.organisation}|${c.stage}`, c]));
for (const row of duckSignOff.result) {
  const c = hubCells.get(`${row.organisation}|${row.stage}`);
  const q = (row.q as number[] | null) ?? [null, null];
  if (!c || c.signedCount !== Number(row.n) || !close(c.mean, row.mean as number) || !close(c.median, q[0] ?? null) || !close(c.p85, q[1] ?? null)) {
    mismatches++;
    console.log("MISMATCH (sign-offs)", row, c);
  }
}
if (duckSignOff.result.length !== hubCells.size) {
  mismatches++;
  console.log(`MISMATCH: ${hubCells.size} hub sign-off cells, ${duckSignOff.result.length} DuckDB cells`);
}

// Recording one event: CycleMaintainer refreshes one (initiative, stage) and the version moves;
// the next query rebuilds the columnar table from the derived rows.
const sample = db.sql.prepare("SELECT initiative_id, stage FROM stage_cycles LIMIT 1").get() as { initiative_id: string; stage: string };
const maintainer = new CycleMaintainer(db.sql);
const wCpu0 = process.cpuUsage();
const w0 = performance.now();
db.sql.transaction(() => {
  maintainer.refresh(sample.initiative_id, sample.stage);
  bumpDataVersion(db.sql);
})();
const writeMs = performance.now() - w0;
const wCpu = process.cpuUsage(wCpu0);
const writeCpuMs = (wCpu.user + wCpu.system) / 1000;
const aCpu0 = process.cpuUsage();
const a0 = performance.now();
await query();
const afterWriteMs = performance.now() - a0;
const aCpu = process.cpuUsage(aCpu0);
const afterWriteCpuMs = (aCpu.user + aCpu.system) / 1000;
const sCpu0 = process.cpuUsage();
const s1 = performance.now();
await signOffQuery();
const signOffAfterWriteMs = performance.now() - s1;
const sCpu = process.cpuUsage(sCpu0);
const signOffAfterWriteCpuMs = (sCpu.user + sCpu.system) / 1000;

const fmt = (ms: number) => ms.toFixed(2).padStart(10);
/** Bytes of the typed-array columns a table holds (its rows, initiatives and sign-offs; buffers counted once). */
function columnBytes(t: typeof table): number {
  const buffers = new Set<ArrayBufferLike>();
  for (const v of [...Object.values(t), ...Object.values(t.signoffs ?? {})]) if (ArrayBuffer.isView(v)) buffers.add(v.buffer);
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  return bytes;
}
const table2 = getCycleTableSync(db.sql);
console.log("");
console.log(`rows: ${table.n} stage cycles (${loaded} submitted by asOf), ${hub.result.length} groups (STAGE × TOOL), warm median of ${RUNS} runs; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
console.log("| measurement                                              |  wall ms   |  CPU ms    |");
console.log("|----------------------------------------------------------|------------|------------|");
console.log(`| hub cycleTimes(groupBy: [STAGE, TOOL]) warm              | ${fmt(hub.ms)} | ${fmt(hub.cpuMs)} |`);
console.log(`| DuckDB count + avg + quantile_cont GROUP BY stage, tool  | ${fmt(duckRun.ms)} | ${fmt(duckRun.cpuMs)} |`);
console.log(`| hub columnar cache build (cold, full read)               | ${fmt(coldMs)} | ${fmt(coldCpuMs)} |`);
console.log(`| record one event: refresh one cycle + bump version       | ${fmt(writeMs)} | ${fmt(writeCpuMs)} |`);
console.log(`| first cycleTimes after that write (cache: ${table2.madeBy.padEnd(5)})        | ${fmt(afterWriteMs)} | ${fmt(afterWriteCpuMs)} |`);
console.log(`| hub cycleTimes(groupBy: [STAGE, BOROUGH]) warm           | ${fmt(hubBorough.ms)} | ${fmt(hubBorough.cpuMs)} |`);
console.log(`| DuckDB the same, cycles JOIN participants GROUP BY       | ${fmt(duckBorough.ms)} | ${fmt(duckBorough.cpuMs)} |`);
console.log(`| hub signOffTimes warm (all boroughs × stages)            | ${fmt(signOff.ms)} | ${fmt(signOff.cpuMs)} |`);
console.log(`| hub signOffTimes first use (sign-offs read, cold)        | ${fmt(signOffColdMs)} | ${fmt(signOffColdCpuMs)} |`);
console.log(`| DuckDB count + avg + quantile_cont of sign-offs, warm    | ${fmt(duckSignOff.ms)} | ${fmt(duckSignOff.cpuMs)} |`);
console.log(`| ${`snapshot save (${snapSave.saved.saved ? `${(snapSave.saved.bytes / 2 ** 20).toFixed(1)} MB` : snapSave.saved.reason}), all threads`.padEnd(56)} | ${fmt(snapSave.ms)} | ${fmt(snapSave.cpuMs)} |`);
console.log(`| of which on the main thread (encode + checksum)          | ${fmt(snapSave.saved.encodeMs)} |            |`);
console.log(`| ${`new connection: cycle table first read (${snapRows.kind})`.padEnd(56)} | ${fmt(snapRows.load.ms)} | ${fmt(snapRows.load.cpuMs)} |`);
console.log(`| new connection: signOffTimes first use after that read  | ${fmt(snapRows.first.ms)} | ${fmt(snapRows.first.cpuMs)} |`);
console.log(`| cold total without / with the stored snapshot            | ${fmt(coldMs + signOffColdMs)} | ${fmt(coldCpuMs + signOffColdCpuMs)} |`);
console.log(`|                                                          | ${fmt(snapRows.load.ms + snapRows.first.ms)} | ${fmt(snapRows.load.cpuMs + snapRows.first.cpuMs)} |`);
console.log(`| ${`first signOffTimes after that write (sign-offs ${table2.signoffs ? "kept" : "re-read"})`.padEnd(56)} | ${fmt(signOffAfterWriteMs)} | ${fmt(signOffAfterWriteCpuMs)} |`);
console.log(`| hub flow(MONTH, 2019-01-01..today) warm                  | ${fmt(flowRun.ms)} | ${fmt(flowRun.cpuMs)} |`);
console.log(`hub/duckdb CPU ratio: ${(hub.cpuMs / duckRun.cpuMs).toFixed(2)}`);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log(`ratios hub/DuckDB (wall, CPU): STAGE × TOOL warm ${ratio(hub.ms, duckRun.ms)}, ${ratio(hub.cpuMs, duckRun.cpuMs)}; first cycleTimes after a write ${ratio(afterWriteMs, duckRun.ms)}, ${ratio(afterWriteCpuMs, duckRun.cpuMs)}; STAGE × BOROUGH warm ${ratio(hubBorough.ms, duckBorough.ms)}, ${ratio(hubBorough.cpuMs, duckBorough.cpuMs)}; signOffTimes cold ${ratio(signOffColdMs, duckSignOff.ms)}, ${ratio(signOffColdCpuMs, duckSignOff.cpuMs)}`);
const mem = process.memoryUsage();
console.log(`process RSS after the run: ${(mem.rss / 2 ** 20).toFixed(0)} MB (heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, typed arrays ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MB); the cycle table's columns: ${(columnBytes(table2) / 2 ** 20).toFixed(1)} MB`);
console.log(`same numbers: ${mismatches === 0 ? "yes" : `NO (${mismatches} mismatches)`}`);
conn.closeSync();
duck.closeSync();
db.close();
console.log(`hub/duckdb ratio: ${(hub.ms / duckRun.ms).toFixed(2)}`);
if (mismatches) process.exitCode = 1;
