/**
 * Import on SQLite and on PostgreSQL: generates canonical CSV files of each size given (default the
 * demo size, about 400 initiatives, and 100,000 events), imports each into an empty SQLite file and
 * into an empty PostgreSQL schema, and prints wall and CPU seconds of both. The PostgreSQL database
 * is IGHUB_BENCH_DATABASE_URL (default the dev cluster postgres://hub@127.0.0.1:55432/postgres); the
 * schema is dropped afterwards. On PostgreSQL the CPU time is this process's, and beside it the
 * server's: the CPU of the import's backend process (read from /proc, so only for a server on this
 * machine; the shared CPU of two processes is what a loaded machine's wall time follows). Each size runs IGHUB_BENCH_RUNS times (default 3),
 * SQLite and PostgreSQL alternating, and prints the ratio PostgreSQL / SQLite of each run and
 * their median, with the load average (this machine is shared: single wall times are noise).
 *
 *   npx tsx bench/import-pg.bench.ts [events ...]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type HubDb } from "../db/connection.js";
import { PgConn } from "../db/driver/index.js";
import { importFiles } from "../db/import/import.service.js";
import { writeSyntheticCsv } from "../test/db/import/fixtures.js";

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(11_000, 100_000);
const base = process.env.IGHUB_BENCH_DATABASE_URL || "postgres://hub@127.0.0.1:55432/postgres";

const runs = Math.max(1, Number(process.env.IGHUB_BENCH_RUNS) || 3);

function median(xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
}

/** CPU seconds of a local PostgreSQL backend process so far (utime + stime from /proc), or null when it is not on this machine. */
function backendCpu(db: HubDb): (() => number) | null {
  if (db.dialect !== "postgres") return null;
  const pid = db.sql.prepare("SELECT pg_backend_pid()").pluck().get() as number;
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return null;
  return () => {
    const fields = readFileSync(stat, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, 100 a second on Linux
  };
}

async function timed(db: HubDb, files: { initiativesPath: string; eventsPath: string }): Promise<{ line: string; secs: number; cpu: number }> {
  const load = loadavg()[0]!.toFixed(1);
  const server = backendCpu(db);
  const server0 = server?.() ?? 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importFiles(db, { initiatives: files.initiativesPath, events: files.eventsPath });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverSecs = server ? server() - server0 : 0;
  if (!r.committed) throw new Error(`bench import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  const hubSecs = (cpu.user + cpu.system) / 1e6;
  const line = `${secs.toFixed(2)} s wall (${Math.round(r.eventsAdded / secs).toLocaleString("en-GB")} events/s), ${hubSecs.toFixed(2)} s CPU${server ? ` + ${serverSecs.toFixed(2)} s server CPU` : ""}, load ${load}`;
  return { line, secs, cpu: hubSecs + serverSecs };
}

for (const total of sizes) {
  const dir = mkdtempSync(join(tmpdir(), "ighub-import-pg-bench-"));
  try {
    const files = await writeSyntheticCsv(dir, total, 42);
    console.log(`${files.events.toLocaleString("en-GB")} events, ${files.initiatives.toLocaleString("en-GB")} initiatives (${availableParallelism()} cores)`);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const lite = openDb(join(dir, `bench-${run}.db`));
      let l: { line: string; secs: number; cpu: number };
      try {
        l = await timed(lite, files);
      } finally {
        lite.close();
      }
      const url = new URL(base);
      url.searchParams.set("schema", `bench_import_${process.pid}_${total}_${run}`);
      const pg = openDb(url.toString());
      let p: { line: string; secs: number; cpu: number };
      try {
        p = await timed(pg, files);
      } finally {
        pg.sql.exec(`DROP SCHEMA "${(pg.sql as PgConn).schema}" CASCADE`);
        pg.close();
      }
      ratios.push(p.secs / l.secs);
      cpuRatios.push(p.cpu / l.cpu);
      console.log(`  run ${run}  SQLite:     ${l.line}`);
      console.log(`         PostgreSQL: ${p.line}`);
      console.log(`         PostgreSQL / SQLite wall: ${(p.secs / l.secs).toFixed(2)}, CPU (hub + server): ${(p.cpu / l.cpu).toFixed(2)}`);
    }
    console.log(`  PostgreSQL / SQLite wall time, median of ${runs}: ${median(ratios).toFixed(2)} (runs ${ratios.map((r) => r.toFixed(2)).join(", ")}; load now ${loadavg().map((x) => x.toFixed(1)).join(" ")})`);
    console.log(`  PostgreSQL (hub + server) / SQLite CPU time, median of ${runs}: ${median(cpuRatios).toFixed(2)} (runs ${cpuRatios.map((r) => r.toFixed(2)).join(", ")})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
