/**
 * Benchmark (not a test): the resident memory of `hub serve` on the large synthetic set after the
 * dashboard's queries (every document in dashboard/queries, with the variables the panels send by
 * default: no filter, working days, cohorts isg vs manual, the flow over the last three years).
 * Reads VmRSS and VmHWM (peak) from /proc/PID/status once the cache is warm and again after the
 * queries, and prints them with a bare node process that opens the same file (the floor: node
 * and better-sqlite3 with nothing cached) side by side, and the ratio to the issue's goal (300 MB).
 *
 * Where the memory is, for each process: V8's heap (used / reserved), external memory and the
 * part of it in ArrayBuffers (the hub's from its /metrics on METRICS_PORT, the bare process's from
 * its own answer), the cycle table's typed columns and sign-off columns (from the hub's
 * "metrics cache warmed" log line), and the rest of the RSS (the node binary's pages, malloc:
 * SQLite, V8's own structures, memory freed but kept). `hub serve` started by scripts/hub.mjs runs
 * in a child process with glibc's malloc settings (scripts/serve-malloc.mjs): the figures are the
 * server's, and the launcher's own memory is printed beside them.
 *
 *   npx tsx bench/rss.bench.ts               # the large set made by `npm run bench` (OS temp folder)
 *   npx tsx bench/rss.bench.ts --db FILE     # another SQLite file
 *   npx tsx bench/rss.bench.ts --tree DIR    # the hub of another checkout (e.g. the code before a change), measured the same way
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ensureBuild, ROOT } from "../scripts/build.mjs";
import { freePort, stop } from "./process.kit.js";

const { values: opts } = parseArgs({ options: { db: { type: "string" }, tree: { type: "string" } } });
const DB = opts.db ?? join(tmpdir(), "ighub-bench-100000-seed1.db");
const TREE = opts.tree ? resolve(opts.tree) : ROOT;
const GOAL_MB = 300;
const MB = 1024 * 1024;
if (!existsSync(DB)) {
  console.error(`rss.bench: no database at ${DB}; run \`npm run bench\` first (it generates the large set there) or pass --db FILE`);
  process.exit(2);
}

interface Memory {
  /** VmRSS, VmHWM (the peak) and the proportional set size, MB. */
  rss: number;
  peak: number;
  pss: number;
  /** From inside the process (MB), when it says: V8's heap used and reserved, external memory, ArrayBuffers. */
  heapUsed?: number;
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
}

/** VmRSS and VmHWM (/proc/PID/status) and Pss (/proc/PID/smaps_rollup) of a process, in MB. */
function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
  return { rss: kb(status, "VmRSS") / 1024, peak: kb(status, "VmHWM") / 1024, pss: kb(rollup, "Pss") / 1024 };
}

/** The hub's memory as its /metrics says (prom-client's process metrics and the hub's ArrayBuffers gauge), MB. */
async function scrape(metricsPort: number): Promise<Partial<Memory>> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const value = (name: string) => {
    const m = new RegExp(`^${name} (\\S+)`, "m").exec(text);
    return m ? Number(m[1]) / MB : undefined;
  };
  return { heapUsed: value("nodejs_heap_size_used_bytes"), heapTotal: value("nodejs_heap_size_total_bytes"), external: value("nodejs_external_memory_bytes"), arrayBuffers: value("nodejs_array_buffers_bytes") };
}

/** A process started for the bench, and the JSON log record that said it was ready (the hub's names its pid). */
interface Started {
  child: ChildProcess;
  ready: Record<string, unknown>;
}

/** Starts a process on `port` and waits for a stdout line containing `ready`. */
async function start(command: string[], cwd: string, env: NodeJS.ProcessEnv, ready: string): Promise<Started> {
  const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...process.env, HOST: "127.0.0.1", IGHUB_DB: DB, DATABASE_URL: "", LOG_FORMAT: "json", ...env }, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  const record = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${command.join(" ")} exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.includes(ready)) return;
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        resolve({});
      }
    });
  });
  return { child, ready: record };
}

