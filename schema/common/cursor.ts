import { GraphQLError } from "graphql";
import { matchable } from "../../db/sql.js";
import type { PageInfo } from "./page-info.type.js";
import type { ConnectionValue, Edge } from "./connection.type.js";

/** Page size when a client gives no `first`. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first` any connection accepts (DESIGN.md: at most 100 a page). */
export const MAX_PAGE_SIZE = 100;

/** A user-input error with the stable code clients branch on. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...(argumentName ? { argumentName } : {}) } });
}

/**
 * Validates `first` and returns the page size: default 20, 0..100 inclusive, otherwise a
 * BAD_USER_INPUT error naming `first` and the limit.
 */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`Argument "first" must be between 0 and ${MAX_PAGE_SIZE} (got ${first}); fetch further pages with "after".`, "first");
  }
  return first;
}

/**
 * Encodes a sort key as an opaque cursor: base64url of `<kind>:<json key>`. The kind ties a cursor
 * to its list, so a cursor from another list is refused rather than misread.
 */
export function encodeCursor(kind: string, key: readonly (string | number)[]): string {
  return Buffer.from(`${kind}:${JSON.stringify(key)}`, "utf8").toString("base64url");
}

/**
 * Decodes a cursor made by `encodeCursor(kind, ...)` into its sort key (of `arity` strings or
 * numbers), or throws BAD_USER_INPUT naming `after`. Null/undefined → null (start of the list).
 */
export function decodeCursor(kind: string, cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  const bad = () => badUserInput(`Argument "after" is not a cursor of this list (${JSON.stringify(cursor)}); pass an endCursor or edge cursor returned by the same field.`, "after");
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(`${kind}:`)) throw bad();
  let key: unknown;
  try {
    key = JSON.parse(text.slice(kind.length + 1));
  } catch {
    throw bad();
  }
  // The hub's own cursors hold stored keys: strings without U+0000 (see matchable) and integers.
  if (!Array.isArray(key) || key.length !== arity || !key.every((k) => (typeof k === "string" && matchable(k)) || Number.isSafeInteger(k))) throw bad();
  return key as (string | number)[];
}

/** An edge whose cursor is encoded when first read: a dashboard's nested pages seldom ask for it. */
class LazyEdge<T> implements Edge<T> {
  #cursor: string | undefined;
  readonly #cursorOf: (row: T) => string;
  constructor(
    readonly node: T,
    cursorOf: (row: T) => string,
  ) {
    this.#cursorOf = cursorOf;
  }
  get cursor(): string {
    return (this.#cursor ??= this.#cursorOf(this.node));
  }
}

/**
 * Builds a connection page from rows fetched with `LIMIT size + 1` (the extra row only says
 * whether a next page exists). `cursorOf` gives each node's cursor, when a client asks for it.
 * `mark`, when given, gets the page's nodes (to mark them as a level: see Levels).
 */
export function toConnection<T>(
  rows: readonly T[],
  size: number,
  after: string | null | undefined,
  cursorOf: (row: T) => string,
  totalCount: () => number | Promise<number>,
  mark?: (page: readonly T[]) => void,
): ConnectionValue<T> {
  const page = rows.length > size ? rows.slice(0, size) : rows;
  mark?.(page);
  const edges: Edge<T>[] = page.map((node) => new LazyEdge(node, cursorOf));
  return new LazyConnection(edges, new LazyPageInfo(edges, rows.length > size, after !== null && after !== undefined), totalCount);
}

/*
 * The page info and the connection are classes, not object literals with getters: a literal's
 * getters are new closures on each call, which gives each object a hidden class of its own in the
 * old generation, and those keep every request's young objects alive through scavenges.
 */

/** Page info whose cursors are encoded when first read. */
class LazyPageInfo<T> implements PageInfo {
  readonly #edges: readonly Edge<T>[];
  constructor(
    edges: readonly Edge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {
    this.#edges = edges;
  }
  get startCursor(): string | null {
    return this.#edges[0]?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.#edges[this.#edges.length - 1]?.cursor ?? null;
  }
}

/** A connection whose count runs only when a client selects totalCount (counting costs a query). */
class LazyConnection<T> implements ConnectionValue<T> {
  #count: number | Promise<number> | undefined;
  readonly #totalCount: () => number | Promise<number>;
  constructor(
    readonly edges: Edge<T>[],
    readonly pageInfo: PageInfo,
    totalCount: () => number | Promise<number>,
  ) {
    this.#totalCount = totalCount;
  }
  get totalCount(): number | Promise<number> {
    return (this.#count ??= this.#totalCount());
  }
}
