// The built-in dashboard. Reads its state (filters) from the page address, asks the hub's GraphQL
// API through the documents in dashboard/queries/, and draws each panel as a Chart.js chart with a
// table of the same numbers (the table is what a screen reader reads; the chart is for the eye).
import { ApiError, onExtensions, runQuery } from "./graphql.js";
import { renderTable, fmt, fmtInterval, setChart, describeChart, heatColour } from "./render.js";

const STATE_KEYS = ["from", "to", "tool", "practice", "borough", "unit", "a", "b"];
const DEFAULTS = { unit: "WORKING_DAYS", a: "tool:isg", b: "tool:manual" };
const UNIT_WORDS = { WORKING_DAYS: "working days", CALENDAR_DAYS: "calendar days" };

/** The view: filters and choices, as in the address bar (empty values left out). */
function readState() {
  const params = new URLSearchParams(location.search);
  const state = { ...DEFAULTS };
  for (const key of STATE_KEYS) {
    const v = params.get(key);
    if (v) state[key] = v;
  }
  if (!UNIT_WORDS[state.unit]) state.unit = DEFAULTS.unit;
  return state;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) {
    if (state[key] && state[key] !== DEFAULTS[key]) params.set(key, state[key]);
  }
  const q = params.toString();
  return `${location.pathname}${q ? `?${q}` : ""}`;
}

/** The MetricFilter of the page's filters; `override` replaces one dimension (for cohorts). */
function metricFilter(state, override) {
  const f = {};
  if (state.tool) f.tools = [state.tool];
  if (state.practice) f.practices = [state.practice];
  if (state.borough) f.boroughs = [state.borough];
  if (state.from) f.submittedFrom = state.from;
  if (state.to) f.submittedTo = state.to;
  if (override) Object.assign(f, override);
  return f;
}

/** "tool:isg" → { tools: ["isg"] }; "practice:x" → { practices: ["x"] }. */
function cohortFilter(spec) {
  const [kind, value] = String(spec).split(":");
  if (!value) return {};
  return kind === "practice" ? { practices: [value] } : { tools: [value] };
}

function cohortLabel(spec, options) {
  const [kind, value] = String(spec).split(":");
  const list = kind === "practice" ? options.practices : options.tools;
  const found = list.find((o) => o.value === value);
  return `${kind === "practice" ? "practice" : "tool"} ${found ? found.label : value}`;
}

const isoDay = (d) => d.toISOString().slice(0, 10);

