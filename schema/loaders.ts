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
  return new RequestLoaders(db);
}

/**
 * The loaders of one request. A class, not an object literal with getters: a literal's getters are
 * new closures on every call, which gives every request's object a hidden class of its own,
 * allocated in the old generation; those dead classes keep each request's young objects alive
 * through scavenges until the next full collection (most of the hub's garbage-collection time).
 */
class RequestLoaders implements Loaders {
  #borough: BoroughLoaders | undefined;
  #tool: ToolLoaders | undefined;
  #organisation: OrganisationLoaders | undefined;
  #initiative: InitiativeLoaders | undefined;
  #levels: Levels | undefined;
  #stagesBySlug: Map<string, Stage[]> | undefined;
  constructor(private readonly db: HubDb) {}
  get borough(): BoroughLoaders {
    return (this.#borough ??= createBoroughLoaders(this.db));
  }
  get tool(): ToolLoaders {
    return (this.#tool ??= createToolLoaders(this.db));
  }
  get organisation(): OrganisationLoaders {
    return (this.#organisation ??= createOrganisationLoaders(this.db));
  }
  get initiative(): InitiativeLoaders {
    return (this.#initiative ??= createInitiativeLoaders(this.db, this.stagesBySlug));
  }
  get levels(): Levels {
    return (this.#levels ??= new Levels());
  }
  get stagesBySlug(): Map<string, Stage[]> {
    return (this.#stagesBySlug ??= new Map());
  }
}
