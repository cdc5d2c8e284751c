import type { HubDb } from "../../../db/connection.js";
import { bumpDataVersion } from "../../../db/cycles/change-log.js";
import { CycleMaintainer } from "../../../db/cycles/cycle.maintainer.js";

/** An open stage and the first participating borough still to sign it. */
export interface OpenStage {
  id: string;
  stage: string;
  at: number;
  code: string;
}

/**
 * Records sign-offs as a write would: on up to `limit` open stages, the first participating borough
 * still to sign approves (3 days per stage after its submission, source_ref `${tag}-n`), each
 * stage's cycle refreshed and the data version bumped, in one transaction. Returns the stages signed.
 */
export function signOpenStages(db: HubDb, tag: string, limit: number): OpenStage[] {
  const { sql } = db;
  const open = sql
    .prepare(
      `SELECT c.initiative_id AS id, c.stage, c.submitted_at AS at, MIN(b.authority_code) AS code FROM stage_cycles c
       JOIN initiative_boroughs b ON b.initiative_id = c.initiative_id
       WHERE c.outcome = 'OPEN' AND NOT EXISTS (SELECT 1 FROM borough_signoffs s WHERE s.initiative_id = c.initiative_id AND s.stage = c.stage AND s.authority_code = b.authority_code)
       GROUP BY c.initiative_id, c.stage, c.submitted_at ORDER BY c.initiative_id, c.stage LIMIT ${Math.trunc(limit)}`,
    )
    .all() as OpenStage[];
  const ins = sql.prepare("INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by) VALUES (?, ?, ?, 'APPROVED', ?, 'test', ?, 0, 'test')");
  const maintainer = new CycleMaintainer(sql);
  sql.transaction(() => {
    open.forEach((o, n) => {
      ins.run(o.id, o.stage, o.code, o.at + (n + 1) * 86_400_000 * 3, `${tag}-${n}`);
      maintainer.refresh(o.id, o.stage);
    });
    bumpDataVersion(sql);
  })();
  return open;
}
