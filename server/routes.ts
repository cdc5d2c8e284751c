import type { IncomingMessage, ServerResponse } from "node:http";
import type { HubDb } from "../db/connection.js";
import type { HubConfig } from "./config.js";
import type { Logger } from "./logger.js";
import { dashboardRoutes } from "./dashboard.routes.js";
import { exportRoutes } from "./export.routes.js";

/** A route handler: answers the request and returns true, or returns false to let the next one try. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** What a route factory may use. */
export interface RouteDeps {
  db: HubDb;
  config: HubConfig;
  logger: Logger;
}

/** Makes the handlers of one feature for one hub. */
export type RouteFactory = (deps: RouteDeps) => RouteHandler[];

/**
 * HTTP routes beyond GraphQL, the playground and health (CSV exports, the dashboard, ...). Add a
 * feature's routes by adding its factory here (a one-line edit). They are tried in order, after
 * the hub's own routes and before `/graphql`.
 */
export const routeFactories: RouteFactory[] = [dashboardRoutes, exportRoutes];

/** The path of a request without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

/** Sends a small JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
