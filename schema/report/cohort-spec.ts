import type { MetricFilterValue } from "../metrics/metric.filter.js";

/** A cohort written on the command line that cannot be read; the CLI prints it as one line. */
export class CohortSpecError extends Error {
  readonly userFacing = true;
  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = "CohortSpecError";
  }
}

const KEYS = { tool: "tools", practice: "practices", borough: "boroughs", stage: "stages" } as const;
type Key = keyof typeof KEYS;

/**
 * Reads a cohort written as `key=value[,key=value...]` (keys: tool, practice, borough, stage; a
 * repeated key means "any of"), e.g. `tool=isg` or `tool=manual,practice=common-dpia-template`,
 * into a MetricFilter value. Throws CohortSpecError naming the option and the expected form.
 */
export function parseCohortSpec(option: string, spec: string): MetricFilterValue {
  const filter: MetricFilterValue = {};
  const parts = spec.split(",").map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new CohortSpecError(option, `expected key=value, e.g. tool=isg (keys: ${Object.keys(KEYS).join(", ")}), got ${JSON.stringify(spec)}`);
  for (const part of parts) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim() as Key;
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || !(key in KEYS) || !value) {
      throw new CohortSpecError(option, `expected key=value with key one of ${Object.keys(KEYS).join(", ")} (e.g. tool=isg), got ${JSON.stringify(part)}`);
    }
    const field = KEYS[key];
    filter[field] = [...(filter[field] ?? []), value];
  }
  return filter;
}

/** A short label for a filter: `tool=isg`, `tool=isg|onelondon, practice=ig-at-concept`, or `all initiatives`. */
export function cohortLabel(filter: MetricFilterValue): string {
  const parts: string[] = [];
  for (const [key, field] of Object.entries(KEYS) as [Key, (typeof KEYS)[Key]][]) {
    const values = filter[field];
    if (values && values.length) parts.push(`${key}=${values.join("|")}`);
  }
  return parts.length ? parts.join(", ") : "all initiatives";
}