/** The flow chart needs a date range: the period filter, or the three years to today. */
function flowRange(state) {
  const to = state.to || isoDay(new Date());
  let from = state.from;
  if (!from) {
    const d = new Date(`${to}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - 3);
    from = isoDay(d);
  }
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// Panels. Each one: set loading, fetch, draw; on failure show the reason in the panel's alert.

function panel(id) {
  const el = document.getElementById(id);
  return {
    el,
    status: el.querySelector(".status"),
    table: el.querySelector(".fallback .table") ?? el.querySelector(".table"),
    loading() {
      el.dataset.state = "loading";
      el.setAttribute("aria-busy", "true");
    },
    ready(points) {
      el.dataset.state = points > 0 ? "ready" : "empty";
      el.dataset.points = String(points);
      el.removeAttribute("aria-busy");
      this.status.textContent = "";
      this.status.classList.remove("info");
    },
    info(message) {
      this.status.classList.add("info");
      this.status.textContent = message;
    },
    fail(what, err) {
      el.dataset.state = "error";
      el.dataset.points = "0";
      el.removeAttribute("aria-busy");
      this.status.classList.remove("info");
      const reason = err instanceof ApiError || (err && err.message) ? err.message : String(err);
      this.status.textContent = `Could not load ${what}: ${reason}. Try again, or change the filters.`;
    },
  };
}

async function drawCycleTimes(state, signal) {
  const p = panel("panel-cycle");
  p.loading();
  try {
    const data = await runQuery("dashboard-cycle-times", { filter: metricFilter(state), unit: state.unit }, { signal });
    const rows = data.cycleTimes;
    const unit = UNIT_WORDS[state.unit];
    const labels = rows.map((r) => r.stage);
    const series = [
      { label: "p50 (median)", key: "median", colour: "#0b5cad" },
      { label: "p85", key: "p85", colour: "#e08a00" },
      { label: "p95", key: "p95", colour: "#b42318" },
    ];
    setChart("chart-cycle", {
      type: "bar",
      data: {
        labels,
        datasets: series.map((s) => ({ label: s.label, data: rows.map((r) => r[s.key]), backgroundColor: s.colour })),
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: unit } } } },
    });
    describeChart("chart-cycle", `Bar chart of time to approval per stage in ${unit}. ` +
      rows.map((r) => `${r.stage}: median ${fmt(r.median)}, p85 ${fmt(r.p85)}, p95 ${fmt(r.p95)}`).join("; ") + ".");
    renderTable(p.table, {
      caption: `Time to approval per stage (${unit})`,
      columns: ["Stage", "Submitted", "Approved", "Open", "Rejected", "Withdrawn", "p50", "p85", "p95", "Kaplan–Meier median"],
      rows: rows.map((r) => [r.stage, r.count, r.approvedCount, r.openCount, r.rejectedCount, r.withdrawnCount, fmt(r.median), fmt(r.p85), fmt(r.p95), fmt(r.kaplanMeierMedian)]),
    });
    const points = rows.filter((r) => r.median != null).length;
    p.ready(points);
    if (points === 0) p.info("No approved stages match these filters.");
  } catch (err) {
    if (err && err.name === "AbortError") return;
    setChart("chart-cycle", null);
    p.fail("time to approval", err);
  }
}

async function drawSignOff(state, signal, options) {
  const p = panel("panel-signoff");
  p.loading();
  try {
    const data = await runQuery("dashboard-sign-off", { filter: metricFilter(state), unit: state.unit }, { signal });
    const unit = UNIT_WORDS[state.unit];
    const cells = data.signOffTimes;
    const stages = [...new Set(cells.map((c) => c.stage))];
    const byBorough = new Map();
    for (const c of cells) {
      if (!byBorough.has(c.borough)) byBorough.set(c.borough, new Map());
      byBorough.get(c.borough).set(c.stage, c);
    }
    // Slowest first: by the borough's largest median over the stages it signed.
    const slowest = (m) => Math.max(...[...m.values()].map((c) => c.median ?? -Infinity));
    const boroughs = [...byBorough.entries()].sort((x, y) => slowest(y[1]) - slowest(x[1]));
    const max = Math.max(0, ...cells.map((c) => c.median ?? 0));
    const name = (code) => (options.boroughs.find((b) => b.value === code) || { label: code }).label;

    const table = document.createElement("table");
    table.innerHTML = `<caption>Median sign-off time per borough and stage (${unit}), slowest boroughs first</caption>`;
    const head = table.createTHead().insertRow();
    head.innerHTML = `<th scope="col">Borough</th>` + stages.map((s) => `<th scope="col">${escapeHtml(s)}</th>`).join("") +
      `<th scope="col">Times last to sign</th>`;
    const body = table.createTBody();
    let points = 0;
    for (const [code, m] of boroughs) {
      const tr = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = name(code);
      tr.append(th);
      let last = 0;
      for (const s of stages) {
        const c = m.get(s);
        const td = tr.insertCell();
        if (!c || c.median == null) {
          td.className = "none";
          td.textContent = "—";
          td.title = `${name(code)}, ${s}: no sign-offs`;
          continue;
        }
        points++;
        last += c.lastToSignCount ?? 0;
        td.textContent = fmt(c.median);
        const { background, color } = heatColour(c.median / (max || 1));
        td.style.background = background;
        td.style.color = color;
        td.title = `${name(code)}, ${s}: median ${fmt(c.median)} ${unit} over ${c.count} sign-offs` +
          (c.peerMedian != null ? `; peers' median ${fmt(c.peerMedian)}` : "");
      }
      tr.insertCell().textContent = String(last);
    }
    p.table.replaceChildren(table, legend(max, unit));
    p.ready(points);
    if (points === 0) p.info("No borough sign-offs match these filters.");
  } catch (err) {
    if (err && err.name === "AbortError") return;
    p.table.replaceChildren();
    p.fail("borough sign-off times", err);
  }
}

