import { getNamedType, graphql, isNonNullType, isObjectType, type GraphQLOutputType, type GraphQLSchema } from "graphql";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { importFiles } from "../../../db/import/import.service.js";
import { DEFAULT_DEMO_SEED, prepareDatabase } from "../../../db/prepare.js";
import { buildHubSchema } from "../../../schema/index.js";
import { getCycleTable } from "../../../db/cycles/index.js";
import { onPostgres, pgUrlFor } from "../../db-target.js";
import { writeSyntheticCsv } from "../import/fixtures.js";

/*
 * The same data in SQLite and in PostgreSQL must give the same answers, to the last bit: every
 * analytics query of the graph (cycleTimes by every dimension, signOffTimes, compareCohorts,
 * timeSaved, flow, the time-saved report) with several filters, both day units and two instants,
 * run through the GraphQL schema on both databases and compared by deep equality. A difference
 * in what PostgreSQL returns (a float4 cast, a NULL ordering, a bigint as text, a row missing from
 * a JSON aggregate) changes some number here.
 *
 * It needs both databases, so it runs only in the PostgreSQL pass (IGHUB_TEST_DATABASE_URL, as
 * `npm run test:pg` and CI set it); the SQLite side is opened with the real openDb (test/setup.ts
 * maps openDb to PostgreSQL in that pass).
 */

const AFTER_ALL = "2026-12-01T00:00:00.000Z"; // after everything the demo generator writes (fast path)
const MIDWAY = "2023-03-15T12:00:00.000Z"; // stages open then are censored, later events ignored

const FILTERS: Record<string, Record<string, unknown> | null> = {
  none: null,
  isg: { tools: ["isg"] },
  boroughsAndStages: { boroughs: ["E09000007", "E09000033", "E09000019"], stages: ["DPIA", "ISA"] },
  practiceAndPeriod: { practices: ["common-dpia-template"], submittedFrom: "2021-01-01", submittedTo: "2024-12-31" },
  period: { submittedFrom: "2022-04-01", submittedTo: "2025-03-31", tools: ["manual", "onelondon", "isg"] },
};
const GROUPINGS = [["STAGE"], ["BOROUGH"], ["TOOL"], ["LEAD_BOROUGH", "PRACTICE"], ["STAGE", "TOOL", "QUARTER"], ["MONTH"]];
const UNITS = ["WORKING_DAYS", "CALENDAR_DAYS"];

/** Values for arguments a field requires (e.g. CycleTimeGroup.approvedWithin(units)). */
const REQUIRED_ARGS: Record<string, string> = { units: "20" };

/** A selection of every field of `type`, recursively: a field added to a metric type is compared too. */
function everyField(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return "";
  const fields = Object.values(named.getFields()).map((f) => {
    const required = f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const args = required.map((a) => {
      const v = REQUIRED_ARGS[a.name];
      if (v === undefined) throw new Error(`no test value for required argument ${named.name}.${f.name}(${a.name})`);
      return `${a.name}: ${v}`;
    });
    return `${f.name}${args.length ? `(${args.join(", ")})` : ""} ${everyField(f.type)}`;
  });
  return `{ ${fields.join(" ")} }`;
}

interface Case {
  name: string;
  source: string;
  variables: Record<string, unknown>;
}

