/**
 * Import on SQLite and on PostgreSQL: generates canonical CSV files of each size given (default the
 * demo size, about 400 initiatives, and 100,000 events), imports each into an empty SQLite file and
 * into an empty PostgreSQL schema, and prints wall and CPU seconds of both. The PostgreSQL database
 * is IGHUB_BENCH_DATABASE_URL (default the dev cluster postgres://hub@127.0.0.1:55432/postgres); the
 * schema is dropped afterwards. On PostgreSQL the CPU time is this process only: the server's work
 * and the worker thread's wait are wall time.
 *
 *   npx tsx bench/import-pg.bench.ts [events ...]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type HubDb } from "../db/connection.js";
import { PgConn } from "../db/driver/index.js";
import { importFiles } from "../db/import/import.service.js";
import { writeSyntheticCsv } from "../test/db/import/fixtures.js";

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(11_000, 100_000);
const base = process.env.IGHUB_BENCH_DATABASE_URL || "postgres://hub@127.0.0.1:55432/postgres";

async function timed(db: HubDb, files: { initiativesPath: string; eventsPath: string }): Promise<string> {
  const load = loadavg()[0]!.toFixed(1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importFiles(db, { initiatives: files.initiativesPath, events: files.eventsPath });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (!r.committed) throw new Error(`bench import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return `${secs.toFixed(2)} s wall (${Math.round(r.eventsAdded / secs).toLocaleString("en-GB")} events/s), ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, load ${load}`;
}

for (const total of sizes) {
  const dir = mkdtempSync(join(tmpdir(), "ighub-import-pg-bench-"));
  try {
    const files = await writeSyntheticCsv(dir, total, 42);
    console.log(`${files.events.toLocaleString("en-GB")} events, ${files.initiatives.toLocaleString("en-GB")} initiatives (${availableParallelism()} cores)`);
    const lite = openDb(join(dir, "bench.db"));
    try {
      console.log(`  SQLite:     ${await timed(lite, files)}`);
    } finally {
      lite.close();
    }
    const url = new URL(base);
    url.searchParams.set("schema", `bench_import_${process.pid}_${total}`);
    const pg = openDb(url.toString());
    try {
      console.log(`  PostgreSQL: ${await timed(pg, files)}`);
    } finally {
      pg.sql.exec(`DROP SCHEMA "${(pg.sql as PgConn).schema}" CASCADE`);
      pg.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
