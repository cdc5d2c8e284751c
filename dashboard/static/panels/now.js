// Panel "Now": what is open today. The ageing chart (each open stage's age in working days, by
// stage, coloured by its state against the service level, over the stage's p50/p85/p95 time to
// approval), the at-risk and breached stages with their forecasts, and the reviews due. Every
// initiative links to its page; the chart's numbers are in its table.
import { runQuery } from "../graphql.js";
import { isAbort, panel } from "../panel.js";
import { describeChart, fmt, initiativeHref, londonDay, renderTable, setChart } from "../render.js";
import { metricFilter } from "../state.js";

/** The forecasts' history window (days): the bands use the same (analytics/forecast.ts DEFAULT_HISTORY_DAYS). */
export const HISTORY_DAYS = 730;
/** At most this many rows in the at-risk list (the panel says how many there are). */
const LIST_MAX = 100;

export const STATE_WORDS = { ON_TRACK: "On track", AT_RISK: "At risk", BREACHED: "Breached", OK: "OK", DUE_SOON: "Due soon", OVERDUE: "Overdue" };
export const HELD_WORDS = { IG: "IG (DPOs)", PROJECT_TEAM: "Project team" };
const STATE_COLOURS = { ON_TRACK: "#0b5cad", AT_RISK: "#c77700", BREACHED: "#b42318" };
const BANDS = [
  { key: "median", label: "p50 of approved", colour: "#2e7d32", dash: [] },
  { key: "p85", label: "p85 of approved", colour: "#6a1b9a", dash: [6, 3] },
  { key: "p95", label: "p95 of approved", colour: "#37474f", dash: [2, 3] },
];

/** "50%: date · 85%: date · 95%: date" cells, or the reason in the first. */
export function forecastCells(f) {
  if (f.p50 == null && f.reason) return [`No forecast: ${f.reason}`, "", ""];
  return [londonDay(f.p50), londonDay(f.p85), londonDay(f.p95)];
}

/** A stable spread of points within a stage's column (not random: the same page draws the same chart). */
const jitter = (i) => ((((i * 2654435761) >>> 0) % 1000) / 1000 - 0.5) * 0.6;

/** The first day of the forecasts' history window, or the view's own start when later. */
function bandFrom(state) {
  const d = new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
  return state.from && state.from > d ? state.from : d;
}

/** Draws the "Now" panel for the view `state` (a newer draw aborts `signal`). */
export async function drawNow(state, signal) {
  const view = panel("panel-now");
  view.loading();
  try {
    const filter = metricFilter(state);
    const data = await runQuery("dashboard-now", { filter, bandFilter: { ...filter, submittedFrom: bandFrom(state) } }, { signal });
    const stages = data.cycleTimes.map((c) => c.stage);
    const band = new Map(data.cycleTimes.map((c) => [c.stage, c]));
    const open = data.openItems.items.filter((i) => i.organisation === null);
    for (const i of open) if (!band.has(i.stage)) stages.push(i.stage), band.set(i.stage, { stage: i.stage, approvedCount: 0, median: null, p85: null, p95: null });
    const x = new Map(stages.map((s, k) => [s, k]));

    const pointSets = Object.keys(STATE_COLOURS).map((st) => ({
      type: "scatter",
      label: STATE_WORDS[st],
      data: open.map((it, k) => (it.state === st ? { x: x.get(it.stage) + jitter(k), y: it.ageWorkingDays } : null)).filter(Boolean),
      backgroundColor: STATE_COLOURS[st],
      pointRadius: 3,
    }));
    // Each band: a short horizontal segment across its stage's column (gaps between stages).
    const bandSets = BANDS.map((b) => ({
      type: "line",
      label: b.label,
      data: stages.flatMap((s, k) => (band.get(s)[b.key] == null ? [] : [{ x: k - 0.42, y: band.get(s)[b.key] }, { x: k + 0.42, y: band.get(s)[b.key] }, { x: k + 0.5, y: null }])),
      borderColor: b.colour,
      borderDash: b.dash,
      borderWidth: 2,
      pointRadius: 0,
      spanGaps: false,
    }));
    setChart("chart-now", {
      type: "scatter",
      data: { datasets: [...bandSets, ...pointSets] },
      options: {
        scales: {
          x: {
            type: "linear",
            min: -0.5,
            max: stages.length - 0.5,
            // One tick per stage column, named by its stage.
            afterBuildTicks: (axis) => {
              axis.ticks = stages.map((_, k) => ({ value: k }));
            },
            ticks: { callback: (v) => stages[v] ?? "" },
            grid: { display: false },
          },
          y: { beginAtZero: true, title: { display: true, text: "age (working days)" } },
        },
        plugins: { tooltip: { enabled: true } },
      },
    });

    const perStage = stages.map((s) => {
      const items = open.filter((i) => i.stage === s);
      const count = (st) => items.filter((i) => i.state === st).length;
      const b = band.get(s);
      return [s, items.length, count("ON_TRACK"), count("AT_RISK"), count("BREACHED"), fmt(b.median), fmt(b.p85), fmt(b.p95), items.length ? Math.max(...items.map((i) => i.ageWorkingDays)) : null];
    });
    describeChart(
      "chart-now",
      `Chart of the ages of ${open.length} open stages in working days by stage, over each stage's p50, p85 and p95 time to approval. ` +
        perStage.map((r) => `${r[0]}: ${r[1]} open (${r[3]} at risk, ${r[4]} breached), p85 ${r[6]}, oldest ${fmt(r[8])}`).join("; ") + ".",
    );
    renderTable(view.el.querySelector(".now-ageing .table"), {
      caption: `Open stages by stage and state; bands: time to approval of the stages approved among those submitted since ${bandFrom(state)} (working days)`,
      columns: ["Stage", "Open", "On track", "At risk", "Breached", "p50", "p85", "p95", "Oldest (working days)"],
      rows: perStage,
    });

    const late = open.filter((i) => i.state !== "ON_TRACK");
    renderTable(view.el.querySelector(".now-risk .table"), {
      caption: late.length > LIST_MAX ? `At risk or breached: the ${LIST_MAX} oldest of ${late.length}` : `At risk or breached: ${late.length}, oldest first`,
      columns: ["Initiative", "Stage", "Age (working days)", "State", "Held by", "Still to sign", "Done by: 50%", "85%", "95%"],
      rows: late.slice(0, LIST_MAX).map((i) => [
        { text: `${i.initiativeId} ${i.title}`, href: initiativeHref(i.initiativeId) },
        i.stage,
        i.ageWorkingDays,
        STATE_WORDS[i.state],
        HELD_WORDS[i.heldBy],
        i.pendingSigners.join(", ") || "—",
        ...forecastCells(i.forecast),
      ]),
    });

    const reviews = data.agreementRegister;
    renderTable(view.el.querySelector(".now-reviews .table"), {
      caption: `Reviews due within 90 days or overdue: ${reviews.length}`,
      columns: ["Initiative", "Tool", "ISA approved", "Review due", "Days until due", "State"],
      rows: reviews.map((r) => [{ text: `${r.initiativeId} ${r.title}`, href: initiativeHref(r.initiativeId) }, r.tool, londonDay(r.approvedAt), londonDay(r.reviewDue), r.daysUntilDue, STATE_WORDS[r.state]]),
    });
    view.ready(open.length);
    if (open.length === 0) view.info("No stages are open for these filters.");
  } catch (err) {
    if (isAbort(err)) return;
    setChart("chart-now", null);
    view.fail("what is open now", err);
  }
}
