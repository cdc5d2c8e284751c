import { Command } from "commander";
import { parse } from "csv-parse/sync";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { prepareDatabase } from "../../db/prepare.js";
import { TimeSavedReportService } from "../../report/index.js";
import { createHub } from "../../server/app.js";
import { registerReportCommand } from "../../server/commands/report.command.js";
import { loadConfig } from "../../server/config.js";

/**
 * The time-saved report must state the graph's numbers: the report service, the
 * `timeSavedReport` query and `hub report time-saved` all against the `timeSaved` query, on the
 * demo data, at a fixed asOf.
 */
const AS_OF = "2026-06-01T00:00:00.000Z";
const ISG = { tools: ["isg"] };
const MANUAL = { tools: ["manual"] };

let dir: string;
let dbPath: string;
let db: HubDb;
let hub: Awaited<ReturnType<typeof createHub>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ighub-report-"));
  dbPath = join(dir, "hub.db");
  db = openDb(dbPath);
  prepareDatabase(db, { seedDemo: true, seed: 1 });
  const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath, logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };
  hub = await createHub({ config, db });
}, 120_000);

afterAll(async () => {
  await hub?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: { message: string }[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const TIME_SAVED = `query($cohort: MetricFilter!, $baseline: MetricFilter!, $asOf: DateTime) {
  timeSaved(cohort: $cohort, baseline: $baseline, unit: WORKING_DAYS, asOf: $asOf) {
    total totalLow totalHigh stagesCounted reason resamples seed
    stages { stage cohortApproved baselineApproved cohortMedian baselineMedian savedPerStage savedPerStageLow savedPerStageHigh saved savedLow savedHigh reason }
  }
}`;

const REPORT = `query($cohort: MetricFilter!, $baseline: MetricFilter!, $from: Date, $to: Date, $format: ReportFormat, $asOf: DateTime) {
  timeSavedReport(cohort: $cohort, baseline: $baseline, from: $from, to: $to, format: $format, asOf: $asOf) {
    format mediaType filename content synthetic total totalLow totalHigh stagesCounted reason asOf
  }
}`;

/** CSV cells back to the query's numbers: "" is null. */
const num = (s: string | undefined) => (s === "" || s === undefined ? null : Number(s));
/** The query's number as the CSV states it: to 3 decimals, independently of the renderer's helper. */
const to3 = (v: number | null) => (v == null ? null : Number(v.toFixed(3)) + 0);
const exact = (s: any) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === "number" ? to3(v) : v]));

function csvMatchesQuery(csv: string, q: any) {
  expect(csv.endsWith("\n")).toBe(true);
  // No float noise: no cell has more than 3 decimals.
  expect(csv).not.toMatch(/\d\.\d{4,}/);
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.stage)).toEqual([...q.stages.map((s: any) => s.stage), "TOTAL"]);
  q.stages.forEach((s: any, i: number) => {
    const r = rows[i]!;
    expect({
      stage: r.stage,
      cohortApproved: num(r.cohort_approved),
      baselineApproved: num(r.baseline_approved),
      cohortMedian: num(r.cohort_median_wd),
      baselineMedian: num(r.baseline_median_wd),
      savedPerStage: num(r.saved_per_stage_wd),
      savedPerStageLow: num(r.saved_per_stage_low_wd),
      savedPerStageHigh: num(r.saved_per_stage_high_wd),
      saved: num(r.time_saved_wd),
      savedLow: num(r.time_saved_low_wd),
      savedHigh: num(r.time_saved_high_wd),
      reason: r.note === "" ? null : r.note,
    }).toEqual(exact(s));
  });
  const total = rows[rows.length - 1]!;
  expect([num(total.time_saved_wd), num(total.time_saved_low_wd), num(total.time_saved_high_wd)]).toEqual([to3(q.total), to3(q.totalLow), to3(q.totalHigh)]);
  return rows;
}

/** Runs `hub report time-saved ...` in-process (the same registration the CLI uses). */
async function runCli(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerReportCommand(program);
  await program.parseAsync(["node", "hub", "report", "time-saved", ...args]);
}

