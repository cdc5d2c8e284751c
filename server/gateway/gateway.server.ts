import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { pino, type Logger } from "pino";
import { playgroundRoutes } from "../playground.js";
import { pathOf, sendJson } from "../route.kit.js";
import { FileSupergraphManager, type FileSupergraphManagerOptions } from "./supergraph.manager.js";
import { FORWARDED_HEADERS, SubgraphDataSource, type GatewayContext } from "./subgraph.datasource.js";
import { readSupergraphConfig } from "./supergraph.config.js";

/** What `createGateway` needs. */
export interface GatewayOptions extends Omit<FileSupergraphManagerOptions, "logger"> {
  /** TCP port (0 = any free port, for tests). */
  port: number;
  host: string;
  /** Defaults to a pino logger at `info`. */
  logger?: Logger;
  /** Production hides error details from callers. */
  production?: boolean;
}

/** A running gateway. */
export interface HubGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4100/graphql`. */
  url: string;
  /** The supergraph manager: `status()`, `recompose()`, and `composed` / `failed` events. */
  supergraph: FileSupergraphManager;
  /** Resolves when the first supergraph has been composed and the gateway answers queries. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(Object.assign(new Error("request body is larger than 1 MB"), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => ok(Buffer.concat(chunks).toString("utf8")));
    req.on("error", fail);
  });
}

/**
 * Starts the gateway: an HTTP server at once (so health checks and callers get a clear answer
 * while subgraphs are still starting), and Apollo Gateway over the supergraph composed from the
 * subgraphs listed in `configPath`, re-composed when that file changes. Throws
 * SupergraphConfigError (before listening) when the file is missing or invalid.
 */
export async function createGateway(options: GatewayOptions): Promise<HubGateway> {
  // Fail fast on a bad file: at start a typo is a mistake to fix, not something to wait out.
  readSupergraphConfig(options.configPath);
  const logger = options.logger ?? pino({ name: "gateway" });
  const supergraph = new FileSupergraphManager({ ...options, logger });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    logger,
    buildService: ({ name, url }) => new SubgraphDataSource(name, url!, logger),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: true,
    // Callers never see stack traces (house rule); the log has the details.
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production ?? false,
    // Apollo's landing page loads from a CDN; the playground is served from local files instead.
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });

  let started = false;
  const ready = apollo.start().then(() => {
    started = true;
  });
  // A failed start is reported through `ready`; keep it from becoming an unhandled rejection.
  ready.catch(() => {});

  // The hub's offline playground (Ruru from node_modules, the saved examples): the examples query
  // the hub's fields, which the supergraph serves too.
  const playground = playgroundRoutes();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const route of playground) if (await route(req, res)) return;
    const url = new URL(req.url ?? "/", "http://gateway");
    // As the hub: /healthz = the process is up; /readyz = a supergraph is composed (503 until then).
    if (url.pathname === "/healthz") {
      sendJson(res, 200, { status: "ok" });
      return;
    }
    if (url.pathname === "/readyz") {
      const status = supergraph.status();
      sendJson(res, status.ready ? 200 : 503, { status: status.ready ? "ready" : "starting", subgraphs: status.subgraphs, errors: status.lastErrors });
      return;
    }
    if (pathOf(req) !== "/graphql") {
      sendJson(res, 404, { errors: [{ message: `Not found: ${url.pathname}. The GraphQL endpoint is /graphql, the playground /.`, extensions: { code: "NOT_FOUND" } }] });
      return;
    }
    if (!started) {
      const { lastErrors } = supergraph.status();
      sendJson(res, 503, {
        errors: [
          {
            message: `The gateway has not composed a supergraph yet${lastErrors.length ? `: ${lastErrors.join("; ")}` : ""}. Try again shortly.`,
            extensions: { code: "SUPERGRAPH_UNAVAILABLE" },
          },
        ],
      });
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    const bodyText = req.method === "POST" ? await readBody(req) : "";
    let body: unknown = bodyText;
    if (bodyText && (headers.get("content-type") ?? "").includes("json")) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        sendJson(res, 400, { errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
        return;
      }
    }
    const forwardHeaders: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = headers.get(name);
      if (value) forwardHeaders[name] = value;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context: async () => ({ forwardHeaders }),
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error & { status?: number }) => {
      logger.error({ err }, "gateway request failed");
      if (!res.headersSent) {
        sendJson(res, err.status ?? 500, {
          errors: [{ message: err.status ? err.message : "The gateway failed to handle the request.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
        });
      } else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port, options.host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url }, `gateway listening on ${url}`);

  return {
    url,
    supergraph,
    ready,
    async close() {
      supergraph.stop();
      // stop() also stops the gateway; if start is still waiting, stopping the manager ends it.
      await ready.catch(() => {});
      await apollo.stop().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
