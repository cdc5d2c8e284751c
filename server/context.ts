import { randomUUID } from "node:crypto";
import type { HubDb } from "../db/connection.js";
import type { HubContext, Viewer } from "../schema/context.js";
import { createLoaders } from "../schema/loaders.js";
import type { HubConfig } from "./config.js";

export type { HubContext, Viewer } from "../schema/context.js";
export type { Loaders } from "../schema/loaders.js";

/** What one request brings to its context. */
export interface ContextInput {
  db: HubDb;
  config: HubConfig;
  viewer: Viewer;
  /** The client's `X-Request-Id`, if it sent one. */
  requestId?: string;
}

/**
 * Builds the context of one GraphQL request: fresh DataLoaders (never shared between requests,
 * so no viewer sees another's cached rows), the viewer and a request id for the logs.
 */
export function createContext(input: ContextInput): HubContext {
  return {
    db: input.db,
    config: input.config,
    viewer: input.viewer,
    loaders: createLoaders(input.db),
    requestId: input.requestId && /^[\w.:-]{1,128}$/.test(input.requestId) ? input.requestId : randomUUID(),
  };
}
