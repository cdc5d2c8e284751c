// The built-in dashboard. Reads its state (filters) from the page address, asks the hub's GraphQL
// API through the documents in dashboard/queries/, and draws each panel as a Chart.js chart with a
// table of the same numbers (the table is what a screen reader reads; the chart is for the eye).
import { ApiError, getApiKey, onExtensions, runQuery, setApiKey } from "./graphql.js";
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

/** "Information Sharing Gateway (ISG)" for a tool, "initiatives using Common DPIA template" for a practice. */
function cohortLabel(spec, options) {
  const [kind, value] = String(spec).split(":");
  const list = kind === "practice" ? options.practices : options.tools;
  const found = list.find((o) => o.value === value);
  const name = found ? found.label : value;
  return kind === "practice" ? `initiatives using ${name}` : name;
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
        td.title = `${name(code)}, ${s}: median ${fmt(c.median)} ${unit} over ${c.signedCount} sign-offs` +
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
    if (stages.length === 0 && optionsError) throw optionsError;
    const results = await Promise.all(
      stages.map((stage) => runQuery("dashboard-compare", { stage, a, b, unit: state.unit }, { signal }).then((d) => d.compareCohorts)),
    );
    const aName = cohortLabel(state.a, options);
    const bName = cohortLabel(state.b, options);
    // compareCohorts answers median(b) − median(a) = baseline − cohort: above zero, the cohort is faster.
    const rows = results.map((r) => ({
      stage: r.stage,
      aCount: r.a.approvedCount,
      bCount: r.b.approvedCount,
      aMedian: r.a.median,
      bMedian: r.b.median,
      diff: r.difference,
      low: r.low,
      high: r.high,
      reason: r.difference == null ? `no approved ${r.stage} stages on ${r.a.approvedCount === 0 ? "the cohort's" : "the baseline's"} side` : null,
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
      options: { scales: { y: { title: { display: true, text: `baseline − cohort median (${unit})` } } } },
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
    const labels = flow.points.map((pt) => pt.label);
    const palette = ["#0b5cad", "#2f9e44", "#e08a00", "#b42318", "#6f42c1", "#0c8599"];
    setChart("chart-cfd", {
      type: "line",
      data: {
        labels,
        datasets: flow.stages.flatMap((s, i) => [
          { label: s.stage, data: s.points.map((pt) => pt.approved), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 0, borderWidth: 2 },
          { label: `${s.stage} submitted`, data: s.points.map((pt) => pt.submitted), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderDash: [4, 3], pointRadius: 0, borderWidth: 1.5 },
        ]),
      },
      options: {
        // One legend entry per stage (its colour); the title says which line is which.
        plugins: { title: { display: true, text: "Cumulative flow: approved (solid), submitted (dashed)" }, legend: { labels: { boxWidth: 10, font: { size: 10 }, filter: (item) => !item.text.endsWith(" submitted") } } },
        scales: { y: { beginAtZero: true, title: { display: true, text: "stages (cumulative)" } } },
      },
    });
    setChart("chart-throughput", {
      type: "bar",
      data: {
        labels,
        datasets: [
          { type: "bar", label: "approved (throughput)", data: flow.points.map((pt) => pt.throughput), backgroundColor: "#2f9e44" },
          { type: "bar", label: "submitted", data: flow.points.map((pt) => pt.arrivals), backgroundColor: "#9ec5fe" },
          { type: "line", label: "in progress at end", data: flow.points.map((pt) => pt.wip), borderColor: "#b42318", backgroundColor: "#b42318", pointRadius: 0, yAxisID: "wip" },
        ],
      },
      options: {
        plugins: { title: { display: true, text: `Throughput and work in progress per ${flow.interval.toLowerCase()}` } },
        scales: { y: { beginAtZero: true, title: { display: true, text: "stages" } }, wip: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "in progress" } } },
      },
    });
    const open = flow.openItems;
    const working = state.unit === "WORKING_DAYS";
    const ageOf = (o) => (working ? o.ageWorkingDays : o.ageDays);
    const unit = UNIT_WORDS[state.unit];
    setChart("chart-ageing", {
      type: "bar",
      data: {
        labels: open.oldest.map((o) => `${o.stage} · ${o.initiativeId}`),
        datasets: [{ label: `age (${unit})`, data: open.oldest.map(ageOf), backgroundColor: open.oldest.map((o) => palette[Math.max(0, flow.stages.findIndex((s) => s.stage === o.stage)) % palette.length]) }],
      },
      options: {
        indexAxis: "y",
        plugins: { title: { display: true, text: `Oldest open items on ${isoDay(new Date(open.asOf))} (${open.count} open)` }, legend: { display: false } },
        scales: { x: { beginAtZero: true, title: { display: true, text: unit } }, y: { ticks: { font: { size: 9 } } } },
      },
    });
    const last = (s) => s.points[s.points.length - 1] || { submitted: 0, approved: 0, inProgress: 0 };
    describeChart("chart-cfd", `Cumulative flow from ${from} to ${to}: ` +
      flow.stages.map((s) => `${s.stage} ${last(s).submitted} submitted, ${last(s).approved} approved`).join("; ") + ".");
    describeChart("chart-throughput", `Throughput from ${from} to ${to}: ${flow.points.reduce((n, pt) => n + pt.throughput, 0)} stages approved, ` +
      `${flow.points.reduce((n, pt) => n + pt.arrivals, 0)} submitted; ${flow.points.length ? flow.points[flow.points.length - 1].wip : 0} in progress at the end.`);
    describeChart("chart-ageing", `${open.count} open items: median age ${fmt(open.medianAgeDays)} calendar days (${fmt(open.medianAgeWorkingDays)} working days), ` +
      `p85 ${fmt(open.p85AgeDays)}, oldest ${fmt(open.maxAgeDays)} calendar days.`);
    const perInterval = document.createElement("div");
    renderTable(perInterval, {
      caption: `Throughput and work in progress per ${flow.interval.toLowerCase()}`,
      columns: ["Interval", "Submitted", "Approved (throughput)", "Rejected or withdrawn", "In progress at end"],
      rows: flow.points.map((pt) => [pt.label, pt.arrivals, pt.throughput, pt.closedOther, pt.wip]),
    });
    const cumulative = document.createElement("div");
    renderTable(cumulative, {
      caption: "Cumulative flow per stage (at each interval end)",
      columns: ["Interval", ...flow.stages.flatMap((s) => [`${s.stage} submitted`, `${s.stage} approved`, `${s.stage} in progress`])],
      rows: labels.map((label, k) => [label, ...flow.stages.flatMap((s) => { const pt = s.points[k] || {}; return [pt.submitted, pt.approved, pt.inProgress]; })]),
    });
    const ageing = document.createElement("div");
    renderTable(ageing, {
      caption: `Oldest open items (${open.count} open; median age ${fmt(open.medianAgeDays)} calendar days, ${fmt(open.medianAgeWorkingDays)} working days)`,
      columns: ["Initiative", "Stage", "Submitted", "Age (calendar days)", "Age (working days)"],
      rows: open.oldest.map((o) => [o.initiativeId, o.stage, String(o.submittedAt).slice(0, 10), fmt(o.ageDays), fmt(o.ageWorkingDays)]),
    });
    p.table.replaceChildren(perInterval, cumulative, ageing);
    const points = flow.points.filter((pt) => pt.arrivals > 0 || pt.throughput > 0 || pt.wip > 0).length;
    p.ready(points);
    if (points === 0) p.info(`Nothing was in progress between ${from} and ${to} with these filters.`);
  } catch (err) {
    if (err && err.name === "AbortError") return;
    for (const id of ["chart-cfd", "chart-throughput", "chart-ageing"]) setChart(id, null);
    p.table.replaceChildren();
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
      headline.innerHTML = `${escapeHtml(aName)} ${r.total >= 0 ? "saved" : "cost"} ${big(Math.abs(r.total))} working days against ${escapeHtml(bName)}` +
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

/** A headline number: thousands separated, at most one decimal. */
function big(v) {
  return v.toLocaleString("en-GB", { maximumFractionDigits: 1 });
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
  banner.textContent = `Synthetic data (${String(info.kind ?? "demo").toLowerCase()} set): these numbers are generated to show the hub working. They say nothing about any real borough, tool or initiative.`;
};

onExtensions((ext) => {
  if (ext && ext.dataset) labelDataset(ext.dataset);
});

async function loadOptions() {
  const data = await runQuery("dashboard-options", {});
  labelDataset(data.dataset);
  const byName = (x, y) => x.label.localeCompare(y.label);
  return {
    tools: data.tools.edges.map((e) => ({ value: e.node.slug, label: e.node.name })).sort(byName),
    practices: data.practices.map((p) => ({ value: p.slug, label: p.name })).sort(byName),
    boroughs: data.boroughs.edges.map((e) => ({ value: e.node.code, label: e.node.name })).sort(byName),
    stages: data.stages.map((s) => s.code),
  };
}

let controller = null;
let options = { tools: [], practices: [], boroughs: [], stages: [] };
/** Why the filter choices could not be loaded (the comparison needs the stage list), or null. */
let optionsError = null;

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

const keyForm = document.getElementById("key-form");
const keyState = document.getElementById("key-state");
const showKeyState = () => (keyState.textContent = getApiKey() ? "A key is in use." : "No key: reading anonymously.");
keyForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const key = keyForm.elements.key.value.trim();
  setApiKey(key || null);
  keyForm.elements.key.value = "";
  showKeyState();
  options = { tools: [], practices: [], boroughs: [], stages: [] }; // reload the choices with the new key
  void drawAll();
});
document.getElementById("f-key-clear").addEventListener("click", () => {
  setApiKey(null);
  showKeyState();
  void drawAll();
});
showKeyState();
form.addEventListener("submit", (e) => e.preventDefault());
document.getElementById("f-reset").addEventListener("click", () => navigate({ ...DEFAULTS }));
window.addEventListener("popstate", () => void drawAll());

/** Loads the filter choices (tools, practices, boroughs, stages); on failure says so and leaves the address's filters working. */
async function ensureOptions() {
  if (!optionsError && options.stages.length) return;
  const banner = document.getElementById("dataset-banner");
  try {
    options = await loadOptions();
    optionsError = null;
  } catch (err) {
    optionsError = err;
    banner.hidden = false;
    banner.textContent = `Could not load the filter choices: ${err.message}.`;
    banner.setAttribute("role", "alert");
    return;
  }
  banner.setAttribute("role", "status");
  fillSelect(form.elements.tool, options.tools);
  fillSelect(form.elements.practice, options.practices);
  fillSelect(form.elements.borough, options.boroughs);
  fillSelect(form.elements.a, cohortOptions(options), false);
  fillSelect(form.elements.b, cohortOptions(options), false);
}

void drawAll();
