import type { HubDb } from "../connection.js";
import { cachedStatement, matchable } from "../sql.js";

/** One write recorded in the audit trail (table audit_log); `rowId` is the numeric id, `id` the same as text. */
export interface AuditEntryRow {
  rowId: number;
  id: string;
  at: number;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detail: string | null;
}

/** Reads the audit trail of one entity. */
export class AuditQueries {
  constructor(private readonly db: HubDb) {}

  /** Up to `limit` audit entries of one entity after row id `afterRowId`, oldest first. */
  page(entityType: string, entityId: string, afterRowId: number, limit: number): AuditEntryRow[] {
    if (!matchable(entityType) || !matchable(entityId)) return [];
    return cachedStatement<AuditEntryRow>(
      this.db,
      'SELECT id AS "rowId", CAST(id AS TEXT) AS id, at, actor, action, entity_type AS "entityType", entity_id AS "entityId", detail FROM audit_log WHERE entity_type = ? AND entity_id = ? AND id > ? ORDER BY id LIMIT ?',
    ).all(entityType, entityId, afterRowId, limit);
  }

  /** How many audit entries one entity has. */
  count(entityType: string, entityId: string): number {
    if (!matchable(entityType) || !matchable(entityId)) return 0;
    return cachedStatement(this.db, "SELECT COUNT(*) FROM audit_log WHERE entity_type = ? AND entity_id = ?").pluck().get(entityType, entityId) as number;
  }
}
