// The view's state: the filters and cohort choices, kept in the page address so that a link opens
// the same view.

export const STATE_KEYS = ["from", "to", "tool", "practice", "borough", "unit", "a", "b", "signers"];
/** Cohorts `a` and `b` are written in the CLI's cohort grammar (cohort-spec.js): tool=isg. */
export const DEFAULTS = { unit: "WORKING_DAYS", a: "tool=isg", b: "tool=manual", signers: "all" };
export const UNIT_WORDS = { WORKING_DAYS: "working days", CALENDAR_DAYS: "calendar days" };
/** Which signers the sign-off heat map shows (a display choice: the query is the same). */
export const SIGNERS = ["all", "boroughs", "partners"];

/** The view: filters and choices, as in the address bar (empty values left out). */
export function readState() {
  const params = new URLSearchParams(location.search);
  const state = { ...DEFAULTS };
  for (const key of STATE_KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  if (!UNIT_WORDS[state.unit]) state.unit = DEFAULTS.unit;
  if (!SIGNERS.includes(state.signers)) state.signers = DEFAULTS.signers;
  return state;
}

/** The page address of a view (defaults left out). */
export function stateUrl(state) {
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) {
    if (state[key] && state[key] !== DEFAULTS[key]) params.set(key, state[key]);
  }
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

/** The MetricFilter of the page's filters; `override` replaces whole dimensions (for cohorts). */
export function metricFilter(state, override) {
  const filter = {};
  if (state.tool) filter.tools = [state.tool];
  if (state.practice) filter.practices = [state.practice];
  if (state.borough) filter.boroughs = [state.borough];
  if (state.from) filter.submittedFrom = state.from;
  if (state.to) filter.submittedTo = state.to;
  if (override) Object.assign(filter, override);
  return filter;
}