function cases(schema: GraphQLSchema): Case[] {
  const q = schema.getQueryType()!.getFields();
  const sel = (field: string) => everyField(q[field]!.type);
  const out: Case[] = [];
  for (const asOf of [AFTER_ALL, MIDWAY]) {
    for (const unit of UNITS) {
      for (const [fname, filter] of Object.entries(FILTERS)) {
        for (const groupBy of GROUPINGS) {
          out.push({
            name: `cycleTimes ${groupBy.join("+")} ${fname} ${unit} ${asOf}`,
            source: `query($f: MetricFilter, $g: [MetricDimension!], $u: DurationUnit, $asOf: DateTime) { cycleTimes(filter: $f, groupBy: $g, unit: $u, asOf: $asOf, percentiles: [0, 5, 33.3, 50, 85, 95, 99.5, 100]) ${sel("cycleTimes")} }`,
            variables: { f: filter, g: groupBy, u: unit, asOf },
          });
        }
        out.push({
          name: `signOffTimes ${fname} ${unit} ${asOf}`,
          source: `query($f: MetricFilter, $u: DurationUnit, $asOf: DateTime) { signOffTimes(filter: $f, unit: $u, asOf: $asOf) ${sel("signOffTimes")} }`,
          variables: { f: filter, u: unit, asOf },
        });
      }
      for (const [stage, a, b] of [
        ["DPIA", { tools: ["manual"] }, { tools: ["isg"] }],
        ["ISA", { practices: ["common-dpia-template"] }, { boroughs: ["E09000007"] }],
        ["IDEA", { submittedTo: "2022-12-31" }, { submittedFrom: "2023-01-01" }],
      ] as const) {
        out.push({
          name: `compareCohorts ${stage} ${JSON.stringify(a)} ${JSON.stringify(b)} ${unit} ${asOf}`,
          source: `query($s: String!, $a: MetricFilter!, $b: MetricFilter!, $u: DurationUnit, $asOf: DateTime) { compareCohorts(stage: $s, a: $a, b: $b, unit: $u, asOf: $asOf, resamples: 700, seed: 11) ${sel("compareCohorts")} }`,
          variables: { s: stage, a, b, u: unit, asOf },
        });
      }
      for (const [cohort, baseline] of [
        [{ tools: ["isg"] }, { tools: ["manual"] }],
        [{ tools: ["onelondon"], submittedFrom: "2021-01-01" }, { tools: ["manual"], submittedFrom: "2021-01-01" }],
        [{ practices: ["common-dpia-template"] }, { boroughs: ["E09000001", "E09000002", "E09000003"] }],
      ]) {
        out.push({
          name: `timeSaved ${JSON.stringify(cohort)} vs ${JSON.stringify(baseline)} ${unit} ${asOf}`,
          source: `query($c: MetricFilter!, $b: MetricFilter!, $u: DurationUnit, $asOf: DateTime) { timeSaved(cohort: $c, baseline: $b, unit: $u, asOf: $asOf, resamples: 500, seed: 3) ${sel("timeSaved")} }`,
          variables: { c: cohort, b: baseline, u: unit, asOf },
        });
      }
    }
    for (const format of ["MARKDOWN", "HTML", "CSV"]) {
      out.push({
        name: `timeSavedReport ${format} ${asOf}`,
        source: `query($fmt: ReportFormat, $asOf: DateTime) { timeSavedReport(cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }, from: "2020-01-01", to: "2026-06-30", format: $fmt, asOf: $asOf, resamples: 400) ${sel("timeSavedReport")} }`,
        variables: { fmt: format, asOf },
      });
    }
  }
  // Flow: `to` in the past, so its asOf (the end of `to`) does not move with the clock.
  for (const [from, to, interval, filter] of [
    ["2019-06-01", "2026-10-31", "MONTH", null],
    ["2024-01-01", "2024-12-31", "WEEK", FILTERS.boroughsAndStages],
    ["2020-01-01", "2023-06-30", "QUARTER", FILTERS.isg],
    ["2022-02-01", "2022-02-01", "MONTH", FILTERS.practiceAndPeriod],
  ] as const) {
    out.push({
      name: `flow ${from}..${to} ${interval} ${JSON.stringify(filter)}`,
      source: `query($from: Date!, $to: Date!, $i: FlowInterval, $f: MetricFilter) { flow(from: $from, to: $to, interval: $i, filter: $f, oldest: 200) ${sel("flow")} }`,
      variables: { from, to, i: interval, f: filter },
    });
  }
  // Refused input must be refused alike.
  out.push({
    name: "cycleTimes with an unknown tool",
    source: `{ cycleTimes(filter: { tools: ["no-such-tool"] }) { count } }`,
    variables: {},
  });
  return out;
}

/** A query's result as plain data; the report's "Made <instant>" (the clock at render time) blanked. */
async function answer(schema: GraphQLSchema, db: HubDb, c: Case): Promise<unknown> {
  const r = await graphql({ schema, source: c.source, variableValues: c.variables, contextValue: { db } });
  return JSON.parse(JSON.stringify(r).replace(/Made \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d London time/g, "Made (time)"));
}

