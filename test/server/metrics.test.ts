import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/connection.js";
import { getCycleTableSync } from "../../db/cycles/index.js";
import { importFiles } from "../../db/import/import.service.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { loadConfig } from "../../server/config.js";
import { MAX_OPERATION_LABELS, OTHER_LABEL, createHubMetrics } from "../../server/metrics.js";
import { listenForMetrics } from "../../server/metrics.routes.js";
import { createSecurity } from "../../server/security/hub-security.js";
import { OWN_CONNECTION, gql, securityHub } from "./security/fixture.js";

/** Parses the Prometheus text format into `name{a="x",b="y"}` (labels sorted) → value. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = [...(m[2] ?? "").matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort();
    samples.set(labels.length ? `${m[1]}{${labels.join(",")}}` : m[1]!, Number(m[3]));
  }
  return samples;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...OWN_CONNECTION, ...headers } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, "/metrics");

describe("/metrics", () => {
  type Fixture = Awaited<ReturnType<typeof securityHub>>;
  let f: Fixture;
  beforeAll(async () => {
    // The clock stands still, so the rate-limit bucket does not refill between requests.
    f = await securityHub({}, { security: createSecurity({ production: false, now: () => 1_000_000, limits: { costPerMinute: 30, maxCost: 50 } }) });
  });
  afterAll(() => f.close());

  it("counts requests by operation and outcome, errors by code, rate-limit refusals and latency", async () => {
    const before = parse((await scrape(metricsUrl(f.hub.url))).text);
    const admin = f.keys.admin.secret;
    expect((await gql(f.hub.url, "query Ok { boroughs(first: 1) { totalCount } }", { key: admin })).json).toEqual({ data: { boroughs: { totalCount: 33 } } });
    const bad = await gql(f.hub.url, "query Bad($n: Int!) { boroughs(first: $n) { totalCount } }", { key: admin, variables: { n: "ten" } });
    expect(bad.json.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    // Cost 1 + 100 × 1 = 101 > 50.
    const big = await gql(f.hub.url, "query Big { boroughs(first: 100) { totalCount } }", { key: admin });
    expect(big.json.errors?.map((e) => e.extensions?.code)).toEqual(["COST_LIMIT_EXCEEDED"]);
    // Cost 11 each from a budget of 30: the third is refused.
    const spent = [];
    for (let i = 0; i < 3; i++) spent.push(await gql(f.hub.url, "query Spend { boroughs(first: 10) { totalCount } }", { key: f.keys.viewer.secret }));
    expect(spent.map((a) => a.status)).toEqual([200, 200, 429]);

    const res = await scrape(metricsUrl(f.hub.url));
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    const after = parse(res.text);
    const moved = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect({
      ok: moved('ighub_graphql_requests_total{operation="Ok",outcome="ok"}'),
      bad: moved('ighub_graphql_requests_total{operation="Bad",outcome="BAD_USER_INPUT"}'),
      big: moved('ighub_graphql_requests_total{operation="Big",outcome="COST_LIMIT_EXCEEDED"}'),
      spendOk: moved('ighub_graphql_requests_total{operation="Spend",outcome="ok"}'),
      spendRefused: moved('ighub_graphql_requests_total{operation="Spend",outcome="RATE_LIMITED"}'),
      badUserInput: moved('ighub_graphql_errors_total{code="BAD_USER_INPUT"}'),
      costLimit: moved('ighub_graphql_errors_total{code="COST_LIMIT_EXCEEDED"}'),
      rateLimitedErrors: moved('ighub_graphql_errors_total{code="RATE_LIMITED"}'),
      rateLimited: moved("ighub_rate_limited_total"),
      okTimed: moved('ighub_graphql_request_duration_seconds_count{operation="Ok"}'),
      spendTimed: moved('ighub_graphql_request_duration_seconds_count{operation="Spend"}'),
      spendUnder10s: moved('ighub_graphql_request_duration_seconds_bucket{le="+Inf",operation="Spend"}'),
    }).toEqual({ ok: 1, bad: 1, big: 1, spendOk: 2, spendRefused: 1, badUserInput: 1, costLimit: 1, rateLimitedErrors: 1, rateLimited: 1, okTimed: 1, spendTimed: 3, spendUnder10s: 3 });
    // No query text or variables in any label.
    expect(res.text).not.toMatch(/boroughs|"ten"/);
    // Process metrics, from collectDefaultMetrics.
    expect(after.has("process_cpu_user_seconds_total")).toBe(true);
    expect(after.has("nodejs_heap_size_used_bytes")).toBe(true);
  });

  it("reports the process's ArrayBuffer memory (nodejs_array_buffers_bytes), which a 32 MB buffer held meanwhile raises by at least 32 MB", async () => {
    const read = async () => parse((await scrape(metricsUrl(f.hub.url))).text).get("nodejs_array_buffers_bytes") ?? NaN;
    const before = await read();
    const held = new Float64Array(4 * 1024 * 1024); // 32 MiB
    held[0] = 1;
    const during = await read();
    expect(before).toBeGreaterThan(0);
    expect(during - before).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(held[0]).toBe(1);
  });

  it("counts builds and deltas of this hub's metrics cache and the rows imported into its database", async () => {
    const read = async () => parse((await scrape(metricsUrl(f.hub.url))).text);
    const before = await read();
    getCycleTableSync(f.db.sql, { force: true });
    getCycleTableSync(f.db.sql); // current: no refresh
    // Another database's cache is not this hub's.
    const other = openDb(":memory:");
    try {
      loadReferenceData(other);
      getCycleTableSync(other.sql, { force: true });
    } finally {
      other.close();
    }
    const dir = mkdtempSync(join(tmpdir(), "ighub-metrics-"));
    const initiatives = join(dir, "initiatives.csv");
    const events = join(dir, "events.csv");
    writeFileSync(initiatives, "id,title,lead_borough,boroughs,partners,tool,practices,status,created_at\nN1,One,E09000001,E09000001,,isg,,,2024-01-01\nN2,Two,E09000002,E09000002,,isg,,,2024-01-02\n");
    writeFileSync(events, "initiative_id,stage,borough,kind,at,source,source_ref\nN1,DPIA,,SUBMITTED,2024-04-01T09:00:00Z,isg,m1\nN1,DPIA,,APPROVED,2024-04-03T09:00:00Z,isg,m2\nN2,DPIA,,SUBMITTED,2024-04-02T09:00:00Z,isg,m3\n");
    const imported = await importFiles(f.db, { initiatives, events });
    expect({ committed: imported.committed, initiatives: imported.initiativesCreated, events: imported.eventsAdded }).toEqual({ committed: true, initiatives: 2, events: 3 });
    // A dry run writes nothing, so counts nothing.
    await importFiles(f.db, { initiatives, events, dryRun: true });
    getCycleTableSync(f.db.sql); // the data version moved: a delta from the change log

    const after = await read();
    const moved = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect({
      builds: moved('ighub_cycle_cache_refresh_seconds_count{kind="build"}'),
      deltas: moved('ighub_cycle_cache_refresh_seconds_count{kind="delta"}'),
      initiatives: moved('ighub_import_rows_total{kind="initiatives"}'),
      events: moved('ighub_import_rows_total{kind="events"}'),
    }).toEqual({ builds: 1, deltas: 1, initiatives: 2, events: 3 });
    expect(after.get('ighub_cycle_cache_refresh_seconds_sum{kind="build"}')).toBeGreaterThan(0);
  });

  it("caps operation-name labels: odd names and names past the cap count as (other)", async () => {
    const metrics = createHubMetrics(f.db);
    try {
      const send = async (operationName: string | null) => {
        const listener = await metrics.plugin.requestDidStart!({} as never);
        await listener!.willSendResponse!({ operationName, request: {}, response: { body: { kind: "single", singleResult: {} } } } as never);
      };
      for (let i = 0; i < MAX_OPERATION_LABELS + 5; i++) await send(`Op${i}`);
      await send("Op0");
      await send("has space { boroughs }");
      await send("x".repeat(65));
      await send(null);
      const samples = parse((await metrics.scrape()).text);
      const operations = [...samples.keys()].filter((k) => k.startsWith("ighub_graphql_requests_total{")).map((k) => /operation="([^"]*)"/.exec(k)![1]);
      expect(operations).toHaveLength(MAX_OPERATION_LABELS + 2);
      expect(samples.get('ighub_graphql_requests_total{operation="Op0",outcome="ok"}')).toBe(2);
      expect(samples.get(`ighub_graphql_requests_total{operation="${OTHER_LABEL}",outcome="ok"}`)).toBe(5 + 2);
      expect(samples.get('ighub_graphql_requests_total{operation="(anonymous)",outcome="ok"}')).toBe(1);
    } finally {
      metrics.close();
    }
  });

  it("in production, answers only an admin key on the hub's port; METRICS_PORT serves it without one", async () => {
    const p = await securityHub({ production: true, allowAnonymousRead: false });
    let side: Server | undefined;
    try {
      const url = metricsUrl(p.hub.url);
      const anonymous = await scrape(url);
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.text).error.code).toBe("UNAUTHENTICATED");
      const viewer = await scrape(url, { authorization: `Bearer ${p.keys.viewer.secret}` });
      expect({ status: viewer.status, code: JSON.parse(viewer.text).error.code }).toEqual({ status: 403, code: "FORBIDDEN" });
      const admin = await scrape(url, { authorization: `Bearer ${p.keys.admin.secret}` });
      expect(admin.status).toBe(200);
      expect(admin.text).toMatch(/^# HELP ighub_graphql_requests_total /m);

      side = await listenForMetrics(p.hub.metrics, "127.0.0.1", 0);
      const sideUrl = `http://127.0.0.1:${(side.address() as AddressInfo).port}`;
      const open = await scrape(`${sideUrl}/metrics`);
      expect(open.status).toBe(200);
      expect(open.text).toMatch(/^# TYPE ighub_rate_limited_total counter$/m);
      expect((await scrape(`${sideUrl}/graphql`)).status).toBe(404);
    } finally {
      side?.close();
      await p.close();
    }
  });

  it("refuses a METRICS_PORT in use with one line naming the variable", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    const metrics = createHubMetrics(f.db);
    try {
      await expect(listenForMetrics(metrics, "127.0.0.1", port)).rejects.toMatchObject({ userFacing: true, message: `METRICS_PORT: port ${port} on 127.0.0.1 is already in use; set METRICS_PORT to a free port (or unset it).` });
    } finally {
      metrics.close();
      taken.close();
    }
  });
});

describe("METRICS_PORT", () => {
  it("is validated by the config module, naming the variable", () => {
    expect(loadConfig({ METRICS_PORT: "9464" }).metricsPort).toBe(9464);
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: "" }).metricsPort).toBeUndefined();
    const range = 'METRICS_PORT: METRICS_PORT must be a whole number between 1 and 65535 (or unset)';
    expect(() => loadConfig({ METRICS_PORT: "metrics" })).toThrow(`${range} (got "metrics")`);
    expect(() => loadConfig({ METRICS_PORT: "0" })).toThrow(`${range} (got "0")`);
    expect(() => loadConfig({ METRICS_PORT: "65536" })).toThrow(`${range} (got "65536")`);
    expect(() => loadConfig({ METRICS_PORT: "4000" })).toThrow("METRICS_PORT: METRICS_PORT must differ from PORT, which serves GraphQL (got 4000 for both)");
    expect(() => loadConfig({ PORT: "9000", METRICS_PORT: "9000" })).toThrow(/^METRICS_PORT: /);
  });
});
