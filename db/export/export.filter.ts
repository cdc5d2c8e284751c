import type { InitiativeFilterValues } from "../initiative.filter.js";
import { INITIATIVE_STATUSES } from "../writes/index.js";
import { isIsoDate } from "../import/timestamp.js";

/**
 * Which initiatives an export holds: the graph's filter itself (same conditions, same SQL), so
 * an export applies the same filters as the graph.
 */
export type ExportFilter = InitiativeFilterValues;

/** A filter value that cannot be used; `field` names the parameter. */
export class ExportFilterError extends Error {
  readonly userFacing = true;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "ExportFilterError";
  }
}

/** Checks a filter's values: statuses from the enum, dates that exist. Throws ExportFilterError. */
export function validateExportFilter(f: ExportFilter): ExportFilter {
  for (const s of f.statuses ?? [])
    if (!(INITIATIVE_STATUSES as readonly string[]).includes(s)) throw new ExportFilterError("statuses", `unknown status ${JSON.stringify(s)}; expected ${INITIATIVE_STATUSES.join(", ")}`);
  for (const key of ["createdFrom", "createdTo"] as const) {
    const v = f[key];
    if (v !== undefined && !isIsoDate(v)) throw new ExportFilterError(key, `${key} ${JSON.stringify(v)} is not a date; expected YYYY-MM-DD`);
  }
  return f;
}

/**
 * A filter from URL query parameters (`?boroughs=E09000001,E09000002&statuses=LIVE&createdFrom=2024-01-01`);
 * a list may be comma-separated or repeated.
 */
export function exportFilterFromQuery(query: URLSearchParams): ExportFilter {
  const known = new Set(["boroughs", "tools", "practices", "statuses", "stages", "createdFrom", "createdTo", "search"]);
  for (const key of query.keys()) if (!known.has(key)) throw new ExportFilterError(key, `unknown filter ${JSON.stringify(key)}; expected ${[...known].join(", ")}`);
  const list = (key: string) => {
    const values = query.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    return values.length ? values : undefined;
  };
  const one = (key: string) => query.get(key)?.trim() || undefined;
  return validateExportFilter({
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
