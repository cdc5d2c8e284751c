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

/**
 * How a long computation (an analytics kernel) shares the event loop with other requests; the
 * server supplies it to analytics fields (server/security/heavy-work.ts). Without it a kernel runs
 * to its end at once.
 */
export interface WorkTurns {
  /** Work between two turns of the event loop, in ms. */
  sliceMs: number;
  /** Waits for the computation's next turn; throws when the request must stop (its time limit). */
  turn(): Promise<void>;
}

/** What every resolver receives: built per request by `createContext` (server/context.ts). */
export interface HubContext {
  db: HubDb;
  loaders: Loaders;
  viewer: Viewer;
  config: GraphSettings;
  requestId: string;
  /** Set by the server for analytics fields: see WorkTurns. */
  turns?: WorkTurns;
}
