import type { CycleOutcome } from "../../analytics/cycle.js";
import type { HubDb } from "../../db/connection.js";
import { initiativeFilterSql, type InitiativeFilterValues } from "../../db/initiative.filter.js";
import { allOf } from "../../db/sql.js";
import { matchable, placeholders, stmt } from "../common/sql.js";
import type { InitiativeBorough } from "./initiative-borough.type.js";
import type { InitiativePartner } from "./initiative-partner.type.js";
import type { Initiative } from "./initiative.type.js";
import type { Process } from "./process.type.js";
import type { StageEvent } from "./stage-event.type.js";
import type { Stage } from "./stage.type.js";

/** Which parent a nested initiatives list hangs off. */
export type InitiativeScope = "borough" | "tool" | "organisation";

/** A derived stage cycle row (table stage_cycles). */
export interface CycleRow {
  initiativeId: string;
  stage: string;
  outcome: CycleOutcome;
  submittedAt: number;
  approvedAt: number | null;
  endedAt: number | null;
  rounds: number;
}

/** A derived borough sign-off row (table borough_signoffs). */
export interface SignoffRow {
  initiativeId: string;
  stage: string;
  authorityCode: string;
  approvedAt: number;
}

const I_COLUMNS =
  `i.id, i.title, i.purpose, i.status, i.created_at AS "createdAt", i.synthetic, i.lead_borough AS "leadBoroughCode", i.tool_slug AS "toolSlug", i.process_slug AS "processSlug"`;
const E_COLUMNS =
  `e.id AS "rowId", CAST(e.id AS TEXT) AS id, e.initiative_id AS "initiativeId", e.stage, e.authority_code AS "authorityCode", e.kind, e.at, e.source, e.source_ref AS "sourceRef", e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy"`;

/** FROM/WHERE of each scope: `?` is the parent's key; rows come out by initiative id through an index. */
const SCOPES: Record<InitiativeScope, { from: string; key: string; order: string }> = {
  borough: { from: "initiative_boroughs s JOIN initiatives i ON i.id = s.initiative_id", key: "s.authority_code", order: "s.initiative_id" },
  tool: { from: "initiatives i", key: "i.tool_slug", order: "i.id" },
  organisation: { from: "initiative_partners s JOIN initiatives i ON i.id = s.initiative_id", key: "s.organisation_slug", order: "s.initiative_id" },
};

type InitiativeRow = Omit<Initiative, "synthetic"> & { synthetic: number };
const toInitiative = ({ synthetic, ...r }: InitiativeRow & { scopeKey?: string }): Initiative => ({ ...r, synthetic: Boolean(synthetic) });

/**
 * Reads initiatives, their participants, events, derived stage cycles and processes. Every list is
 * keyset-paginated (no OFFSET scans). Async for a later PostgreSQL backend.
 */
export class InitiativeQueries {
  constructor(private readonly db: HubDb) {}

