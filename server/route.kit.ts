import type { IncomingMessage, ServerResponse } from "node:http";
import type { HubDb } from "../db/connection.js";
import type { HubConfig } from "./config.js";
import type { HubSecurity } from "./security/hub-security.js";
import type { Logger } from "./logger.js";

// What a route is and the small helpers routes answer with. Kept apart from routes.ts (the list of
// route factories) so that the feature routes it lists can use them without an import cycle.

/** A route handler: answers the request and returns true, or returns false to let the next one try. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** What a route factory may use. */
export interface RouteDeps {
  db: HubDb;
  config: HubConfig;
  logger: Logger;
  /** The hub's limits, per-key rate limiter and heavy-work slots (exports share them with /graphql). */
  security: HubSecurity;
}

/** Makes the handlers of one feature for one hub. */
export type RouteFactory = (deps: RouteDeps) => RouteHandler[];

/** The path of a request without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  return queryStart < 0 ? url : url.slice(0, queryStart);
}

/** Sends a small JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
