import type { HubDb } from "../db/connection.js";
import { Levels } from "./common/levels.js";
import { createBoroughLoaders, type BoroughLoaders } from "./borough/borough.loaders.js";
import { createInitiativeLoaders, type InitiativeLoaders } from "./initiative/initiative.loaders.js";
import { createOrganisationLoaders, type OrganisationLoaders } from "./organisation/organisation.loaders.js";
import type { Stage } from "./initiative/stage.type.js";
import { createToolLoaders, type ToolLoaders } from "./tool/tool.loaders.js";

/** Every per-request DataLoader, by domain. */
export interface Loaders {
  borough: BoroughLoaders;
  tool: ToolLoaders;
  organisation: OrganisationLoaders;
  initiative: InitiativeLoaders;
  /** Level batching for the request's pages (see Levels). */
  levels: Levels;
  /** Process stages read in this request, by process slug: shared by the stage loader and level loads. */
  stagesBySlug: Map<string, Stage[]>;
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
  let levels: Levels | undefined;
  let stagesBySlug: Map<string, Stage[]> | undefined;
  const loaders: Loaders = {
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
      return (initiative ??= createInitiativeLoaders(db, loaders.stagesBySlug));
    },
    get levels() {
      return (levels ??= new Levels());
    },
    get stagesBySlug() {
      return (stagesBySlug ??= new Map());
    },
  };
  return loaders;
}
