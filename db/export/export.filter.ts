import { INITIATIVE_STATUSES } from "../writes.js";
import { isIsoDate } from "../import/timestamp.js";

/**
 * Which initiatives an export holds: the same conditions, with the same meaning, as the graph's
 * `InitiativeFilter` (every given condition must hold; a list matches any of its values).
 */
export interface ExportFilter {
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

const ph = (n: number) => Array(n).fill("?").join(",");

/** SQL conditions on alias `i` (initiatives) and their parameters. */
export function exportFilterSql(f: ExportFilter): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const list = (values: string[] | undefined, sql: (p: string) => string) => {
    if (!values?.length) return;
    where.push(sql(ph(values.length)));
    params.push(...values);
  };
  list(f.boroughs, (p) => `EXISTS (SELECT 1 FROM initiative_boroughs fb WHERE fb.initiative_id = i.id AND fb.authority_code IN (${p}))`);
  list(f.tools, (p) => `i.tool_slug IN (${p})`);
  list(f.practices, (p) => `EXISTS (SELECT 1 FROM initiative_practices fp WHERE fp.initiative_id = i.id AND fp.practice_slug IN (${p}))`);
  list(f.statuses, (p) => `i.status IN (${p})`);
  list(f.stages, (p) => `EXISTS (SELECT 1 FROM stage_cycles fc WHERE fc.initiative_id = i.id AND fc.stage IN (${p}))`);
  if (f.createdFrom) {
    where.push("i.created_at >= ?");
    params.push(f.createdFrom);
  }
  if (f.createdTo) {
    where.push("i.created_at <= ?");
    params.push(f.createdTo);
  }
  if (f.search) {
    const pattern = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("(i.title LIKE ? ESCAPE '\\' OR i.purpose LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  return { where: where.length ? where.join(" AND ") : "1", params };
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
