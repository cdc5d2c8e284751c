/**
 * Load and durability under load: 50 concurrent clients on loopback mix the dashboard's reads with
 * stage-event writes (the recordStageEvent mutation) for a bounded time, then every write the hub
 * acknowledged is looked up in the database.
 *
 *   npx tsx bench/load.bench.ts [--seconds 60] [--connections 50] [--write-every 5] [--keep]
 *
 * The hub runs in a child process (this file with `--serve`), so the load generator does not share
 * its event loop. It serves a fresh temporary database with the reference data and the synthetic
 * demo data set, in production mode with API keys (a viewer key reads, an admin key writes). The
 * rate limit is raised out of the way (its code path still runs): this measures the hub, not the
 * limiter. Prints req/s, latency percentiles, errors and lost writes; exits 1 on errors or loss.
 */
import "reflect-metadata";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The part of autocannon's result this bench reads (the package ships no types). */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number; p50: number; min: number };
  latency: { p50: number; p90: number; p99: number; max: number };
}
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`load.bench: --${name} needs a positive number (got ${JSON.stringify(argv[i + 1])})`);
    process.exit(2);
  }
  return v;
};

if (argv[0] === "--serve") await serve(argv[1]!);
else await main();

/** Child mode: serve `dbPath` and print the URL on stdout; stop gracefully on SIGTERM. */
async function serve(dbPath: string): Promise<void> {
  const { loadConfig } = await import("../server/config.js");
  const { createHub } = await import("../server/app.js");
  const { createSecurity } = await import("../server/security/hub-security.js");
  const config = loadConfig({ NODE_ENV: "production" }, { port: 0, host: "127.0.0.1", dbPath, logLevel: "warn", seedDemo: false });
  const hub = await createHub({ config, security: createSecurity({ production: true, limits: { costPerMinute: 1e12 } }) });
  process.stdout.write(`${hub.url}\n`);
  process.on("SIGTERM", () => {
    void hub.close().then(() => process.exit(0));
  });
}

interface Target {
  initiativeId: string;
  stage: string;
}

async function main(): Promise<void> {
  const seconds = flag("seconds", 60);
  const connections = flag("connections", 50);
  const writeEvery = flag("write-every", 5);
  const keep = argv.includes("--keep");

  const dir = mkdtempSync(join(tmpdir(), "ighub-load-"));
  const dbPath = join(dir, "load.db");
  const { openDb } = await import("../db/connection.js");
  const { prepareDatabase } = await import("../db/prepare.js");
  const { createApiKey } = await import("../db/keys.js");
  const db = openDb(dbPath);
  prepareDatabase(db, { seedDemo: true });
  const viewer = createApiKey(db, { name: "load reader", role: "viewer" });
  const admin = createApiKey(db, { name: "load writer", role: "admin" });
  // Open stages take further QUERY_RAISED / RESUBMITTED events at any later time.
  const targets = db.sql.prepare("SELECT initiative_id AS initiativeId, stage FROM stage_cycles WHERE outcome = 'OPEN' ORDER BY initiative_id, stage").all() as Target[];
  const counts = db.sql.prepare("SELECT (SELECT count(*) FROM initiatives) AS initiatives, (SELECT count(*) FROM stage_events) AS events").get() as { initiatives: number; events: number };
  db.close();
  if (targets.length === 0) throw new Error("the demo data set has no open stages to write events to");

  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", dbPath], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("http"));
      if (line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`the hub process exited (${code}) before listening`)));
  });

  const reads = readDocuments();
  const writeQuery = await writeDocument(url, admin.secret, targets.length);
  const acked = new Set<string>();
  const failures: string[] = [];
  let sequence = 0;
  let writesSent = 0;

  // Latency per kind of request, measured from setupRequest to onResponse (one request in flight per connection).
  const latencies = new Map<string, number[]>();
  const stamp = (kind: string, context: Record<string, unknown>) => {
    context.kind = kind;
    context.t0 = performance.now();
  };
  const record = (context: Record<string, unknown>) => {
    const list = latencies.get(String(context.kind)) ?? [];
    list.push(performance.now() - Number(context.t0));
    latencies.set(String(context.kind), list);
  };
  const readRequest = (read: { name: string; body: string }) => ({
    method: "POST" as const,
    path: "/graphql",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${viewer.secret}` },
    body: read.body,
    setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
      stamp(read.name, context);
      return req;
    },
    onResponse: (status: number, text: string, context: Record<string, unknown>) => {
      record(context);
      if (status !== 200 || text.includes('"errors"')) failures.push(`read ${status}: ${text.slice(0, 200)}`);
    },
  });
  const writeRequest = {
    method: "POST" as const,
    path: "/graphql",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${admin.secret}` },
    setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
      const n = sequence++;
      const target = targets[n % targets.length]!;
      const ref = `load-${process.pid}-${n}`;
      context.ref = ref;
      stamp("recordStageEvent", context);
      writesSent++;
      return { ...req, body: JSON.stringify({ query: writeQuery!.query, variables: writeQuery!.variables(target, n, ref) }) };
    },
    onResponse: (status: number, text: string, context: Record<string, unknown>) => {
      record(context);
      let ok = false;
      try {
        const json = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
        ok = status === 200 && !json.errors && json.data?.recordStageEvent != null;
      } catch {
        ok = false;
      }
      if (ok) acked.add(String(context.ref));
      else failures.push(`write ${status}: ${text.slice(0, 200)}`);
    },
  };
  const requests = [];
  for (let i = 0; i < writeEvery - 1; i++) requests.push(readRequest(reads[i % reads.length]!));
  if (writeQuery) requests.push(writeRequest);
  else console.log("load: the hub has no recordStageEvent mutation: reads only, no writes to verify");

  console.log(
    `load: ${connections} connections for ${seconds} s against ${url} — ${counts.initiatives} initiatives, ${counts.events} events; ${reads.length} dashboard queries, 1 write in every ${writeEvery} requests`,
  );
  const result = await autocannon({ url: url.replace(/\/graphql$/, ""), connections, duration: seconds, pipelining: 1, timeout: 30, requests });

  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

  const check = new Database(dbPath, { readonly: true });
  const stored = new Set((check.prepare("SELECT source_ref AS ref FROM stage_events WHERE source = 'loadtest'").all() as { ref: string }[]).map((r) => r.ref));
  const integrity = String(check.pragma("integrity_check", { simple: true }));
  check.close();
  const lost = [...acked].filter((r) => !stored.has(r));

  const lat = result.latency;
  const errors = result.errors + result.timeouts + result.non2xx + failures.length;
  console.log(
    [
      `requests: ${result.requests.total} in ${result.duration} s = ${result.requests.average.toFixed(0)} req/s (mean; p50 ${result.requests.p50}, min ${result.requests.min})`,
      `latency ms: p50 ${lat.p50}, p90 ${lat.p90}, p99 ${lat.p99}, max ${lat.max}`,
      `writes: ${writesSent} sent, ${acked.size} acknowledged, ${stored.size} stored, lost ${lost.length}`,
      `errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${failures.length})`,
      `integrity_check after the run: ${integrity}`,
    ].join("\n"),
  );
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
  for (const [kind, xs] of [...latencies].sort()) {
    xs.sort((a, b) => a - b);
    console.log(`  ${kind.padEnd(22)} n ${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(0).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(0).padStart(6)} ms  max ${xs[xs.length - 1]!.toFixed(0).padStart(6)} ms`);
  }
  if (failures.length > 0) console.log(`first failures:\n  ${failures.slice(0, 5).join("\n  ")}`);
  if (lost.length > 0) console.log(`lost writes (first 5): ${lost.slice(0, 5).join(", ")}`);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`database kept at ${dbPath}`);
  process.exit(errors > 0 || lost.length > 0 || integrity !== "ok" ? 1 : 0);
}

