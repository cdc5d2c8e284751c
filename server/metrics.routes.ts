import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { HubDb } from "../db/connection.js";
import type { HubConfig } from "./config.js";
import type { HubMetrics } from "./metrics.js";
import { pathOf, sendJson, type RouteHandler } from "./route.kit.js";
import { resolveViewer } from "./security/viewer.js";
import { userError } from "./user-error.js";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

async function answer(metrics: HubMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendJson(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "/metrics answers GET only" } }, { allow: "GET, HEAD" });
    return;
  }
  const { contentType, text } = await metrics.scrape();
  res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : text);
}

/**
 * GET `/metrics` on the hub's port, in Prometheus text format. Open to loopback clients outside
 * production (the embedded default: one machine, one user); otherwise, and always in production,
 * only with an admin API key — or scrape the separate METRICS_PORT listener (listenForMetrics).
 */
export function metricsRoute(metrics: HubMetrics, db: HubDb, config: Pick<HubConfig, "production">): RouteHandler {
  return async (req, res) => {
    if (pathOf(req) !== "/metrics") return false;
    if (config.production || !LOOPBACK.test(req.socket.remoteAddress ?? "")) {
      let role: string;
      try {
        // Anonymous is never enough here, whatever IGHUB_ANONYMOUS_READ says.
        role = (await resolveViewer(db, { allowAnonymousRead: false }, req.headers)).role;
      } catch (err) {
        sendJson(res, 401, { error: { code: "UNAUTHENTICATED", message: (err as Error).message } }, { "www-authenticate": 'Bearer realm="ighub"' });
        return true;
      }
      if (role !== "admin") {
        sendJson(res, 403, { error: { code: "FORBIDDEN", message: "/metrics needs an admin API key (or scrape METRICS_PORT)." } });
        return true;
      }
    }
    await answer(metrics, req, res);
    return true;
  };
}

/**
 * The METRICS_PORT listener: `/metrics` without an API key, on the hub's host, for a scraper that
 * the network (not a key) admits. Resolves once listening; a port in use rejects with one line
 * naming METRICS_PORT.
 */
export async function listenForMetrics(metrics: HubMetrics, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (pathOf(req) !== "/metrics") {
      sendJson(res, 404, { error: { code: "NOT_FOUND", message: "This port serves /metrics only." } });
      return;
    }
    answer(metrics, req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL_SERVER_ERROR", message: "The metrics could not be collected." } });
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw userError(`METRICS_PORT: port ${port} on ${host} is already in use; set METRICS_PORT to a free port (or unset it).`);
    if (code === "EACCES") throw userError(`METRICS_PORT: not allowed to listen on port ${port}; set METRICS_PORT to a port above 1023.`);
    throw err;
  }
  return server;
}