/** The derived tables and what they are grouped by, ordered by primary key (text sorts by code point on both). */
const TABLES = {
  initiatives: "SELECT id, tool_slug, lead_borough, status, created_at FROM initiatives ORDER BY id",
  initiative_boroughs: "SELECT initiative_id, authority_code, role FROM initiative_boroughs ORDER BY initiative_id, authority_code",
  initiative_practices: "SELECT initiative_id, practice_slug FROM initiative_practices ORDER BY initiative_id, practice_slug",
  stage_cycles: "SELECT initiative_id, stage, outcome, submitted_at, approved_at, ended_at, rounds, team_ms, open_query_at FROM stage_cycles ORDER BY initiative_id, stage",
  borough_signoffs: "SELECT initiative_id, stage, authority_code, approved_at FROM borough_signoffs ORDER BY initiative_id, stage, authority_code",
  stage_events: "SELECT initiative_id, stage, authority_code, kind, at, source, source_ref FROM stage_events ORDER BY id",
};

describe.skipIf(!onPostgres)("the same data on SQLite and PostgreSQL (runs in the PostgreSQL pass: needs IGHUB_TEST_DATABASE_URL)", () => {
  let schema: GraphQLSchema;
  let sqlite: HubDb;
  let pg: HubDb;
  let dir: string;
  let all: Case[];

  beforeAll(async () => {
    const real = await vi.importActual<typeof import("../../../db/connection.js")>("../../../db/connection.js");
    schema = await buildHubSchema();
    all = cases(schema);
    sqlite = real.openDb(":memory:");
    pg = real.openDb(pgUrlFor(":memory:"));
    expect([sqlite.dialect, pg.dialect]).toEqual(["sqlite", "postgres"]);
    for (const db of [sqlite, pg]) expect(prepareDatabase(db, { seedDemo: true, seed: DEFAULT_DEMO_SEED })).toMatchObject({ loadedDemo: true });
    dir = mkdtempSync(join(tmpdir(), "ighub-xdb-"));
  }, 600_000);

  afterAll(() => {
    sqlite?.close();
    pg?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function compareEverything(label: string): Promise<void> {
    for (const [table, sql] of Object.entries(TABLES)) {
      const a = sqlite.sql.prepare(sql).raw().all();
      const b = pg.sql.prepare(sql).raw().all();
      expect(a.length, `${label}: ${table} rows`).toBeGreaterThan(0);
      expect(b, `${label}: ${table}`).toEqual(a);
    }
    let compared = 0;
    let groups = 0;
    for (const c of all) {
      const a = await answer(schema, sqlite, c);
      const b = await answer(schema, pg, c);
      expect(b, `${label}: ${c.name}`).toEqual(a);
      compared++;
      const data = (a as { data?: { cycleTimes?: unknown[] } }).data;
      groups += data?.cycleTimes?.length ?? 0;
    }
    expect(compared).toBe(all.length);
    // Not a comparison of empty answers: the demo data fills many groups.
    expect(groups).toBeGreaterThan(1000);
  }

  it("gives identical answers on the demo data set (seed 2019)", async () => {
    const ts = (await answer(schema, sqlite, all.find((c) => c.name.startsWith("timeSaved"))!)) as { data: { timeSaved: { stagesCounted: number } } };
    expect(ts.data.timeSaved.stagesCounted).toBeGreaterThan(0);
    await compareEverything("demo");
  }, 600_000);

  it("gives identical answers after an import through the importer (the cache brought up to date on both)", async () => {
    const files = await writeSyntheticCsv(dir, 1500, 2019);
    const now = () => Date.parse("2026-11-02T09:00:00Z");
    for (const db of [sqlite, pg]) {
      const r = await importFiles(db, { initiatives: files.initiativesPath, events: files.eventsPath, now });
      expect(r.errors).toEqual([]);
    }
    const [a, b] = [await getCycleTable(sqlite), await getCycleTable(pg)];
    expect([b.madeBy, b.n - b.deadRows]).toEqual([a.madeBy, a.n - a.deadRows]);
    await compareEverything("demo + import");
  }, 600_000);
});
