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
 * one across requests would serve stale rows and mix viewers' data). Each domain's loaders are
 * made on the request's first use of that domain: most requests touch one or two.
 */
export function createLoaders(db: HubDb): Loaders {
  let borough: BoroughLoaders | undefined;
  let tool: ToolLoaders | undefined;
  let organisation: OrganisationLoaders | undefined;
  let initiative: InitiativeLoaders | undefined;
  return {
    get borough() {
      return (borough ??= createBoroughLoaders(db));
    },
    get tool() {
      return (tool ??= createToolLoaders(db));
    },
    get organisation() {
      return (organisation ??= createOrganisationLoaders(db));
    },
    get initiative() {
      return (initiative ??= createInitiativeLoaders(db));
    },
  };
}