describe("time-saved report", () => {
  it("states the same numbers as the timeSaved query (report service)", async () => {
    const q = (await gql(TIME_SAVED, { cohort: ISG, baseline: MANUAL, asOf: AS_OF })).timeSaved;
    expect(q.stagesCounted).toBeGreaterThan(0);
    const data = await new TimeSavedReportService(db).build({ cohort: ISG, baseline: MANUAL, asOf: new Date(AS_OF) });
    expect(data.stages).toEqual(q.stages);
    expect([data.total, data.totalLow, data.totalHigh, data.stagesCounted, data.reason]).toEqual([q.total, q.totalLow, q.totalHigh, q.stagesCounted, q.reason]);
    expect([data.resamples, data.seed]).toEqual([q.resamples, q.seed]);
    expect(data.dataset).toEqual({ kind: "demo", synthetic: true });
    // The counts behind "what was left out" are cycleTimes' counts.
    const ct = await gql(`query($f: MetricFilter, $asOf: DateTime) { cycleTimes(filter: $f, groupBy: [STAGE], asOf: $asOf) { stage count approvedCount openCount rejectedCount withdrawnCount } }`, { f: ISG, asOf: AS_OF });
    expect(data.cohort.stages).toEqual(ct.cycleTimes);
  });

  it("gives the same numbers through the graph's timeSavedReport (CSV) and labels synthetic data", async () => {
    const q = (await gql(TIME_SAVED, { cohort: ISG, baseline: MANUAL, asOf: AS_OF })).timeSaved;
    const r = (await gql(REPORT, { cohort: ISG, baseline: MANUAL, format: "CSV", asOf: AS_OF })).timeSavedReport;
    expect(r).toMatchObject({ format: "CSV", mediaType: "text/csv; charset=utf-8", filename: "time-saved-tool-isg-vs-tool-manual.csv", synthetic: true, total: q.total, totalLow: q.totalLow, totalHigh: q.totalHigh, stagesCounted: q.stagesCounted, asOf: AS_OF });
    const rows = csvMatchesQuery(r.content, q);
    expect(new Set(rows.map((row) => row.dataset))).toEqual(new Set(["synthetic demo"]));

    const md = (await gql(REPORT, { cohort: ISG, baseline: MANUAL, format: "MARKDOWN", asOf: AS_OF })).timeSavedReport.content as string;
    expect(md).toContain("SYNTHETIC DATA");
    expect(md).toContain(`# Time saved: Information Sharing Gateway (ISG) against Manual (email and documents)`);
    expect(md).toContain(`Information Sharing Gateway (ISG) saved ${Math.round(q.total).toLocaleString("en-GB")} working days`);
    expect(md).not.toMatch(/\bwd\b/);
    expect(md).toContain("## Method");

    const html = (await gql(REPORT, { cohort: ISG, baseline: MANUAL, format: "HTML", asOf: AS_OF })).timeSavedReport.content as string;
    expect(html).toContain("<svg ");
    expect(html).toContain("SYNTHETIC DATA");
    expect(html).not.toMatch(/<script|<link|src=/i);
  });

  it("renders Markdown when format is left out (the enum default survives the subgraph SDL)", async () => {
    const r = (await gql(`{ timeSavedReport(cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }) { format mediaType filename content } }`)).timeSavedReport;
    expect(r.format).toBe("MARKDOWN");
    expect(r.mediaType).toMatch(/^text\/markdown/);
    expect(r.filename).toMatch(/\.md$/);
    expect(r.content).toContain("## Method");
  });

  it("applies from/to to both sides, as submittedFrom/submittedTo in the query", async () => {
    const period = { submittedFrom: "2024-01-01", submittedTo: "2025-06-30" };
    const q = (await gql(TIME_SAVED, { cohort: { ...ISG, ...period }, baseline: { ...MANUAL, ...period }, asOf: AS_OF })).timeSaved;
    const r = (await gql(REPORT, { cohort: ISG, baseline: MANUAL, from: "2024-01-01", to: "2025-06-30", format: "CSV", asOf: AS_OF })).timeSavedReport;
    csvMatchesQuery(r.content, q);
    const all = (await gql(TIME_SAVED, { cohort: ISG, baseline: MANUAL, asOf: AS_OF })).timeSaved;
    expect(q.total).not.toBe(all.total);
  });

  it("says so instead of printing a number where the data cannot support a claim", async () => {
    // One month of submissions: every stage has fewer than 10 approved on a side.
    const r = (await gql(REPORT, { cohort: ISG, baseline: MANUAL, from: "2025-03-01", to: "2025-03-31", format: "MARKDOWN", asOf: AS_OF })).timeSavedReport;
    expect(r.total).toBeNull();
    expect(r.reason).toBe("no stage has enough approved stages on both sides to support a claim");
    expect(r.content).toContain("No time-saved figure for Information Sharing Gateway (ISG) against Manual (email and documents): no stage has enough approved stages on both sides to support a claim.");
    expect(r.content).toMatch(/\| no number \| — \| too few approved \w+ stages to support a claim/);
  });

  it("writes the same numbers from the command line (hub report time-saved --format csv --out FILE)", async () => {
    const q = (await gql(TIME_SAVED, { cohort: ISG, baseline: MANUAL, asOf: AS_OF })).timeSaved;
    const out = join(dir, "report.csv");
    await runCli(["--cohort", "tool=isg", "--baseline", "tool=manual", "--format", "csv", "--out", out, "--as-of", AS_OF, "--db", dbPath]);
    csvMatchesQuery(readFileSync(out, "utf8"), q);

    const md = join(dir, "report.md");
    await runCli(["--cohort", "tool=isg", "--baseline", "tool=manual", "--format", "md", "--out", md, "--as-of", AS_OF, "--db", dbPath]);
    expect(readFileSync(md, "utf8")).toContain(`Information Sharing Gateway (ISG) saved ${Math.round(q.total).toLocaleString("en-GB")} working days`);

    const html = join(dir, "report.html");
    await runCli(["--cohort", "tool=isg", "--baseline", "tool=manual", "--format", "html", "--out", html, "--as-of", AS_OF, "--db", dbPath]);
    expect(readFileSync(html, "utf8")).toMatch(/^<!doctype html>/);
  });

  it("writes several formats from one computation with one asOf (--format md,html,csv, no --as-of)", async () => {
    const stem = join(dir, "all");
    await runCli(["--cohort", "tool=isg", "--baseline", "tool=manual", "--format", "md,html,csv", "--out", `${stem}.md`, "--db", dbPath]);
    const csv = parse(readFileSync(`${stem}.csv`, "utf8"), { columns: true }) as Record<string, string>[];
    const asOf = csv[0]!.as_of!;
    expect(new Set(csv.map((r) => r.as_of))).toEqual(new Set([asOf]));
    // The instant as the Markdown and HTML state it, formatted here independently of the renderer.
    const d = new Date(asOf);
    const day = d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
    const time = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" });
    const stated = `Open stages were counted as they stood at ${day}, ${time} London time.`;
    expect(readFileSync(`${stem}.md`, "utf8")).toContain(stated);
    expect(readFileSync(`${stem}.html`, "utf8")).toContain(stated);
    const total = csv.at(-1)!;
    expect(readFileSync(`${stem}.md`, "utf8")).toContain(`saved ${Math.round(Number(total.time_saved_wd)).toLocaleString("en-GB")} working days`);
  });

  it("refuses bad options with one line naming the option and what is expected", async () => {
    const attempt = (args: string[]) => runCli(["--db", dbPath, ...args]).then(() => null, (e: Error & { userFacing?: boolean }) => ({ message: e.message, userFacing: e.userFacing }));
    expect(await attempt(["--cohort", "tool=isg", "--baseline", "tool=manual", "--format", "pdf"])).toEqual({ message: '--format: expected one of md, html, csv (or several separated by commas), got "pdf"', userFacing: true });
    expect(await attempt(["--cohort", "isg", "--baseline", "tool=manual"])).toEqual({
      message: '--cohort: expected key=value with key one of tool, practice, borough, stage (e.g. tool=isg), got "isg"',
      userFacing: true,
    });
    expect(await attempt(["--cohort", "tool=isg", "--baseline", "tool=manual", "--from", "2025-02-01", "--to", "2025-01-01"])).toEqual({
      message: "--from (2025-02-01) is after --to (2025-01-01); expected from ≤ to",
      userFacing: true,
    });
    const unknown = await attempt(["--cohort", "tool=nope", "--baseline", "tool=manual"]);
    expect(unknown?.userFacing).toBe(true);
    expect(unknown?.message).toMatch(/^--cohort: unknown tool "nope"; expected one of: .*isg.*manual/);
  });
});
