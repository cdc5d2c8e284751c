import { sqliteTable, text, integer, index, blob, primaryKey } from "drizzle-orm/sqlite-core";

/** Key/value facts about this database: what data it holds (`dataset`), its data version, ... */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** The audit trail: every write, who made it and when. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    detail: text("detail"),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId), index("audit_log_at_idx").on(t.at)],
);

/**
 * One import, sync or HTTP push and what came of it (the data-quality view, `ingestRuns`): its
 * counts and warnings, never its records. `actor` is an API key id or `import:<file>` /
 * `sync:icasework:<host>`, no person's name. Dry runs are not kept.
 */
export const ingestRuns = sqliteTable(
  "ingest_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** When the run ended, epoch milliseconds. */
    at: integer("at").notNull(),
    /** `import`, `sync` or `ingest`. */
    source: text("source").notNull(),
    /** What was read: file names, `isg:flows.csv`, the iCasework host. */
    label: text("label").notNull(),
    actor: text("actor").notNull(),
    /** 1 committed, 0 refused (nothing written). */
    committed: integer("committed").notNull(),
    initiativesAdded: integer("initiatives_added").notNull(),
    eventsAdded: integer("events_added").notNull(),
    /** Records already stored as sent. */
    skipped: integer("skipped").notNull(),
    /** Events retracted by the run (a correction is a retraction and its replacement). */
    corrections: integer("corrections").notNull(),
    errors: integer("errors").notNull(),
    /** Warnings in all; the first ones are kept in `warning_list`. */
    warnings: integer("warnings").notNull(),
    /** JSON array of { code, initiativeId, stage, message }. */
    warningList: text("warning_list").notNull(),
  },
  (t) => [index("ingest_runs_at_idx").on(t.at)],
);

/**
 * Persisted snapshots of in-memory analytics state (db/cycles/cycle-table.snapshot.ts): one
 * snapshot per `kind` (e.g. 'cycle-table'), its bytes in one or more chunks (rows 0..n−1), each row
 * carrying the same header. Derived data only (never edited by hand, never personal data beyond
 * what the tables it is derived from hold); writing it bumps no data version and logs no change.
 */
export const analyticsSnapshots = sqliteTable(
  "analytics_snapshots",
  {
    kind: text("kind").notNull(),
    chunk: integer("chunk").notNull(),
    /** The serialisation's format version: a snapshot of another format is ignored. */
    format: integer("format").notNull(),
    /** The data version (meta data_version) and the last change-log entry it reflects. */
    dataVersion: integer("data_version").notNull(),
    lastSeq: integer("last_seq").notNull(),
    /** Hash of the reference data it was built with (data that changes without a version bump). */
    fingerprint: text("fingerprint").notNull(),
    /** Chunks and bytes in all, and the checksum of all the bytes. */
    chunks: integer("chunks").notNull(),
    size: integer("size").notNull(),
    checksum: integer("checksum").notNull(),
    /** When it was written, epoch milliseconds. */
    at: integer("at").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.chunk] })],
);