  /** Initiatives with these ids (any order). */
  async byIds(ids: readonly string[]): Promise<Initiative[]> {
    const keys = ids.filter(matchable);
    if (!keys.length) return [];
    return stmt<InitiativeRow>(this.db, `SELECT ${I_COLUMNS} FROM initiatives i WHERE i.id IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toInitiative);
  }

  /** Up to `limit` initiatives matching `filter` after id `afterId`, by id. */
  async page(filter: InitiativeFilterValues, afterId: string | null, limit: number): Promise<Initiative[]> {
    const { where, params } = initiativeFilterSql(filter);
    return stmt<InitiativeRow>(this.db, `SELECT ${I_COLUMNS} FROM initiatives i WHERE ${allOf([...where, "i.id > ?"])} ORDER BY i.id LIMIT ?`)
      .all(...params, afterId ?? "", limit)
      .map(toInitiative);
  }

  /** Number of initiatives matching `filter`. */
  async count(filter: InitiativeFilterValues): Promise<number> {
    const { where, params } = initiativeFilterSql(filter);
    return stmt<{ n: number }>(this.db, `SELECT COUNT(*) AS n FROM initiatives i WHERE ${allOf(where)}`).get(...params)!.n;
  }

  /**
   * For each parent key (borough code, tool slug or organisation slug), up to `limit` of its
   * initiatives matching `filter` after `afterId`, by id. One statement for the whole batch: a
   * UNION ALL of one indexed, LIMITed arm per key, because a plain `key IN (...)` cannot limit
   * each parent's page separately.
   */
  async pageWithin(scope: InitiativeScope, keys: readonly string[], filter: InitiativeFilterValues, afterId: string | null, limit: number): Promise<(Initiative & { scopeKey: string })[]> {
    const s = SCOPES[scope];
    const { where, params } = initiativeFilterSql(filter);
    const arm = `SELECT * FROM (SELECT ? AS "scopeKey", ${I_COLUMNS} FROM ${s.from} WHERE ${allOf([`${s.key} = ?`, ...where, `${s.order} > ?`])} ORDER BY ${s.order} LIMIT ?) AS arm`;
    const all: unknown[] = [];
    for (const k of keys) all.push(k, k, ...params, afterId ?? "", limit);
    const rows = stmt<InitiativeRow & { scopeKey: string }>(this.db, keys.map(() => arm).join(" UNION ALL ")).all(...all);
    return rows.map((r) => ({ ...toInitiative(r), scopeKey: r.scopeKey }));
  }

  /** For each parent key, how many of its initiatives match `filter` (keys with none are absent). */
  async countWithin(scope: InitiativeScope, keys: readonly string[], filter: InitiativeFilterValues): Promise<{ scopeKey: string; n: number }[]> {
    const s = SCOPES[scope];
    const { where, params } = initiativeFilterSql(filter);
    return stmt<{ scopeKey: string; n: number }>(
      this.db,
      `SELECT ${s.key} AS "scopeKey", COUNT(*) AS n FROM ${s.from} WHERE ${allOf([`${s.key} IN (${placeholders(keys.length)})`, ...where])} GROUP BY ${s.key}`,
    ).all(...keys, ...params);
  }

  /** Participating boroughs of these initiatives: the lead first, then by code. */
  async boroughsOf(ids: readonly string[]): Promise<InitiativeBorough[]> {
    return stmt<InitiativeBorough>(
      this.db,
      `SELECT initiative_id AS "initiativeId", authority_code AS "authorityCode", role FROM initiative_boroughs WHERE initiative_id IN (${placeholders(ids.length)})
       ORDER BY initiative_id, CASE role WHEN 'LEAD' THEN 0 ELSE 1 END, authority_code`,
    ).all(...ids);
  }

  /** Partner organisations of these initiatives, by slug. */
  async partnersOf(ids: readonly string[]): Promise<InitiativePartner[]> {
    return stmt<InitiativePartner>(
      this.db,
      `SELECT initiative_id AS "initiativeId", organisation_slug AS "organisationSlug", role FROM initiative_partners WHERE initiative_id IN (${placeholders(ids.length)}) ORDER BY initiative_id, organisation_slug`,
    ).all(...ids);
  }

  /** Practice slugs used by these initiatives. */
  async practicesOf(ids: readonly string[]): Promise<{ initiativeId: string; practiceSlug: string }[]> {
    return stmt<{ initiativeId: string; practiceSlug: string }>(
      this.db,
      `SELECT initiative_id AS "initiativeId", practice_slug AS "practiceSlug" FROM initiative_practices WHERE initiative_id IN (${placeholders(ids.length)}) ORDER BY initiative_id, practice_slug`,
    ).all(...ids);
  }

  /**
   * For each initiative, up to `limit` events (of `stage`, when given) after the key
   * `after = [at, rowId]`, by time then id: one UNION ALL statement (see `pageWithin`).
   */
  async eventsWithin(ids: readonly string[], stage: string | null, after: [number, number] | null, limit: number): Promise<StageEvent[]> {
    if (stage !== null && !matchable(stage)) return [];
    const conds = ["e.initiative_id = ?", ...(stage ? ["e.stage = ?"] : []), "(e.at, e.id) > (?, ?)"];
    const arm = `SELECT * FROM (SELECT ${E_COLUMNS} FROM stage_events e WHERE ${conds.join(" AND ")} ORDER BY e.at, e.id LIMIT ?) AS arm`;
    const params: unknown[] = [];
    for (const id of ids) params.push(id, ...(stage ? [stage] : []), after?.[0] ?? Number.MIN_SAFE_INTEGER, after?.[1] ?? Number.MIN_SAFE_INTEGER, limit);
    return stmt<StageEvent>(this.db, ids.map(() => arm).join(" UNION ALL ")).all(...params);
  }

  /** Number of events (of `stage`, when given) of each initiative (initiatives with none are absent). */
  async eventCounts(ids: readonly string[], stage: string | null): Promise<{ initiativeId: string; n: number }[]> {
    if (stage !== null && !matchable(stage)) return [];
    return stmt<{ initiativeId: string; n: number }>(
      this.db,
      `SELECT initiative_id AS "initiativeId", COUNT(*) AS n FROM stage_events WHERE initiative_id IN (${placeholders(ids.length)})${stage ? " AND stage = ?" : ""} GROUP BY initiative_id`,
    ).all(...ids, ...(stage ? [stage] : []));
  }

  /** Derived stage cycles of these initiatives. */
  async cyclesOf(ids: readonly string[]): Promise<CycleRow[]> {
    return stmt<CycleRow>(
      this.db,
      `SELECT initiative_id AS "initiativeId", stage, outcome, submitted_at AS "submittedAt", approved_at AS "approvedAt", ended_at AS "endedAt", rounds
       FROM stage_cycles WHERE initiative_id IN (${placeholders(ids.length)})`,
    ).all(...ids);
  }

  /** Derived borough sign-offs of these initiatives, earliest first. */
  async signoffsOf(ids: readonly string[]): Promise<SignoffRow[]> {
    return stmt<SignoffRow>(
      this.db,
      `SELECT initiative_id AS "initiativeId", stage, authority_code AS "authorityCode", approved_at AS "approvedAt"
       FROM borough_signoffs WHERE initiative_id IN (${placeholders(ids.length)}) ORDER BY initiative_id, approved_at, authority_code`,
    ).all(...ids);
  }

  /** Every process, the default first. */
  async processes(): Promise<Process[]> {
    return stmt<Omit<Process, "isDefault"> & { isDefault: number }>(this.db, `SELECT slug, name, source, is_default AS "isDefault" FROM processes ORDER BY is_default DESC, slug`)
      .all()
      .map((r) => ({ ...r, isDefault: Boolean(r.isDefault) }));
  }

  /** Stages of these processes, in order. */
  async stagesOf(slugs: readonly string[]): Promise<Stage[]> {
    return stmt<Stage>(
      this.db,
      `SELECT process_slug AS "processSlug", code, position, name, description FROM process_stages WHERE process_slug IN (${placeholders(slugs.length)}) ORDER BY process_slug, position`,
    ).all(...slugs);
  }
}
