// Panel "Time saved": the headline total with its interval, and the time saved per stage.
import { runQuery } from "../graphql.js";
import { cohortFilters, cohortName } from "../cohorts.js";
import { isAbort, panel } from "../panel.js";
import { describeChart, escapeHtml, fmt, fmtInterval, renderTable, setChart } from "../render.js";

/** Draws the time the view's cohort (a) saved against its baseline (b), in working days. */
export async function drawTimeSaved(state, signal, options) {
  const view = panel("panel-saved");
  view.loading();
  const headline = view.el.querySelector(".headline");
  try {
    const { cohort, baseline } = cohortFilters(state);
    const data = await runQuery("dashboard-time-saved", { cohort, baseline }, { signal });
    const saved = data.timeSaved;
    const aName = cohortName(state.a, options);
    const bName = cohortName(state.b, options);
    if (saved.total == null) {
      headline.innerHTML = `No time-saved figure for ${escapeHtml(aName)} against ${escapeHtml(bName)}<small>${escapeHtml(saved.reason ?? "the data cannot support a claim")}</small>`;
    } else {
      headline.innerHTML = `${escapeHtml(aName)} ${saved.total >= 0 ? "saved" : "cost"} ${big(Math.abs(saved.total))} working days against ${escapeHtml(bName)}` +
        `<small>95% interval ${escapeHtml(fmtInterval(saved.totalLow, saved.totalHigh))} working days, over ${saved.stagesCounted} stage${saved.stagesCounted === 1 ? "" : "s"} with enough data</small>`;
    }
    const rows = saved.stages;
    setChart("chart-saved", {
      type: "bar",
      data: {
        labels: rows.map((row) => row.stage),
        datasets: [
          { type: "bar", label: "95% interval", data: rows.map((row) => (row.savedLow == null ? null : [row.savedLow, row.savedHigh])), backgroundColor: "rgba(47,158,68,0.25)", borderColor: "#2f9e44", borderWidth: 1 },
          { type: "line", label: "time saved", data: rows.map((row) => row.saved), showLine: false, pointRadius: 6, pointStyle: "rectRot", backgroundColor: "#2f9e44", borderColor: "#2f9e44" },
        ],
      },
      options: { scales: { y: { title: { display: true, text: "working days saved" } } } },
    });
    describeChart("chart-saved", `Chart of time saved per stage in working days, ${aName} against ${bName}. ` +
      rows.map((row) => `${row.stage}: ${row.saved == null ? row.reason : `${fmt(row.saved)} (${fmtInterval(row.savedLow, row.savedHigh)})`}`).join("; ") + ".");
    renderTable(view.table, {
      caption: `Time saved by ${aName} against ${bName} (working days)`,
      columns: ["Stage", `Approved: ${aName}`, `Approved: ${bName}`, `Median: ${aName}`, `Median: ${bName}`, "Saved per stage", "Time saved", "95% interval", "Note"],
      rows: rows.map((row) => [row.stage, row.cohortApproved, row.baselineApproved, fmt(row.cohortMedian), fmt(row.baselineMedian), fmt(row.savedPerStage), fmt(row.saved), fmtInterval(row.savedLow, row.savedHigh), row.reason ?? ""]),
    });
    // A reasoned "no number" is data too: the headline says why.
    view.ready(rows.length);
  } catch (err) {
    if (isAbort(err)) return;
    headline.textContent = "";
    setChart("chart-saved", null);
    view.fail("time saved", err);
  }
}

/** A headline number: thousands separated, at most one decimal. */
function big(value) {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}
