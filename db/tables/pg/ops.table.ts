// PostgreSQL versions of the tables in ../ (the same names, columns and indexes): epoch-millisecond
// columns are bigint (returned as numbers), flags stay integers 0/1 as on SQLite.
import { pgTable, text, integer, bigint, index, customType, primaryKey } from "drizzle-orm/pg-core";

/** bytea, read and written as bytes. */
const bytea = customType<{ data: Uint8Array }>({ dataType: () => "bytea" });

/** Key/value facts about this database: what data it holds (`dataset`), its data version, ... */
export const meta = pgTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** The audit trail: every write, who made it and when. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: bigint("at", { mode: "number" }).notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    detail: text("detail"),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId), index("audit_log_at_idx").on(t.at)],
);

/** One import, sync or HTTP push and what came of it (see ../ops.table.ts). */
export const ingestRuns = pgTable(
  "ingest_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: bigint("at", { mode: "number" }).notNull(),
    source: text("source").notNull(),
    label: text("label").notNull(),
    actor: text("actor").notNull(),
    committed: integer("committed").notNull(),
    initiativesAdded: integer("initiatives_added").notNull(),
    eventsAdded: integer("events_added").notNull(),
    skipped: integer("skipped").notNull(),
    corrections: integer("corrections").notNull(),
    errors: integer("errors").notNull(),
    warnings: integer("warnings").notNull(),
    warningList: text("warning_list").notNull(),
  },
  (t) => [index("ingest_runs_at_idx").on(t.at)],
);

/** Persisted snapshots of in-memory analytics state (see ../ops.table.ts). */
export const analyticsSnapshots = pgTable(
  "analytics_snapshots",
  {
    kind: text("kind").notNull(),
    chunk: integer("chunk").notNull(),
    format: integer("format").notNull(),
    dataVersion: bigint("data_version", { mode: "number" }).notNull(),
    lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
    fingerprint: text("fingerprint").notNull(),
    chunks: integer("chunks").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    checksum: bigint("checksum", { mode: "number" }).notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.chunk] })],
);
