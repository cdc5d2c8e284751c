// Panel "Time to approval per stage": p50, p85 and p95 per stage as bars, the counts and the
// Kaplan–Meier median in its table.
import { runQuery } from "../graphql.js";
import { isAbort, panel } from "../panel.js";
import { describeChart, fmt, renderTable, setChart } from "../render.js";
import { metricFilter, UNIT_WORDS } from "../state.js";

/** Draws time to approval per stage for the view `state` (a newer draw aborts `signal`). */
export async function drawCycleTimes(state, signal) {
  const view = panel("panel-cycle");
  view.loading();
  try {
    const data = await runQuery("dashboard-cycle-times", { filter: metricFilter(state), unit: state.unit }, { signal });
    const rows = data.cycleTimes;
    const unit = UNIT_WORDS[state.unit];
    const labels = rows.map((row) => row.stage);
    const series = [
      { label: "p50 (median)", key: "median", colour: "#0b5cad" },
      { label: "p85", key: "p85", colour: "#e08a00" },
      { label: "p95", key: "p95", colour: "#b42318" },
    ];
    setChart("chart-cycle", {
      type: "bar",
      data: {
        labels,
        datasets: series.map((percentile) => ({ label: percentile.label, data: rows.map((row) => row[percentile.key]), backgroundColor: percentile.colour })),
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: unit } } } },
    });
    describeChart("chart-cycle", `Bar chart of time to approval per stage in ${unit}. ` +
      rows.map((row) => `${row.stage}: median ${fmt(row.median)}, p85 ${fmt(row.p85)}, p95 ${fmt(row.p95)}`).join("; ") + ".");
    renderTable(view.table, {
      caption: `Time to approval per stage (${unit})`,
      columns: ["Stage", "Submitted", "Approved", "Open", "Rejected", "Withdrawn", "p50", "p85", "p95", "Kaplan–Meier median"],
      rows: rows.map((row) => [row.stage, row.count, row.approvedCount, row.openCount, row.rejectedCount, row.withdrawnCount, fmt(row.median), fmt(row.p85), fmt(row.p95), fmt(row.kaplanMeierMedian)]),
    });
    const points = rows.filter((row) => row.median != null).length;
    view.ready(points);
    if (points === 0) view.info("No approved stages match these filters.");
  } catch (err) {
    if (isAbort(err)) return;
    setChart("chart-cycle", null);
    view.fail("time to approval", err);
  }
}
