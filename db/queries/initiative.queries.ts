import type { CycleOutcome } from "../../analytics/cycle.js";
import type { HubDb } from "../connection.js";
import { initiativeFilterSql, type InitiativeFilterValues } from "../initiative.filter.js";
import { allOf, cachedStatement, matchable, placeholders } from "../sql.js";

/** Which parent a nested initiatives list hangs off. */
export type InitiativeScope = "borough" | "tool" | "organisation";

/** An initiative (table initiatives), columns named as the graph names them. */
export interface InitiativeRow {
  id: string;
  title: string;
  purpose: string | null;
  /** ACTIVE, LIVE, WITHDRAWN or REJECTED. */
  status: string;
  createdAt: string;
  synthetic: boolean;
  leadBoroughCode: string;
  toolSlug: string;
  processSlug: string;
}

/** A borough taking part in an initiative (table initiative_boroughs). */
export interface InitiativeBoroughRow {
  initiativeId: string;
  authorityCode: string;
  /** LEAD or PARTICIPANT. */
  role: string;
  /** Epoch ms it joined (late); null = from the start. */
  joinedAt: number | null;
  /** Epoch ms it left; null = still in. */
  leftAt: number | null;
}

/** A partner organisation taking part in an initiative (table initiative_partners). */
export interface InitiativePartnerRow {
  initiativeId: string;
  organisationSlug: string;
  role: string;
  joinedAt: number | null;
  leftAt: number | null;
}

/** A stage event (table stage_events); `rowId` is the numeric id, `id` the same as text. */
export interface StageEventRow {
  rowId: number;
  id: string;
  initiativeId: string;
  stage: string;
  authorityCode: string | null;
  /** The signer: authorityCode, or the partner organisation's slug; null for an initiative-wide event. */
  organisation: string | null;
  /** One of analytics/cycle.ts's EVENT_KINDS. */
  kind: string;
  at: number;
  source: string;
  sourceRef: string;
  recordedAt: number;
  recordedBy: string;
  /** A RETRACTED row: the id of the event it retracts, and why; null otherwise. */
  retracts: number | null;
  reason: string | null;
  /** The id of the RETRACTED row that retracts this event, or null. */
  retractedById: number | null;
}

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

/** A version of the IG process (table processes). */
export interface ProcessRow {
  slug: string;
  name: string;
  source: string | null;
  isDefault: boolean;
}

/** A stage of a process (table process_stages). */
export interface StageRow {
  processSlug: string;
  code: string;
  position: number;
  name: string;
  description: string;
}

const I_COLUMNS =
  `i.id, i.title, i.purpose, i.status, i.created_at AS "createdAt", i.synthetic, i.lead_borough AS "leadBoroughCode", i.tool_slug AS "toolSlug", i.process_slug AS "processSlug"`;
const E_COLUMNS =
  `e.id AS "rowId", CAST(e.id AS TEXT) AS id, e.initiative_id AS "initiativeId", e.stage, e.authority_code AS "authorityCode", COALESCE(e.authority_code, e.organisation_slug) AS organisation, e.kind, e.at, e.source, e.source_ref AS "sourceRef", e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy", e.retracts, e.reason, (SELECT r.id FROM stage_events r WHERE r.retracts = e.id) AS "retractedById"`;

/** FROM/WHERE of each scope: `?` is the parent's key; rows come out by initiative id through an index. */
const SCOPES: Record<InitiativeScope, { from: string; key: string; order: string }> = {
  borough: { from: "initiative_boroughs s JOIN initiatives i ON i.id = s.initiative_id", key: "s.authority_code", order: "s.initiative_id" },
  tool: { from: "initiatives i", key: "i.tool_slug", order: "i.id" },
  organisation: { from: "initiative_partners s JOIN initiatives i ON i.id = s.initiative_id", key: "s.organisation_slug", order: "s.initiative_id" },
};

type StoredInitiativeRow = Omit<InitiativeRow, "synthetic"> & { synthetic: number };
const toInitiative = ({ synthetic, ...r }: StoredInitiativeRow & { scopeKey?: string }): InitiativeRow => ({ ...r, synthetic: Boolean(synthetic) });

/**
 * Reads initiatives, their participants, events, derived stage cycles and processes. Every list is
 * keyset-paginated (no OFFSET scans).
 */
export class InitiativeQueries {
  constructor(private readonly db: HubDb) {}

  /** Whether an initiative with this id is stored. */
  exists(id: string): boolean {
    if (!matchable(id)) return false;
    return cachedStatement(this.db, "SELECT 1 FROM initiatives WHERE id = ?").get(id) !== undefined;
  }

