import { MAX_SEARCH_LENGTH, type InitiativeFilterValues } from "../../db/initiative.filter.js";
import { InitiativeQueries, type InitiativeScope } from "../../db/queries/index.js";
import type { HubContext } from "../context.js";
import type { ConnectionArgs } from "../common/connection.args.js";
import type { ConnectionValue } from "../common/connection.type.js";
import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from "../common/cursor.js";
import { groupInKeyOrder } from "../common/key-order.js";
import type { InitiativeFilter } from "./initiative.input.js";
import type { Initiative } from "./initiative.type.js";
import type { StageEvent } from "./stage-event.type.js";
import { stagesOf as readStages } from "./initiative.loaders.js";
import { summariseStages } from "./stage-summary.service.js";
import type { StageSummary } from "./stage-summary.type.js";

const INITIATIVE_CURSOR = "initiative";
const EVENT_CURSOR = "event";

const isoDate = (d: Date | string, arg: string): string => {
  const text = d instanceof Date ? d.toISOString().slice(0, 10) : d;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw badUserInput(`filter.${arg} must be a date YYYY-MM-DD (got ${JSON.stringify(text)}).`, `filter.${arg}`);
  return text;
};
const nonEmpty = <T>(xs: T[] | null | undefined): T[] | undefined => (xs && xs.length ? [...new Set(xs)] : undefined);

/** Validates a filter argument into the form the queries take (empty lists set no condition). */
export function normaliseFilter(filter: InitiativeFilter | null | undefined): InitiativeFilterValues {
  if (!filter) return {};
  if (filter.search && filter.search.length > MAX_SEARCH_LENGTH)
    throw badUserInput(`filter.search is at most ${MAX_SEARCH_LENGTH} characters (got ${filter.search.length}).`, "filter.search");
  const f: InitiativeFilterValues = {
    boroughs: nonEmpty(filter.boroughs),
    tools: nonEmpty(filter.tools),
    practices: nonEmpty(filter.practices),
    statuses: nonEmpty(filter.statuses),
    stages: nonEmpty(filter.stages),
    createdFrom: filter.createdFrom ? isoDate(filter.createdFrom, "createdFrom") : undefined,
    createdTo: filter.createdTo ? isoDate(filter.createdTo, "createdTo") : undefined,
    search: filter.search?.trim() || undefined,
  };
  for (const k of Object.keys(f) as (keyof InitiativeFilterValues)[]) if (f[k] === undefined) delete f[k];
  return f;
}

const initiativeCursor = (i: Initiative) => encodeCursor(INITIATIVE_CURSOR, [i.id]);

/** The initiative id an initiatives cursor points at (its key is one id string). */
function initiativeAfter(cursor: string | null | undefined): string | null {
  const after = decodeCursor(INITIATIVE_CURSOR, cursor, 1);
  if (after && typeof after[0] !== "string") throw badUserInput(`Argument "after" is not a cursor of this list.`, "after");
  return (after?.[0] as string | undefined) ?? null;
}

/** The root list of initiatives matching a filter, by id (keyset pagination). */
export async function listInitiatives(ctx: HubContext, args: ConnectionArgs, filter: InitiativeFilter | null | undefined): Promise<ConnectionValue<Initiative>> {
  const size = pageSize(args.first);
  const after = initiativeAfter(args.after);
  const f = normaliseFilter(filter);
  const q = new InitiativeQueries(ctx.db);
  const rows = q.page(f, after, size + 1) as Initiative[];
  return toConnection(rows, size, args.after, initiativeCursor, () => q.count(f), (page) => ctx.loaders.levels.mark("initiative", page, initiativeId));
}

/** An initiative's key in its levels (see Levels). */
const initiativeId = (i: Initiative) => i.id;

/**
 * The initiatives of one parent (a borough, tool or organisation) matching a filter: batched with
 * every other parent that asks with the same arguments in this request. When the parent belongs
 * to a level (a page of parents, see Levels), the pages of the whole level are read at once,
 * synchronously, and their nodes become one level in turn; otherwise through the page loaders.
 */
