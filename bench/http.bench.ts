import "reflect-metadata";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/connection.js";
import { prepareDatabase } from "../db/prepare.js";
import { createHub } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { createSecurity } from "../server/security/hub-security.js";
import { BoroughQueries, InitiativeQueries } from "../db/queries/index.js";
import { summariseStages } from "../schema/initiative/stage-summary.service.js";
import { groupInKeyOrder } from "../schema/common/key-order.js";

/**
 * The design budget (DESIGN.md, "Performance budget"): a dashboard's nested query served by the hub
 * at no less than half the requests per second of a bare node:http handler that runs the same SQL
 * and serialises the same JSON. Prints both figures and the ratio (loopback, demo data set).
 *
 * Also prints the process's CPU time per request of each side (the load generator, autocannon, runs
 * in this process too, the same for both): on a shared machine req/s follows the neighbours' load,
 * CPU per request much less. With rounds > 1 the two sides alternate `rounds` times and the medians
 * are compared.
 *
 *   npx tsx bench/http.bench.ts [seconds=10] [connections=10] [rounds=1]
 */
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 1);
const loadBefore = loadavg().map((l) => l.toFixed(2)).join(" ");
const BOROUGHS = 10;
const PER_BOROUGH = 5;

const QUERY = `{ boroughs(first: ${BOROUGHS}) { edges { node { code name initiatives(first: ${PER_BOROUGH}) { totalCount edges { node { id title status stageSummaries { stage { code } status submittedAt approvedAt rounds } } } } } } } }`;

const dir = mkdtempSync(join(tmpdir(), "ighub-http-bench-"));
const db = openDb(join(dir, "bench.db"));
prepareDatabase(db, { seedDemo: true, seed: 1 });
const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: join(dir, "bench.db"), logLevel: "silent" as const };
// Every limit as served, except the per-key rate limit's budget: at the default (1,000,000 cost
// units a minute) this query (cost 701) is refused with 429 after ~1,400 requests, and the run
// would time refusals. The bucket is still charged on every request.
const security = createSecurity({ production: config.production, limits: { costPerMinute: Number.MAX_SAFE_INTEGER } });
const hub = await createHub({ config, db, security });

// The same SQL the loaders run (one statement per level), the same JSON, no GraphQL.
const boroughs = new BoroughQueries(db);
const initiatives = new InitiativeQueries(db);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
async function bare(): Promise<string> {
  const bs = await boroughs.page(null, BOROUGHS + 1);
  const page = bs.slice(0, BOROUGHS);
  const codes = page.map((b) => b.code);
  const rows = groupInKeyOrder(codes, await initiatives.pageWithin("borough", codes, {}, null, PER_BOROUGH + 1), (r) => r.scopeKey);
  const counts = new Map((await initiatives.countWithin("borough", codes, {})).map((c) => [c.scopeKey, c.n]));
  const ids = [...new Set(rows.flatMap((rs) => rs.slice(0, PER_BOROUGH).map((r) => r.id)))];
  const [stages, cycles] = await Promise.all([initiatives.stagesOf(["loti-2019"]), initiatives.cyclesOf(ids)]);
  const cyclesOf = groupInKeyOrder(ids, cycles, (c) => c.initiativeId);
  const at = new Map(ids.map((id, i) => [id, i]));
  return JSON.stringify({
    data: {
      boroughs: {
        edges: page.map((b, bi) => ({
          node: {
            code: b.code,
            name: b.name,
            initiatives: {
              totalCount: counts.get(b.code) ?? 0,
              edges: rows[bi]!.slice(0, PER_BOROUGH).map((i) => {
                const k = at.get(i.id)!;
                const summaries = summariseStages(i.id, stages, cyclesOf[k]!);
                return {
                  node: {
                    id: i.id,
                    title: i.title,
                    status: i.status,
                    stageSummaries: summaries.map((s) => ({ stage: { code: s.stage.code }, status: s.status, submittedAt: iso(s.submittedAt), approvedAt: iso(s.approvedAt), rounds: s.rounds })),
                  },
                };
              }),
            },
          },
        })),
      },
    },
  });
}
const bareServer = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    bare().then((body) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
});
await new Promise<void>((r) => bareServer.listen(0, "127.0.0.1", r));
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`;

// Same answer from both, so the comparison is fair.
const viaHub = await (await fetch(hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) })).json();
const viaBare = JSON.parse(await bare());
if (JSON.stringify(viaHub.data) !== JSON.stringify(viaBare.data)) throw new Error("hub and bare handler disagree; fix the bench before reading its figures");

const body = JSON.stringify({ query: QUERY });
interface Run extends AutocannonResult {
  /** This process's CPU time (user + system) per request answered, in ms. */
  cpuMs: number;
}
const run = async (url: string): Promise<Run> => {
  const before = process.cpuUsage();
  const result = await autocannon({ url, method: "POST", headers: { "content-type": "application/json" }, body, connections, duration: seconds });
  const cpu = process.cpuUsage(before);
  const answered = Math.max(1, result.requests.average * seconds);
  return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 / answered };
};
await run(bareUrl); // warm-up both (JIT, prepared statements, Apollo's document cache)
await run(hub.url);
const bares: Run[] = [];
const hubs: Run[] = [];
for (let i = 0; i < rounds; i++) {
  bares.push(await run(bareUrl));
  hubs.push(await run(hub.url));
}
/** The run with the median req/s (the lower middle one for an even count). */
const median = (runs: Run[]) => [...runs].sort((x, y) => x.requests.average - y.requests.average)[(runs.length - 1) >> 1]!;
const medianOf = (xs: number[]) => [...xs].sort((x, y) => x - y)[(xs.length - 1) >> 1]!;
const b = median(bares);
const h = median(hubs);

const line = (name: string, r: Run) =>
  `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${r.cpuMs.toFixed(2)} ms CPU/req   errors ${r.errors + r.non2xx}`;
console.log(`nested query: ${BOROUGHS} boroughs × ${PER_BOROUGH} initiatives × 5 stage summaries, demo data, ${connections} connections, ${seconds} s${rounds > 1 ? `, median of ${rounds} alternating rounds` : ""}`);
console.log(`load average before / after: ${loadBefore} / ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(line("bare node:http, same SQL", b));
console.log(line("hub on node:http", h));
console.log(`ratio hub / bare: ${(h.requests.average / b.requests.average).toFixed(2)} req/s (budget ≥ 0.50, goal ≥ 0.80)`);
console.log(`ratio bare / hub CPU per request: ${(medianOf(bares.map((r) => r.cpuMs)) / medianOf(hubs.map((r) => r.cpuMs))).toFixed(2)}`);
if ([...bares, ...hubs].some((r) => r.errors + r.non2xx > 0)) console.log("some requests failed: the figures above do not measure the same work");

await hub.close();
bareServer.close();
db.close();
rmSync(dir, { recursive: true, force: true });
