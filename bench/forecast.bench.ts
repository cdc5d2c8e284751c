/**
 * Benchmark (not a test): calibration of the open-item forecasts (issue 15, point 4) on the large
 * synthetic set. Cuts the history at several past dates, forecasts every stage open at the end of
 * each cut day from what was known then (analytics/calibration.ts), and compares with what happened
 * after: the share of items done by their p50 date and by their p85 date, overall and per stage.
 * Well calibrated: p50 ≈ 50%, p85 ≈ 85% (goal: within 5 points).
 *
 *   npm run bench:forecast                     # 100,000 initiatives (the large set), seed 1
 *   npm run bench:forecast -- --size 20000     # a smaller set
 *   npm run bench:forecast -- --cuts 8 --every 91
 *
 *   npm run bench:forecast -- --window 0       # all history before each cut (default: the hub's 730 days)
 *
 * Cuts: `--cuts` (default 4) dates `--every` (default 91) days apart, the first two years before
 * the last day the data covers, so every cut leaves at least a year to judge it by. The database
 * is the one bench/analytics.bench.ts builds into the OS temp folder (built here if missing).
 */
import { existsSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDb } from "../db/connection.js";
import { getDatasetKind } from "../db/meta.js";
import { loadReferenceData } from "../db/reference/index.js";
import { generateSynthetic } from "../db/synthetic/index.js";
import {
  calibrate,
  calibrationForecasts,
  type CalibrationBand,
  type CalibrationForecast,
  type CalibrationRow,
  type HistoricalItem,
  type StageHistoryItems,
} from "../analytics/calibration.js";
import { DEFAULT_HISTORY_DAYS } from "../analytics/forecast.js";
import { dayNumberToIso, londonDayNumber } from "../analytics/working-days.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt;
const size = opt("--size", 100_000);
const cutCount = opt("--cuts", 4);
const every = opt("--every", 91);
const firstBack = opt("--back", 730);
// Forecast from the last `--window` days of history before each cut only (0 = all of it), as the
// hub does (analytics/forecast.ts DEFAULT_HISTORY_DAYS); every item open at the cut is forecast.
// The end prints all history, 365, 730 and 1095 days side by side.
const window = opt("--window", DEFAULT_HISTORY_DAYS);

const path = join(tmpdir(), `ighub-bench-${size}-seed1.db`);
const reuse = existsSync(path);
const db = openDb(path);
if (!reuse || getDatasetKind(db.sql) === "empty") {
  const t0 = performance.now();
  loadReferenceData(db);
  const r = generateSynthetic(db, {
    size: size === 100_000 ? "large" : size,
    seed: 1,
  });
  console.log(
    `generated ${r.initiatives} initiatives, ${r.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${path}`,
  );
} else {
  console.log(`reusing ${path}`);
}

// The full history per stage, as London day numbers.
const t0 = performance.now();
const byStage = new Map<string, HistoricalItem[]>();
let horizonDay = -Infinity;
const rows = db.sql
  .prepare(
    "SELECT initiative_id, stage, outcome, submitted_at, approved_at, ended_at FROM stage_cycles",
  )
  .raw()
  .iterate() as IterableIterator<
  [string, string, string, number, number | null, number | null]
>;
for (const [id, stage, outcome, submittedAt, approvedAt, endedAt] of rows) {
  const submittedDay = londonDayNumber(submittedAt);
  const approvedDay =
    outcome === "APPROVED" && approvedAt !== null
      ? londonDayNumber(approvedAt)
      : null;
  const endedDay =
    (outcome === "REJECTED" || outcome === "WITHDRAWN") && endedAt !== null
      ? londonDayNumber(endedAt)
      : null;
  horizonDay = Math.max(
    horizonDay,
    submittedDay,
    approvedDay ?? -Infinity,
    endedDay ?? -Infinity,
  );
  let items = byStage.get(stage);
  if (!items) byStage.set(stage, (items = []));
  items.push({ id, submittedDay, approvedDay, endedDay });
}
const stages: StageHistoryItems[] = [...byStage].map(([stage, items]) => ({
  stage,
  items,
}));
const readMs = performance.now() - t0;
console.log(
  `stage cycles: ${stages.reduce((n, s) => n + s.items.length, 0)}; data ends ${dayNumberToIso(horizonDay)} (read ${readMs.toFixed(0)} ms)`,
);

