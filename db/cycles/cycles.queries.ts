/**
 * The SQL the cycle table is read with, in one place so that a change of query shows up in review.
 * Every metric is computed from the derived tables `stage_cycles` and `borough_signoffs` (kept
 * current by CycleMaintainer as events arrive), never from the raw event log. Each statement is
 * one sequential scan of a table (the whole table is wanted: it fills the in-process columnar
 * cache), or a primary-key read. Per-initiative reads are ordered (by their primary key, so at no
 * cost) so that a delta lays rows out alike on SQLite and PostgreSQL.
 */
import type { Dialect } from "../driver/index.js";

/** The data version the cache is keyed by (db/meta.ts bumps it in every write transaction). */
export const DATA_VERSION_SQL = "SELECT CAST(value AS INTEGER) AS v FROM meta WHERE key = 'data_version'";

/** Stage codes in process order (the default process first). */
export const STAGES_SQL =
  "SELECT s.code AS code FROM process_stages s JOIN processes p ON p.slug = s.process_slug ORDER BY p.is_default DESC, p.slug, s.position";

/** Tool slugs. */
export const TOOLS_SQL = "SELECT slug FROM tools ORDER BY slug";

/** Authority GSS codes. */
export const AUTHORITIES_SQL = "SELECT code FROM authorities ORDER BY code";

/** Signing participants of every initiative, with when they took part: boroughs (is_borough 1) and partner organisations (0). */
const SIGNERS_SQL =
  "SELECT initiative_id, authority_code AS code, 1 AS is_borough, joined_at, left_at FROM initiative_boroughs WHERE signs <> 0 UNION ALL SELECT initiative_id, organisation_slug AS code, 0 AS is_borough, joined_at, left_at FROM initiative_partners WHERE signs <> 0";

/** Partner organisation slugs (the table's partner dictionary, in slug order). */
export const PARTNERS_SQL = "SELECT slug FROM organisations ORDER BY slug";

/** Participants recorded as not signing: boroughs (is_borough 1) and partner organisations (0). */
const NON_SIGNERS_SQL =
  "SELECT initiative_id, authority_code AS code, 1 AS is_borough FROM initiative_boroughs WHERE signs = 0 UNION ALL SELECT initiative_id, organisation_slug AS code, 0 AS is_borough FROM initiative_partners WHERE signs = 0";

/** Practice slugs. */
export const PRACTICES_SQL = "SELECT slug FROM practices ORDER BY slug";

/*
 * The full reads return each column as one JSON array (one row, one scan): the database writes
 * JSON and JSON.parse reads it several times faster than materialising hundreds of thousands of row
 * objects through the driver. All aggregates of one query see the rows in the same order. SQLite
 * has json_group_array; PostgreSQL json_agg, cast to text so that the worker thread hands over one
 * string per column (not a parsed array of values) and NULL for no rows made '[]' as in SQLite.
 */

/**
 * A column named with a leading INTEGER_LIST ("#at") must be an integer that is never NULL (both
 * aggregates skip NULLs): it is read as its decimals separated by commas, which SQLite writes and
 * parseIntegerList reads several times faster than a JSON array of 13-digit epoch milliseconds.
 */
export const INTEGER_LIST = "#";

/** A one-row query of one JSON array (text) per column of `table` (a comma-separated list for an INTEGER_LIST column), in `dialect`. */
export function columnWiseSql(dialect: Dialect, table: string, columns: readonly string[]): string {
  const json = dialect === "postgres" ? (c: string) => `COALESCE(json_agg(${c})::text, '[]')` : (c: string) => `json_group_array(${c})`;
  const list = dialect === "postgres" ? (c: string) => `COALESCE(string_agg((${c})::text, ','), '')` : (c: string) => `COALESCE(group_concat(${c}), '')`;
  const agg = (c: string) => (c.startsWith(INTEGER_LIST) ? list(c.slice(INTEGER_LIST.length)) : json(c));
  return `SELECT ${columns.map(agg).join(", ")} FROM ${table}`;
}

/** The effective DPO reviews of stage_events e (a retracted one left out): REVIEWS_SQL and the column-wise read. */
const REVIEWS_WHERE = "e.kind = 'DPO_REVIEWED' AND NOT EXISTS (SELECT 1 FROM stage_events r WHERE r.retracts = e.id)";

/** The column-wise reads of one dialect. */
export interface ColumnWiseReads {
  /** Initiative attributes the metrics filter and group by. */
  initiatives: string;
  /** Participating boroughs (lead included). */
  initiativeBoroughs: string;
  /** Participating partner organisations (signing or not). */
  initiativePartners: string;
  /** Practices used by initiatives. */
  initiativePractices: string;
  /** One derived cycle per submitted (initiative, stage). */
  stageCycles: string;
  /** Each borough's own sign-off of a stage. */
  boroughSignoffs: string;
  /** Each signing partner organisation's own sign-off of a stage. */
  partnerSignoffs: string;
  /** Signing participants who joined late or left (joined_at or left_at set): few. */
  initiativePeriods: string;
  /** Participants recorded as not signing (observers, processors): few. */
  initiativeNonSigners: string;
  /** DPO reviews as REVIEWS_SQL reads them (the partial index of migration 0009 covers them). */
  reviews: string;
}