function legend(max, unit) {
  const div = document.createElement("div");
  div.className = "legend-scale";
  div.setAttribute("aria-hidden", "true");
  div.innerHTML = `<span>0</span><span class="bar"></span><span>${fmt(max)} ${unit}</span>`;
  return div;
}

async function drawCompare(state, signal, options, stages) {
  const p = panel("panel-compare");
  p.loading();
  try {
    const a = metricFilter(state, cohortFilter(state.a));
    const b = metricFilter(state, cohortFilter(state.b));
    const unit = UNIT_WORDS[state.unit];
    const results = await Promise.all(
      stages.map((stage) => runQuery("dashboard-compare", { stage, a, b, unit: state.unit }, { signal }).then((d) => d.compareCohorts)),
    );
    const aName = cohortLabel(state.a, options);
    const bName = cohortLabel(state.b, options);
    // Shown as baseline − cohort so "above zero" reads as "the cohort is faster", as in time saved.
    const rows = results.map((r) => ({
      stage: r.stage,
      aCount: r.a.approvedCount,
      bCount: r.b.approvedCount,
      aMedian: r.a.median,
      bMedian: r.b.median,
      diff: r.difference == null ? null : -r.difference,
      low: r.differenceHigh == null ? null : -r.differenceHigh,
      high: r.differenceLow == null ? null : -r.differenceLow,
      reason: r.reason,
    }));
    setChart("chart-compare", {
      type: "bar",
      data: {
        labels: rows.map((r) => r.stage),
        datasets: [
          { type: "bar", label: "95% interval", data: rows.map((r) => (r.low == null ? null : [r.low, r.high])), backgroundColor: "rgba(11,92,173,0.25)", borderColor: "#0b5cad", borderWidth: 1 },
          { type: "line", label: "difference of medians", data: rows.map((r) => r.diff), showLine: false, pointRadius: 6, pointStyle: "rectRot", backgroundColor: "#0b5cad", borderColor: "#0b5cad" },
        ],
      },
      options: { scales: { y: { title: { display: true, text: `${bName} median − ${aName} median (${unit})` } } } },
    });
    describeChart("chart-compare", `Chart of the difference of medians, ${bName} minus ${aName}, per stage in ${unit}. ` +
      rows.map((r) => `${r.stage}: ${r.diff == null ? r.reason || "no number" : `${fmt(r.diff)} (${fmtInterval(r.low, r.high)})`}`).join("; ") + ".");
    renderTable(p.table, {
      caption: `Cohort ${aName} against baseline ${bName} (${unit})`,
      columns: ["Stage", `Approved: ${aName}`, `Approved: ${bName}`, `Median: ${aName}`, `Median: ${bName}`, "Difference (baseline − cohort)", "95% interval", "Note"],
      rows: rows.map((r) => [r.stage, r.aCount, r.bCount, fmt(r.aMedian), fmt(r.bMedian), fmt(r.diff), fmtInterval(r.low, r.high), r.reason ?? ""]),
    });
    const points = rows.filter((r) => r.diff != null).length;
    p.ready(points);
    if (points === 0) p.info(`No stage has approved stages on both sides (${aName}, ${bName}) with these filters.`);
  } catch (err) {
    if (err && err.name === "AbortError") return;
    setChart("chart-compare", null);
    p.fail("the cohort comparison", err);
  }
}

