// The one cohort grammar of the hub: the CLI's --cohort/--baseline and the dashboard's cohort
// choices (served to the browser as /dashboard/static/cohort-spec.js) both read and write it.
// Plain JavaScript with no imports, so the browser and Node load the same file.

/** The keys a cohort may name, and the MetricFilter list each one fills. */
export const COHORT_KEYS = Object.freeze({ tool: "tools", practice: "practices", borough: "boroughs", stage: "stages" });

/** A cohort that cannot be read; `option` names where it was written (e.g. --cohort). */
export class CohortSpecError extends Error {
  constructor(option, message) {
    super(`${option}: ${message}`);
    this.name = "CohortSpecError";
    this.option = option;
    this.detail = message;
    this.userFacing = true;
  }
}

const keyList = () => Object.keys(COHORT_KEYS).join(", ");

/**
 * Reads a cohort written as `key=value[,key=value...]` (keys: tool, practice, borough, stage; a
 * repeated key means "any of"), e.g. `tool=isg` or `tool=manual,practice=common-dpia-template`,
 * into a MetricFilter value. Throws CohortSpecError naming the option and the expected form.
 */
export function parseCohortSpec(option, spec) {
  const filter = {};
  const parts = String(spec).split(",").map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new CohortSpecError(option, `expected key=value, e.g. tool=isg (keys: ${keyList()}), got ${JSON.stringify(spec)}`);
  for (const part of parts) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || !Object.hasOwn(COHORT_KEYS, key) || !value) {
      throw new CohortSpecError(option, `expected key=value with key one of ${keyList()} (e.g. tool=isg), got ${JSON.stringify(part)}`);
    }
    const field = COHORT_KEYS[key];
    filter[field] = [...(filter[field] ?? []), value];
  }
  return filter;
}

/** The cohort written back in the grammar (`tool=isg,practice=x`); "" for a filter naming none of the keys. */
export function formatCohortSpec(filter) {
  const parts = [];
  for (const [key, field] of Object.entries(COHORT_KEYS)) for (const v of filter[field] ?? []) parts.push(`${key}=${v}`);
  return parts.join(",");
}

/** A short label for a filter: `tool=isg`, `tool=isg|onelondon, practice=ig-at-concept`, or `all initiatives`. */
export function cohortLabel(filter) {
  const parts = [];
  for (const [key, field] of Object.entries(COHORT_KEYS)) {
    const values = filter[field];
    if (values && values.length) parts.push(`${key}=${values.join("|")}`);
  }
  return parts.length ? parts.join(", ") : "all initiatives";
}
