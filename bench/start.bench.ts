import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ensureBuild, ROOT } from "../scripts/build.mjs";
import { freePort, stop } from "./process.kit.js";

/**
 * Start-up: milliseconds from launching the hub to its first answer to
 * `{ boroughs(first: 50) { totalCount } }` on a fresh SQLite database (seeded first, outside the
 * timing), next to a bare node:http server process that opens the same database with
 * better-sqlite3 and answers the same count, and the ratio. Also `npm start` itself (npm's own
 * start-up included) and the old way, tsx compiling the TypeScript at run time. Median of N runs
 * each, interleaved, with the CPU time the process tree had used by the first answer (steadier
 * than wall time on a shared machine); the load average before and after.
 *
 *   npm run bench:start [-- --size demo|large] [--runs 5] [--db FILE (already seeded: skips seeding)]
 */
const { values: opts } = parseArgs({
  options: { size: { type: "string", default: "demo" }, runs: { type: "string", default: "5" }, db: { type: "string" } },
});
const RUNS = Number(opts.runs);
const QUERY = JSON.stringify({ query: "{ boroughs(first: 50) { totalCount } }" });

/** Opens the same file and answers the same count: what any server must at least do. */
const BARE_SERVER = `
import Database from "better-sqlite3";
import { createServer } from "node:http";
const db = new Database(process.env.IGHUB_DB, { readonly: true });
const count = db.prepare("SELECT COUNT(*) AS n FROM authorities");
createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const text = JSON.stringify({ data: { boroughs: { totalCount: count.get().n } } });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  });
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

interface Variant {
  name: string;
  command: string[];
  /** Whether it logs the hub's "metrics cache warmed" line. */
  hub: boolean;
}

const VARIANTS: Variant[] = [
  { name: "hub: node scripts/hub.mjs serve (npm start without npm)", command: [process.execPath, "scripts/hub.mjs", "serve"], hub: true },
  { name: "npm start", command: ["npm", "start", "--silent"], hub: true },
  { name: "old: tsx server/cli.ts serve", command: [join(ROOT, "node_modules/.bin/tsx"), "server/cli.ts", "serve"], hub: true },
  { name: "bare node:http + better-sqlite3", command: [process.execPath, "--input-type=module", "-e", BARE_SERVER], hub: false },
];

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));

/**
 * CPU time (user + system, all threads) used so far by a process and its descendants (npm and tsx
 * start children), from /proc: on a shared machine it moves much less with the load than wall time.
 */
function treeCpuMs(root: number): number {
  const stats = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        // Fields after the command name, which may hold spaces: state ppid ... utime(14) stime(15).
        const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return [{ pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }];
      } catch {
        return [];
      }
    });
  let ticks = 0;
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of stats) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  for (const p of stats) if (tree.has(p.pid)) ticks += p.ticks;
  return ticks * TICK_MS;
}

interface Run {
  firstAnswerMs: number;
  cpuMs: number;
  warmMs?: number;
}

async function once(v: Variant, db: string): Promise<Run> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", IGHUB_DB: db, DATABASE_URL: "", LOG_FORMAT: "json" };
  const started = performance.now();
  const child = spawn(v.command[0]!, v.command.slice(1), { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  let warmMs: number | undefined;
  const warmed = new Promise<void>((resolve) => {
    if (!v.hub) return resolve();
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes("metrics cache warmed")) {
        warmMs = performance.now() - started;
        resolve();
      }
    });
    child.once("exit", () => resolve());
  });
  if (!v.hub) child.stdout!.resume();
  let exited = false;
  child.once("exit", () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`${v.name} exited before answering`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: QUERY });
        const body = (await res.json()) as { data?: { boroughs?: { totalCount?: number } } };
        const firstAnswerMs = performance.now() - started;
        const cpuMs = treeCpuMs(child.pid!);
        if (body.data?.boroughs?.totalCount !== 33) throw new Error(`${v.name} answered ${JSON.stringify(body)}`);
        await Promise.race([warmed, new Promise((r) => setTimeout(r, 30_000))]);
        return { firstAnswerMs, cpuMs, warmMs };
      } catch (err) {
        if ((err as Error).message.includes("answered")) throw err;
        if (performance.now() - started > 120_000) throw new Error(`${v.name}: no answer in 120 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    await stop(child);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${Math.round(x).toLocaleString("en-GB")} ms`;

console.log(`uptime before: ${uptime()}`);
// Built before timing: a stale build would otherwise be rebuilt inside the first run.
await ensureBuild();
const dir = mkdtempSync(join(tmpdir(), "ighub-start-bench-"));
let db = opts.db;
if (!db) {
  db = join(dir, "hub.db");
  const seeding = performance.now();
  execFileSync(process.execPath, ["scripts/hub.mjs", "seed", "--size", opts.size!, "--db", db], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  console.log(`seeded ${opts.size} into ${db} in ${ms(performance.now() - seeding)} (not timed)`);
}

const runs = new Map<Variant, Run[]>(VARIANTS.map((v) => [v, []]));
for (let round = 0; round < RUNS; round++) {
  // Rotate the order: no variant always runs right after another's exit.
  for (let i = 0; i < VARIANTS.length; i++) {
    const v = VARIANTS[(round + i) % VARIANTS.length]!;
    runs.get(v)!.push(await once(v, db));
  }
}

const firstAnswer = (v: Variant) => median(runs.get(v)!.map((r) => r.firstAnswerMs));
console.log(`\nfirst answer after launch, ${opts.db ? db : `${opts.size} database`}, median of ${RUNS} (min–max):`);
for (const v of VARIANTS) {
  const rs = runs.get(v)!;
  const all = rs.map((r) => r.firstAnswerMs);
  const warm = rs.map((r) => r.warmMs).filter((x): x is number => x !== undefined);
  console.log(
    `  ${v.name.padEnd(58)} ${ms(firstAnswer(v)).padStart(9)}  (${ms(Math.min(...all))}–${ms(Math.max(...all))})  CPU ${ms(median(rs.map((r) => r.cpuMs)))}` +
      (warm.length ? `  metrics cache warm at ${ms(median(warm))}` : ""),
  );
}
const [hub, npm, tsx, bare] = VARIANTS.map(firstAnswer) as [number, number, number, number];
console.log(`ratio hub / bare: ${(hub / bare).toFixed(1)}; npm start / bare: ${(npm / bare).toFixed(1)}; old (tsx) / hub: ${(tsx / hub).toFixed(1)}`);
console.log(`uptime after: ${uptime()}`);
rmSync(dir, { recursive: true, force: true });