/** The dashboard's own documents with the variables its default view sends. */
function readDocuments(): { name: string; body: string }[] {
  const dir = fileURLToPath(new URL("../dashboard/queries/", import.meta.url));
  const read = (name: string, variables: Record<string, unknown>) => ({ name, body: JSON.stringify({ query: readFileSync(join(dir, `${name}.graphql`), "utf8"), variables }) });
  const year = { submittedFrom: "2023-01-01" };
  return [
    read("dashboard-cycle-times", { filter: year, unit: "WORKING_DAYS" }),
    read("dashboard-sign-off", { filter: year, unit: "WORKING_DAYS" }),
    read("dashboard-flow", { filter: {}, from: "2024-01-01", to: "2024-12-31" }),
    read("dashboard-options", {}),
  ];
}

/**
 * The write: recordStageEvent, its input built from the schema's own input type (introspected), so
 * the bench follows the mutation's field names. Alternates QUERY_RAISED and RESUBMITTED on open stages.
 */
async function writeDocument(url: string, key: string, targets: number): Promise<{ query: string; variables: (t: Target, n: number, ref: string) => Record<string, unknown> } | null> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: `{ __schema { mutationType { fields { name args { name type { kind name ofType { kind name } } } } } } }`,
    }),
  });
  const json = (await res.json()) as { data: { __schema: { mutationType: { fields: { name: string; args: { name: string; type: { name: string | null; ofType: { name: string } | null } }[] }[] } | null } } };
  const field = json.data.__schema.mutationType?.fields.find((f) => f.name === "recordStageEvent");
  if (!field) return null;
  const arg = field.args[0]!;
  const typeName = arg.type.name ?? arg.type.ofType?.name;
  const query = `mutation Load($input: ${typeName}!) { recordStageEvent(${arg.name}: $input) { __typename } }`;
  return {
    query,
    variables: (t, n, ref) => ({
      input: {
        initiativeId: t.initiativeId,
        stage: t.stage,
        // Per stage: QUERY_RAISED, RESUBMITTED, QUERY_RAISED, ... (the nth visit of the same target).
        kind: Math.floor(n / targets) % 2 === 0 ? "QUERY_RAISED" : "RESUBMITTED",
        at: new Date().toISOString(),
        source: "loadtest",
        sourceRef: ref,
      },
    }),
  };
}
