// Panel "Borough sign-off": a heat map table of each borough's median sign-off time per stage,
// slowest boroughs first.
import { runQuery } from "../graphql.js";
import { isAbort, panel } from "../panel.js";
import { escapeHtml, fmt, heatColour } from "../render.js";
import { metricFilter, UNIT_WORDS } from "../state.js";

/** Draws the borough sign-off heat map for the view `state`, boroughs named from `options`. */
export async function drawSignOff(state, signal, options) {
  const view = panel("panel-signoff");
  view.loading();
  try {
    const data = await runQuery("dashboard-sign-off", { filter: metricFilter(state), unit: state.unit }, { signal });
    const unit = UNIT_WORDS[state.unit];
    const cells = data.signOffTimes;
    const stages = [...new Set(cells.map((cell) => cell.stage))];
    const byBorough = new Map();
    for (const cell of cells) {
      if (!byBorough.has(cell.borough)) byBorough.set(cell.borough, new Map());
      byBorough.get(cell.borough).set(cell.stage, cell);
    }
    // Slowest first: by the borough's largest median over the stages it signed.
    const slowest = (byStage) => Math.max(...[...byStage.values()].map((cell) => cell.median ?? -Infinity));
    const boroughs = [...byBorough.entries()].sort((x, y) => slowest(y[1]) - slowest(x[1]));
    const maxMedian = Math.max(0, ...cells.map((cell) => cell.median ?? 0));
    const boroughName = (code) => (options.boroughs.find((borough) => borough.value === code) || { label: code }).label;

    const table = document.createElement("table");
    table.innerHTML = `<caption>Median sign-off time per borough and stage (${unit}), slowest boroughs first</caption>`;
    const head = table.createTHead().insertRow();
    head.innerHTML = `<th scope="col">Borough</th>` + stages.map((stage) => `<th scope="col">${escapeHtml(stage)}</th>`).join("") +
      `<th scope="col">Times last to sign</th>`;
    const body = table.createTBody();
    let points = 0;
    for (const [code, byStage] of boroughs) {
      const tr = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = boroughName(code);
      tr.append(th);
      let lastToSign = 0;
      for (const stage of stages) {
        const cell = byStage.get(stage);
        const td = tr.insertCell();
        if (!cell || cell.median == null) {
          td.className = "none";
          td.textContent = "—";
          td.title = `${boroughName(code)}, ${stage}: no sign-offs`;
          continue;
        }
        points++;
        lastToSign += cell.lastToSignCount ?? 0;
        td.textContent = fmt(cell.median);
        const { background, color } = heatColour(cell.median / (maxMedian || 1));
        td.style.background = background;
        td.style.color = color;
        td.title = `${boroughName(code)}, ${stage}: median ${fmt(cell.median)} ${unit} over ${cell.signedCount} sign-offs` +
          (cell.peerMedian != null ? `; peers' median ${fmt(cell.peerMedian)}` : "");
      }
      tr.insertCell().textContent = String(lastToSign);
    }
    view.table.replaceChildren(table, legend(maxMedian, unit));
    view.ready(points);
    if (points === 0) view.info("No borough sign-offs match these filters.");
  } catch (err) {
    if (isAbort(err)) return;
    view.table.replaceChildren();
    view.fail("borough sign-off times", err);
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
