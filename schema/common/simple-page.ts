import type { ConnectionArgs } from "./connection.args.js";
import type { ConnectionValue } from "./connection.type.js";
import type { Levels } from "./levels.js";
import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from "./cursor.js";

/**
 * A page of a list ordered by one string key (reference tables): validates `first`/`after`,
 * fetches `size + 1` rows after the key and wraps them as a connection (its nodes one level of
 * `levels`, when given).
 */
export async function keyedPage<T extends object>(
  kind: string,
  args: ConnectionArgs,
  keyOf: (row: T) => string,
  fetch: (afterKey: string | null, limit: number) => T[],
  count: () => number,
  levels?: Levels,
): Promise<ConnectionValue<T>> {
  const size = pageSize(args.first);
  const after = decodeCursor(kind, args.after, 1);
  if (after && typeof after[0] !== "string") throw badUserInput(`Argument "after" is not a cursor of this list.`, "after");
  const rows = fetch((after?.[0] as string | undefined) ?? null, size + 1);
  return toConnection(rows, size, args.after, (r) => encodeCursor(kind, [keyOf(r)]), count, levels && ((page) => levels.mark(kind, page, keyOf)));
}
