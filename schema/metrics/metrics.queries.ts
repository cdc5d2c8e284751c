/**
 * The SQL the metrics read, in one place so that a change of query shows up in review. Every
 * metric is computed from the derived tables `stage_cycles` and `borough_signoffs` (maintained by
 * db/cycles.ts as events arrive), never from the raw event log. Each statement is one sequential
 * scan of a table (the whole table is wanted: it fills the in-process columnar cache), or a
 * primary-key read.
 */

/** The data version the cache is keyed by (db/meta.ts bumps it in every write transaction). */
export const DATA_VERSION_SQL = "SELECT CAST(value AS INTEGER) AS v FROM meta WHERE key = 'data_version'";

/** Stage codes in process order (the default process first). */
export const STAGES_SQL =
  "SELECT s.code AS code FROM process_stages s JOIN processes p ON p.slug = s.process_slug ORDER BY p.is_default DESC, p.slug, s.position";

/** Tool slugs. */
export const TOOLS_SQL = "SELECT slug FROM tools ORDER BY slug";

/** Authority GSS codes. */
export const AUTHORITIES_SQL = "SELECT code FROM authorities ORDER BY code";

/** Practice slugs. */
export const PRACTICES_SQL = "SELECT slug FROM practices ORDER BY slug";

/*
 * The full reads return each column as one JSON array (one row, one scan): SQLite writes JSON and
 * JSON.parse reads it several times faster than materialising hundreds of thousands of row
 * objects through the driver. All aggregates of one query see the rows in the same order.
 */

/** Initiative attributes the metrics filter and group by, column-wise. */
export const INITIATIVES_SQL = "SELECT json_group_array(id), json_group_array(tool_slug), json_group_array(lead_borough) FROM initiatives";

/** Participating boroughs (lead included), column-wise. */
export const INITIATIVE_BOROUGHS_SQL = "SELECT json_group_array(initiative_id), json_group_array(authority_code) FROM initiative_boroughs";

/** Practices used by initiatives, column-wise. */
export const INITIATIVE_PRACTICES_SQL = "SELECT json_group_array(initiative_id), json_group_array(practice_slug) FROM initiative_practices";

/** One derived cycle per submitted (initiative, stage), column-wise. */
export const STAGE_CYCLES_SQL = `SELECT json_group_array(initiative_id), json_group_array(stage), json_group_array(outcome),
  json_group_array(submitted_at), json_group_array(approved_at), json_group_array(ended_at),
  json_group_array(rounds), json_group_array(team_ms), json_group_array(open_query_at) FROM stage_cycles`;

/** Each borough's own sign-off of a stage, column-wise. */
export const BOROUGH_SIGNOFFS_SQL =
  "SELECT json_group_array(initiative_id), json_group_array(stage), json_group_array(authority_code), json_group_array(approved_at) FROM borough_signoffs";

/** Bounds of the change log (migration 0003): a cache knows which entries it has applied. */
export const CHANGE_BOUNDS_SQL = "SELECT min(seq) AS lo, max(seq) AS hi FROM analytics_changes";

/** Initiatives changed since a cache's last applied entry (primary-key range scan). */
export const CHANGED_INITIATIVES_SQL = "SELECT DISTINCT initiative_id FROM analytics_changes WHERE seq > ?";

/** One initiative's attributes (primary key). */
export const INITIATIVE_BY_ID_SQL = "SELECT tool_slug, lead_borough FROM initiatives WHERE id = ?";

/** One initiative's participating boroughs (primary-key prefix). */
export const BOROUGHS_BY_INITIATIVE_SQL = "SELECT authority_code FROM initiative_boroughs WHERE initiative_id = ?";

/** One initiative's practices (primary-key prefix). */
export const PRACTICES_BY_INITIATIVE_SQL = "SELECT practice_slug FROM initiative_practices WHERE initiative_id = ?";

/** One initiative's derived cycles (primary-key prefix). */
export const CYCLES_BY_INITIATIVE_SQL =
  "SELECT initiative_id, stage, outcome, submitted_at, approved_at, ended_at, rounds, team_ms, open_query_at FROM stage_cycles WHERE initiative_id = ?";

/** One initiative's borough sign-offs (primary-key prefix). */
export const SIGNOFFS_BY_INITIATIVE_SQL = "SELECT stage, authority_code, approved_at FROM borough_signoffs WHERE initiative_id = ?";
