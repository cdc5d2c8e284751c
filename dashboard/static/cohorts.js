// The comparison's cohort (a) and baseline (b), written in the hub's one cohort grammar,
// `key=value[,key=value]` (report/cohort-spec.mjs, served as cohort-spec.js): the text the CLI's
// `report time-saved --cohort/--baseline` takes. The page shows people the tools' names instead.
import { formatCohortSpec, parseCohortSpec } from "./cohort-spec.js";
import { metricFilter } from "./state.js";

/**
 * The MetricFilters of the view's cohort and baseline: the page's filters with the dimensions
 * each cohort names replaced. Throws CohortSpecError (naming "Cohort" or "Baseline") when a
 * cohort from the address is not in the grammar; the panel shows its message.
 */
export function cohortFilters(state) {
  return {
    cohort: metricFilter(state, parseCohortSpec("Cohort", state.a)),
    baseline: metricFilter(state, parseCohortSpec("Baseline", state.b)),
  };
}

/**
 * A cohort in words: "Information Sharing Gateway (ISG)" for tool=isg, "initiatives using Common
 * DPIA template" for practice=common-dpia-template; a cohort of several keys joins its parts with
 * ", ". A value the choices do not know is shown as it is; `spec` is one cohortFilters read.
 */
export function cohortName(spec, options) {
  const filter = parseCohortSpec("cohort", spec);
  const names = (list, values) => values.map((value) => (list.find((choice) => choice.value === value) ?? { label: value }).label).join(" or ");
  const parts = [];
  if (filter.tools) parts.push(names(options.tools, filter.tools));
  if (filter.practices) parts.push(`initiatives using ${names(options.practices, filter.practices)}`);
  if (filter.boroughs) parts.push(`initiatives in ${names(options.boroughs, filter.boroughs)}`);
  if (filter.stages) parts.push(`stage ${filter.stages.join(" or ")}`);
  return parts.join(", ");
}

/** The cohort select's choices: every tool, then every practice, as cohort-spec values. */
export function cohortChoices(options) {
  return [
    ...options.tools.map((tool) => ({ value: formatCohortSpec({ tools: [tool.value] }), label: `Tool: ${tool.label}` })),
    ...options.practices.map((practice) => ({ value: formatCohortSpec({ practices: [practice.value] }), label: `Practice: ${practice.label}` })),
  ];
}
