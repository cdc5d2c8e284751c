/**
 * The columns of the rows bulk writes send (multi-row INSERT on SQLite, COPY on PostgreSQL), each
 * table's list in one place: a new column is added here and in the values its writer passes, in
 * the same position.
 */

/** stage_events as a bulk session writes them (`id` first on PostgreSQL; see EventInserter). */
export const STAGE_EVENT_COLUMNS = ["initiative_id", "stage", "authority_code", "organisation_slug", "kind", "at", "source", "source_ref", "recorded_at", "recorded_by"] as const;

export const INITIATIVE_COLUMNS = ["id", "title", "purpose", "lead_borough", "tool_slug", "process_slug", "status", "created_at", "synthetic", "recorded_at", "recorded_by"] as const;
export const INITIATIVE_BOROUGH_COLUMNS = ["initiative_id", "authority_code", "role", "signs"] as const;
export const INITIATIVE_PARTNER_COLUMNS = ["initiative_id", "organisation_slug", "role", "signs"] as const;
export const INITIATIVE_PRACTICE_COLUMNS = ["initiative_id", "practice_slug"] as const;

export const AUDIT_COLUMNS = ["at", "actor", "action", "entity_type", "entity_id", "detail"] as const;

export const STAGE_CYCLE_COLUMNS = ["initiative_id", "stage", "outcome", "submitted_at", "approved_at", "ended_at", "rounds", "team_ms", "open_query_at"] as const;
export const BOROUGH_SIGNOFF_COLUMNS = ["initiative_id", "stage", "authority_code", "approved_at"] as const;
export const PARTNER_SIGNOFF_COLUMNS = ["initiative_id", "stage", "organisation_slug", "approved_at"] as const;
