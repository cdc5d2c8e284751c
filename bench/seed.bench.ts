/**
 * Times generating and loading the large synthetic data set (100,000 initiatives, about 2 million
 * stage events) into a new database file, as `hub seed --size large` does; the budget is 60 s.
 * Prints figures, not pass/fail: `npx tsx bench/seed.bench.ts [size] [seed]`.
 * CPU time and the load average are printed too, because other processes on a shared machine
 * stretch the wall-clock time.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/connection.js";
import { generateSynthetic, type SyntheticSize } from "../db/synthetic/index.js";

const sizeArg = process.argv[2] ?? "large";
const size: SyntheticSize = sizeArg === "large" || sizeArg === "demo" ? sizeArg : Number(sizeArg);
const seed = Number(process.argv[3] ?? 2019);
const dir = mkdtempSync(join(tmpdir(), "ighub-seed-bench-"));
const path = join(dir, "large.db");

try {
  const load = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const db = openDb(path);
  let generated = 0;
  const result = generateSynthetic(db, { size, seed, onProgress: (done, total) => done === total && (generated = performance.now()) });
  const loaded = performance.now();
  // Closing checkpoints the WAL into the database file: part of "loaded".
  db.close();
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const seconds = (t1 - t0) / 1000;
  console.log(`size ${sizeArg}, seed ${seed}, database ${path}`);
  console.log(`initiatives            ${result.initiatives.toLocaleString("en-GB")}`);
  console.log(`stage events           ${result.events.toLocaleString("en-GB")}`);
  console.log(`generate + insert      ${((generated - t0) / 1000).toFixed(1)} s`);
  console.log(`commit                 ${((loaded - generated) / 1000).toFixed(1)} s`);
  console.log(`close (WAL checkpoint) ${((t1 - loaded) / 1000).toFixed(1)} s`);
  console.log(`total                  ${seconds.toFixed(1)} s  (budget 60 s: ${(seconds / 60).toFixed(2)} of it)`);
  console.log(`events per second      ${Math.round(result.events / seconds).toLocaleString("en-GB")}`);
  console.log(`CPU user + system      ${(cpu.user / 1e6).toFixed(1)} s + ${(cpu.system / 1e6).toFixed(1)} s`);
  console.log(`database file          ${(statSync(path).size / 1e6).toFixed(0)} MB`);
  console.log(`load average at start  ${load.toFixed(2)} (2 cores)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
