// The built-in dashboard. Reads its state (filters) from the page address, asks the hub's GraphQL
// API through the documents in dashboard/queries/, and draws each panel (panels/*.js) as a
// Chart.js chart with a table of the same numbers (the table is what a screen reader reads; the
// chart is for the eye). This module wires the page: the panels, the filter form, the API key.
import { getApiKey, onExtensions, setApiKey } from "./graphql.js";
import { fillChoices, form, labelDataset, loadOptions, readForm, showOptionsError, writeForm } from "./filters.js";
import { drawCompare } from "./panels/compare.js";
import { drawCycleTimes } from "./panels/cycle-times.js";
import { drawFlow } from "./panels/flow.js";
import { drawNow } from "./panels/now.js";
import { drawSignOff, showSigners } from "./panels/sign-off.js";
import { drawTimeSaved } from "./panels/time-saved.js";
import { DEFAULTS, readState, stateUrl } from "./state.js";

const NO_OPTIONS = { tools: [], practices: [], boroughs: [], organisations: [], stages: [] };

let controller = null;
let options = NO_OPTIONS;
/** Why the filter choices could not be loaded (the comparison needs the stage list), or null. */
let optionsError = null;

onExtensions((extensions) => {
  if (extensions && extensions.dataset) labelDataset(extensions.dataset);
});

/** Loads the filter choices (tools, practices, boroughs, stages); on failure says so and leaves the address's filters working. */
async function ensureOptions() {
  if (!optionsError && options.stages.length) return;
  try {
    options = await loadOptions();
    optionsError = null;
  } catch (err) {
    optionsError = err;
    showOptionsError(err);
    return;
  }
  fillChoices(options);
}

/** Draws every panel for the state in the address bar; a newer draw cancels an older one. */
async function drawAll() {
  // Busy from the first moment of a redraw (loading the filter choices included), so nothing,
  // a test or an assistive tool, mistakes the previous, settled page for the new one.
  document.body.dataset.busy = "true";
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  await ensureOptions();
  if (signal.aborted) return;
  const state = readState();
  writeForm(state);
  await Promise.all([
    drawCycleTimes(state, signal),
    drawSignOff(state, signal, options),
    drawCompare(state, signal, options, optionsError),
    drawFlow(state, signal),
    drawTimeSaved(state, signal, options),
    drawNow(state, signal),
  ]);
  if (!signal.aborted) document.body.dataset.busy = "false";
}

function navigate(state) {
  history.pushState(null, "", stateUrl(state));
  void drawAll();
}

form.addEventListener("change", () => navigate(readForm()));
// The sign-off panel's choice of signers (boroughs, partners, all) only filters the rows it has:
// kept in the address like a filter, without asking the hub again.
document.getElementById("signers").addEventListener("change", () => {
  const state = readForm();
  history.pushState(null, "", stateUrl(state));
  writeForm(state);
  showSigners(state.signers);
});
form.addEventListener("submit", (e) => e.preventDefault());
document.getElementById("f-reset").addEventListener("click", () => navigate({ ...DEFAULTS }));
window.addEventListener("popstate", () => void drawAll());

const keyForm = document.getElementById("key-form");
const keyState = document.getElementById("key-state");
const showKeyState = () => (keyState.textContent = getApiKey() ? "A key is in use." : "No key: reading anonymously.");
keyForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const key = keyForm.elements.key.value.trim();
  setApiKey(key || null);
  keyForm.elements.key.value = "";
  showKeyState();
  options = NO_OPTIONS; // reload the choices with the new key
  void drawAll();
});
document.getElementById("f-key-clear").addEventListener("click", () => {
  setApiKey(null);
  showKeyState();
  void drawAll();
});
showKeyState();

void drawAll();
