/**
 * Fairness (issue 12, point 2): does a light query still answer promptly while heavy work runs?
 * A real `hub serve` process serves the large synthetic set (100,000 initiatives, about 2 million
 * events: built once with `hub seed --size large` and kept in bench/out); this process sends
 * `{ dataset { kind } }` one after another and times each answer, first alone, then beside
 *   (a) the heaviest analytics query the limits accept (HEAVY below: its cost is printed), sent
 *       again and again by one client;
 *   (b) full exports, `GET /export/events.csv` and `/export/events.xes` at once, again and again;
 *   (c) five parallel `GET /export/events.csv`, again and again.
 * Prints p50/p99/max of the light query in each phase, the p99 ratio against the alone run, what
 * the heavy clients got (status, count, time), and `uptime`'s load average before and after.
 * Goal: p99 ≤ 100 ms beside the heavy work. The rate limit is off in the served hub (the bench
 * measures fairness, not the limiter); every other limit is as served.
 *
 *   npm run bench:fair [-- --seconds 20] [--db FILE] [--root CHECKOUT (serve another checkout's hub, e.g. the code before a change)] [--only abc (which of the phases beside heavy work)]
 */
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdirSync } from "node:fs";
import { Agent, request } from "node:http";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../scripts/build.mjs";

const { values: opts } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    db: { type: "string", default: join(ROOT, "bench/out/fair-large.db") },
    root: { type: "string", default: ROOT },
    only: { type: "string", default: "abc" },
  },
});
const SECONDS = Number(opts.seconds);
const DB = resolve(opts.db!);
const SERVE_ROOT = resolve(opts.root!);

const PERCENTILES = Array.from({ length: 20 }, (_, i) => 5 * i + 2.5);
/**
 * The heaviest analytics query the default limits accept (cost under 50,000, 15 aliases, 2,000
 * tokens): every alias a full pass over the cycle table with 20 percentiles and every per-group
 * estimate (Kaplan–Meier, with/without IG team); STAGE × BOROUGH (a stage counts once for each
 * participating borough) is the costliest grouping per alias, then STAGE × TOOL fills the budget.
 */
const HEAVY_FIELDS = `stage tool borough count approvedCount openCount mean median meanRounds percentiles { p value } kaplanMeierMedian medianWithIg medianWithTeam`;
const P = `percentiles: [${PERCENTILES.join(", ")}]`;
const HEAVY = `{ ${[
  ...Array.from({ length: 3 }, (_, i) => `b${i}: cycleTimes(groupBy: [STAGE, BOROUGH], unit: ${i % 2 ? "WORKING_DAYS" : "CALENDAR_DAYS"}, ${P}) { ${HEAVY_FIELDS} }`),
  ...Array.from({ length: 12 }, (_, i) => `t${i}: cycleTimes(groupBy: [STAGE, TOOL], unit: ${i % 2 ? "WORKING_DAYS" : "CALENDAR_DAYS"}, ${P}) { ${HEAVY_FIELDS} }`),
].join(" ")} }`;
const LIGHT = JSON.stringify({ query: "{ dataset { kind } }" });

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request; resolves with status, bytes and milliseconds once the whole body is read (and discarded). */
async function call(base: string, path: string, body?: string): Promise<{ status: number; bytes: number; ms: number; text: string }> {
  try {
    return await once(base, path, body);
  } catch (err) {
    // A kept-alive socket the server closed while idle (its keep-alive timeout): once more, anew.
    if ((err as NodeJS.ErrnoException).code !== "ECONNRESET") throw err;
    return once(base, path, body);
  }
}

function once(base: string, path: string, body?: string): Promise<{ status: number; bytes: number; ms: number; text: string }> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const req = request(
      new URL(path, base),
      { method: body ? "POST" : "GET", agent, headers: body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {} },
      (res) => {
        let bytes = 0;
        const keep: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= 4096) keep.push(chunk);
        });
        res.on("end", () => done({ status: res.statusCode ?? 0, bytes, ms: performance.now() - t0, text: Buffer.concat(keep).toString("utf8") }));
        res.on("error", fail);
        res.on("aborted", () => fail(Object.assign(new Error("response aborted"), { code: "ABORTED" })));
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

/** Seeds the large set into `path` with the served checkout's CLI, once. */
function ensureDatabase(path: string): void {
  if (existsSync(path)) {
    console.log(`reusing ${path} (delete it to rebuild)`);
    return;
  }
  mkdirSync(resolve(path, ".."), { recursive: true });
  console.log(`seeding the large synthetic set into ${path} (hub seed --size large) ...`);
  execFileSync(process.execPath, [join(ROOT, "scripts/hub.mjs"), "seed", "--size", "large", "--db", path], { stdio: "inherit" });
}

