import type { HubDb } from "../db/connection.js";
import { createBoroughLoaders, type BoroughLoaders } from "./borough/borough.loaders.js";
import { createInitiativeLoaders, type InitiativeLoaders } from "./initiative/initiative.loaders.js";
import { createOrganisationLoaders, type OrganisationLoaders } from "./organisation/organisation.loaders.js";
import { createToolLoaders, type ToolLoaders } from "./tool/tool.loaders.js";

/** Every per-request DataLoader, by domain. */
export interface Loaders {
  borough: BoroughLoaders;
  tool: ToolLoaders;
  organisation: OrganisationLoaders;
  initiative: InitiativeLoaders;
}

/**
 * Makes a fresh set of loaders: call once per request (a loader caches what it loaded, so sharing
 * one across requests would serve stale rows and mix viewers' data).
 */
export function createLoaders(db: HubDb): Loaders {
  return {
    borough: createBoroughLoaders(db),
    tool: createToolLoaders(db),
    organisation: createOrganisationLoaders(db),
    initiative: createInitiativeLoaders(db),
  };
}
