import type { SqlConn } from "../driver/index.js";
import { CycleMaintainer, SIGNERS_OF_INITIATIVE } from "../cycles/cycle.maintainer.js";
import { deriveInitiativeStatus } from "../cycles/cycle.derive.js";
import { Rng } from "./random.js";

const DAY = 86_400_000;

/**
 * Synthetic leavers (issue 13 point 4): in a few initiatives (about one in 250, at least 2) a
 * signing participant other than the lead leaves a stage it had not signed, 1 to 30 days after its
 * submission and before the data set's end date, so the demo shows leavers: the stage is approved
 * at the leaving when everyone else had signed, and the leaver is never pending afterwards. Works
 * on the stored rows (after the generator wrote them), so it holds whoever the signers are;
 * deterministic per seed. Returns the initiatives given a leaver.
 */
export function addLeavers(conn: SqlConn, seed: number, endDate: string): string[] {
  const rng = new Rng((seed * 2654435761 + 0x1ea7) >>> 0);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  const total = conn.prepare("SELECT COUNT(*) FROM initiatives").pluck().get() as number;
  const wanted = Math.max(2, Math.round(total / 250));
  const open = conn.prepare<{ initiative_id: string; stage: string; submitted_at: number }>("SELECT initiative_id, stage, submitted_at FROM stage_cycles WHERE outcome = 'OPEN' ORDER BY initiative_id, stage").all();
  const signersOf = conn.prepare<{ code: string }>(SIGNERS_OF_INITIATIVE);
  const leadOf = conn.prepare("SELECT lead_borough FROM initiatives WHERE id = ?").pluck();
  const signedOf = conn.prepare("SELECT authority_code FROM borough_signoffs WHERE initiative_id = ? AND stage = ? UNION ALL SELECT organisation_slug FROM partner_signoffs WHERE initiative_id = ? AND stage = ?").pluck();
  const setBorough = conn.prepare("UPDATE initiative_boroughs SET left_at = ? WHERE initiative_id = ? AND authority_code = ?");
  const setPartner = conn.prepare("UPDATE initiative_partners SET left_at = ? WHERE initiative_id = ? AND organisation_slug = ?");
  const cycles = new CycleMaintainer(conn);
  const chosen: string[] = [];
  const taken = new Set<string>();
  // A deterministic walk over the open stages in a seeded order (Fisher–Yates on indexes).
  const order = open.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const k of order) {
    if (chosen.length >= wanted) break;
    const { initiative_id: id, stage, submitted_at } = open[k]!;
    if (taken.has(id)) continue;
    const lead = leadOf.get(id) as string;
    const signed = new Set(signedOf.all(id, stage, id, stage) as string[]);
    const candidates = signersOf.all(id, id).map((r) => r.code).filter((c) => c !== lead && !signed.has(c));
    const at = Number(submitted_at) + rng.int(1, 30) * DAY;
    if (candidates.length === 0 || at >= end) continue;
    const who = candidates[rng.int(0, candidates.length - 1)]!;
    (/^[A-Z]\d{8}$/.test(who) ? setBorough : setPartner).run(at, id, who);
    cycles.refreshInitiative(id);
    taken.add(id);
    chosen.push(id);
  }
  // A stage approved at a leaving may be the one that makes the initiative LIVE.
  const outcomes = conn.prepare<{ stage: string; outcome: string }>("SELECT stage, outcome FROM stage_cycles WHERE initiative_id = ?");
  const statusOf = conn.prepare("SELECT status FROM initiatives WHERE id = ?").pluck();
  const setStatus = conn.prepare("UPDATE initiatives SET status = ? WHERE id = ?");
  for (const id of chosen) {
    if (statusOf.get(id) !== "ACTIVE") continue;
    const status = deriveInitiativeStatus(new Map(outcomes.all(id).map((r) => [r.stage, r.outcome] as const)), "ISA");
    if (status !== "ACTIVE") setStatus.run(status, id);
  }
  return chosen;
}