/** Starts `hub serve` from `root` on `db`; resolves with its base URL once it answers /readyz. */
async function serve(root: string, db: string): Promise<{ base: string; stop: () => void }> {
  const port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
  const env = { ...process.env, NODE_ENV: "development", IGHUB_ANONYMOUS_READ: "true", IGHUB_SEED_DEMO: "false", LOG_LEVEL: "warn", IGHUB_LIMIT_COST_PER_MINUTE: "0" };
  const child = spawn(process.execPath, [join(root, "scripts/hub.mjs"), "serve", "--db", db, "--port", String(port), "--host", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const stop = () => child.kill("SIGTERM");
  process.on("exit", stop);
  const started = performance.now();
  for (;;) {
    const base = `http://127.0.0.1:${port}`;
    try {
      if ((await call(base, "/readyz")).status === 200) return { base, stop };
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`hub serve exited (${child.exitCode}):\n${output}`);
    if (performance.now() - started > 300_000) throw new Error(`hub serve did not answer within 300 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Phase {
  name: string;
  light: number[];
  heavy: { status: string; ms: number; bytes: number }[];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

/** Sends the light query one after another (10 ms apart) while `heavy` clients loop, for SECONDS. */
async function phase(base: string, name: string, heavy: (() => Promise<{ status: string; ms: number; bytes: number }>)[]): Promise<Phase> {
  const until = performance.now() + SECONDS * 1000;
  const result: Phase = { name, light: [], heavy: [] };
  const heavyLoops = heavy.map(async (run) => {
    while (performance.now() < until) result.heavy.push(await run());
  });
  // Let the heavy work get going before timing the light query.
  if (heavy.length > 0) await new Promise((r) => setTimeout(r, 300));
  while (performance.now() < until) {
    const r = await call(base, "/graphql", LIGHT);
    if (r.status !== 200 || !r.text.includes('"kind"')) throw new Error(`light query failed in ${name}: ${r.status} ${r.text}`);
    result.light.push(r.ms);
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(heavyLoops);
  const sorted = [...result.light].sort((a, b) => a - b);
  console.log(`  ${name}: ${sorted.length} light answers, p50 ${pct(sorted, 50).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms; ${result.heavy.length} heavy requests done (${uptime()})`);
  return result;
}

ensureDatabase(DB);
console.log(`load before: ${uptime()}`);
console.log(`serving ${DB} with the hub of ${SERVE_ROOT}`);
const hub = await serve(SERVE_ROOT, DB);
const heavyQuery = JSON.stringify({ query: HEAVY });
/** A heavy request's outcome: its status, with the error code when the body starts with an error (e.g. "200 TIME_LIMIT_EXCEEDED"). */
const outcome = (r: { status: number; text: string; ms: number; bytes: number }) => {
  const code = r.text.startsWith('{"errors"') ? /"code":"([A-Z_]+)"/.exec(r.text)?.[1] : undefined;
  return { status: code ? `${r.status} ${code}` : String(r.status), ms: r.ms, bytes: r.bytes };
};
const analytics = async () => outcome(await call(hub.base, "/graphql", heavyQuery));
const exportOf = (path: string) => async () => outcome(await call(hub.base, path));

{
  // Its cost as the served hub computes it (this checkout's estimator).
  await import("reflect-metadata");
  const { parse } = await import("graphql");
  const { buildHubSchema } = await import("../schema/index.js");
  const { operationCost } = await import("../server/security/cost.plugin.js");
  const { DEFAULT_LIMITS } = await import("../server/security/limits.js");
  const schema = await buildHubSchema();
  const c = operationCost({ schema, document: parse(HEAVY), request: { query: HEAVY } } as never, DEFAULT_LIMITS);
  if (c === null || c > DEFAULT_LIMITS.maxCost) throw new Error(`the heavy query costs ${c}, over the limit: fix HEAVY`);
  console.log(`heavy query: 15 aliases of cycleTimes (3 × STAGE×BOROUGH, 12 × STAGE×TOOL, 20 percentiles each), cost ${c} (limit ${DEFAULT_LIMITS.maxCost})`);
}

// Warm up: the cycle table, Apollo's document cache, graphql-jit's compiled query.
for (let i = 0; i < 3; i++) {
  const r = await analytics();
  console.log(`warm-up heavy query: ${r.status}, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms.toFixed(0)} ms`);
}

const phases: Phase[] = [];
phases.push(await phase(hub.base, "alone", []));
if (opts.only!.includes("a")) phases.push(await phase(hub.base, "(a) heaviest analytics query", [analytics]));
if (opts.only!.includes("b")) phases.push(await phase(hub.base, "(b) events.csv + events.xes", [exportOf("/export/events.csv"), exportOf("/export/events.xes")]));
if (opts.only!.includes("c")) phases.push(await phase(hub.base, "(c) 5 parallel events.csv", Array.from({ length: 5 }, () => exportOf("/export/events.csv"))));
hub.stop();

const alone = [...phases[0]!.light].sort((a, b) => a - b);
const aloneP99 = pct(alone, 99);
console.log(`\n{ dataset { kind } } on the large set, ${SECONDS} s per phase, one light request at a time (10 ms apart)`);
console.log(`${"phase".padEnd(32)} ${"n".padStart(5)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"p99/alone".padStart(10)}   heavy work done (status × count, median s, MB each)`);
for (const p of phases) {
  const s = [...p.light].sort((a, b) => a - b);
  const statuses = new Map<string, number>();
  for (const h of p.heavy) statuses.set(h.status, (statuses.get(h.status) ?? 0) + 1);
  const hs = p.heavy.map((h) => h.ms).sort((a, b) => a - b);
  const heavy = p.heavy.length === 0 ? "-" : `${[...statuses].map(([st, n]) => `${st}×${n}`).join(" ")}, ${(pct(hs, 50) / 1000).toFixed(1)} s, ${(p.heavy[0]!.bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `${p.name.padEnd(32)} ${String(s.length).padStart(5)} ${pct(s, 50).toFixed(1).padStart(8)} ${pct(s, 99).toFixed(1).padStart(8)} ${s[s.length - 1]!.toFixed(1).padStart(8)} ${(pct(s, 99) / aloneP99).toFixed(1).padStart(10)}   ${heavy}`,
  );
}
const worst = Math.max(...phases.slice(1).map((p) => pct([...p.light].sort((a, b) => a - b), 99)));
console.log(`worst p99 beside heavy work: ${worst.toFixed(1)} ms (goal ≤ 100 ms): ${worst <= 100 ? "met" : "NOT met"}`);
console.log(`load after: ${uptime()}`);
agent.destroy();
process.exit(0);