async function drawFlow(state, signal) {
  const p = panel("panel-flow");
  p.loading();
  try {
    const { from, to } = flowRange(state);
    const data = await runQuery("dashboard-flow", { filter: metricFilter(state), from, to }, { signal });
    const flow = data.flow;
    const labels = flow.intervals.map((i) => i.label);
    const stageNames = flow.stages.map((s) => s.stage);
    const palette = ["#0b5cad", "#2f9e44", "#e08a00", "#b42318", "#6f42c1", "#0c8599"];
    setChart("chart-cfd", {
      type: "line",
      data: {
        labels,
        datasets: flow.stages.flatMap((s, i) => [
          { label: `${s.stage} submitted`, data: s.points.map((pt) => pt.cumulativeSubmitted), borderColor: palette[i % palette.length], borderDash: [4, 3], pointRadius: 0 },
          { label: `${s.stage} approved`, data: s.points.map((pt) => pt.cumulativeApproved), borderColor: palette[i % palette.length], pointRadius: 0 },
        ]),
      },
      options: { plugins: { title: { display: true, text: "Cumulative flow" }, legend: { labels: { boxWidth: 10, font: { size: 10 } } } }, scales: { y: { beginAtZero: true, title: { display: true, text: "stages" } } } },
    });
    setChart("chart-throughput", {
      type: "bar",
      data: {
        labels,
        datasets: flow.stages.map((s, i) => ({ label: s.stage, data: s.points.map((pt) => pt.throughput), backgroundColor: palette[i % palette.length] })),
      },
      options: { plugins: { title: { display: true, text: "Throughput (approved per month)" } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
    const ageing = flow.stages.map((s) => s.openAges ?? []);
    setChart("chart-ageing", {
      type: "bar",
      data: {
        labels: stageNames,
        datasets: [
          { label: "median age of open items", data: ageing.map((a) => quantile(a, 0.5)), backgroundColor: "#0b5cad" },
          { label: "oldest open item", data: ageing.map((a) => (a.length ? Math.max(...a) : null)), backgroundColor: "#b42318" },
        ],
      },
      options: { plugins: { title: { display: true, text: `Ages of open items on ${to} (calendar days)` } }, scales: { y: { beginAtZero: true } } },
    });
    describeChart("chart-cfd", `Cumulative flow from ${from} to ${to}: ` +
      flow.stages.map((s) => { const last = s.points[s.points.length - 1] || {}; return `${s.stage} ${last.cumulativeSubmitted ?? 0} submitted, ${last.cumulativeApproved ?? 0} approved`; }).join("; ") + ".");
    describeChart("chart-throughput", `Throughput: stages approved per interval from ${from} to ${to}, ` +
      `${flow.stages.reduce((n, s) => n + s.points.reduce((m, pt) => m + pt.throughput, 0), 0)} in all.`);
    describeChart("chart-ageing", `Ages of open items on ${to}: ` +
      flow.stages.map((s, i) => `${s.stage} ${ageing[i].length} open, median age ${fmt(quantile(ageing[i], 0.5))}`).join("; ") + ".");
    const flowTable = document.createElement("div");
    renderTable(flowTable, {
      caption: "Cumulative flow and throughput per interval",
      columns: ["Interval", ...flow.stages.flatMap((s) => [`${s.stage} submitted (cum.)`, `${s.stage} approved (cum.)`, `${s.stage} approved in interval`, `${s.stage} in progress at end`])],
      rows: labels.map((label, k) => [label, ...flow.stages.flatMap((s) => { const pt = s.points[k]; return [pt.cumulativeSubmitted, pt.cumulativeApproved, pt.throughput, pt.wip]; })]),
    });
    const ageTable = document.createElement("div");
    renderTable(ageTable, {
      caption: `Open items on ${to} (ages in calendar days)`,
      columns: ["Stage", "Open", "Median age", "Oldest"],
      rows: flow.stages.map((s, i) => [s.stage, ageing[i].length, fmt(quantile(ageing[i], 0.5)), ageing[i].length ? fmt(Math.max(...ageing[i])) : "—"]),
    });
    p.table.replaceChildren(flowTable, ageTable);
    const points = flow.stages.reduce((n, s) => n + s.points.filter((pt) => pt.cumulativeSubmitted > 0).length, 0);
    p.ready(points);
    if (points === 0) p.info(`Nothing was submitted between ${from} and ${to} with these filters.`);
  } catch (err) {
    if (err && err.name === "AbortError") return;
    for (const id of ["chart-cfd", "chart-throughput", "chart-ageing"]) setChart(id, null);
    p.fail("the flow", err);
  }
}

async function drawTimeSaved(state, signal, options) {
  const p = panel("panel-saved");
  p.loading();
  const headline = p.el.querySelector(".headline");
  try {
    const cohort = metricFilter(state, cohortFilter(state.a));
    const baseline = metricFilter(state, cohortFilter(state.b));
    const data = await runQuery("dashboard-time-saved", { cohort, baseline }, { signal });
    const r = data.timeSaved;
    const aName = cohortLabel(state.a, options);
    const bName = cohortLabel(state.b, options);
    if (r.total == null) {
      headline.innerHTML = `No time-saved figure for ${escapeHtml(aName)} against ${escapeHtml(bName)}<small>${escapeHtml(r.reason ?? "the data cannot support a claim")}</small>`;
    } else {
      headline.innerHTML = `${escapeHtml(aName)} saved ${fmt(r.total)} working days against ${escapeHtml(bName)}` +
        `<small>95% interval ${escapeHtml(fmtInterval(r.totalLow, r.totalHigh))} working days, over ${r.stagesCounted} stage${r.stagesCounted === 1 ? "" : "s"} with enough data</small>`;
    }
    const rows = r.stages;
    setChart("chart-saved", {
      type: "bar",
      data: {
        labels: rows.map((s) => s.stage),
        datasets: [
          { type: "bar", label: "95% interval", data: rows.map((s) => (s.savedLow == null ? null : [s.savedLow, s.savedHigh])), backgroundColor: "rgba(47,158,68,0.25)", borderColor: "#2f9e44", borderWidth: 1 },
          { type: "line", label: "time saved", data: rows.map((s) => s.saved), showLine: false, pointRadius: 6, pointStyle: "rectRot", backgroundColor: "#2f9e44", borderColor: "#2f9e44" },
        ],
      },
      options: { scales: { y: { title: { display: true, text: "working days saved" } } } },
    });
    describeChart("chart-saved", `Chart of time saved per stage in working days, ${aName} against ${bName}. ` +
      rows.map((s) => `${s.stage}: ${s.saved == null ? s.reason : `${fmt(s.saved)} (${fmtInterval(s.savedLow, s.savedHigh)})`}`).join("; ") + ".");
    renderTable(p.table, {
      caption: `Time saved by ${aName} against ${bName} (working days)`,
      columns: ["Stage", `Approved: ${aName}`, `Approved: ${bName}`, `Median: ${aName}`, `Median: ${bName}`, "Saved per stage", "Time saved", "95% interval", "Note"],
      rows: rows.map((s) => [s.stage, s.cohortApproved, s.baselineApproved, fmt(s.cohortMedian), fmt(s.baselineMedian), fmt(s.savedPerStage), fmt(s.saved), fmtInterval(s.savedLow, s.savedHigh), s.reason ?? ""]),
    });
    // A reasoned "no number" is data too: the headline says why.
    p.ready(rows.length);
  } catch (err) {
    if (err && err.name === "AbortError") return;
    headline.textContent = "";
    setChart("chart-saved", null);
    p.fail("time saved", err);
  }
}

function quantile(values, q) {
  if (!values || values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---------------------------------------------------------------------------------------------
// Filters, options and the dataset label.

const form = document.getElementById("filters");

function fillSelect(select, options, keepFirst = true) {
  const first = keepFirst ? select.options[0] : null;
  select.replaceChildren(...(first ? [first] : []));
  for (const o of options) select.add(new Option(o.label, o.value));
}

function cohortOptions(options) {
  return [
    ...options.tools.map((t) => ({ value: `tool:${t.value}`, label: `Tool: ${t.label}` })),
    ...options.practices.map((p) => ({ value: `practice:${p.value}`, label: `Practice: ${p.label}` })),
  ];
}

function writeForm(state) {
  form.elements.from.value = state.from ?? "";
  form.elements.to.value = state.to ?? "";
  for (const key of ["tool", "practice", "borough", "a", "b"]) {
    const sel = form.elements[key];
    const want = state[key] ?? "";
    // A value from a shared link that this data set lacks is still shown (and queried), not dropped.
    if (want && ![...sel.options].some((o) => o.value === want)) sel.add(new Option(want, want));
    sel.value = want;
  }
  for (const radio of form.querySelectorAll("input[name=unit]")) radio.checked = radio.value === state.unit;
  document.getElementById("share-link").href = stateUrl(state);
}

function readForm() {
  const state = {};
  for (const key of STATE_KEYS) {
    const el = form.elements[key];
    const v = el instanceof RadioNodeList ? el.value : el && el.value;
    if (v) state[key] = v;
  }
  return { ...DEFAULTS, ...state };
}

const labelDataset = (info) => {
  const banner = document.getElementById("dataset-banner");
  if (!info || !info.synthetic) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  banner.textContent = `Synthetic data (${info.kind ?? "demo"} set): these numbers are made up to show the hub working. They say nothing about any real borough.`;
};

onExtensions((ext) => {
  if (ext && ext.dataset) labelDataset(ext.dataset);
});

async function loadOptions() {
  const data = await runQuery("dashboard-options", {});
  labelDataset(data.dataset);
  return {
    tools: data.tools.map((t) => ({ value: t.slug, label: t.name })),
    practices: data.practices.map((p) => ({ value: p.slug, label: p.name })),
    boroughs: data.boroughs.map((b) => ({ value: b.code, label: b.name })),
    stages: data.stages,
  };
}

let controller = null;
let options = { tools: [], practices: [], boroughs: [], stages: [] };

/** Draws every panel for the state in the address bar; a newer draw cancels an older one. */
async function drawAll() {
  const state = readState();
  writeForm(state);
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  document.body.dataset.busy = "true";
  await Promise.all([
    drawCycleTimes(state, signal),
    drawSignOff(state, signal, options),
    drawCompare(state, signal, options, options.stages),
    drawFlow(state, signal),
    drawTimeSaved(state, signal, options),
  ]);
  if (!signal.aborted) document.body.dataset.busy = "false";
}

function navigate(state) {
  history.pushState(null, "", stateUrl(state));
  void drawAll();
}

form.addEventListener("change", () => navigate(readForm()));
form.addEventListener("submit", (e) => e.preventDefault());
document.getElementById("f-reset").addEventListener("click", () => navigate({ ...DEFAULTS }));
window.addEventListener("popstate", () => void drawAll());

async function start() {
  try {
    options = await loadOptions();
  } catch (err) {
    // Without the option lists the filters still work from the address; each panel reports its own failure.
    const banner = document.getElementById("dataset-banner");
    banner.hidden = false;
    banner.textContent = `Could not load the filter choices: ${err.message}.`;
    banner.setAttribute("role", "alert");
  }
  fillSelect(form.elements.tool, options.tools);
  fillSelect(form.elements.practice, options.practices);
  fillSelect(form.elements.borough, options.boroughs);
  fillSelect(form.elements.a, cohortOptions(options), false);
  fillSelect(form.elements.b, cohortOptions(options), false);
  await drawAll();
}

void start();
