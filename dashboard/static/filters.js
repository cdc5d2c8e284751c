// The filter form: its choices (tools, practices, boroughs, cohorts) from the hub, the dataset
// label, and the form read from and written to the view's state.
import { runQuery } from "./graphql.js";
import { cohortChoices } from "./cohorts.js";
import { DEFAULTS, STATE_KEYS, stateUrl } from "./state.js";

export const form = document.getElementById("filters");
const banner = document.getElementById("dataset-banner");

/** The filter choices: tools, practices, boroughs and partner organisations by name, and the default process's stages. */
export async function loadOptions() {
  const data = await runQuery("dashboard-options", {});
  labelDataset(data.dataset);
  const byName = (x, y) => x.label.localeCompare(y.label);
  return {
    tools: data.tools.edges.map((edge) => ({ value: edge.node.slug, label: edge.node.name })).sort(byName),
    practices: data.practices.map((practice) => ({ value: practice.slug, label: practice.name })).sort(byName),
    boroughs: data.boroughs.edges.map((edge) => ({ value: edge.node.code, label: edge.node.name })).sort(byName),
    organisations: data.organisations.edges.map((edge) => ({ value: edge.node.slug, label: edge.node.name })).sort(byName),
    stages: data.stages.map((stage) => stage.code),
  };
}

/** Says, above the panels, that the numbers come from synthetic data (and hides the banner otherwise). */
export function labelDataset(info) {
  if (!info || !info.synthetic) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  banner.textContent = `Synthetic data (${String(info.kind ?? "demo").toLowerCase()} set): these numbers are generated to show the hub working. They say nothing about any real borough, tool or initiative.`;
}

/** Says that the filter choices could not be loaded (the filters in the address still work). */
export function showOptionsError(err) {
  banner.hidden = false;
  banner.textContent = `Could not load the filter choices: ${err.message}.`;
  banner.setAttribute("role", "alert");
}

function fillSelect(select, options, keepFirst = true) {
  const first = keepFirst ? select.options[0] : null;
  select.replaceChildren(...(first ? [first] : []));
  for (const option of options) select.add(new Option(option.label, option.value));
}

/** Puts the loaded choices into the form's selects. */
export function fillChoices(options) {
  banner.setAttribute("role", "status");
  fillSelect(form.elements.tool, options.tools);
  fillSelect(form.elements.practice, options.practices);
  fillSelect(form.elements.borough, options.boroughs);
  fillSelect(form.elements.a, cohortChoices(options), false);
  fillSelect(form.elements.b, cohortChoices(options), false);
}

/** Shows `state` in the form and in the "Link to this view" address. */
export function writeForm(state) {
  form.elements.from.value = state.from ?? "";
  form.elements.to.value = state.to ?? "";
  for (const key of ["tool", "practice", "borough", "a", "b"]) {
    const select = form.elements[key];
    const wanted = state[key] ?? "";
    // A value from a shared link that this data set lacks is still shown (and queried), not dropped.
    if (wanted && ![...select.options].some((option) => option.value === wanted)) select.add(new Option(wanted, wanted));
    select.value = wanted;
  }
  for (const radio of form.querySelectorAll("input[name=unit]")) radio.checked = radio.value === state.unit;
  // The sign-off panel's signers choice belongs to the form (form="filters") but sits in its panel.
  for (const radio of document.querySelectorAll("input[name=signers]")) radio.checked = radio.value === state.signers;
  document.getElementById("share-link").href = stateUrl(state);
}

/** The state the form shows. */
export function readForm() {
  const state = {};
  for (const key of STATE_KEYS) {
    const el = form.elements[key];
    const value = el instanceof RadioNodeList ? el.value : el && el.value;
    if (value) state[key] = value;
  }
  return { ...DEFAULTS, ...state };
}
