import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type HubDb } from "../../db/connection.js";
import { CycleMaintainer } from "../../db/cycles/cycle.maintainer.js";
import { bumpDataVersion } from "../../db/cycles/change-log.js";
import { setMeta } from "../../db/meta.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { PgConn } from "../../db/driver/index.js";
import { onPostgres, PG_BASE_URL, pgUrlFor } from "../db-target.js";

export const CAMDEN = "E09000007";
export const HACKNEY = "E09000012";
export const ISLINGTON = "E09000019";

/** Epoch ms of a London-winter instant (UTC = London time in March before the clocks change). */
export const at = (iso: string) => Date.parse(iso);

/**
 * Two hand-made initiatives on the reference data (no demo data):
 * - `fed-1` (lead Camden, with Hackney and the non-signing partner `nel-icb`; ISG): DPIA submitted Fri 2024-03-01, Camden signs Mon 03-04,
 *   Hackney signs Fri 03-08 → approved after 7 calendar days, 5 working days.
 * - `fed-2` (lead Islington alone; manual): DPIA submitted Mon 2024-03-04, still open.
 */
export function loadFixture(db: HubDb): void {
  loadReferenceData(db);
  const conn = db.sql;
  const now = at("2024-03-10T12:00:00Z");
  conn.transaction(() => {
    const initiative = conn.prepare(
      "INSERT INTO initiatives (id, title, purpose, lead_borough, tool_slug, process_slug, status, created_at, synthetic, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,0,?,?)",
    );
    const participant = conn.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES (?,?,?)");
    initiative.run("fed-1", "Shared care records", "Joined-up adult social care", CAMDEN, "isg", "loti-2019", "ACTIVE", "2024-02-01", now, "test");
    participant.run("fed-1", CAMDEN, "LEAD");
    participant.run("fed-1", HACKNEY, "PARTICIPANT");
    conn.prepare("INSERT INTO organisations (slug, name, kind, synthetic) VALUES (?,?,?,0)").run("nel-icb", "North East London ICB", "NHS_TRUST");
    // An observer: it takes part without signing (signs = 0), so the boroughs' approvals close the stage.
    conn.prepare("INSERT INTO initiative_partners (initiative_id, organisation_slug, role, signs) VALUES (?,?,?,0)").run("fed-1", "nel-icb", "PARTNER");
    initiative.run("fed-2", "Temporary accommodation", null, ISLINGTON, "manual", "loti-2019", "ACTIVE", "2024-02-15", now, "test");
    participant.run("fed-2", ISLINGTON, "LEAD");
    const event = conn.prepare(
      "INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,?)",
    );
    event.run("fed-1", "DPIA", null, "SUBMITTED", at("2024-03-01T10:00:00Z"), "test", "fed-1-1", now, "test");
    event.run("fed-1", "DPIA", CAMDEN, "APPROVED", at("2024-03-04T10:00:00Z"), "test", "fed-1-2", now, "test");
    event.run("fed-1", "DPIA", HACKNEY, "APPROVED", at("2024-03-08T10:00:00Z"), "test", "fed-1-3", now, "test");
    event.run("fed-2", "DPIA", null, "SUBMITTED", at("2024-03-04T09:00:00Z"), "test", "fed-2-1", now, "test");
    const cycles = new CycleMaintainer(conn);
    cycles.refresh("fed-1", "DPIA");
    cycles.refresh("fed-2", "DPIA");
    // Marked imported so nothing ever adds demo data on top of the fixture.
    setMeta(conn, "dataset", "imported");
    bumpDataVersion(conn);
  })();
}

/** A temporary folder with a hub database file holding the fixture; `remove()` deletes it. */
export function fixtureDbFile(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ighub-fed-"));
  const path = join(dir, "hub.db");
  const db = openDb(path);
  try {
    loadFixture(db);
  } finally {
    db.close();
  }
  return {
    path,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      if (onPostgres) {
        // The schema standing for the file on PostgreSQL (see test/db-target.ts).
        const schema = new URL(pgUrlFor(path)).searchParams.get("schema")!;
        const admin = new PgConn(PG_BASE_URL!);
        try {
          admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          admin.close();
        }
      }
    },
  };
}