  /** The event stored under (source, source_ref), if any. */
  eventBySourceRef(source: string, sourceRef: string): StageEventRow | undefined {
    return cachedStatement<StageEventRow>(this.db, `SELECT ${E_COLUMNS} FROM stage_events e WHERE e.source = ? AND e.source_ref = ?`).get(source, sourceRef);
  }

  /** The event with this numeric id, if any. */
  eventById(id: number): StageEventRow | undefined {
    return cachedStatement<StageEventRow>(this.db, `SELECT ${E_COLUMNS} FROM stage_events e WHERE e.id = ?`).get(id);
  }

  /** Initiatives with these ids (any order). */
  byIds(ids: readonly string[]): InitiativeRow[] {
    const keys = ids.filter(matchable);
    if (!keys.length) return [];
    return cachedStatement<StoredInitiativeRow>(this.db, `SELECT ${I_COLUMNS} FROM initiatives i WHERE i.id IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toInitiative);
  }

  /** Up to `limit` initiatives matching `filter` after id `afterId`, by id. */
  page(filter: InitiativeFilterValues, afterId: string | null, limit: number): InitiativeRow[] {
    const { where, params } = initiativeFilterSql(filter);
    return cachedStatement<StoredInitiativeRow>(this.db, `SELECT ${I_COLUMNS} FROM initiatives i WHERE ${allOf([...where, "i.id > ?"])} ORDER BY i.id LIMIT ?`)
      .all(...params, afterId ?? "", limit)
      .map(toInitiative);
  }

  /** Number of initiatives matching `filter`. */
  count(filter: InitiativeFilterValues): number {
    const { where, params } = initiativeFilterSql(filter);
    return cachedStatement<{ n: number }>(this.db, `SELECT COUNT(*) AS n FROM initiatives i WHERE ${allOf(where)}`).get(...params)!.n;
  }

  /**
   * For each parent key (borough code, tool slug or organisation slug), up to `limit` of its
   * initiatives matching `filter` after `afterId`, by id. One statement for the whole batch: a
   * UNION ALL of one indexed, LIMITed arm per key, because a plain `key IN (...)` cannot limit
   * each parent's page separately.
   */
  pageWithin(scope: InitiativeScope, keys: readonly string[], filter: InitiativeFilterValues, afterId: string | null, limit: number): (InitiativeRow & { scopeKey: string })[] {
    const s = SCOPES[scope];
    const { where, params } = initiativeFilterSql(filter);
    const arm = `SELECT * FROM (SELECT ? AS "scopeKey", ${I_COLUMNS} FROM ${s.from} WHERE ${allOf([`${s.key} = ?`, ...where, `${s.order} > ?`])} ORDER BY ${s.order} LIMIT ?) AS arm`;
    const all: unknown[] = [];
    for (const k of keys) all.push(k, k, ...params, afterId ?? "", limit);
    const rows = cachedStatement<StoredInitiativeRow & { scopeKey: string }>(this.db, keys.map(() => arm).join(" UNION ALL ")).all(...all);
    // Fresh row objects from the driver: the flag made a boolean in place, no copy per row.
    for (const r of rows) (r as unknown as InitiativeRow).synthetic = Boolean(r.synthetic);
    return rows as unknown as (InitiativeRow & { scopeKey: string })[];
  }

  /** For each parent key, how many of its initiatives match `filter` (keys with none are absent). */
  countWithin(scope: InitiativeScope, keys: readonly string[], filter: InitiativeFilterValues): { scopeKey: string; n: number }[] {
    const s = SCOPES[scope];
    const { where, params } = initiativeFilterSql(filter);
    return cachedStatement<{ scopeKey: string; n: number }>(
      this.db,
      `SELECT ${s.key} AS "scopeKey", COUNT(*) AS n FROM ${s.from} WHERE ${allOf([`${s.key} IN (${placeholders(keys.length)})`, ...where])} GROUP BY ${s.key}`,
    ).all(...keys, ...params);
  }

  /** Participating boroughs of these initiatives: the lead first, then by code. */
  boroughsOf(ids: readonly string[]): InitiativeBoroughRow[] {
    return cachedStatement<InitiativeBoroughRow>(
      this.db,
      `SELECT initiative_id AS "initiativeId", authority_code AS "authorityCode", role, joined_at AS "joinedAt", left_at AS "leftAt" FROM initiative_boroughs WHERE initiative_id IN (${placeholders(ids.length)})
       ORDER BY initiative_id, CASE role WHEN 'LEAD' THEN 0 ELSE 1 END, authority_code`,
    ).all(...ids);
  }

  /** Partner organisations of these initiatives, by slug. */
  partnersOf(ids: readonly string[]): InitiativePartnerRow[] {
    return cachedStatement<InitiativePartnerRow>(
      this.db,
      `SELECT initiative_id AS "initiativeId", organisation_slug AS "organisationSlug", role, joined_at AS "joinedAt", left_at AS "leftAt" FROM initiative_partners WHERE initiative_id IN (${placeholders(ids.length)}) ORDER BY initiative_id, organisation_slug`,
    ).all(...ids);
  }

  /** Practice slugs used by these initiatives. */
  practicesOf(ids: readonly string[]): { initiativeId: string; practiceSlug: string }[] {
    return cachedStatement<{ initiativeId: string; practiceSlug: string }>(
      this.db,
      `SELECT initiative_id AS "initiativeId", practice_slug AS "practiceSlug" FROM initiative_practices WHERE initiative_id IN (${placeholders(ids.length)}) ORDER BY initiative_id, practice_slug`,
    ).all(...ids);
  }

  /**
   * For each initiative, up to `limit` events (of `stage`, when given) after the key
   * `after = [at, rowId]`, by time then id: one UNION ALL statement (see `pageWithin`).
   */
  eventsWithin(ids: readonly string[], stage: string | null, after: [number, number] | null, limit: number): StageEventRow[] {
    if (stage !== null && !matchable(stage)) return [];
    const conds = ["e.initiative_id = ?", ...(stage ? ["e.stage = ?"] : []), "(e.at, e.id) > (?, ?)"];
    const arm = `SELECT * FROM (SELECT ${E_COLUMNS} FROM stage_events e WHERE ${conds.join(" AND ")} ORDER BY e.at, e.id LIMIT ?) AS arm`;
    const params: unknown[] = [];
    for (const id of ids) params.push(id, ...(stage ? [stage] : []), after?.[0] ?? Number.MIN_SAFE_INTEGER, after?.[1] ?? Number.MIN_SAFE_INTEGER, limit);
    return cachedStatement<StageEventRow>(this.db, ids.map(() => arm).join(" UNION ALL ")).all(...params);
  }

  /** Number of events (of `stage`, when given) of each initiative (initiatives with none are absent). */
  eventCounts(ids: readonly string[], stage: string | null): { initiativeId: string; n: number }[] {
    if (stage !== null && !matchable(stage)) return [];
    return cachedStatement<{ initiativeId: string; n: number }>(
      this.db,
      `SELECT initiative_id AS "initiativeId", COUNT(*) AS n FROM stage_events WHERE initiative_id IN (${placeholders(ids.length)})${stage ? " AND stage = ?" : ""} GROUP BY initiative_id`,
    ).all(...ids, ...(stage ? [stage] : []));
  }

  /** Derived stage cycles of these initiatives. */
  cyclesOf(ids: readonly string[]): CycleRow[] {
    return cachedStatement<CycleRow>(
      this.db,
      `SELECT initiative_id AS "initiativeId", stage, outcome, submitted_at AS "submittedAt", approved_at AS "approvedAt", ended_at AS "endedAt", rounds
       FROM stage_cycles WHERE initiative_id IN (${placeholders(ids.length)})`,
    ).all(...ids);
  }

  /** Derived borough sign-offs of these initiatives, earliest first. */
  signoffsOf(ids: readonly string[]): SignoffRow[] {
    return cachedStatement<SignoffRow>(
      this.db,
      `SELECT initiative_id AS "initiativeId", stage, authority_code AS "authorityCode", approved_at AS "approvedAt"
       FROM borough_signoffs WHERE initiative_id IN (${placeholders(ids.length)}) ORDER BY initiative_id, approved_at, authority_code`,
    ).all(...ids);
  }

  /** Every process, the default first. */
  processes(): ProcessRow[] {
    return cachedStatement<Omit<ProcessRow, "isDefault"> & { isDefault: number }>(this.db, `SELECT slug, name, source, is_default AS "isDefault" FROM processes ORDER BY is_default DESC, slug`)
      .all()
      .map((r) => ({ ...r, isDefault: Boolean(r.isDefault) }));
  }

  /** Stages of these processes, in order. */
  stagesOf(slugs: readonly string[]): StageRow[] {
    return cachedStatement<StageRow>(
      this.db,
      `SELECT process_slug AS "processSlug", code, position, name, description FROM process_stages WHERE process_slug IN (${placeholders(slugs.length)}) ORDER BY process_slug, position`,
    ).all(...slugs);
  }
}
