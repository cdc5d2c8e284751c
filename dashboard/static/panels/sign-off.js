// Panel "Sign-off by organisation": a heat map table of each signing organisation's median sign-off
// time per stage, boroughs and partner organisations alike (partners tagged), slowest signers first,
// with the DPO-review split (submitted → review, review → sign-off) where a review is recorded.
import { runQuery } from "../graphql.js";
import { isAbort, panel } from "../panel.js";
import { fmt, heatColour } from "../render.js";
import { metricFilter, UNIT_WORDS } from "../state.js";

/** What each choice of signers shows, for the caption and the empty message. */
const SHOWN_WORDS = {
  all: { caption: "boroughs and partner organisations", none: "No sign-offs match these filters." },
  boroughs: { caption: "boroughs only", none: "No borough sign-offs match these filters." },
  partners: { caption: "partner organisations only", none: "No partner organisation sign-offs match these filters." },
};

/** The last answer drawn (so that choosing other signers needs no new request), or null. */
let last = null;
/** The signers on show: "all", "boroughs" or "partners". */
let showing = "all";

/** Draws the sign-off heat map for the view `state`, signers named from `options` (boroughs and organisations). */
export async function drawSignOff(state, signal, options) {
  const view = panel("panel-signoff");
  view.loading();
  showing = state.signers ?? "all";
  try {
    const data = await runQuery("dashboard-sign-off", { filter: metricFilter(state), unit: state.unit }, { signal });
    last = { cells: data.signOffTimes, options, unit: UNIT_WORDS[state.unit], borough: state.borough ?? null };
    render(view);
  } catch (err) {
    if (isAbort(err)) return;
    last = null;
    view.table.replaceChildren();
    view.fail("sign-off times", err);
  }
}

/** Shows other signers ("all", "boroughs", "partners") from the answer already drawn. */
export function showSigners(which) {
  showing = which;
  if (last) render(panel("panel-signoff"));
}

/** A signer's name: a borough's from the borough list, a partner's from the organisations list (else its code). */
function nameOf(options, signer) {
  const list = signer.isBorough ? options.boroughs : options.organisations ?? [];
  return (list.find((item) => item.value === signer.organisation) || { label: signer.organisation }).label;
}

function render(view) {
  const { cells, options, unit, borough } = last;
  // Columns and the colour scale come from every signer, so that they stay put when the choice changes.
  const stages = [...new Set(cells.map((cell) => cell.stage))];
  const maxMedian = Math.max(0, ...cells.map((cell) => cell.median ?? 0));
  const signers = new Map();
  for (const cell of cells) {
    if (!signers.has(cell.organisation)) signers.set(cell.organisation, { organisation: cell.organisation, isBorough: cell.isBorough, byStage: new Map() });
    signers.get(cell.organisation).byStage.set(cell.stage, cell);
  }
  // Slowest first: by the signer's largest median over the stages it signed (-1: none signed, last; the API's order on ties).
  const slowest = (signer) => Math.max(...[...signer.byStage.values()].map((cell) => cell.median ?? -1));
  const rows = [...signers.values()]
    .filter((signer) => showing === "all" || signer.isBorough === (showing === "boroughs"))
    .sort((x, y) => slowest(y) - slowest(x));

  const table = document.createElement("table");
  table.createCaption().textContent = `Median sign-off time per signer and stage (${unit}), slowest signers first: ${(SHOWN_WORDS[showing] ?? SHOWN_WORDS.all).caption}`;
  const head = table.createTHead().insertRow();
  for (const column of ["Signer", ...stages, "Times last to sign"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    head.append(th);
  }
  const body = table.createTBody();
  let points = 0;
  for (const signer of rows) {
    const name = nameOf(options, signer);
    const tr = body.insertRow();
    tr.dataset.signer = signer.organisation;
    const th = document.createElement("th");
    th.scope = "row";
    th.append(name);
    if (!signer.isBorough) {
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = "Partner";
      th.append(" ", tag);
    }
    tr.append(th);
    let lastToSign = 0;
    for (const stage of stages) {
      const cell = signer.byStage.get(stage);
      const td = tr.insertCell();
      lastToSign += cell?.lastToSignCount ?? 0;
      if (!cell || cell.median == null) {
        td.className = "none";
        td.textContent = "—";
        td.title = `${name}, ${stage}: no sign-offs`;
        continue;
      }
      points++;
      td.textContent = fmt(cell.median);
      const { background, color } = heatColour(cell.median / (maxMedian || 1));
      td.style.background = background;
      td.style.color = color;
      td.title = `${name}, ${stage}: median ${fmt(cell.median)} ${unit} over ${cell.signedCount} sign-offs` + (cell.peerMedian != null ? `; peers' median ${fmt(cell.peerMedian)}` : "");
      // The split only where a DPO review is recorded; a sign-off without one is never split by guess.
      if (cell.reviewedCount > 0) {
        const split = document.createElement("span");
        split.className = "split";
        const part = (text) => Object.assign(document.createElement("span"), { textContent: text });
        // Two unbreakable parts, so that a narrow cell breaks only between them.
        split.append(part(`review ${fmt(cell.reviewMedian)}`), " / ", part(`sign-off ${fmt(cell.afterReviewMedian)}`));
        td.append(" ", split);
        td.title += `; DPO review recorded on ${cell.reviewedCount} of ${cell.signedCount}: median ${fmt(cell.reviewMedian)} ${unit} from submission to the review, ${fmt(cell.afterReviewMedian)} from the review to the sign-off`;
      }
    }
    tr.insertCell().textContent = String(lastToSign);
  }
  view.table.replaceChildren(table, legend(maxMedian, unit));
  view.ready(points);
  if (points === 0) {
    // signOffTimes lists only the chosen borough when the borough filter is set: say so rather than imply partners never sign.
    const why = borough && showing === "partners" ? " With a borough chosen, only that borough's own sign-offs are listed." : "";
    view.info((SHOWN_WORDS[showing] ?? SHOWN_WORDS.all).none + why);
  }
}

/** The heat map's colour scale, 0 to the largest median (the table's numbers say the same). */
function legend(max, unit) {
  const div = document.createElement("div");
  div.className = "legend-scale";
  div.setAttribute("aria-hidden", "true");
  div.innerHTML = `<span>0</span><span class="bar"></span><span>${fmt(max)} ${unit}</span>`;
  return div;
}
