import "reflect-metadata";
import { HeaderMap } from "@apollo/server";
import { parse, type OperationDefinitionNode } from "graphql";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/connection.js";
import { prepareDatabase } from "../db/prepare.js";
import { BoroughQueries, InitiativeQueries } from "../db/queries/index.js";
import { createHub } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { createContext } from "../server/context.js";
import { createExecutor } from "../server/execute.js";
import { applyAccessPolicy } from "../server/security/policy.js";
import { buildHubSchema } from "../schema/index.js";
import { createSecurity } from "../server/security/hub-security.js";
import { ANONYMOUS } from "../server/security/viewer.js";
import { groupInKeyOrder } from "../schema/common/key-order.js";
import { summariseStages } from "../schema/initiative/stage-summary.service.js";

/**
 * bench:http's nested query without sockets or a load generator: the CPU time per request of the
 * bare handler's work (the same SQL and JSON) and of the hub's answer to the POST (hub.answer, body
 * to answer string: the fast path once the query is known, with every limit, or Apollo's pipeline
 * and plugins), one request at a time, alternating in rounds. On a shared machine
 * the minimum over rounds is the least disturbed figure; medians are printed beside it. A third side,
 * the hub's executor alone (a fresh context, the compiled query on the same schema, JSON.stringify:
 * no Apollo pipeline, plugin or limit), splits the hub's extra cost between Apollo's per-request
 * work and execution (resolvers, loaders, graphql-jit).
 *
 *   npx tsx bench/http-cpu.bench.ts [requests per round=200] [rounds=15]
 */
const perRound = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 15);
const BOROUGHS = 10;
const PER_BOROUGH = 5;
const QUERY = `{ boroughs(first: ${BOROUGHS}) { edges { node { code name initiatives(first: ${PER_BOROUGH}) { totalCount edges { node { id title status stageSummaries { stage { code } status submittedAt approvedAt rounds } } } } } } } }`;
const loadBefore = loadavg().map((l) => l.toFixed(2)).join(" ");

const dir = mkdtempSync(join(tmpdir(), "ighub-http-cpu-"));
const db = openDb(join(dir, "bench.db"));
prepareDatabase(db, { seedDemo: true, seed: 1 });
const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: join(dir, "bench.db"), logLevel: "silent" as const };
const security = createSecurity({ production: config.production, limits: { costPerMinute: Number.MAX_SAFE_INTEGER } });
const hub = await createHub({ config, db, security });

const boroughs = new BoroughQueries(db);
const initiatives = new InitiativeQueries(db);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
// bench/http.bench.ts's bare handler.
async function bare(): Promise<string> {
  const page = (await boroughs.page(null, BOROUGHS + 1)).slice(0, BOROUGHS);
  const codes = page.map((b) => b.code);
  const rows = groupInKeyOrder(codes, await initiatives.pageWithin("borough", codes, {}, null, PER_BOROUGH + 1), (r) => r.scopeKey);
  const counts = new Map((await initiatives.countWithin("borough", codes, {})).map((c) => [c.scopeKey, c.n]));
  const ids = [...new Set(rows.flatMap((rs) => rs.slice(0, PER_BOROUGH).map((r) => r.id)))];
  const [stages, cycles] = await Promise.all([initiatives.stagesOf(["loti-2019"]), initiatives.cyclesOf(ids)]);
  const cyclesOf = groupInKeyOrder(ids, cycles, (c) => c.initiativeId);
  const at = new Map(ids.map((id, i) => [id, i]));
  const node = (i: { id: string; title: string; status: string }) => ({
    id: i.id,
    title: i.title,
    status: i.status,
    stageSummaries: summariseStages(i.id, stages, cyclesOf[at.get(i.id)!]!).map((s) => ({ stage: { code: s.stage.code }, status: s.status, submittedAt: iso(s.submittedAt), approvedAt: iso(s.approvedAt), rounds: s.rounds })),
  });
  const edges = page.map((b, bi) => ({ node: { code: b.code, name: b.name, initiatives: { totalCount: counts.get(b.code) ?? 0, edges: rows[bi]!.slice(0, PER_BOROUGH).map((i) => ({ node: node(i) })) } } }));
  return JSON.stringify({ data: { boroughs: { edges } } });
}
// What /graphql answers a POST of the query (serveGraphQL's answer, the fast path's or Apollo's), as bytes.
async function viaHub(): Promise<string> {
  const headers = new HeaderMap([["content-type", "application/json"]]);
  const answer = await hub.answer({ method: "POST", headers, search: "", body: JSON.parse(JSON.stringify({ query: QUERY })) });
  if (answer.body.kind !== "complete") throw new Error("expected a complete answer");
  return answer.body.string;
}

// The hub's executor on a schema prepared as createHub prepares its own, fed what Apollo hands it.
const execute = createExecutor(security.instrument(applyAccessPolicy(await buildHubSchema())));
const document = parse(QUERY);
const operation = document.definitions[0] as OperationDefinitionNode;
async function executorOnly(): Promise<string> {
  const request = JSON.parse(JSON.stringify({ query: QUERY }));
  const context = createContext({ db, config, viewer: ANONYMOUS });
  const result = await execute({ document, operation, request, context } as unknown as Parameters<typeof execute>[0]);
  return JSON.stringify(result) + "\n";
}

const hubData = JSON.parse(await viaHub()).data;
const executorData = JSON.parse(await executorOnly()).data;
if (JSON.stringify(hubData) !== JSON.stringify(JSON.parse(await bare()).data) || JSON.stringify(executorData) !== JSON.stringify(hubData)) throw new Error("hub and bare handler disagree; fix the bench before reading its figures");

const sides = { bare, hub: viaHub, executor: executorOnly };
const cpu: Record<keyof typeof sides, number[]> = { bare: [], hub: [], executor: [] };
for (const f of Object.values(sides)) for (let i = 0; i < perRound; i++) await f(); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of Object.entries(sides) as [keyof typeof sides, () => Promise<string>][]) {
    const before = process.cpuUsage();
    for (let i = 0; i < perRound; i++) await f();
    const used = process.cpuUsage(before);
    cpu[name].push((used.user + used.system) / perRound);
  }
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const min = (xs: number[]) => sorted(xs)[0]!;
const median = (xs: number[]) => sorted(xs)[(xs.length - 1) >> 1]!;
console.log(`nested query (bench:http's) in process, ${rounds} alternating rounds × ${perRound} requests, CPU µs per request`);
console.log(`load average before / after: ${loadBefore} / ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const labels = { bare: "bare handler, same SQL+JSON", hub: "hub (/graphql, no socket) ", executor: "hub's executor alone       " };
for (const name of ["bare", "hub", "executor"] as const) console.log(`${labels[name]}  min ${min(cpu[name]).toFixed(0).padStart(5)}   median ${median(cpu[name]).toFixed(0).padStart(5)}`);
console.log(`ratio bare / hub CPU per request: min ${(min(cpu.bare) / min(cpu.hub)).toFixed(2)}, median ${(median(cpu.bare) / median(cpu.hub)).toFixed(2)}`);
console.log(`ratio bare / executor alone (the most a path around Apollo's pipeline can reach): min ${(min(cpu.bare) / min(cpu.executor)).toFixed(2)}, median ${(median(cpu.bare) / median(cpu.executor)).toFixed(2)}`);
await hub.close();
db.close();
rmSync(dir, { recursive: true, force: true });
