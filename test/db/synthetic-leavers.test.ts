import { afterAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { generateSynthetic } from "../../db/synthetic/index.js";

/**
 * The synthetic generator's leavers (db/synthetic/leavers.ts): a few initiatives where a
 * non-lead signing participant leaves a stage it had not signed, deterministic per seed.
 */

const opened: HubDb[] = [];
function seeded(seed: number): HubDb {
  const db = openDb(":memory:");
  opened.push(db);
  generateSynthetic(db, { size: 400, seed });
  return db;
}
afterAll(() => opened.forEach((db) => db.close()));

type Leaver = { initiative_id: string; code: string; left_at: number };
const LEAVERS =
  "SELECT initiative_id, authority_code AS code, left_at FROM initiative_boroughs WHERE left_at IS NOT NULL UNION ALL SELECT initiative_id, organisation_slug, left_at FROM initiative_partners WHERE left_at IS NOT NULL ORDER BY 1, 2";

describe("synthetic leavers", () => {
  const a = seeded(1);
  const leavers = a.sql.prepare(LEAVERS).all() as Leaver[];

  it("two of the 400 demo initiatives have a leaver, none of them its lead, the same ones for the same seed", () => {
    expect(leavers.length).toBe(2);
    for (const l of leavers) expect(a.sql.prepare("SELECT lead_borough FROM initiatives WHERE id = ?").pluck().get(l.initiative_id)).not.toBe(l.code);
    expect(seeded(1).sql.prepare(LEAVERS).all()).toEqual(leavers);
  });

  it("each leaves after a stage's submission it never signed, and before the data set's end (2026-11-01)", () => {
    for (const l of leavers) {
      const unsigned = a.sql
        .prepare(
          `SELECT COUNT(*) FROM stage_cycles c WHERE c.initiative_id = ? AND c.submitted_at < ?
             AND NOT EXISTS (SELECT 1 FROM stage_events e WHERE e.initiative_id = c.initiative_id AND e.stage = c.stage AND e.kind = 'APPROVED' AND (e.authority_code = ? OR e.organisation_slug = ?))`,
        )
        .pluck()
        .get(l.initiative_id, l.left_at, l.code, l.code) as number;
      expect(unsigned).toBeGreaterThan(0);
      expect(l.left_at).toBeLessThan(Date.UTC(2026, 10, 1));
    }
  });
});
