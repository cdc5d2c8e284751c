import type { MetricFilterValue } from "../analytics/metrics/index.js";
import { AUTHORITIES, LOTI_2019, PRACTICES, TOOLS } from "../db/reference/index.js";

const byKey = <T>(rows: readonly T[], key: (r: T) => string, name: (r: T) => string) => new Map(rows.map((r) => [key(r), name(r)]));
const TOOL_NAMES = byKey(TOOLS, (t) => t.slug, (t) => t.name);
const PRACTICE_NAMES = byKey(PRACTICES, (p) => p.slug, (p) => p.name);
const BOROUGH_NAMES = byKey(AUTHORITIES, (a) => a.code, (a) => a.name);
const STAGE_NAMES = byKey(LOTI_2019.stages, (s) => s.code, (s) => `${s.name} stage`);

/**
 * A filter as readers name it, from the reference data: "Information Sharing Gateway (ISG)",
 * "Manual (email and documents), Common DPIA template". Several values of one key read "A or B";
 * a value the reference data does not know (imported data may add some) is shown as it is.
 */
export function cohortName(filter: MetricFilterValue): string {
  const part = (values: string[] | null | undefined, names: Map<string, string>) => (values?.length ? [values.map((v) => names.get(v) ?? v).join(" or ")] : []);
  const parts = [
    ...part(filter.tools, TOOL_NAMES),
    ...part(filter.practices, PRACTICE_NAMES),
    ...part(filter.boroughs, BOROUGH_NAMES),
    ...part(filter.stages, STAGE_NAMES),
  ];
  return parts.length ? parts.join(", ") : "all initiatives";
}
