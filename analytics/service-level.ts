/**
 * Open items against service levels (DESIGN.md, "Metric definitions", Open items): an open item's
 * age, the age's percentile among comparable history, and its state against the stage's service
 * level expectation ("85% within N working days"; default N = the stage's historical p85). Both
 * the percentile rank and the default N come from the Kaplan–Meier curve, so censored (still open)
 * history counts and the two agree: an item older than N always ranks at or above 85. Pure.
 */
import { MIN_AT_RISK_BEYOND_AGE, MIN_FORECAST_ITEMS, atRiskBeyond, survivalAt, type DurationHistory, type ForecastMinimums } from "./forecast.js";

/** The share a service level expectation promises ("85% within N working days"). */
export const SERVICE_LEVEL_PERCENT = 85;

/**
 * An item not yet past its service level is AT_RISK when its chance of being approved within it,
 * given its age, is below this.
 */
export const AT_RISK_BELOW = 0.5;

export type ServiceLevelState = "ON_TRACK" | "AT_RISK" | "BREACHED";

/**
 * The percentile rank of an age among comparable history: 100 × the estimated share of comparable
 * items approved within `age` working days, 100·(1 − S(age)) from the Kaplan–Meier curve. With no
 * censored items that is exactly 100 × (durations ≤ age) / n, the empirical distribution; with
 * censored items each open item counts as the curve counts it. It is the inverse of the
 * Kaplan–Meier quantile — rank(a) ≥ p exactly when a ≥ curve.quantile(p) — not of type-7
 * interpolation (percentiles.ts), which has no place for censored items. With none censored the
 * two agree to within one rank: curve.quantile(p) is one of the two neighbouring durations the
 * type-7 p-th percentile interpolates between.
 * Null when there is no history.
 */
export function percentileRank(h: DurationHistory, age: number): number | null {
  if (h.items === 0) return null;
  return 100 * (1 - survivalAt(h, age));
}

/**
 * The default N of a stage's service level expectation: its historical p85, the smallest t with
 * S(t) ≤ 0.15 on the Kaplan–Meier curve (censored items included). Null when the curve never gets
 * there (more than 15% of the history still open past its last approval) or there is no history.
 */
export function defaultServiceLevelDays(h: DurationHistory, percent = SERVICE_LEVEL_PERCENT): number | null {
  return h.curve.quantile(percent);
}

/** An item's state against its service level, with the probability it was judged on. */
export interface ServiceLevelAssessment {
  state: ServiceLevelState;
  /** N: the working days the service level allows. */
  serviceLevelDays: number;
  /**
   * P(approved within N | still open at this age), 1 − S(N)/S(age); 0 once BREACHED; null when
   * the history is below the forecast minimum (then the state rests on the age alone).
   */
  withinLevelProbability: number | null;
}

/**
 * The state of an open item of `age` working days against "85% within `serviceLevelDays`":
 * - BREACHED when age > N;
 * - AT_RISK when age ≤ N but P(approved within N | open at age) = 1 − S(N)/S(age) is below
 *   AT_RISK_BELOW (50%): it is more likely than not to breach — equivalently, its conditional p50
 *   date (forecast.ts) falls after N working days;
 * - ON_TRACK otherwise, and also when the history is below the forecast minimum (fewer than
 *   `minItems` items or fewer than `minAtRisk` lasting beyond the age), where only the age can be judged.
 * Not "its conditional p85 falls after N": with N the historical p85, that is 1 − 0.15/S(age) < 0.85,
 * true of every item past the first approval in the history, so it would mark nearly all at risk.
 */
export function serviceLevelState(h: DurationHistory, age: number, serviceLevelDays: number, min: ForecastMinimums = {}): ServiceLevelAssessment {
  const n = serviceLevelDays;
  if (age > n) return { state: "BREACHED", serviceLevelDays: n, withinLevelProbability: 0 };
  const thin = h.items < (min.minItems ?? MIN_FORECAST_ITEMS) || atRiskBeyond(h, age) < (min.minAtRisk ?? MIN_AT_RISK_BEYOND_AGE);
  const sAge = survivalAt(h, age);
  if (thin || sAge === 0) return { state: "ON_TRACK", serviceLevelDays: n, withinLevelProbability: null };
  const p = 1 - survivalAt(h, n) / sAge;
  return { state: p < AT_RISK_BELOW ? "AT_RISK" : "ON_TRACK", serviceLevelDays: n, withinLevelProbability: p };
}
