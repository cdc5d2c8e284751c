import { isBoroughSigner } from "../../analytics/cycle.js";
import type { SqlConn } from "../driver/index.js";
import { parseEventTime } from "../import/timestamp.js";
import type { ProblemSink } from "./write.rules.js";
import { shown } from "./write.rules.js";
import type { RecordPosition } from "./write.records.js";

/**
 * Participants come and go (issue 13 point 4): a borough or partner may join an initiative late or
 * leave it from a date. `joined_at` / `left_at` (epoch ms) on initiative_boroughs and
 * initiative_partners; null = from the start / still in. A signing participant holds a stage up
 * only while it takes part (analytics/cycle.ts). The initiatives file carries them as optional
 * columns `joined` and `left`: `;`-separated `code@ISO-date-or-datetime`.
 */

/** When one participant took part (epoch ms; null = from the start / still in). */
export interface Period {
  joinedAt: number | null;
  leftAt: number | null;
}

/**
 * Parses and checks an initiative record's `joined` and `left` entries against its participants:
 * each `code@time` names one of them once, with a valid ISO date or date-time, and a participant
 * leaves after it joined. Returns the periods by code (empty when none), problems reported to `sink`.
 */
export function parsePeriods(
  sink: ProblemSink,
  pos: RecordPosition,
  joined: readonly string[] | undefined,
  left: readonly string[] | undefined,
  participants: ReadonlySet<string>,
): Map<string, Period> {
  const periods = new Map<string, Period>();
  const read = (field: "joined" | "left", entries: readonly string[] | undefined) => {
    for (const entry of entries ?? []) {
      const at = entry.lastIndexOf("@");
      const code = at < 0 ? entry : entry.slice(0, at);
      const when = at < 0 ? "" : entry.slice(at + 1);
      const t = parseEventTime(when);
      if (at < 0 || t === null) {
        sink.fail(pos, field, `${shown(entry)} is not code@time; expected a participant's GSS code or partner slug, "@" and an ISO date or date-time with zone, e.g. met-police@2024-05-01`);
        continue;
      }
      if (!participants.has(code)) {
        sink.fail(pos, field, `${shown(code)} ${field === "joined" ? "joined" : "left"} but is not among the initiative's participants; expected a GSS code from boroughs or a slug from partners`);
        continue;
      }
      const p = periods.get(code) ?? { joinedAt: null, leftAt: null };
      const key = field === "joined" ? "joinedAt" : "leftAt";
      if (p[key] !== null) {
        sink.fail(pos, field, `${code} is listed twice in ${field}; expected each participant once`);
        continue;
      }
      p[key] = t;
      periods.set(code, p);
    }
  };
  read("joined", joined);
  read("left", left);
  for (const [code, p] of periods)
    if (p.joinedAt !== null && p.leftAt !== null && p.leftAt <= p.joinedAt)
      sink.fail(pos, "left", `${code} leaves at ${new Date(p.leftAt).toISOString()}, not after it joined at ${new Date(p.joinedAt).toISOString()}; expected a leaving later than the joining`);
  return periods;
}

/** Why a leaving is refused, or null when it may be recorded. */
export function leaveProblem(code: string, initiativeId: string, stored: Period | undefined, at: number): string | null {
  if (!stored) return `${shown(code)} does not take part in initiative ${shown(initiativeId)}; expected one of its boroughs or partners`;
  if (stored.leftAt !== null) return `${code} already left initiative ${initiativeId} at ${new Date(stored.leftAt).toISOString()}; a participant leaves once`;
  if (stored.joinedAt !== null && at <= stored.joinedAt)
    return `${code} joined initiative ${initiativeId} at ${new Date(stored.joinedAt).toISOString()}; expected a leaving after that, not at ${new Date(at).toISOString()}`;
  return null;
}

/** The stored periods of an initiative's participants (boroughs and partners), by code. */
export function readPeriods(sql: SqlConn, initiativeId: string): Map<string, Period> {
  const rows = sql
    .prepare<{ code: string; joined_at: number | string | null; left_at: number | string | null }>(
      "SELECT authority_code AS code, joined_at, left_at FROM initiative_boroughs WHERE initiative_id = ? UNION ALL SELECT organisation_slug AS code, joined_at, left_at FROM initiative_partners WHERE initiative_id = ?",
    )
    .all(initiativeId, initiativeId);
  return new Map(rows.map((r) => [r.code, { joinedAt: r.joined_at === null ? null : Number(r.joined_at), leftAt: r.left_at === null ? null : Number(r.left_at) }]));
}

/** Writes participants' periods (the rows exist: a borough's or a partner's, by the code's form). */
export function storePeriods(sql: SqlConn, initiativeId: string, periods: ReadonlyMap<string, Period>): void {
  if (periods.size === 0) return;
  const borough = sql.prepare("UPDATE initiative_boroughs SET joined_at = ?, left_at = ? WHERE initiative_id = ? AND authority_code = ?");
  const partner = sql.prepare("UPDATE initiative_partners SET joined_at = ?, left_at = ? WHERE initiative_id = ? AND organisation_slug = ?");
  for (const [code, p] of periods) (isBoroughSigner(code) ? borough : partner).run(p.joinedAt, p.leftAt, initiativeId, code);
}
