// Panel "Cohort comparison per stage": the difference of medians (baseline − cohort) with its
// bootstrap interval, one compareCohorts query per stage.
import { runQuery } from "../graphql.js";
import { cohortFilters, cohortName } from "../cohorts.js";
import { isAbort, panel } from "../panel.js";
import { describeChart, fmt, fmtInterval, renderTable, setChart } from "../render.js";
import { UNIT_WORDS } from "../state.js";

/**
 * Draws the comparison of the view's cohort (a) against its baseline (b) on every stage of
 * `options.stages`; `optionsError` is why those could not be loaded, or null.
 */
export async function drawCompare(state, signal, options, optionsError) {
  const view = panel("panel-compare");
  view.loading();
  try {
    const { cohort: a, baseline: b } = cohortFilters(state);
    const unit = UNIT_WORDS[state.unit];
    // The comparison runs per stage: without the stage list there is nothing to ask.
    if (options.stages.length === 0 && optionsError) throw optionsError;
    const results = await Promise.all(
      options.stages.map((stage) => runQuery("dashboard-compare", { stage, a, b, unit: state.unit }, { signal }).then((data) => data.compareCohorts)),
    );
    const aName = cohortName(state.a, options);
    const bName = cohortName(state.b, options);
    // compareCohorts answers median(b) − median(a) = baseline − cohort: above zero, the cohort is faster.
    const rows = results.map((result) => ({
      stage: result.stage,
      aCount: result.a.approvedCount,
      bCount: result.b.approvedCount,
      aMedian: result.a.median,
      bMedian: result.b.median,
      diff: result.difference,
      low: result.low,
      high: result.high,
      reason: result.difference == null ? `no approved ${result.stage} stages on ${result.a.approvedCount === 0 ? "the cohort's" : "the baseline's"} side` : null,
    }));
    setChart("chart-compare", {
      type: "bar",
      data: {
        labels: rows.map((row) => row.stage),
        datasets: [
          { type: "bar", label: "95% interval", data: rows.map((row) => (row.low == null ? null : [row.low, row.high])), backgroundColor: "rgba(11,92,173,0.25)", borderColor: "#0b5cad", borderWidth: 1 },
          { type: "line", label: "difference of medians", data: rows.map((row) => row.diff), showLine: false, pointRadius: 6, pointStyle: "rectRot", backgroundColor: "#0b5cad", borderColor: "#0b5cad" },
        ],
      },
      options: { scales: { y: { title: { display: true, text: `baseline − cohort median (${unit})` } } } },
    });
    describeChart("chart-compare", `Chart of the difference of medians, ${bName} minus ${aName}, per stage in ${unit}. ` +
      rows.map((row) => `${row.stage}: ${row.diff == null ? row.reason || "no number" : `${fmt(row.diff)} (${fmtInterval(row.low, row.high)})`}`).join("; ") + ".");
    renderTable(view.table, {
      caption: `Cohort ${aName} against baseline ${bName} (${unit})`,
      columns: ["Stage", `Approved: ${aName}`, `Approved: ${bName}`, `Median: ${aName}`, `Median: ${bName}`, "Difference (baseline − cohort)", "95% interval", "Note"],
      rows: rows.map((row) => [row.stage, row.aCount, row.bCount, fmt(row.aMedian), fmt(row.bMedian), fmt(row.diff), fmtInterval(row.low, row.high), row.reason ?? ""]),
    });
    const points = rows.filter((row) => row.diff != null).length;
    view.ready(points);
    if (points === 0) view.info(`No stage has approved stages on both sides (${aName}, ${bName}) with these filters.`);
  } catch (err) {
    if (isAbort(err)) return;
    setChart("chart-compare", null);
    view.fail("the cohort comparison", err);
  }
}