export function listInitiativesOf(
  ctx: HubContext,
  scope: InitiativeScope,
  key: string,
  args: ConnectionArgs,
  filter: InitiativeFilter | null | undefined,
): ConnectionValue<Initiative> | Promise<ConnectionValue<Initiative>> {
  const size = pageSize(args.first);
  const after = initiativeAfter(args.after);
  const f = normaliseFilter(filter);
  const levels = ctx.loaders.levels;
  const countKey = JSON.stringify(["initiatives.totalCount", f]);
  const countOf = (k: string) => () =>
    levels.valueOf(scope, k, countKey, (_parents, keys) => {
      const n = new Map(new InitiativeQueries(ctx.db).countWithin(scope, [...new Set(keys)], f).map((r) => [r.scopeKey, r.n]));
      return keys.map((k) => n.get(k) ?? 0);
    })!;
  const connection = levels.valueOf(scope, key, JSON.stringify(["initiatives", f, after, size]), (_parents, keys) => {
    const unique = [...new Set(keys)];
    const rows = new InitiativeQueries(ctx.db).pageWithin(scope, unique, f, after, size + 1) as (Initiative & { scopeKey: string })[];
    const pages = groupInKeyOrder(unique, rows, (r) => r.scopeKey);
    const at = new Map(unique.map((k, i) => [k, i]));
    levels.mark("initiative", pages.flatMap((page) => (page.length > size ? page.slice(0, size) : page)), initiativeId);
    return keys.map((k) => toConnection(pages[at.get(k)!]!, size, args.after, initiativeCursor, countOf(k)));
  });
  if (connection) return connection;
  const loaders = ctx.loaders.initiative;
  return loaders.pages
    .for({ scope, filter: f, afterId: after, limit: size + 1 })
    .load(key)
    .then((rows) => toConnection(rows, size, args.after, initiativeCursor, () => loaders.counts.for({ scope, filter: f }).load(key)));
}

/** The events of one initiative (of one stage, when given), by time then id. */
export async function listEvents(ctx: HubContext, initiativeId: string, args: ConnectionArgs, stage: string | null | undefined): Promise<ConnectionValue<StageEvent>> {
  const size = pageSize(args.first);
  const after = decodeCursor(EVENT_CURSOR, args.after, 2);
  if (after && !after.every((k) => typeof k === "number")) throw badUserInput(`Argument "after" is not a cursor of this list.`, "after");
  const loaders = ctx.loaders.initiative;
  const rows = await loaders.events.for({ stage: stage ?? null, after: after as [number, number] | null, limit: size + 1 }).load(initiativeId);
  return toConnection(rows, size, args.after, (e) => encodeCursor(EVENT_CURSOR, [e.at, e.rowId]), () =>
    loaders.eventCounts.for({ stage: stage ?? null }).load(initiativeId),
  );
}

/**
 * The stage summaries of an initiative. When it belongs to a level (a page of initiatives, see
 * Levels), the stages of the level's processes and the cycles of all its initiatives are read at
 * once (the statements the stage and cycle loaders batch) and every row's summaries are made from
 * them, synchronously; otherwise through those loaders.
 */
export function stageSummariesOf(ctx: HubContext, i: Initiative): StageSummary[] | Promise<StageSummary[]> {
  const fromLevel = ctx.loaders.levels.valueOf("initiative", i.id, "stageSummaries", summariesOfLevel, ctx);
  if (fromLevel) return fromLevel;
  const l = ctx.loaders.initiative;
  return Promise.all([l.stages.load(i.processSlug), l.cycles.load(i.id)]).then(([stages, cycles]) => summariseStages(i.id, stages, cycles));
}

/** The stage summaries of every initiative of a level: the stages of their processes and their cycles, one statement each. */
function summariesOfLevel(rows: readonly Initiative[], _keys: readonly string[], ctx: HubContext): StageSummary[][] {
  const q = new InitiativeQueries(ctx.db);
  const slugs = [...new Set(rows.map((r) => r.processSlug))];
  const ids = [...new Set(rows.map((r) => r.id))];
  const stages = readStages(q, slugs, ctx.loaders.stagesBySlug);
  const cycles = groupInKeyOrder(ids, q.cyclesOf(ids), (r) => r.initiativeId);
  const stagesOf = new Map(slugs.map((slug, n) => [slug, stages[n]!]));
  const cyclesOf = new Map(ids.map((id, n) => [id, cycles[n]!]));
  return rows.map((r) => summariseStages(r.id, stagesOf.get(r.processSlug)!, cyclesOf.get(r.id)!));
}
