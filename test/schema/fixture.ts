import { deriveStageCycle, type CycleEvent } from "../../analytics/cycle.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { setMeta } from "../../db/meta.js";
import { loadReferenceData } from "../../db/reference/index.js";

/** GSS codes used by the fixture (the first six authorities). */
export const CODES = ["E09000001", "E09000002", "E09000003", "E09000004", "E09000005", "E09000006"];
const TOOLS = ["isg", "manual", "onelondon"];
const DAY = 86_400_000;
/** 2024-01-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 0, 1);

/**
 * A database with the reference data and `n` hand-made initiatives, numbered FX-0001.. (ids sort
 * in creation order). Initiative k (1-based):
 * - leads borough CODES[k % 6] and has CODES[(k+1) % 6] as participant;
 * - runs on TOOLS[k % 3]; uses `common-dpia-template` when k is even;
 * - IDEA: SUBMITTED at T0 + k days, borough-less APPROVED a day later (APPROVED, both sign);
 * - CONCEPT (odd k only): SUBMITTED T0 + k + 2 days, QUERY_RAISED +1 day, RESUBMITTED +2,
 *   the lead APPROVED +3 days: still OPEN, the participant pending, 2 rounds.
 * Optionally opened with a statement counter.
 */
export function fixtureDb(n: number, onStatement?: (sql: string) => void, kind = "demo"): HubDb {
  const db = openDb(":memory:", onStatement ? { onStatement } : {});
  loadReferenceData(db);
  seedInitiatives(db, n);
  setMeta(db.sql, "dataset", kind);
  return db;
}

/** Inserts the fixture's initiatives (see fixtureDb). */
export function seedInitiatives(db: HubDb, n: number): void {
  const initiatives: unknown[][] = [];
  const participants: unknown[][] = [];
  const practices: unknown[][] = [];
  const events: unknown[][] = [];
  const cycles: unknown[][] = [];
  const signoffs: unknown[][] = [];
  for (let k = 1; k <= n; k++) {
    const id = `FX-${String(k).padStart(4, "0")}`;
    const lead = CODES[k % 6]!;
    const other = CODES[(k + 1) % 6]!;
    const created = new Date(T0 + k * DAY).toISOString().slice(0, 10);
    initiatives.push([id, `Fixture initiative ${k}`, k % 5 === 0 ? "Sharing housing data" : "Sharing care data", lead, TOOLS[k % 3], "loti-2019", k % 7 === 0 ? "WITHDRAWN" : "ACTIVE", created, 1, T0, "test"]);
    participants.push([id, lead, "LEAD"], [id, other, "PARTICIPANT"]);
    if (k % 2 === 0) practices.push([id, "common-dpia-template"]);
    const at = T0 + k * DAY;
    let ref = 0;
    // One stage's events, in id order, and its derived cycle and sign-offs (what CycleMaintainer
    // would write after reading the events back).
    const stage = (code: string, list: [string | null, CycleEvent["kind"], number][]) => {
      for (const [borough, kind, t] of list) events.push([id, code, borough, kind, t, "test", `${id}-${++ref}`, T0, "test"]);
      const c = deriveStageCycle(list.map(([borough, kind, t]) => ({ borough, kind, at: t })), [lead, other])!;
      cycles.push([id, code, c.outcome, c.submittedAt, c.approvedAt, c.endedAt, c.rounds, c.teamMs, c.openQueryAt]);
      for (const [code2, t] of c.signoffs) signoffs.push([id, code, code2, t]);
    };
    stage("IDEA", [
      [null, "SUBMITTED", at],
      [null, "APPROVED", at + DAY],
    ]);
    if (k % 2 === 1) {
      stage("CONCEPT", [
        [null, "SUBMITTED", at + 2 * DAY],
        [null, "QUERY_RAISED", at + 3 * DAY],
        [null, "RESUBMITTED", at + 4 * DAY],
        [lead, "APPROVED", at + 5 * DAY],
      ]);
    }
  }
  // Multi-row INSERTs: one statement per 100 rows instead of one per row (on PostgreSQL every
  // statement is a round trip, and 600 initiatives are ~10,000 rows).
  const insert = (table: string, columns: string, rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const values = chunk.map((r) => `(${r.map(() => "?").join(",")})`).join(",");
      db.sql.prepare(`INSERT INTO ${table} (${columns}) VALUES ${values}`).run(...chunk.flat());
    }
  };
  db.sql.transaction(() => {
    insert("initiatives", "id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at, synthetic, recorded_at, recorded_by", initiatives);
    insert("initiative_boroughs", "initiative_id, authority_code, role", participants);
    insert("initiative_practices", "initiative_id, practice_slug", practices);
    insert("stage_events", "initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by", events);
    insert("stage_cycles", "initiative_id, stage, outcome, submitted_at, approved_at, ended_at, rounds, team_ms, open_query_at", cycles);
    insert("borough_signoffs", "initiative_id, stage, authority_code, approved_at", signoffs);
  })();
}
