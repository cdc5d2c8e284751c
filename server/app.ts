import { ApolloServer, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openDb, type HubDb } from "../db/connection.js";
import type { HubContext, Viewer } from "../schema/context.js";
import { buildHubSchema } from "../schema/index.js";
import type { HubConfig } from "./config.js";
import { createContext } from "./context.js";
import { datasetLabelPlugin } from "./dataset.plugin.js";
import { compiledExecution, createExecutor } from "./execute.js";
import { createFastPath } from "./fast-path.js";
import { answerGraphQL, serveGraphQL } from "./http.js";
import { apolloLogger, createLogger, type Logger } from "./logger.js";
import { createHubMetrics, type HubMetrics } from "./metrics.js";
import { metricsRoute } from "./metrics.routes.js";
import { playgroundRoutes } from "./playground.js";
import { pathOf, sendJson, type RouteHandler } from "./route.kit.js";
import { routeFactories } from "./routes.js";
import { createSecurity, type HubSecurity } from "./security/hub-security.js";
import { applyAccessPolicy } from "./security/policy.js";
import { resolveViewer, type HeaderSource } from "./security/viewer.js";
import { userError } from "./user-error.js";

/** How to build a hub. Only `config` is required; tests pass their own db, logger or security. */
export interface HubOptions {
  config: HubConfig;
  /** An open database; when absent the hub opens `config.dbPath` (and closes it on close()). */
  db?: HubDb;
  logger?: Logger;
  /** A prebuilt schema (default: buildHubSchema() behind the access policy). */
  schema?: GraphQLSchema;
  /** Limits and error formatting (default: createSecurity with the defaults). */
  security?: HubSecurity;
  /** Who is asking (default: API keys, else anonymous when the configuration allows). */
  resolveViewer?: (db: HubDb, config: HubConfig, headers: HeaderSource) => Promise<Viewer>;
  /** Answer the common request without Apollo's per-request pipeline (server/fast-path.ts; default true; tests compare both paths). */
  fastPath?: boolean;
  /** Extra HTTP routes, tried before `/graphql` (tests). */
  routes?: RouteHandler[];
}

/** A running hub. */
export interface Hub {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  server: Server;
  apollo: ApolloServer<HubContext>;
  db: HubDb;
  logger: Logger;
  /** Its Prometheus metrics (served at `/metrics`; the serve command may also serve them on METRICS_PORT). */
  metrics: HubMetrics;
  /** The answer `/graphql` gives a request (the fast path's or Apollo's), without a socket (benches, tests). */
  answer(request: HTTPGraphQLRequest): Promise<HTTPGraphQLResponse>;
  /** Stops accepting connections, lets requests in flight finish, stops Apollo, closes the db it opened. */
  close(): Promise<void>;
}

/** How long close() waits for requests in flight before cutting their connections. */
const DRAIN_MS = 10_000;

/**
 * Builds and starts a hub: Apollo Server 5 on plain node:http at `/graphql`, the offline playground
 * at `/`, `/healthz`, `/readyz` and `/metrics`, and the routes of `routeFactories`. Listens on
 * `config.host:config.port` (port 0 = any free port) and resolves once listening. A port in use
 * rejects with a one-line error naming PORT.
 */
export async function createHub(options: HubOptions): Promise<Hub> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  const ownsDb = !options.db;
  const db = options.db ?? openDb(config.dbPath);
  const security = options.security ?? createSecurity({ production: config.production, limits: config.limits, logError: (err) => logger.error({ err }, "unexpected error") });
  const schema = security.instrument(options.schema ?? applyAccessPolicy(await buildHubSchema()));
  const viewerOf = options.resolveViewer ?? resolveViewer;
  const metrics = createHubMetrics(db);
  const context = async (headers: HeaderSource) =>
    createContext({ db, config, viewer: await viewerOf(db, config, headers), requestId: (headers as { get(n: string): string | undefined }).get?.("x-request-id") });
  // The common request (a validated query sent again) skips Apollo's per-request pipeline: server/fast-path.ts.
  const fast = createFastPath({ schema, executor: createExecutor(schema), security, metrics, context });
  const quick = options.fastPath === false ? undefined : fast;

  const apollo = new ApolloServer<HubContext>({
    // The schema, executed by graphql-jit once a query document is hot (server/execute.ts).
    gateway: compiledExecution(schema, fast.executor),
    logger: apolloLogger(logger),
    // Parsed and validated documents are cached by Apollo's default documentStore (an in-memory
    // LRU keyed by the query's hash), so a dashboard's repeated query skips parse and validation.
    ...security.apollo,
    // No CDN landing page (the playground is ours, offline); no cache-control hints, whose
    // per-field hook costs time on every nested list and which the hub does not use.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), datasetLabelPlugin(), ...security.apollo.plugins, metrics.plugin],
    introspection: true,
    // The serve command owns SIGINT/SIGTERM (drain HTTP, then stop Apollo, then close the db);
    // Apollo's own handlers would stop it first and re-raise the signal, killing the process.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const routes: RouteHandler[] = [
    health(db),
    metricsRoute(metrics, db, config),
    ...playgroundRoutes(),
    ...(options.routes ?? []),
    ...routeFactories.flatMap((make) => make({ db, config, logger, security })),
  ];

  let closing = false;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.setHeader("connection", "close");
    for (const route of routes) if (await route(req, res)) return;
    if (pathOf(req) === "/graphql") return serveGraphQL(apollo, req, res, security.limits.maxBodyBytes, context, quick);
    sendJson(res, 404, { errors: [{ message: `No route ${req.method} ${pathOf(req)}: the GraphQL endpoint is /graphql, the playground /.`, extensions: { code: "NOT_FOUND" } }] });
  };
  const server = createServer((req, res) => {
    const started = performance.now();
    // While closing, a keep-alive connection whose last answer just went out would otherwise
    // hold close() until its idle timeout.
    res.once("finish", () => closing && setImmediate(() => server.closeIdleConnections()));
    handle(req, res)
      .catch((err) => {
        logger.error({ err, url: req.url }, "request failed");
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
        else res.end();
      })
      .finally(() => {
        if (logger.isLevelEnabled("debug")) logger.debug({ method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, "request");
      });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    await apollo.stop();
    metrics.close();
    if (ownsDb) db.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw userError(`PORT: port ${config.port} on ${config.host} is already in use; set PORT (or --port) to a free port.`);
    if (code === "EACCES") throw userError(`PORT: not allowed to listen on port ${config.port}; set PORT (or --port) to a port above 1023.`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw userError(`HOST: cannot listen on ${JSON.stringify(config.host)}; set HOST to an address of this machine, e.g. 127.0.0.1.`);
    throw err;
  }

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${port}/graphql`;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      await drained;
      clearTimeout(timer);
      await apollo.stop();
      metrics.close();
      if (ownsDb) db.close();
      logger.info("hub stopped");
    })());

  return { url, server, apollo, db, logger, metrics, answer: (request) => answerGraphQL(apollo, request, context, quick), close };
}

/** `/healthz`: the process is up. `/readyz`: the database answers (503 otherwise). */
function health(db: HubDb): RouteHandler {
  return (req, res) => {
    const path = pathOf(req);
    if (path === "/healthz") {
      sendJson(res, 200, { status: "ok" });
      return true;
    }
    if (path === "/readyz") {
      try {
        db.sql.prepare("SELECT 1").get();
        sendJson(res, 200, { status: "ready" });
      } catch (err) {
        sendJson(res, 503, { status: "unavailable", reason: (err as Error).message });
      }
      return true;
    }
    return false;
  };
}
