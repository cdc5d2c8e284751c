import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/index.js";
import { parse } from "graphql";
import { pino, type Logger } from "pino";

/** A subgraph served over loopback HTTP for a test. */
export interface TestSubgraph {
  name: string;
  url: string;
  port: number;
  sdl: string;
  stop(): Promise<void>;
}

/**
 * Serves a Federation 2 subgraph (@apollo/server + buildSubgraphSchema) on node:http at
 * 127.0.0.1 (port 0 = any free port, or a given port to bring a subgraph back where it was).
 */
export async function serveSubgraph(name: string, sdl: string, resolvers: GraphQLResolverMap<unknown>, port = 0): Promise<TestSubgraph> {
  const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const text = Buffer.concat(chunks).toString("utf8");
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: new URL(req.url ?? "/", "http://x").search, body: text ? JSON.parse(text) : undefined },
      context: async () => ({}),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    res.end(result.body.kind === "complete" ? result.body.string : "");
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", () => ok()));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    name,
    sdl,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await apollo.stop();
    },
  };
}

/** A loopback port that was free a moment ago (for a subgraph that starts later). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", () => ok()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/** POSTs a GraphQL operation and returns the HTTP status and parsed body. */
export async function gql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

/** A temporary folder holding a supergraph.json, removed by `remove()`. */
export function tempSupergraphFile(subgraphs: readonly { name: string; url: string }[]) {
  const dir = mkdtempSync(join(tmpdir(), "ighub-gateway-"));
  const path = join(dir, "supergraph.json");
  const write = (list: readonly { name: string; url: string }[]) =>
    writeFileSync(path, JSON.stringify({ subgraphs: list.map(({ name, url }) => ({ name, url })) }, null, 2));
  write(subgraphs);
  return { dir, path, write, writeRaw: (text: string) => writeFileSync(path, text), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A pino logger that keeps its records in memory, so a test can assert what was logged. */
export function memoryLogger(): { logger: Logger; records: { level: number; msg: string; [k: string]: unknown }[] } {
  const records: { level: number; msg: string }[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records };
}
