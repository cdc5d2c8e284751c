/**
 * Survival analysis of time to approval (DESIGN.md, "Metric definitions"): with censored stages
 * present, the Kaplan–Meier estimate gives the median time to approval (the smallest t with
 * S(t) ≤ 0.5) and the share approved within N days (1 − S(N)). Pure.
 */

/** One step of a Kaplan–Meier curve: at time `t`, S drops to `survival`. */
export interface KaplanMeierStep {
  t: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
}

/** A Kaplan–Meier estimate: its steps (only at event times) and the helpers built on them. */
export interface KaplanMeierCurve {
  steps: KaplanMeierStep[];
  /** S(t): the estimated probability that the event has not happened by t. */
  survivalAt(t: number): number;
  /** The smallest t with S(t) ≤ 0.5, or null if the curve never reaches 0.5. */
  median(): number | null;
  /** The smallest t with S(t) ≤ 1 − p/100, or null if never reached. */
  quantile(p: number): number | null;
}

/**
 * The Kaplan–Meier product-limit estimate from durations and whether each ended in the event
 * (`true`) or was censored (`false`, e.g. a stage still open at asOf). At a tie, events are taken
 * before censorings (the usual convention: a subject censored at t was at risk at t).
 */
export function kaplanMeier(times: ArrayLike<number>, observed: ArrayLike<boolean>): KaplanMeierCurve {
  const n = times.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a]! - times[b]!);
  return kaplanMeierSorted(
    order.map((i) => times[i]!),
    order.map((i) => observed[i]!),
  );
}

/** As `kaplanMeier`, for times already sorted ascending. */
export function kaplanMeierSorted(times: ArrayLike<number>, observed: ArrayLike<boolean>): KaplanMeierCurve {
  const n = times.length;
  const steps: KaplanMeierStep[] = [];
  let atRisk = n;
  let s = 1;
  let i = 0;
  while (i < n) {
    const t = times[i]!;
    let events = 0;
    let censored = 0;
    while (i < n && times[i] === t) {
      if (observed[i]) events++;
      else censored++;
      i++;
    }
    if (events > 0) {
      s *= 1 - events / atRisk;
      steps.push({ t, atRisk, events, censored, survival: s });
    }
    atRisk -= events + censored;
  }
  return makeCurve(steps);
}

/**
 * As `kaplanMeier`, from the event times and the censoring times, each sorted ascending (typed
 * arrays sort natively, which is much faster than sorting indexes with a comparator).
 */
export function kaplanMeierSplit(events: ArrayLike<number>, censored: ArrayLike<number>): KaplanMeierCurve {
  const steps: KaplanMeierStep[] = [];
  let atRisk = events.length + censored.length;
  let s = 1;
  let i = 0;
  let j = 0;
  while (i < events.length || j < censored.length) {
    const t = Math.min(i < events.length ? events[i]! : Infinity, j < censored.length ? censored[j]! : Infinity);
    let e = 0;
    let c = 0;
    while (i < events.length && events[i] === t) {
      e++;
      i++;
    }
    while (j < censored.length && censored[j] === t) {
      c++;
      j++;
    }
    if (e > 0) {
      s *= 1 - e / atRisk;
      steps.push({ t, atRisk, events: e, censored: c, survival: s });
    }
    atRisk -= e + c;
  }
  return makeCurve(steps);
}

function makeCurve(steps: KaplanMeierStep[]): KaplanMeierCurve {
  const survivalAt = (t: number): number => {
    let s = 1;
    for (const step of steps) {
      if (step.t > t) break;
      s = step.survival;
    }
    return s;
  };
  const quantile = (p: number): number | null => {
    // A tiny tolerance so that S = 0.5 computed as 0.5000000000000001 still counts as reached.
    const target = 1 - p / 100 + 1e-12;
    for (const step of steps) if (step.survival <= target) return step.t;
    return null;
  };
  return { steps, survivalAt, median: () => quantile(50), quantile };
}
