import type { ComplexityEstimator } from "graphql-query-complexity";
import { MAX_GROUPS, flowOptions, type Dimension } from "../../analytics/metrics/index.js";
import { AUTHORITIES, LOTI_2019, PRACTICES, TOOLS } from "../../db/reference/index.js";

/**
 * Partner organisations (NHS trusts, the police, ...) are data, not reference data: an allowance
 * for how many an estate names, added to the boroughs for ORGANISATION and for signOffTimes' rows.
 */
export const PARTNER_ORGANISATIONS_BOUND = 32;

/**
 * Upper bounds of each grouping dimension's values, for costing: the reference data's counts (a
 * deployment that adds tools or practices stays close), with a floor so that a small reference set
 * does not make a heavy query look cheap. Periods: ten years of months, quarters and years.
 */
export const DIMENSION_BOUNDS: Readonly<Record<Dimension, number>> = Object.freeze({
  STAGE: Math.max(LOTI_2019.stages.length, 6),
  TOOL: Math.max(TOOLS.length + 1, 10),
  BOROUGH: Math.max(AUTHORITIES.length, 33),
  ORGANISATION: Math.max(AUTHORITIES.length, 33) + PARTNER_ORGANISATIONS_BOUND,
  LEAD_BOROUGH: Math.max(AUTHORITIES.length, 33),
  // One group per practice and one for "none".
  PRACTICE: Math.max(PRACTICES.length + 1, 5),
  MONTH: 120,
  QUARTER: 40,
  YEAR: 10,
});

/** Bootstrap resamples per cost unit: one resample of a cohort is one pass over its approved stages. */
export const RESAMPLES_PER_COST = 10;

/** Upper bound of the groups a `groupBy` returns: the product of its dimensions' bounds, at most MAX_GROUPS (the kernel refuses more). */
export function groupBound(groupBy: readonly Dimension[]): number {
  let groups = 1;
  for (const dim of groupBy) groups *= DIMENSION_BOUNDS[dim] ?? 1;
  return Math.min(groups, MAX_GROUPS);
}

/**
 * The cost of the analytics queries by what they compute, not 1 per field:
 * - `cycleTimes`: groups × (percentiles + 1 + the cost of one group's selection), the groups an
 *   upper bound from the dimensions' sizes (groupBound);
 * - `signOffTimes`: stages × organisations (boroughs and partner organisations) rows × (1 + one row's selection);
 * - `flow`: intervals × (stages + 1) points, plus the oldest items listed;
 * - `compareCohorts`: resamples / RESAMPLES_PER_COST for each of the two cohorts;
 * - `timeSaved`: the same for each stage.
 * Each adds 1 and its selection's cost. Any other field: undefined (the next estimator decides).
 */
export function analyticsEstimator(): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name !== "Query") return undefined;
    const child = Math.max(1, childComplexity);
    const resampleCost = () => Math.ceil((typeof args.resamples === "number" ? Math.max(1, args.resamples) : 2000) / RESAMPLES_PER_COST);
    switch (field.name) {
      case "cycleTimes": {
        const groupBy = Array.isArray(args.groupBy) ? (args.groupBy as Dimension[]) : ["STAGE" as const];
        const percentiles = Array.isArray(args.percentiles) ? args.percentiles.length : 3;
        return 1 + groupBound(groupBy) * (percentiles + 1 + child);
      }
      case "signOffTimes":
        return 1 + DIMENSION_BOUNDS.STAGE * DIMENSION_BOUNDS.ORGANISATION * (1 + child);
      case "flow": {
        let intervals: number;
        let oldest: number;
        try {
          const options = flowOptions({ from: args.from as Date, to: args.to as Date, interval: (args.interval as never) ?? null, oldestLimit: (args.oldest as number) ?? null });
          intervals = options.intervals.length;
          oldest = options.oldest;
        } catch {
          // Bad dates or too many intervals: the resolver refuses them with the right message.
          return 1 + child;
        }
        return 1 + child + intervals * (DIMENSION_BOUNDS.STAGE + 1) + oldest;
      }
      case "compareCohorts":
        return 1 + child + 2 * resampleCost();
      case "timeSaved":
        return 1 + child + DIMENSION_BOUNDS.STAGE * 2 * resampleCost();
      default:
        return undefined;
    }
  };
}