function columnWiseReads(dialect: Dialect): ColumnWiseReads {
  return {
    initiatives: columnWiseSql(dialect, "initiatives", ["id", "tool_slug", "lead_borough"]),
    initiativeBoroughs: columnWiseSql(dialect, "initiative_boroughs", ["initiative_id", "authority_code"]),
    initiativePartners: columnWiseSql(dialect, "initiative_partners", ["initiative_id", "organisation_slug"]),
    initiativePractices: columnWiseSql(dialect, "initiative_practices", ["initiative_id", "practice_slug"]),
    stageCycles: columnWiseSql(dialect, "stage_cycles", ["initiative_id", "stage", "outcome", "submitted_at", "approved_at", "ended_at", "rounds", "team_ms", "open_query_at"]),
    boroughSignoffs: columnWiseSql(dialect, "borough_signoffs", ["initiative_id", "stage", "authority_code", "#approved_at"]),
    partnerSignoffs: columnWiseSql(dialect, "partner_signoffs", ["initiative_id", "stage", "organisation_slug", "#approved_at"]),
    initiativeNonSigners: columnWiseSql(dialect, `(${NON_SIGNERS_SQL}) s`, ["initiative_id", "code", "is_borough"]),
    initiativePeriods: columnWiseSql(dialect, `(${SIGNERS_SQL}) s WHERE joined_at IS NOT NULL OR left_at IS NOT NULL`, ["initiative_id", "code", "is_borough", "joined_at", "left_at"]),
    reviews: columnWiseSql(dialect, `stage_events e WHERE ${REVIEWS_WHERE}`, ["e.initiative_id", "e.stage", "COALESCE(e.authority_code, e.organisation_slug)", "#e.at"]),
  };
}

/** The full column-wise reads by dialect. */
export const COLUMN_WISE: Record<Dialect, ColumnWiseReads> = { sqlite: columnWiseReads("sqlite"), postgres: columnWiseReads("postgres") };

/**
 * Bounds of the change log (migration 0003): a cache knows which entries it has applied. Two
 * subqueries, each one primary-key seek: SQLite scans the whole log for min and max in one select.
 */
export const CHANGE_BOUNDS_SQL = "SELECT (SELECT min(seq) FROM analytics_changes) AS lo, (SELECT max(seq) FROM analytics_changes) AS hi";

/** Initiatives changed since a cache's last applied entry (primary-key range scan), in one order on both databases. */
export const CHANGED_INITIATIVES_SQL = "SELECT DISTINCT initiative_id FROM analytics_changes WHERE seq > ? ORDER BY initiative_id";

/** One initiative's attributes (primary key). */
export const INITIATIVE_BY_ID_SQL = "SELECT tool_slug, lead_borough FROM initiatives WHERE id = ?";

/** One initiative's participating boroughs (primary-key prefix). */
export const BOROUGHS_BY_INITIATIVE_SQL = "SELECT authority_code FROM initiative_boroughs WHERE initiative_id = ? ORDER BY authority_code";

/** One initiative's participating partner organisations, signing or not (primary-key prefix). */
export const PARTNERS_BY_INITIATIVE_SQL = "SELECT organisation_slug FROM initiative_partners WHERE initiative_id = ? ORDER BY organisation_slug";

/** One initiative's practices (primary-key prefix). */
export const PRACTICES_BY_INITIATIVE_SQL = "SELECT practice_slug FROM initiative_practices WHERE initiative_id = ? ORDER BY practice_slug";

/** One initiative's derived cycles (primary-key prefix). */
export const CYCLES_BY_INITIATIVE_SQL =
  "SELECT initiative_id, stage, outcome, submitted_at, approved_at, ended_at, rounds, team_ms, open_query_at FROM stage_cycles WHERE initiative_id = ? ORDER BY stage";

/** One initiative's signing participants, boroughs first, with when they joined and left (primary-key prefixes). */
export const SIGNERS_BY_INITIATIVE_SQL =
  "SELECT code, is_borough, joined_at, left_at FROM (SELECT authority_code AS code, 1 AS is_borough, joined_at, left_at FROM initiative_boroughs WHERE initiative_id = ? AND signs <> 0 UNION ALL SELECT organisation_slug AS code, 0 AS is_borough, joined_at, left_at FROM initiative_partners WHERE initiative_id = ? AND signs <> 0) s ORDER BY is_borough DESC, code";

/** One initiative's partner sign-offs (primary-key prefix). */
export const PARTNER_SIGNOFFS_BY_INITIATIVE_SQL = "SELECT stage, organisation_slug, approved_at FROM partner_signoffs WHERE initiative_id = ? ORDER BY stage, organisation_slug";

/**
 * DPO reviews in the effective log (a retracted one left out): initiative, stage, signer (GSS code
 * or partner slug; null for a signer-less review) and when; see signoff-columns.ts reviewIndex.
 */
export const REVIEWS_SQL = `SELECT e.initiative_id, e.stage, COALESCE(e.authority_code, e.organisation_slug), e.at FROM stage_events e WHERE ${REVIEWS_WHERE}`;

/** One initiative's DPO reviews (as REVIEWS_SQL). */
export const REVIEWS_BY_INITIATIVE_SQL = `${REVIEWS_SQL} AND e.initiative_id = ?`;

/** One initiative's borough sign-offs (primary-key prefix). */
export const SIGNOFFS_BY_INITIATIVE_SQL = "SELECT stage, authority_code, approved_at FROM borough_signoffs WHERE initiative_id = ? ORDER BY stage, authority_code";
