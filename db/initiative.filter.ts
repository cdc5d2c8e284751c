import { matchable, placeholders } from "./sql.js";

/**
 * Which initiatives a list holds: the graph's `InitiativeFilter` validated (lists non-empty or
 * absent, dates as ISO `YYYY-MM-DD`). Every given condition must hold; a list matches any of its
 * values. The graph and the exports both filter with it, so "the same filters" mean the same rows.
 */
export interface InitiativeFilterValues {
  /** GSS codes: initiatives in which any of these boroughs takes part (lead or participant). */
  boroughs?: string[];
  /** Tool slugs. */
  tools?: string[];
  /** Practice slugs: initiatives that used any of them. */
  practices?: string[];
  /** ACTIVE, LIVE, WITHDRAWN, REJECTED. */
  statuses?: string[];
  /** Stage codes: initiatives that have submitted any of these stages. */
  stages?: string[];
  /** Created on or after (YYYY-MM-DD). */
  createdFrom?: string;
  /** Created on or before (YYYY-MM-DD). */
  createdTo?: string;
  /** Text the title or purpose contains (case-insensitive). */
  search?: string;
}

/**
 * The longest `search` text, in characters: a title is at most 500 characters and a search is a
 * word or phrase; the bound also keeps the LIKE pattern far below SQLite's 50,000-byte limit, past
 * which SQLite fails the query ("LIKE or GLOB pattern too complex").
 */
export const MAX_SEARCH_LENGTH = 200;

/**
 * SQL conditions on alias `i` (initiatives), to be ANDed, and their parameters in order.
 *
 * `walkIds` (SQLite only): the conditions on the initiatives' own columns are written `+i.column`,
 * which keeps SQLite from answering them from that column's index, so that a query paging through
 * every match by id (`i.id > ? ORDER BY i.id LIMIT n`, as the exports do) walks the primary key in
 * order and stops at the page's end: one pass over the table in all. From the tool or status index
 * SQLite (which keeps no statistics here) reads and sorts every match again for each page: an
 * export of one tool's 43,824 initiatives on the large set spent 12 s on its first 200 pages that
 * way, 15 ms walking the ids. PostgreSQL plans this from its statistics (and has no unary + on text).
 */
export function initiativeFilterSql(f: InitiativeFilterValues, opts: { walkIds?: boolean } = {}): { where: string[]; params: unknown[] } {
  const col = (name: string) => (opts.walkIds ? `+i.${name}` : `i.${name}`);
  const where: string[] = [];
  const params: unknown[] = [];
  const list = (given: string[] | undefined, sql: (ph: string) => string) => {
    if (!given?.length) return;
    // A value no stored key can equal (see matchable) is left out; a list of only such values
    // matches nothing.
    const values = given.filter(matchable);
    if (!values.length) {
      where.push("1 = 0");
      return;
    }
    where.push(sql(placeholders(values.length)));
    params.push(...values);
  };
  list(f.boroughs, (ph) => `EXISTS (SELECT 1 FROM initiative_boroughs fb WHERE fb.initiative_id = i.id AND fb.authority_code IN (${ph}))`);
  list(f.tools, (ph) => `${col("tool_slug")} IN (${ph})`);
  list(f.practices, (ph) => `EXISTS (SELECT 1 FROM initiative_practices fp WHERE fp.initiative_id = i.id AND fp.practice_slug IN (${ph}))`);
  list(f.statuses, (ph) => `${col("status")} IN (${ph})`);
  list(f.stages, (ph) => `EXISTS (SELECT 1 FROM stage_cycles fc WHERE fc.initiative_id = i.id AND fc.stage IN (${ph}))`);
  if (f.createdFrom) {
    where.push(`${col("created_at")} >= ?`);
    params.push(f.createdFrom);
  }
  if (f.createdTo) {
    where.push(`${col("created_at")} <= ?`);
    params.push(f.createdTo);
  }
  if (f.search && !matchable(f.search)) {
    where.push("1 = 0"); // no stored title or purpose holds U+0000
  } else if (f.search) {
    // Case-insensitive on both databases: SQLite's LIKE ignores ASCII case but PostgreSQL's does
    // not, so both sides are lowered (the same rows as SQLite's plain LIKE). The user's % and _
    // are matched literally.
    const pattern = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("(lower(i.title) LIKE lower(?) ESCAPE '\\' OR lower(i.purpose) LIKE lower(?) ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  return { where, params };
}
