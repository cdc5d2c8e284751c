import { openDb, type HubDb } from "../../../db/connection.js";
import { CycleMaintainer } from "../../../db/cycles/cycle.maintainer.js";
import { bumpDataVersion } from "../../../db/cycles/change-log.js";
import { loadReferenceData } from "../../../db/reference/index.js";

export const E1 = "E09000001";
export const E2 = "E09000002";
export const E3 = "E09000003";

/** An initiative of a fixture: its attributes and its stage events (`at` as ISO instants). */
export interface FixtureInitiative {
  id: string;
  tool: string;
  lead: string;
  boroughs: string[];
  practices?: string[];
  events: { stage: string; kind: string; borough?: string | null; at: string }[];
}

/**
 * A fresh in-memory hub database with the reference data and these initiatives, their events and
 * derived cycles written the way the hub writes them (CycleMaintainer in the write transaction,
 * data version bumped).
 */
export function fixtureDb(initiatives: readonly FixtureInitiative[]): HubDb {
  const db = openDb(":memory:");
  loadReferenceData(db);
  addInitiatives(db, initiatives);
  return db;
}

/** Adds initiatives and events in one write transaction, refreshing the derived cycles. */
export function addInitiatives(db: HubDb, initiatives: readonly FixtureInitiative[]): void {
  const { sql } = db;
  const maintainer = new CycleMaintainer(sql);
  const insInit = sql.prepare(
    "INSERT INTO initiatives (id, title, lead_borough, tool_slug, process_slug, status, created_at, recorded_at, recorded_by) VALUES (?, ?, ?, ?, 'loti-2019', 'ACTIVE', '2024-01-01', 0, 'test') ON CONFLICT DO NOTHING",
  );
  const insBorough = sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  const insPractice = sql.prepare("INSERT INTO initiative_practices (initiative_id, practice_slug) VALUES (?, ?) ON CONFLICT DO NOTHING");
  const insEvent = sql.prepare(
    "INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, 'test', ?, 0, 'test')",
  );
  let ref = Number(sql.prepare("SELECT COUNT(*) FROM stage_events").pluck().get());
  sql.transaction(() => {
    for (const i of initiatives) {
      insInit.run(i.id, `Initiative ${i.id}`, i.lead, i.tool);
      for (const b of i.boroughs) insBorough.run(i.id, b, b === i.lead ? "LEAD" : "PARTICIPANT");
      for (const p of i.practices ?? []) insPractice.run(i.id, p);
      const stages = new Set<string>();
      for (const e of i.events) {
        insEvent.run(i.id, e.stage, e.borough ?? null, e.kind, Date.parse(e.at), `ref-${++ref}`);
        stages.add(e.stage);
      }
      for (const s of stages) maintainer.refresh(i.id, s);
    }
    bumpDataVersion(sql);
  })();
}

/** The hand-computed fixture of test/metrics (see metrics.test.ts for the expected numbers). */
export const SMALL: FixtureInitiative[] = [
  {
    id: "I1",
    tool: "isg",
    lead: E1,
    boroughs: [E1, E2],
    practices: ["common-dpia-template"],
    events: [
      { stage: "DPIA", kind: "SUBMITTED", at: "2024-01-08T10:00:00Z" },
      { stage: "DPIA", kind: "QUERY_RAISED", borough: E2, at: "2024-01-10T10:00:00Z" },
      { stage: "DPIA", kind: "RESUBMITTED", at: "2024-01-12T10:00:00Z" },
      { stage: "DPIA", kind: "APPROVED", borough: E2, at: "2024-01-15T10:00:00Z" },
      { stage: "DPIA", kind: "APPROVED", borough: E1, at: "2024-01-18T10:00:00Z" },
      { stage: "ISA", kind: "SUBMITTED", at: "2024-01-22T10:00:00Z" },
      { stage: "ISA", kind: "APPROVED", at: "2024-01-24T10:00:00Z" },
    ],
  },
  {
    id: "I2",
    tool: "manual",
    lead: E2,
    boroughs: [E2, E3],
    events: [
      { stage: "DPIA", kind: "SUBMITTED", at: "2024-01-08T10:00:00Z" },
      { stage: "DPIA", kind: "APPROVED", at: "2024-01-22T10:00:00Z" },
      { stage: "ISA", kind: "SUBMITTED", at: "2024-02-05T10:00:00Z" },
    ],
  },
  {
    id: "I3",
    tool: "isg",
    lead: E3,
    boroughs: [E3],
    events: [{ stage: "DPIA", kind: "SUBMITTED", at: "2024-01-15T10:00:00Z" }],
  },
  {
    id: "I4",
    tool: "manual",
    lead: E1,
    boroughs: [E1],
    events: [
      { stage: "DPIA", kind: "SUBMITTED", at: "2024-01-09T10:00:00Z" },
      { stage: "DPIA", kind: "REJECTED", at: "2024-01-11T10:00:00Z" },
    ],
  },
];
