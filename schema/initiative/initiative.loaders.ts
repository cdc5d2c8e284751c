import DataLoader from "dataloader";
import type { HubDb } from "../../db/connection.js";
import type { InitiativeFilterValues } from "../../db/initiative.filter.js";
import { InitiativeQueries, type CycleRow, type InitiativeScope, type SignoffRow } from "../../db/queries/index.js";
import { KeyedLoaders } from "../common/keyed-loaders.js";
import { groupInKeyOrder, oneInKeyOrder } from "../common/key-order.js";
import type { InitiativeBorough } from "./initiative-borough.type.js";
import type { InitiativePartner } from "./initiative-partner.type.js";
import type { Initiative } from "./initiative.type.js";
import type { Process } from "./process.type.js";
import type { StageEvent } from "./stage-event.type.js";
import type { Stage } from "./stage.type.js";

/** Arguments shared by every parent of one nested initiatives page. */
export interface InitiativePageArgs {
  scope: InitiativeScope;
  filter: InitiativeFilterValues;
  afterId: string | null;
  /** Page size + 1 (the extra row tells whether a next page exists). */
  limit: number;
}

/** Arguments shared by every parent of one nested events page. */
export interface EventPageArgs {
  stage: string | null;
  after: [number, number] | null;
  limit: number;
}

/** Per-request loaders of the initiative domain. */
export interface InitiativeLoaders {
  /** Initiative by id (null when unknown). */
  byId: DataLoader<string, Initiative | null>;
  /** Participating boroughs by initiative id (lead first). */
  boroughs: DataLoader<string, InitiativeBorough[]>;
  /** Partners by initiative id. */
  partners: DataLoader<string, InitiativePartner[]>;
  /** Practice slugs by initiative id. */
  practiceSlugs: DataLoader<string, string[]>;
  /** Derived stage cycles by initiative id. */
  cycles: DataLoader<string, CycleRow[]>;
  /** Derived borough sign-offs by initiative id, earliest first. */
  signoffs: DataLoader<string, SignoffRow[]>;
  /** Process by slug (null when unknown). */
  processBySlug: DataLoader<string, Process | null>;
  /** Stages by process slug, in order. */
  stages: DataLoader<string, Stage[]>;
  /** Every process (memoised for the request). */
  processes(): Promise<Process[]>;
  /** Nested initiative pages by parent key, one loader per argument set. */
  pages: KeyedLoaders<InitiativePageArgs, string, Initiative[]>;
  /** Nested initiative counts by parent key, one loader per scope and filter. */
  counts: KeyedLoaders<{ scope: InitiativeScope; filter: InitiativeFilterValues }, string, number>;
  /** Event pages by initiative id, one loader per argument set. */
  events: KeyedLoaders<EventPageArgs, string, StageEvent[]>;
  /** Event counts by initiative id, one loader per stage filter. */
  eventCounts: KeyedLoaders<{ stage: string | null }, string, number>;
}

/**
 * Makes the initiative loaders for one request: one statement per batch (none for process stages
 * `stagesBySlug` holds already: the request's level loads share it). Rows are the graph's
 * types as they are: the status, role and kind columns hold exactly the enums' values.
 */
export function createInitiativeLoaders(db: HubDb, stagesBySlug: Map<string, Stage[]> = new Map()): InitiativeLoaders {
  const q = new InitiativeQueries(db);
  // The promise is kept, not the rows: every caller in the request shares one read (or its failure).
  let processes: Promise<Process[]> | undefined;
  const allProcesses = () => (processes ??= (async () => q.processes())());
  const countsByKey = (keys: readonly string[], rows: { key: string; n: number }[]) => {
    const m = new Map(rows.map((r) => [r.key, r.n]));
    return keys.map((k) => m.get(k) ?? 0);
  };
  return {
    byId: new DataLoader(async (ids) => oneInKeyOrder(ids, q.byIds(ids) as Initiative[], (r) => r.id)),
    boroughs: new DataLoader(async (ids) => groupInKeyOrder(ids, q.boroughsOf(ids) as InitiativeBorough[], (r) => r.initiativeId)),
    partners: new DataLoader(async (ids) => groupInKeyOrder(ids, q.partnersOf(ids), (r) => r.initiativeId)),
    practiceSlugs: new DataLoader(async (ids) => groupInKeyOrder(ids, q.practicesOf(ids), (r) => r.initiativeId).map((rs) => rs.map((r) => r.practiceSlug))),
    cycles: new DataLoader(async (ids) => groupInKeyOrder(ids, q.cyclesOf(ids), (r) => r.initiativeId)),
    signoffs: new DataLoader(async (ids) => groupInKeyOrder(ids, q.signoffsOf(ids), (r) => r.initiativeId)),
    processBySlug: new DataLoader(async (slugs) => oneInKeyOrder(slugs, await allProcesses(), (r) => r.slug)),
    stages: new DataLoader(async (slugs) => stagesOf(q, slugs, stagesBySlug)),
    processes: allProcesses,
    pages: new KeyedLoaders(
      (a) =>
        new DataLoader(async (keys) =>
          groupInKeyOrder(keys, q.pageWithin(a.scope, keys, a.filter, a.afterId, a.limit) as (Initiative & { scopeKey: string })[], (r) => r.scopeKey),
        ),
    ),
    counts: new KeyedLoaders(
      (a) =>
        new DataLoader(async (keys) =>
          countsByKey(keys, q.countWithin(a.scope, keys, a.filter).map((r) => ({ key: r.scopeKey, n: r.n }))),
        ),
    ),
    events: new KeyedLoaders(
      (a) => new DataLoader(async (ids) => groupInKeyOrder(ids, q.eventsWithin(ids, a.stage, a.after, a.limit) as StageEvent[], (r) => r.initiativeId)),
    ),
    eventCounts: new KeyedLoaders(
      (a) => new DataLoader(async (ids) => countsByKey(ids, q.eventCounts(ids, a.stage).map((r) => ({ key: r.initiativeId, n: r.n })))),
    ),
  };
}

/** Stages by process slug, in `slugs` order: from `known`, else read (one statement) and kept there. */
export function stagesOf(q: InitiativeQueries, slugs: readonly string[], known: Map<string, Stage[]>): Stage[][] {
  const missing = slugs.filter((slug) => !known.has(slug));
  if (missing.length) {
    const read = groupInKeyOrder(missing, q.stagesOf(missing), (r) => r.processSlug);
    missing.forEach((slug, n) => known.set(slug, read[n]!));
  }
  return slugs.map((slug) => known.get(slug)!);
}