/** Every cut's forecasts from the last `windowDays` of history (0 = all), and their calibration. */
function run(windowDays: number) {
  const all: CalibrationForecast[] = [];
  const perCut: { cut: number; open: number; endedUnapproved: number; row: CalibrationRow }[] = [];
  for (let i = 0; i < cutCount; i++) {
    const cut = horizonDay - firstBack + i * every;
    const r = calibrationForecasts(stages, cut, {}, windowDays);
    all.push(...r.forecasts);
    perCut.push({ cut, open: r.forecasts.length + r.endedUnapproved, endedUnapproved: r.endedUnapproved, row: calibrate(r.forecasts, horizonDay).overall });
  }
  return { all, perCut, result: calibrate(all, horizonDay) };
}

const t1 = performance.now();
const { all, perCut, result } = run(window);
const calMs = performance.now() - t1;

const pct = (x: number | null) =>
  x === null ? "—" : `${(100 * x).toFixed(1)}%`;
const band = (b: CalibrationBand) =>
  `${pct(b.share).padStart(6)} (${b.hits}/${b.counted})`.padEnd(22);
const line = (label: string, r: CalibrationRow) =>
  `${label.padEnd(22)}${String(r.forecasts).padStart(9)}  ${band(r.p50)}${band(r.p85)}${String(r.p85.undecided).padStart(9)}${String(r.p85.noForecast).padStart(9)}`;
const header = `${"".padEnd(22)}${"forecasts".padStart(9)}  ${"done by p50".padEnd(22)}${"done by p85".padEnd(22)}${"undecid.".padStart(9)}${"no fcst".padStart(9)}`;

console.log(
  `\nhistory: ${window > 0 ? `the ${window} days before each cut (--window ${window})` : "all of it before each cut (--window 0)"}`,
);
console.log(
  `cuts: ${perCut.map((c) => dayNumberToIso(c.cut)).join(", ")}; judged with the data to ${dayNumberToIso(horizonDay)}`,
);
console.log(header);
for (const c of perCut)
  console.log(
    line(`cut ${dayNumberToIso(c.cut)}`, c.row) +
      `   (open ${c.open}, ${c.endedUnapproved} later rejected/withdrawn: not judged)`,
  );
console.log("-".repeat(header.length));
for (const s of result.stages) console.log(line(`stage ${s.stage}`, s));
console.log(line("ALL", result.overall));
// Forecast dates are whole days and durations whole working days, so some items are done ON the
// p50/p85 date itself; "done by" counts them as hits. Shown beside it: the share done strictly
// before the date, so the reader can see how much of any excess is the ties on the date.
const strictly = (pick: (f: CalibrationForecast) => number | null) => {
  let hits = 0,
    counted = 0;
  for (const f of all) {
    const d = pick(f);
    if (d === null) continue;
    const done =
      f.doneDay !== null && f.doneDay <= horizonDay ? f.doneDay : null;
    if (done === null && d > horizonDay) continue;
    counted++;
    if (done !== null && done < d) hits++;
  }
  return counted === 0 ? null : hits / counted;
};
console.log(
  `ALL, done strictly before the date: p50 ${pct(strictly((f) => f.p50Day))}, p85 ${pct(strictly((f) => f.p85Day))}`,
);
const off50 =
  result.overall.p50.share === null ? NaN : 100 * result.overall.p50.share - 50;
const off85 =
  result.overall.p85.share === null ? NaN : 100 * result.overall.p85.share - 85;
console.log(
  `\noverall: p50 ${off50 >= 0 ? "+" : ""}${off50.toFixed(1)} points, p85 ${off85 >= 0 ? "+" : ""}${off85.toFixed(1)} points (goal: within 5)`,
);
// The window against the reference (all history) and its neighbours, side by side.
console.log(`\n${"history window".padEnd(22)}${"done by p50".padEnd(22)}${"done by p85".padEnd(22)}${"no fcst".padStart(9)}`);
for (const w of [0, 365, 730, 1095]) {
  const r = w === window ? result : run(w).result;
  console.log(`${(w === 0 ? "all (reference)" : `${w} days`).padEnd(22)}${band(r.overall.p50)}${band(r.overall.p85)}${String(r.overall.p85.noForecast).padStart(9)}`);
}
console.log(
  `calibration ${calMs.toFixed(0)} ms; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
db.close();
