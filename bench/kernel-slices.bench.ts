/**
 * What slicing costs a kernel (analytics/metrics/slicing.ts): the heavy query's kernels (cycleTimes
 * grouped by STAGE × BOROUGH and STAGE × TOOL, 20 percentiles, every per-group estimate) on the
 * large set's cycle table, run at once (runToEnd, as before) and in slices of 10 ms with a
 * setImmediate turn between them (as the server runs them), alternating, in this one process.
 * Prints each variant's median wall and CPU ms, the ratio, how many turns a kernel took, the
 * longest slice and the longest single step, with `uptime`'s load average.
 *
 * With `--old CHECKOUT`, the kernel of another checkout (e.g. the code before slicing) runs too,
 * over the same table, its per-group estimates read for every group (the same work).
 *
 *   npx tsx bench/kernel-slices.bench.ts [--db FILE (default: the large set under os.tmpdir())] [--rounds 5] [--old CHECKOUT]
 */
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compileFilter, cycleTimeOptions, cycleTimeSteps, runSliced, runToEnd, type Dimension } from "../analytics/metrics/index.js";
import { openDb } from "../db/connection.js";
import { getCycleTableSync } from "../db/cycles/index.js";

const { values: opts } = parseArgs({ options: { db: { type: "string", default: join(tmpdir(), "ighub-bench-100000-seed1.db") }, rounds: { type: "string", default: "5" }, old: { type: "string" } } });
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();
const PERCENTILES = Array.from({ length: 20 }, (_, i) => 5 * i + 2.5);

console.log(`load before: ${uptime()}`);
const db = openDb(opts.db!);
let t0 = performance.now();
const table = getCycleTableSync(db.sql);
console.log(`cycle table: ${table.n} rows in ${(performance.now() - t0).toFixed(0)} ms`);
const f = compileFilter(table, "filter", null);

const cases: { name: string; groupBy: Dimension[]; unit: "WORKING_DAYS" | "CALENDAR_DAYS" }[] = [
  { name: "STAGE×BOROUGH working days", groupBy: ["STAGE", "BOROUGH"], unit: "WORKING_DAYS" },
  { name: "STAGE×BOROUGH calendar days", groupBy: ["STAGE", "BOROUGH"], unit: "CALENDAR_DAYS" },
  { name: "STAGE×TOOL working days", groupBy: ["STAGE", "TOOL"], unit: "WORKING_DAYS" },
];
type Kernel = typeof import("../analytics/metrics/index.js").cycleTimes;
const oldKernel: Kernel | null = opts.old ? ((await import(join(opts.old, "analytics/metrics/index.js"))) as { cycleTimes: Kernel }).cycleTimes : null;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const c of cases) {
  const o = cycleTimeOptions({ groupBy: c.groupBy, unit: c.unit, percentiles: PERCENTILES });
  const at = { wall: [] as number[], cpu: [] as number[] };
  const old = { wall: [] as number[], cpu: [] as number[] };
  const sliced = { wall: [] as number[], cpu: [] as number[], turns: 0, longest: 0 };
  let sameAnswer = true;
  let longestStep = 0;
  for (let round = 0; round < Number(opts.rounds); round++) {
    let c0 = process.cpuUsage();
    if (oldKernel) {
      t0 = performance.now();
      for (const g of oldKernel(table, f, o)) g.extras();
      old.wall.push(performance.now() - t0);
      const cu = process.cpuUsage(c0);
      old.cpu.push((cu.user + cu.system) / 1000);
    }
    c0 = process.cpuUsage();
    t0 = performance.now();
    const a = runToEnd(cycleTimeSteps(table, f, o, true));
    at.wall.push(performance.now() - t0);
    let cu = process.cpuUsage(c0);
    at.cpu.push((cu.user + cu.system) / 1000);

    let turns = 0;
    let sliceStart = performance.now();
    let longest = 0;
    c0 = process.cpuUsage();
    t0 = performance.now();
    const b = await runSliced(() => cycleTimeSteps(table, f, o, true), {
      sliceMs: 10,
      turn: () => {
        turns++;
        longest = Math.max(longest, performance.now() - sliceStart);
        return new Promise<void>((r) =>
          setImmediate(() => {
            sliceStart = performance.now();
            r();
          }),
        );
      },
    });
    longest = Math.max(longest, performance.now() - sliceStart);
    sliced.wall.push(performance.now() - t0);
    cu = process.cpuUsage(c0);
    sliced.cpu.push((cu.user + cu.system) / 1000);
    sliced.turns = turns;
    sliced.longest = Math.max(sliced.longest, longest);
    const json = (gs: typeof a) => JSON.stringify(gs.map(({ extras, ...g }) => ({ ...g, km: extras().km.median(), ig: extras().medianWithIg, team: extras().medianWithTeam })));
    if (json(a) !== json(b)) sameAnswer = false;
    // The longest single step (what no slice can be shorter than), with every step timed.
    const steps = cycleTimeSteps(table, f, o, true);
    for (let s0 = performance.now(), s = steps.next(); ; s0 = performance.now(), s = steps.next()) {
      longestStep = Math.max(longestStep, performance.now() - s0);
      if (s.done) break;
    }
  }
  const ratio = median(sliced.cpu) / median(at.cpu);
  const before = oldKernel ? `old kernel: wall ${median(old.wall).toFixed(0)} ms, CPU ${median(old.cpu).toFixed(0)} ms | ` : "";
  console.log(
    `${c.name.padEnd(30)} ${before}at once: wall ${median(at.wall).toFixed(0)} ms, CPU ${median(at.cpu).toFixed(0)} ms | sliced: wall ${median(sliced.wall).toFixed(0)} ms, CPU ${median(sliced.cpu).toFixed(0)} ms, ${sliced.turns} turns, longest slice ${sliced.longest.toFixed(1)} ms, longest step ${longestStep.toFixed(1)} ms | CPU sliced/at once ${ratio.toFixed(2)}${oldKernel ? `, sliced/old ${(median(sliced.cpu) / median(old.cpu)).toFixed(2)}` : ""} | same answer: ${sameAnswer}`,
  );
}
console.log(`load after: ${uptime()}`);
db.close();
