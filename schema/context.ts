import type { HubDb } from "../db/connection.js";
import type { HubConfig } from "../server/config.js";
import type { Loaders } from "./loaders.js";

/** Who is asking: anonymous until API keys exist (the security work fills in role and boroughs). */
export interface Viewer {
  role: "anonymous" | "viewer" | "editor" | "admin";
  /** Id of the API key used, or null. */
  keyId: string | null;
  /** GSS codes an editor is scoped to. */
  boroughs: string[];
}

/** What every resolver receives: built per request by `createContext` (server/context.ts). */
export interface HubContext {
  db: HubDb;
  loaders: Loaders;
  viewer: Viewer;
  config: HubConfig;
  requestId: string;
}
