import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../../db/connection.js";
import { exportEventsCsv } from "../../../db/export/index.js";
import { EXPORT_PAGE } from "../../../db/export/export.service.js";
import { prepareDatabase } from "../../../db/prepare.js";
import { createHub, type Hub } from "../../../server/app.js";
import { loadConfig } from "../../../server/config.js";
import { HeavyWorkLimiter, nextHeavyTurn } from "../../../server/security/heavy-work.js";
import { createSecurity, type HubSecurity } from "../../../server/security/hub-security.js";
import type { SecurityLimits } from "../../../server/security/limits.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };

/** The demo data set (enough initiatives for several export pages), in memory. */
function demoDb(): HubDb {
  const db = openDb(":memory:");
  prepareDatabase(db, { seedDemo: true, seed: 1 });
  return db;
}

/** Everything an export writes, as one string (the export functions' own output, no HTTP). */
async function exportedText(run: (out: Writable) => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  await run(
    new Writable({
      highWaterMark: 1 << 30,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString("utf8"));
        done();
      },
    }),
  );
  return chunks.join("");
}

/** Resolves once `condition` holds, checking on each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setImmediate(r));
}

describe("HeavyWorkLimiter", () => {
  it("runs at most `concurrency` holders, queues `queue` more in arrival order, refuses one more at once, and a release counts once", async () => {
    const limiter = new HeavyWorkLimiter(2, 2);
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    const take = (name: string) => {
      const slot = limiter.acquire();
      if (!slot) return false;
      void slot.then((release) => {
        started.push(name);
        releases.set(name, release);
      });
      return true;
    };
    expect(["a", "b", "c", "d", "e"].map(take)).toEqual([true, true, true, true, false]);
    await until(() => started.length === 2);
    expect(started).toEqual(["a", "b"]);
    expect(limiter.load).toEqual({ running: 2, waiting: 2 });
    releases.get("b")!();
    releases.get("b")!(); // twice: still one slot given back
    await until(() => started.length === 3);
    expect(limiter.load).toEqual({ running: 2, waiting: 1 });
    releases.get("a")!();
    await until(() => started.length === 4);
    expect(started).toEqual(["a", "b", "c", "d"]);
    expect(limiter.load).toEqual({ running: 2, waiting: 0 });
    releases.get("c")!();
    releases.get("d")!();
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe("nextHeavyTurn", () => {
  it("lets steps that wait together run on successive passes of the event loop, one per pass", async () => {
    // A ticker counts the passes (a setImmediate chain runs once per pass).
    let pass = 0;
    let ticking = true;
    const tick = () => {
      pass++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const passOf = await Promise.all([1, 2, 3, 4].map(() => nextHeavyTurn().then(() => pass)));
    ticking = false;
    for (let i = 1; i < passOf.length; i++) expect(passOf[i]!).toBeGreaterThan(passOf[i - 1]!);
  });
});

describe("an export shares the event loop", () => {
  let db: HubDb;
  beforeAll(() => {
    db = demoDb();
  });
  afterAll(() => db.close());

  it("gives the event loop a turn between its pages even when the consumer never pushes back", async () => {
    const initiatives = db.sql.prepare("SELECT COUNT(*) FROM initiatives").pluck().get() as number;
    expect(initiatives).toBeGreaterThan(2 * EXPORT_PAGE); // several pages
    // A ticker counts the turns of the event loop; each write records how many had passed.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const turnAtWrite: number[] = [];
    await exportEventsCsv(
      db,
      {},
      new Writable({
        highWaterMark: 1 << 30,
        write(_chunk, _enc, done) {
          turnAtWrite.push(turns);
          done();
        },
      }),
    );
    ticking = false;
    // Header + one write per page; the loop turned between every two of them.
    expect(turnAtWrite.length).toBe(1 + Math.ceil(initiatives / EXPORT_PAGE));
    for (let i = 1; i < turnAtWrite.length; i++) expect(turnAtWrite[i]!).toBeGreaterThan(turnAtWrite[i - 1]!);
  });
});

describe("heavy work on a hub", () => {
  let db: HubDb;
  beforeAll(() => {
    db = demoDb();
  });
  afterAll(() => db.close());

  async function hubWith(limits: Partial<SecurityLimits>, now?: () => number): Promise<{ hub: Hub; security: HubSecurity }> {
    const security = createSecurity({ production: false, limits, now });
    return { hub: await createHub({ config, db, security }), security };
  }
  const post = (hub: Hub, query: string) => fetch(hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const get = (hub: Hub, path: string) => fetch(new URL(path, hub.url));

  it("answers a light query while every heavy slot is taken; a queued export waits its turn and then sends the same bytes; one more heavy request gets 503 SERVER_BUSY", async () => {
    const { hub, security } = await hubWith({ heavyConcurrency: 1, heavyQueue: 1 });
    try {
      const hold = await security.heavyWork.acquire()!; // heavy work in progress
      const light = await post(hub, "{ dataset { kind } }");
      expect(light.status).toBe(200);
      expect(await light.json()).toMatchObject({ data: { dataset: { kind: "DEMO" } } });

      let exportDone = false;
      const queued = get(hub, "/export/events.csv").then(async (res) => {
        const text = await res.text();
        exportDone = true;
        return { status: res.status, text };
      });
      await until(() => security.heavyWork.load.waiting === 1);

      const busy = {
        message: "The hub is busy: 1 heavy operations (exports, analytics queries) are running and 1 are waiting, the most it queues. Retry in 2 s.",
        extensions: { code: "SERVER_BUSY", limit: 1, retryAfterSeconds: 2 },
      };
      const refusedExport = await get(hub, "/export/events.xes");
      expect(refusedExport.status).toBe(503);
      expect(refusedExport.headers.get("retry-after")).toBe("2");
      expect(await refusedExport.json()).toEqual({ errors: [busy] });
      const refusedQuery = await post(hub, "{ cycleTimes { stage count } }");
      expect(refusedQuery.status).toBe(503);
      expect(refusedQuery.headers.get("retry-after")).toBe("2");
      expect((await refusedQuery.json()).errors).toEqual([busy]);
      // Light queries are never queued, also while one waits.
      expect((await post(hub, "{ dataset { kind } }")).status).toBe(200);
      expect(exportDone).toBe(false);

      hold();
      const done = await queued;
      expect(done.status).toBe(200);
      expect(done.text).toBe(await exportedText((out) => exportEventsCsv(db, {}, out)));
      expect(security.heavyWork.load).toEqual({ running: 0, waiting: 0 });

      // An analytics query with its per-group estimates answers the same on graphql-js and, run again, compiled.
      const withExtras = "{ cycleTimes(groupBy: [STAGE, BOROUGH], percentiles: [20, 80]) { stage borough count median percentiles { p value } kaplanMeierMedian medianWithIg medianWithTeam approvedWithin(units: 20) } }";
      const first = await (await post(hub, withExtras)).json();
      expect(first.data.cycleTimes.length).toBeGreaterThan(10);
      expect(first.data.cycleTimes.some((g: { kaplanMeierMedian: number | null }) => g.kaplanMeierMedian !== null)).toBe(true);
      for (let i = 0; i < 2; i++) expect(await (await post(hub, withExtras)).json()).toEqual(first);

      // With a slot free, an analytics query runs and gives its slot back.
      const metrics = await post(hub, "{ cycleTimes { stage count } }");
      expect(metrics.status).toBe(200);
      expect((await metrics.json()).data.cycleTimes.length).toBeGreaterThan(0);
      expect(security.heavyWork.load).toEqual({ running: 0, waiting: 0 });
    } finally {
      await hub.close();
    }
  });

  it("gives the slot back when the cost plugin refuses an analytics query it was waiting beside", async () => {
    const { hub, security } = await hubWith({ heavyConcurrency: 1, heavyQueue: 1, maxCost: 5 });
    try {
      const refused = await post(hub, "{ cycleTimes { stage count } }");
      expect((await refused.json()).errors[0].extensions.code).toBe("COST_LIMIT_EXCEEDED");
      await until(() => security.heavyWork.load.running === 0);
      expect(security.heavyWork.load).toEqual({ running: 0, waiting: 0 });
    } finally {
      await hub.close();
    }
  });

  it("counts exports against the per-key rate limit: the export past the budget gets 429 RATE_LIMITED with Retry-After, in GraphQL's error shape", async () => {
    const now = 5_000_000;
    const { hub } = await hubWith({ costPerMinute: 25_000, exportCost: 10_000 }, () => now);
    try {
      for (const path of ["/export/initiatives.csv", "/export/events.xes"]) {
        const ok = await get(hub, path);
        expect(ok.status).toBe(200);
        await ok.arrayBuffer();
      }
      // 2 × 10,000 spent, 5,000 left: 5,000 more refill in 12 s at 25,000 a minute.
      const refused = await get(hub, "/export/events.csv");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("12");
      const body = await refused.json();
      expect(body).toEqual({
        errors: [
          {
            message: "Rate limit of 25000 cost units per minute for anonymous requests reached (this export costs 10000): retry in 12 s.",
            extensions: { code: "RATE_LIMITED", limit: 25_000, retryAfterSeconds: 12, cost: 10_000 },
          },
        ],
      });
      // The same bucket and the same shape as a GraphQL query refused by the rate limit.
      // (cost 1 + 100 × (4 + 1 + 100 × 3) = 30,501: more than the 5,000 left)
      const graph = await post(hub, "{ boroughs(first: 100) { edges { node { code initiatives(first: 100) { edges { node { id } } } } } } }");
      expect(graph.status).toBe(429);
      const graphBody = await graph.json();
      expect(graphBody.errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(Object.keys(graphBody.errors[0]).sort()).toEqual(Object.keys(body.errors[0]).sort());
      expect(Object.keys(graphBody.errors[0].extensions).sort()).toEqual(Object.keys(body.errors[0].extensions).sort());
    } finally {
      await hub.close();
    }
  });
});

describe("analytics fields of one query", () => {
  it("run one after another, each with the request's turns for its kernel", async () => {
    const { GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } = await import("graphql");
    const { applyHeavyYield } = await import("../../../server/security/heavy-work.js");
    const log: string[] = [];
    const slowField = (name: string) => ({
      type: GraphQLString,
      resolve: async (_: unknown, __: unknown, ctx: { turns?: { sliceMs: number; turn: () => Promise<void> } }) => {
        log.push(`start ${name}`);
        // A kernel of three slices, taking the request's turns between them.
        for (let i = 0; i < 3; i++) await ctx.turns!.turn();
        log.push(`end ${name}`);
        return `${name} done`;
      },
    });
    const schema = applyHeavyYield(
      new GraphQLSchema({
        query: new GraphQLObjectType({ name: "Query", fields: { cycleTimes: slowField("cycleTimes"), flow: slowField("flow"), dataset: { type: GraphQLString, resolve: () => "light" } } }),
      }),
    );
    const ctx: { turns?: { sliceMs: number } } = {};
    const result = await graphql({ schema, source: "{ a: cycleTimes b: flow c: cycleTimes d: dataset }", contextValue: ctx });
    expect(result).toEqual({ data: { a: "cycleTimes done", b: "flow done", c: "cycleTimes done", d: "light" } });
    expect(log).toEqual(["start cycleTimes", "end cycleTimes", "start flow", "end flow", "start cycleTimes", "end cycleTimes"]);
    expect(ctx.turns?.sliceMs).toBe(10);
  });
});
