/**
 * Import speed: generates 1,000,000 stage events (and their initiatives) as canonical CSV in a
 * temporary directory, imports them into an empty temporary database, and prints seconds and
 * events per second. Target (issue 3): under 10 s. Also prints the process's CPU time and the load
 * average: on a shared machine wall time includes waiting for a core, CPU time does not. CPU is
 * the whole process's (worker threads included); on Linux the main thread's own CPU time follows,
 * the part that cannot overlap (validation and inserts; the CSV is read in a worker thread).
 *
 *   npx tsx bench/import.bench.ts [events] [--csv-thread]
 *
 * --csv-thread reads the events CSV in a worker thread (csvReading.mode "auto", see
 * db/import/source.reader.ts) instead of on the main thread.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/connection.js";
import { importFiles } from "../db/import/import.service.js";
import { csvReading } from "../db/import/source.reader.js";
import { writeSyntheticCsv } from "../test/io/fixtures.js";

/** CPU milliseconds of the main thread (Linux: /proc), or null elsewhere. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
if (args.includes("--csv-thread")) csvReading.mode = "auto";
const total = Number(args.find((a) => !a.startsWith("--")) ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "ighub-import-bench-"));
try {
  const t0 = performance.now();
  const files = await writeSyntheticCsv(dir, total, 42);
  const t1 = performance.now();
  console.log(`generated ${files.events.toLocaleString("en-GB")} events, ${files.initiatives.toLocaleString("en-GB")} initiatives in ${((t1 - t0) / 1000).toFixed(2)} s`);
  const db = openDb(join(dir, "bench.db"));
  const load = loadavg()[0]!.toFixed(1);
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  const t2 = performance.now();
  const r = await importFiles(db, { initiatives: files.initiativesPath, events: files.eventsPath });
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpuMs();
  const secs = (t3 - t2) / 1000;
  const counts = db.sql.prepare("SELECT (SELECT COUNT(*) FROM stage_events) AS events, (SELECT COUNT(*) FROM stage_cycles) AS cycles").get() as { events: number; cycles: number };
  db.close();
  if (!r.committed) {
    console.error(r.errors.slice(0, 5));
    throw new Error("bench import failed");
  }
  console.log(`imported ${counts.events.toLocaleString("en-GB")} events (${counts.cycles.toLocaleString("en-GB")} stage cycles) in ${secs.toFixed(2)} s = ${Math.round(counts.events / secs).toLocaleString("en-GB")} events/s (target < 10 s: ${secs < 10 ? "met" : "NOT met"}); CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s${main0 !== null && main1 !== null ? ` (main thread ${((main1 - main0) / 1000).toFixed(2)} s)` : ""}; load average ${load} on ${availableParallelism()} cores; CSV read on ${csvReading.mode === "same" ? "the main thread" : "a worker thread"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
