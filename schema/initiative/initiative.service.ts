import { MAX_SEARCH_LENGTH, type InitiativeFilterValues } from "../../db/initiative.filter.js";
import { InitiativeQueries, type InitiativeScope } from "../../db/queries/index.js";
import type { HubContext } from "../context.js";
import type { ConnectionArgs } from "../common/connection.args.js";
import type { ConnectionValue } from "../common/connection.type.js";
import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from "../common/cursor.js";
import type { InitiativeFilter } from "./initiative.input.js";
import type { Initiative } from "./initiative.type.js";
import type { StageEvent } from "./stage-event.type.js";

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
  return toConnection(rows, size, args.after, initiativeCursor, () => q.count(f));
}

/**
 * The initiatives of one parent (a borough, tool or organisation) matching a filter: batched with
 * every other parent that asks with the same arguments in this request.
 */
export async function listInitiativesOf(
  ctx: HubContext,
  scope: InitiativeScope,
  key: string,
  args: ConnectionArgs,
  filter: InitiativeFilter | null | undefined,
): Promise<ConnectionValue<Initiative>> {
  const size = pageSize(args.first);
  const after = initiativeAfter(args.after);
  const f = normaliseFilter(filter);
  const loaders = ctx.loaders.initiative;
  const rows = await loaders.pages.for({ scope, filter: f, afterId: after, limit: size + 1 }).load(key);
  return toConnection(rows, size, args.after, initiativeCursor, () => loaders.counts.for({ scope, filter: f }).load(key));
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
