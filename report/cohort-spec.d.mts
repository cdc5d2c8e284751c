/** The lists of a MetricFilter that a cohort can fill. */
export interface CohortFilter {
  tools?: string[] | null;
  practices?: string[] | null;
  boroughs?: string[] | null;
  stages?: string[] | null;
}

/** The keys a cohort may name, and the MetricFilter list each one fills. */
export declare const COHORT_KEYS: Readonly<{ tool: "tools"; practice: "practices"; borough: "boroughs"; stage: "stages" }>;

/** A cohort that cannot be read; the message is `<option>: <detail>`. */
export declare class CohortSpecError extends Error {
  readonly option: string;
  readonly detail: string;
  readonly userFacing: true;
  constructor(option: string, message: string);
}

/** Reads `key=value[,key=value...]` (see cohort-spec.mjs) into a filter; throws CohortSpecError. */
export declare function parseCohortSpec(option: string, spec: string): { tools?: string[]; practices?: string[]; boroughs?: string[]; stages?: string[] };
/** The cohort written back in the grammar; "" when it names nothing. */
export declare function formatCohortSpec(filter: CohortFilter): string;
/** A short label: `tool=isg`, `tool=isg|onelondon, practice=ig-at-concept`, or `all initiatives`. */
export declare function cohortLabel(filter: CohortFilter): string;
