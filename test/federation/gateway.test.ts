import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createGateway, type FailedEvent, type HubGateway } from "../../server/gateway/index.js";
import { freePort, gql, memoryLogger, serveSubgraph, tempSupergraphFile, type TestSubgraph } from "./subgraph.helpers.js";

// Two small subgraphs: a tool catalogue that owns Tool, and a status service that adds uptime.
const CATALOG_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { tools: [Tool!]! }
  type Tool @key(fields: "slug") { slug: String! name: String! }
`;
const catalogResolvers = {
  Query: { tools: () => [{ slug: "isg", name: "Information Sharing Gateway" }, { slug: "weisf", name: "WEISF" }] },
};
const STATUS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Tool @key(fields: "slug") { slug: String! uptime: Float }
`;
const UPTIME: Record<string, number> = { isg: 99.9, weisf: 97.5 };
const statusResolvers = {
  Tool: { __resolveReference: (ref: { slug: string }) => ({ slug: ref.slug, uptime: UPTIME[ref.slug] ?? null }) },
};
// A third subgraph that disagrees with the catalogue about Tool.name (Int vs String, not shareable).
const CONFLICT_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Tool @key(fields: "slug") { slug: String! name: Int }
`;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function subgraph(name: string, sdl: string, resolvers: object, port = 0): Promise<TestSubgraph> {
  const s = await serveSubgraph(name, sdl, resolvers as never, port);
  cleanups.push(() => s.stop().catch(() => {}));
  return s;
}

async function gateway(path: string, logger = memoryLogger().logger): Promise<HubGateway> {
  const gw = await createGateway({ configPath: path, port: 0, host: "127.0.0.1", logger, retryDelayMs: 50, maxRetryDelayMs: 200, debounceMs: 50 });
  cleanups.push(() => gw.close());
  return gw;
}

function file(list: { name: string; url: string }[]) {
  const f = tempSupergraphFile(list);
  cleanups.push(f.remove);
  return f;
}

describe("gateway mode", () => {
  it("answers a query that crosses two subgraphs", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const status = await subgraph("status", STATUS_SDL, statusResolvers);
    const gw = await gateway(file([catalog, status]).path);
    await gw.ready;
    expect(gw.supergraph.status()).toEqual({ ready: true, subgraphs: [{ name: "catalog", url: catalog.url }, { name: "status", url: status.url }], lastErrors: [] });
    const { status: http, body } = await gql(gw.url, "{ tools { slug name uptime } }");
    expect(http).toBe(200);
    expect(body).toEqual({
      data: {
        tools: [
          { slug: "isg", name: "Information Sharing Gateway", uptime: 99.9 },
          { slug: "weisf", name: "WEISF", uptime: 97.5 },
        ],
      },
    });
  });

  it("gives partial data and an error naming the subgraph when one is down, and keeps serving", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const status = await subgraph("status", STATUS_SDL, statusResolvers);
    const { logger, records } = memoryLogger();
    const gw = await gateway(file([catalog, status]).path, logger);
    await gw.ready;
    await status.stop();

    const { status: http, body } = await gql(gw.url, "{ tools { slug name uptime } }");
    expect(http).toBe(200);
    expect(body.data).toEqual({
      tools: [
        { slug: "isg", name: "Information Sharing Gateway", uptime: null },
        { slug: "weisf", name: "WEISF", uptime: null },
      ],
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toEqual({
      message: 'Subgraph "status" is unavailable (ECONNREFUSED); the fields it serves are null in this result. Try again later.',
      extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: "status", serviceName: "status" },
    });
    expect(records.some((r) => r.msg === 'subgraph "status" is unavailable (ECONNREFUSED)' && r.url === status.url)).toBe(true);

    // The subgraph that is up still answers through the gateway, with no error.
    expect((await gql(gw.url, "{ tools { slug } }")).body).toEqual({ data: { tools: [{ slug: "isg" }, { slug: "weisf" }] } });
  });

  it("serves the offline playground to a browser", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const gw = await gateway(file([catalog]).path);
    await gw.ready;
    const page = await fetch(gw.url.replace("/graphql", "/"), { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self'/);
    expect(await page.text()).toContain('"/ruru-static/');
  });

  it("re-composes when a subgraph is added to the file: the new field appears", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const status = await subgraph("status", STATUS_SDL, statusResolvers);
    const f = file([catalog]);
    const gw = await gateway(f.path);
    await gw.ready;
    const before = await gql(gw.url, "{ tools { slug uptime } }");
    expect(before.status).toBe(400);
    expect(before.body.errors![0].message).toBe('Cannot query field "uptime" on type "Tool".');

    const composed = once(gw.supergraph, "composed");
    f.write([catalog, status]);
    const [event] = await composed;
    expect(event.subgraphs.map((s: { name: string }) => s.name)).toEqual(["catalog", "status"]);
    expect(event.initial).toBe(false);
    expect((await gql(gw.url, "{ tools { slug uptime } }")).body).toEqual({ data: { tools: [{ slug: "isg", uptime: 99.9 }, { slug: "weisf", uptime: 97.5 }] } });
  });

  it("keeps the previous supergraph when the edited file is invalid or does not compose", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const conflict = await subgraph("conflict", CONFLICT_SDL, { Tool: { __resolveReference: (r: object) => r } });
    const f = file([catalog]);
    const { logger, records } = memoryLogger();
    const gw = await gateway(f.path, logger);
    await gw.ready;

    let failed = once(gw.supergraph, "failed");
    f.writeRaw('{ "subgraphs": [ { "name": "catalog", "url": ');
    let [event] = (await failed) as [FailedEvent];
    expect(event.reason).toBe("config");
    expect(event.keptPrevious).toBe(true);
    expect(event.errors[0]).toMatch(new RegExp(`^${f.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(.+\\)\\. Expected \\{ "subgraphs"`));

    failed = once(gw.supergraph, "failed");
    f.write([catalog, conflict]);
    [event] = (await failed) as [FailedEvent];
    expect(event.reason).toBe("composition");
    expect(event.keptPrevious).toBe(true);
    expect(event.errors.join("\n")).toContain('Type of field "Tool.name" is incompatible across subgraphs');
    expect(records.some((r) => r.level === 50 && r.msg.startsWith("supergraph not updated, still serving the previous one (composition)"))).toBe(true);

    // Still the first supergraph.
    expect((await gql(gw.url, "{ tools { slug name } }")).body).toEqual({
      data: { tools: [{ slug: "isg", name: "Information Sharing Gateway" }, { slug: "weisf", name: "WEISF" }] },
    });
    expect(gw.supergraph.status().subgraphs.map((s) => s.name)).toEqual(["catalog"]);
  });

  it("waits for a subgraph that is down at start, answering 503 meanwhile, then serves", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const statusPort = await freePort();
    const statusUrl = `http://127.0.0.1:${statusPort}/graphql`;
    const { logger, records } = memoryLogger();
    const gw = await gateway(file([catalog, { name: "status", url: statusUrl }]).path, logger);

    const early = await gql(gw.url, "{ tools { slug } }");
    expect(early.status).toBe(503);
    expect(early.body.errors![0].extensions).toEqual({ code: "SUPERGRAPH_UNAVAILABLE" });
    expect(early.body.errors![0].message).toMatch(/^The gateway has not composed a supergraph yet/);
    const ready = await fetch(gw.url.replace("/graphql", "/readyz"));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "starting", subgraphs: [] });
    expect((await fetch(gw.url.replace("/graphql", "/healthz"))).status).toBe(200);

    // Wait until the gateway has logged a retry naming the missing subgraph, then start it.
    while (!records.some((r) => r.msg.startsWith("supergraph not composed yet (unreachable)"))) await new Promise((r) => setTimeout(r, 20));
    const retryLog = records.find((r) => r.msg.startsWith("supergraph not composed yet (unreachable)"))!;
    expect(retryLog.msg).toContain(`subgraph "status" (${statusUrl}) did not return its schema: ECONNREFUSED`);
    await subgraph("status", STATUS_SDL, statusResolvers, statusPort);

    await gw.ready;
    expect((await gql(gw.url, "{ tools { slug uptime } }")).body).toEqual({ data: { tools: [{ slug: "isg", uptime: 99.9 }, { slug: "weisf", uptime: 97.5 }] } });
    const readyLater = await fetch(gw.url.replace("/graphql", "/readyz"));
    expect(readyLater.status).toBe(200);
    expect(await readyLater.json()).toEqual({ status: "ready", subgraphs: [{ name: "catalog", url: catalog.url }, { name: "status", url: statusUrl }], errors: [] });
  });

  it("runs as `hub gateway --config FILE --port 0` until SIGTERM", async () => {
    const catalog = await subgraph("catalog", CATALOG_SDL, catalogResolvers);
    const f = file([catalog]);
    const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", "gateway", "--config", f.path, "--port", "0"], {
      env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    cleanups.push(() => void child.kill("SIGKILL"));
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on("data", (c: Buffer) => {
        stderr += c.toString("utf8");
        const m = /^gateway: listening on (\S+); composing from /m.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`hub gateway exited with ${code}: ${stderr}`)));
    });
    // Listening comes before the first composition: ask until the supergraph is there.
    let answer = await gql(url, "{ tools { slug } }");
    while (answer.status === 503) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await gql(url, "{ tools { slug } }");
    }
    expect(answer.body).toEqual({ data: { tools: [{ slug: "isg" }, { slug: "weisf" }] } });
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    expect((await exited)[0]).toBe(0);
  }, 120_000);
});
