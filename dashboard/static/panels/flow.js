// Panel "Flow": cumulative flow, throughput and work in progress per month, and the oldest open
// items, over the period filter or the three years to today.
import { runQuery } from "../graphql.js";
import { isAbort, panel } from "../panel.js";
import { describeChart, fmt, initiativeHref, renderTable, setChart } from "../render.js";
import { metricFilter, UNIT_WORDS } from "../state.js";

const isoDay = (date) => date.toISOString().slice(0, 10);

/** The flow chart needs a date range: the period filter, or the three years to today. */
function flowRange(state) {
  const to = state.to || isoDay(new Date());
  let from = state.from;
  if (!from) {
    const threeYearsBefore = new Date(`${to}T00:00:00Z`);
    threeYearsBefore.setUTCFullYear(threeYearsBefore.getUTCFullYear() - 3);
    from = isoDay(threeYearsBefore);
  }
  return { from, to };
}

/** Draws the flow charts and the oldest open items for the view `state`. */
export async function drawFlow(state, signal) {
  const view = panel("panel-flow");
  view.loading();
  try {
    const { from, to } = flowRange(state);
    const data = await runQuery("dashboard-flow", { filter: metricFilter(state), from, to }, { signal });
    const flow = data.flow;
    const labels = flow.points.map((point) => point.label);
    const palette = ["#0b5cad", "#2f9e44", "#e08a00", "#b42318", "#6f42c1", "#0c8599"];
    setChart("chart-cfd", {
      type: "line",
      data: {
        labels,
        datasets: flow.stages.flatMap((stageFlow, i) => [
          { label: stageFlow.stage, data: stageFlow.points.map((point) => point.approved), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 0, borderWidth: 2 },
          { label: `${stageFlow.stage} submitted`, data: stageFlow.points.map((point) => point.submitted), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderDash: [4, 3], pointRadius: 0, borderWidth: 1.5 },
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
          { type: "bar", label: "approved (throughput)", data: flow.points.map((point) => point.throughput), backgroundColor: "#2f9e44" },
          { type: "bar", label: "submitted", data: flow.points.map((point) => point.arrivals), backgroundColor: "#9ec5fe" },
          { type: "line", label: "in progress at end", data: flow.points.map((point) => point.wip), borderColor: "#b42318", backgroundColor: "#b42318", pointRadius: 0, yAxisID: "wip" },
        ],
      },
      options: {
        plugins: { title: { display: true, text: `Throughput and work in progress per ${flow.interval.toLowerCase()}` } },
        scales: { y: { beginAtZero: true, title: { display: true, text: "stages" } }, wip: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "in progress" } } },
      },
    });
    const open = flow.openItems;
    const working = state.unit === "WORKING_DAYS";
    const ageOf = (item) => (working ? item.ageWorkingDays : item.ageDays);
    const unit = UNIT_WORDS[state.unit];
    setChart("chart-ageing", {
      type: "bar",
      data: {
        labels: open.oldest.map((item) => `${item.stage} · ${item.initiativeId}`),
        datasets: [{ label: `age (${unit})`, data: open.oldest.map(ageOf), backgroundColor: open.oldest.map((item) => palette[Math.max(0, flow.stages.findIndex((stageFlow) => stageFlow.stage === item.stage)) % palette.length]) }],
      },
      options: {
        indexAxis: "y",
        plugins: { title: { display: true, text: `Oldest open items on ${isoDay(new Date(open.asOf))} (${open.count} open)` }, legend: { display: false } },
        scales: { x: { beginAtZero: true, title: { display: true, text: unit } }, y: { ticks: { font: { size: 9 } } } },
      },
    });
    const lastPoint = (stageFlow) => stageFlow.points[stageFlow.points.length - 1] || { submitted: 0, approved: 0, inProgress: 0 };
    describeChart("chart-cfd", `Cumulative flow from ${from} to ${to}: ` +
      flow.stages.map((stageFlow) => `${stageFlow.stage} ${lastPoint(stageFlow).submitted} submitted, ${lastPoint(stageFlow).approved} approved`).join("; ") + ".");
    describeChart("chart-throughput", `Throughput from ${from} to ${to}: ${flow.points.reduce((sum, point) => sum + point.throughput, 0)} stages approved, ` +
      `${flow.points.reduce((sum, point) => sum + point.arrivals, 0)} submitted; ${flow.points.length ? flow.points[flow.points.length - 1].wip : 0} in progress at the end.`);
    describeChart("chart-ageing", `${open.count} open items: median age ${fmt(open.medianAgeDays)} calendar days (${fmt(open.medianAgeWorkingDays)} working days), ` +
      `p85 ${fmt(open.p85AgeDays)}, oldest ${fmt(open.maxAgeDays)} calendar days.`);
    const perInterval = document.createElement("div");
    renderTable(perInterval, {
      caption: `Throughput and work in progress per ${flow.interval.toLowerCase()}`,
      columns: ["Interval", "Submitted", "Approved (throughput)", "Rejected or withdrawn", "In progress at end"],
      rows: flow.points.map((point) => [point.label, point.arrivals, point.throughput, point.closedOther, point.wip]),
    });
    const cumulative = document.createElement("div");
    renderTable(cumulative, {
      caption: "Cumulative flow per stage (at each interval end)",
      columns: ["Interval", ...flow.stages.flatMap((stageFlow) => [`${stageFlow.stage} submitted`, `${stageFlow.stage} approved`, `${stageFlow.stage} in progress`])],
      rows: labels.map((label, index) => [label, ...flow.stages.flatMap((stageFlow) => { const point = stageFlow.points[index] || {}; return [point.submitted, point.approved, point.inProgress]; })]),
    });
    const ageing = document.createElement("div");
    renderTable(ageing, {
      caption: `Oldest open items (${open.count} open; median age ${fmt(open.medianAgeDays)} calendar days, ${fmt(open.medianAgeWorkingDays)} working days)`,
      columns: ["Initiative", "Stage", "Submitted", "Age (calendar days)", "Age (working days)"],
      rows: open.oldest.map((item) => [{ text: item.initiativeId, href: initiativeHref(item.initiativeId) }, item.stage, String(item.submittedAt).slice(0, 10), fmt(item.ageDays), fmt(item.ageWorkingDays)]),
    });
    view.table.replaceChildren(perInterval, cumulative, ageing);
    const points = flow.points.filter((point) => point.arrivals > 0 || point.throughput > 0 || point.wip > 0).length;
    view.ready(points);
    if (points === 0) view.info(`Nothing was in progress between ${from} and ${to} with these filters.`);
  } catch (err) {
    if (isAbort(err)) return;
    for (const id of ["chart-cfd", "chart-throughput", "chart-ageing"]) setChart(id, null);
    view.table.replaceChildren();
    view.fail("the flow", err);
  }
}
