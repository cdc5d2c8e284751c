/**
 * Benchmark (not a test): the resident memory of `hub serve` on the large synthetic set after the
 * dashboard's queries (every document in dashboard/queries, with the variables the panels send by
 * default: no filter, working days, cohorts isg vs manual, the flow over the last three years).
 * Reads VmRSS and VmHWM (peak) from /proc/PID/status once the cache is warm and again after the
 * queries, and prints them with a bare node process that opens the same file (the floor: node
 * and better-sqlite3 with nothing cached) side by side, and the ratio to the goal (300 MB).
 *
 *   npx tsx bench/rss.bench.ts            # the large set made by `npm run bench` (OS temp folder)
 *   npx tsx bench/rss.bench.ts --db FILE  # another SQLite file
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ensureBuild, ROOT } from "../scripts/build.mjs";
import { freePort, stop } from "./process.kit.js";

const { values: opts } = parseArgs({ options: { db: { type: "string" } } });
const DB = opts.db ?? join(tmpdir(), "ighub-bench-100000-seed1.db");
const GOAL_MB = 300;
if (!existsSync(DB)) {
  console.error(`rss.bench: no database at ${DB}; run \`npm run bench\` first (it generates the large set there) or pass --db FILE`);
  process.exit(2);
}

/** VmRSS and VmHWM of a process in MB (/proc/PID/status). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** Starts a process on `port` and waits for `ready` on its stdout (or, without one, for the port to answer). */
async function start(command: string[], port: number, ready: string | null): Promise<ChildProcess> {
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", IGHUB_DB: DB, DATABASE_URL: "", LOG_FORMAT: "json" };
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${command.join(" ")} exited with ${code} before it was ready`)));
    if (ready === null) return resolve();
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes(ready)) resolve();
    });
  });
  return child;
}

const BARE = `
import Database from "better-sqlite3";
import { createServer } from "node:http";
const db = new Database(process.env.IGHUB_DB, { readonly: true });
db.prepare("SELECT COUNT(*) FROM authorities").get();
createServer((req, res) => res.end("ok")).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
`;

const today = new Date().toISOString().slice(0, 10);
const threeYearsAgo = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`;
const cohort = { tools: ["isg"] };
const baseline = { tools: ["manual"] };
const unit = "WORKING_DAYS";

async function post(port: number, name: string, variables: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const query = readFileSync(join(ROOT, "dashboard/queries", `${name}.graphql`), "utf8");
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!res.ok || body.errors) throw new Error(`${name}: ${res.status} ${JSON.stringify(body.errors)}`);
  return body;
}

/** The dashboard's first view: the options, then every panel (compare once per stage). */
async function dashboard(port: number): Promise<number> {
  const options = (await post(port, "dashboard-options", {})).data as { stages: { code: string }[] };
  const stages = options.stages.map((s) => s.code);
  await Promise.all([
    post(port, "dashboard-cycle-times", { filter: null, unit }),
    post(port, "dashboard-sign-off", { filter: null, unit }),
    post(port, "dashboard-flow", { filter: null, from: threeYearsAgo, to: today }),
    post(port, "dashboard-time-saved", { cohort, baseline }),
    ...stages.map((stage) => post(port, "dashboard-compare", { stage, a: cohort, b: baseline, unit })),
  ]);
  return 5 + stages.length;
}

ensureBuild();
const load = execFileSync("uptime", { encoding: "utf8" }).trim();

const barePort = await freePort();
const bare = await start([process.execPath, "--input-type=module", "-e", BARE], barePort, "listening");
const bareMem = memoryOf(bare.pid!);
await stop(bare);

const port = await freePort();
const hub = await start([process.execPath, "scripts/hub.mjs", "serve"], port, "metrics cache warmed");
const warm = memoryOf(hub.pid!);
const t0 = performance.now();
const queries = await dashboard(port);
const ms = performance.now() - t0;
await dashboard(port); // a second view: what stays resident
const after = memoryOf(hub.pid!);
await stop(hub);

const f = (mb: number) => mb.toFixed(0).padStart(8);
console.log(`database ${DB}; ${load}`);
console.log("| process                                              |  RSS MB  | peak MB  |");
console.log("|------------------------------------------------------|----------|----------|");
console.log(`| bare node + better-sqlite3 on the same file          | ${f(bareMem.rss)} | ${f(bareMem.peak)} |`);
console.log(`| hub serve, cache warmed (before any query)           | ${f(warm.rss)} | ${f(warm.peak)} |`);
console.log(`| hub serve after the dashboard's ${String(queries).padStart(2)} queries, twice      | ${f(after.rss)} | ${f(after.peak)} |`);
console.log(`first dashboard view: ${ms.toFixed(0)} ms`);
console.log(`hub RSS / goal (${GOAL_MB} MB): ${(after.rss / GOAL_MB).toFixed(2)}; hub / bare: ${(after.rss / bareMem.rss).toFixed(1)}`);
