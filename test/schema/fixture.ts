import { openDb, type HubDb } from "../../db/connection.js";
import { CycleMaintainer } from "../../db/cycles.js";
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
  const s = db.sql;
  const ins = s.prepare(
    "INSERT INTO initiatives (id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at, synthetic, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
  );
  const part = s.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES (?,?,?)");
  const prac = s.prepare("INSERT INTO initiative_practices (initiative_id, practice_slug) VALUES (?,?)");
  const ev = s.prepare(
    "INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,?)",
  );
  const cycles = new CycleMaintainer(s);
  s.transaction(() => {
    for (let k = 1; k <= n; k++) {
      const id = `FX-${String(k).padStart(4, "0")}`;
      const lead = CODES[k % 6]!;
      const other = CODES[(k + 1) % 6]!;
      const created = new Date(T0 + k * DAY).toISOString().slice(0, 10);
      ins.run(id, `Fixture initiative ${k}`, k % 5 === 0 ? "Sharing housing data" : "Sharing care data", lead, TOOLS[k % 3], "loti-2019", k % 7 === 0 ? "WITHDRAWN" : "ACTIVE", created, 1, T0, "test");
      part.run(id, lead, "LEAD");
      part.run(id, other, "PARTICIPANT");
      if (k % 2 === 0) prac.run(id, "common-dpia-template");
      const at = T0 + k * DAY;
      let ref = 0;
      const e = (stage: string, borough: string | null, kind: string, t: number) => ev.run(id, stage, borough, kind, t, "test", `${id}-${++ref}`, T0, "test");
      e("IDEA", null, "SUBMITTED", at);
      e("IDEA", null, "APPROVED", at + DAY);
      cycles.refresh(id, "IDEA", [lead, other]);
      if (k % 2 === 1) {
        e("CONCEPT", null, "SUBMITTED", at + 2 * DAY);
        e("CONCEPT", null, "QUERY_RAISED", at + 3 * DAY);
        e("CONCEPT", null, "RESUBMITTED", at + 4 * DAY);
        e("CONCEPT", lead, "APPROVED", at + 5 * DAY);
        cycles.refresh(id, "CONCEPT", [lead, other]);
      }
    }
  })();
}
