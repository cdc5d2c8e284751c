import type { HubDb } from "../db/connection.js";
import type { Loaders } from "./loaders.js";

/**
 * Who is asking: the role, id and boroughs of the API key the request presented, or the anonymous
 * viewer (no key, where anonymous reading is allowed). server/security/viewer.ts resolves it.
 */
export interface Viewer {
  role: "anonymous" | "viewer" | "editor" | "admin";
  /** Id of the API key used, or null. */
  keyId: string | null;
  /** GSS codes an editor is scoped to. */
  boroughs: string[];
}

/**
 * The hub's settings as the graph sees them, declared here rather than imported from
 * server/config.ts (imports flow server → schema, never back): the server passes its whole
 * configuration, which has these fields.
 */
export interface GraphSettings {
  /** Production hides field suggestions and error details. */
  production: boolean;
  /** Whether requests without an API key may read what a viewer reads. */
  allowAnonymousRead: boolean;
}

/** What every resolver receives: built per request by `createContext` (server/context.ts). */
export interface HubContext {
  db: HubDb;
  loaders: Loaders;
  viewer: Viewer;
  config: GraphSettings;
  requestId: string;
}
