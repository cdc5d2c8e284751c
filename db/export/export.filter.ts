import { MetricArgumentError, UnknownValueError } from "../../analytics/metrics/index.js";
import type { SqlConn } from "../driver/index.js";
import { AUTHORITIES_SQL, PRACTICES_SQL, STAGES_SQL, TOOLS_SQL } from "../cycles/cycles.queries.js";
import type { InitiativeFilterValues } from "../initiative.filter.js";
import { INITIATIVE_STATUSES } from "../writes/index.js";
import { isIsoDate } from "../import/timestamp.js";

/**
 * Which initiatives an export holds: the graph's filter itself (same conditions, same SQL), so
 * an export applies the same filters as the graph.
 */
export type ExportFilter = InitiativeFilterValues;

/** The filter's keys, as the query string and the CLI's options name them (`createdFrom` ↔ `--created-from`). */
export const EXPORT_FILTER_KEYS = ["boroughs", "tools", "practices", "statuses", "stages", "createdFrom", "createdTo", "search"] as const;
export type ExportFilterKey = (typeof EXPORT_FILTER_KEYS)[number];

/**
 * The reference lists a filter's values are checked against, read with the cycle table's own SQL
 * so that the allowed values (and their order) are those the graph's BAD_USER_INPUT lists.
 */
const REFERENCE: { key: "tools" | "boroughs" | "practices" | "stages"; sql: string; what: string }[] = [
  { key: "boroughs", sql: AUTHORITIES_SQL, what: "borough (GSS code)" },
  { key: "tools", sql: TOOLS_SQL, what: "tool" },
  { key: "practices", sql: PRACTICES_SQL, what: "practice" },
  { key: "stages", sql: STAGES_SQL, what: "stage" },
];

/**
 * Checks a filter's values: tools, boroughs, practices and stages the database knows (exactly:
 * `ISG` is not `isg`), statuses from the enum, dates that exist. `argumentOf` names a key as the
 * caller's user typed it. Throws the metrics' plain MetricArgumentError (UnknownValueError for
 * an unknown value, carrying the allowed values), so a mistyped export filter is refused with the
 * graph's words instead of answering an empty file.
 */
export function validateExportFilter(conn: SqlConn, f: ExportFilter, argumentOf: (key: ExportFilterKey) => string = (key) => key): ExportFilter {
  for (const { key, sql, what } of REFERENCE) {
    if (!f[key]?.length) continue;
    const allowed = [...new Set(conn.prepare(sql).pluck().all() as string[])];
    for (const v of f[key]) if (!allowed.includes(v)) throw new UnknownValueError(argumentOf(key), v, allowed, what);
  }
  for (const s of f.statuses ?? []) if (!(INITIATIVE_STATUSES as readonly string[]).includes(s)) throw new UnknownValueError(argumentOf("statuses"), s, INITIATIVE_STATUSES, "status");
  for (const key of ["createdFrom", "createdTo"] as const) {
    const v = f[key];
    if (v !== undefined && !isIsoDate(v)) throw new MetricArgumentError(argumentOf(key), `expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  return f;
}

/**
 * A filter from URL query parameters (`?boroughs=E09000001,E09000002&statuses=LIVE&createdFrom=2024-01-01`);
 * a list may be comma-separated or repeated. `extra` are parameters the caller reads itself
 * (`excel`). Unknown parameters and values throw MetricArgumentError.
 */
export function exportFilterFromQuery(conn: SqlConn, query: URLSearchParams, extra: readonly string[] = []): ExportFilter {
  const known = new Set<string>([...EXPORT_FILTER_KEYS, ...extra]);
  for (const key of query.keys()) if (!known.has(key)) throw new MetricArgumentError(key, `unknown parameter ${JSON.stringify(key)}; expected one of: ${[...known].join(", ")}`, [...known]);
  const list = (key: string) => {
    const values = query.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    return values.length ? values : undefined;
  };
  const one = (key: string) => query.get(key)?.trim() || undefined;
  return validateExportFilter(conn, {
    boroughs: list("boroughs"),
    tools: list("tools"),
    practices: list("practices"),
    statuses: list("statuses"),
    stages: list("stages"),
    createdFrom: one("createdFrom"),
    createdTo: one("createdTo"),
    search: one("search"),
  });
}