// The floor: node, better-sqlite3 on the same file, an HTTP server; GET /memory answers process.memoryUsage().
const BARE = `
import Database from "better-sqlite3";
import { createServer } from "node:http";
const db = new Database(process.env.IGHUB_DB, { readonly: true });
db.prepare("SELECT COUNT(*) FROM authorities").get();
createServer((req, res) => res.end(req.url === "/memory" ? JSON.stringify(process.memoryUsage()) : "ok")).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
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

// Built before, so no build runs inside the measured process (the tree's own build script).
if (TREE === ROOT) await ensureBuild();
else await ((await import(pathToFileURL(join(TREE, "scripts/build.mjs")).href)) as { ensureBuild: () => Promise<string> }).ensureBuild();
const load = execFileSync("uptime", { encoding: "utf8" }).trim();

const barePort = await freePort();
const bare = await start([process.execPath, "--input-type=module", "-e", BARE], ROOT, { PORT: String(barePort) }, "listening");
const bareUsage = (await (await fetch(`http://127.0.0.1:${barePort}/memory`)).json()) as Record<string, number>;
const bareMem: Memory = { ...memoryOf(bare.child.pid!), heapUsed: bareUsage.heapUsed! / MB, heapTotal: bareUsage.heapTotal! / MB, external: bareUsage.external! / MB, arrayBuffers: bareUsage.arrayBuffers! / MB };
await stop(bare.child);

const [port, metricsPort] = [await freePort(), await freePort()];
const hub = await start([process.execPath, "scripts/hub.mjs", "serve"], TREE, { PORT: String(port), METRICS_PORT: String(metricsPort) }, "metrics cache warmed");
// The server's pid, from its log line: scripts/hub.mjs may run it as a child of the process started here.
const serverPid = typeof hub.ready.pid === "number" ? hub.ready.pid : hub.child.pid!;
const launcherPid = serverPid === hub.child.pid ? undefined : hub.child.pid!;
const warm: Memory = { ...memoryOf(serverPid), ...(await scrape(metricsPort)) };
const t0 = performance.now();
const queries = await dashboard(port);
const ms = performance.now() - t0;
await dashboard(port); // a second view: what stays resident
const after: Memory = { ...memoryOf(serverPid), ...(await scrape(metricsPort)) };
const launcher = launcherPid === undefined ? undefined : memoryOf(launcherPid);
const malloc = readFileSync(`/proc/${serverPid}/environ`, "utf8").split("\0").filter((v) => v.startsWith("MALLOC_"));
await stop(hub.child);

const columns = typeof hub.ready.columnBytes === "number" ? hub.ready.columnBytes / MB : undefined;
const signoffs = typeof hub.ready.signoffBytes === "number" ? hub.ready.signoffBytes / MB : undefined;
const f = (mb: number | undefined) => (mb === undefined || Number.isNaN(mb) ? "—" : mb.toFixed(0)).padStart(6);
const row = (name: string, m: Memory, cols?: number, sig?: number) => {
  // What is neither V8's heap nor external memory: the node binary's pages, malloc (SQLite, V8's own structures, freed memory kept), stacks.
  const rest = m.heapTotal === undefined || m.external === undefined ? undefined : m.rss - m.heapTotal - m.external;
  console.log(`| ${name.padEnd(50)} | ${f(m.rss)} | ${f(m.peak)} | ${f(m.pss)} | ${f(m.heapUsed)} | ${f(m.heapTotal)} | ${f(m.external)} | ${f(m.arrayBuffers)} | ${f(cols)} | ${f(sig)} | ${f(rest)} |`);
};
console.log(`database ${DB}; hub from ${TREE}; ${load}`);
console.log(`server malloc settings: ${malloc.length ? malloc.join(" ") : "glibc defaults"}${launcher ? `; launcher process (scripts/hub.mjs): RSS ${launcher.rss.toFixed(0)} MB, PSS ${launcher.pss.toFixed(0)} MB` : ""}`);
console.log("MB: heap = V8 heap used / reserved; external includes arrayBuffers, which include the cycle table's columns and sign-off columns; rest = RSS − heap reserved − external");
console.log("| process                                            |    RSS |   peak |    PSS |  heapU |  heapT |    ext |  arrBuf| columns| signoff|   rest |");
console.log("|----------------------------------------------------|--------|--------|--------|--------|--------|--------|--------|--------|--------|--------|");
row("bare node + better-sqlite3 on the same file", bareMem);
row("hub serve, cache warmed (before any query)", warm, columns, signoffs);
row(`hub serve after the dashboard's ${queries} queries, twice`, after, columns, signoffs);
console.log(`first dashboard view: ${ms.toFixed(0)} ms`);
console.log(`hub RSS / goal (${GOAL_MB} MB): ${(after.rss / GOAL_MB).toFixed(2)}; hub / bare: ${(after.rss / bareMem.rss).toFixed(1)}`);
