// PostgreSQL versions of the tables in ../ (the same names, columns and indexes): epoch-millisecond
// columns are bigint (returned as numbers), flags stay integers 0/1 as on SQLite.
import { sql } from "drizzle-orm";
import { pgTable, text, integer, bigint, primaryKey, index, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { authorities, organisations, practices, processes, tools } from "./reference.table.js";

/** A data-sharing project and the IG process it goes through. */
export const initiatives = pgTable(
  "initiatives",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    purpose: text("purpose"),
    leadBorough: text("lead_borough").notNull().references(() => authorities.code),
    toolSlug: text("tool_slug").notNull().references(() => tools.slug),
    processSlug: text("process_slug").notNull().references(() => processes.slug),
    /** ACTIVE, LIVE, WITHDRAWN or REJECTED. */
    status: text("status").notNull(),
    /** ISO date. */
    createdAt: text("created_at").notNull(),
    synthetic: integer("synthetic").notNull().default(0),
    /** Epoch ms when the row was written, and by whom (API key id, `import:<file>`, `seed`, ...). */
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
    recordedBy: text("recorded_by").notNull(),
  },
  (t) => [
    index("initiatives_lead_idx").on(t.leadBorough),
    index("initiatives_tool_idx").on(t.toolSlug),
    index("initiatives_status_idx").on(t.status),
    index("initiatives_created_idx").on(t.createdAt),
  ],
);

/** Participating boroughs of an initiative (the lead included, role LEAD). */
export const initiativeBoroughs = pgTable(
  "initiative_boroughs",
  {
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    authorityCode: text("authority_code").notNull().references(() => authorities.code),
    /** LEAD or PARTICIPANT. */
    role: text("role").notNull(),
    /** Whether the borough signs (a stage waits for its APPROVED); false for an observer. */
    signs: integer("signs").notNull().default(1),
    /** Epoch ms from which it takes part (joined late); null = from the start. */
    joinedAt: bigint("joined_at", { mode: "number" }),
    /** Epoch ms from which it no longer takes part (left): from then on it holds no stage up; null = still in. */
    leftAt: bigint("left_at", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.authorityCode] }), index("initiative_boroughs_authority_idx").on(t.authorityCode, t.initiativeId)],
);

/** Partner organisations of an initiative. */
export const initiativePartners = pgTable(
  "initiative_partners",
  {
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    organisationSlug: text("organisation_slug").notNull().references(() => organisations.slug),
    role: text("role").notNull().default("PARTNER"),
    /** Whether the organisation signs (a stage waits for its APPROVED); false for an observer or a processor. */
    signs: integer("signs").notNull().default(1),
    /** Epoch ms from which it takes part (joined late); null = from the start. */
    joinedAt: bigint("joined_at", { mode: "number" }),
    /** Epoch ms from which it no longer takes part (left): from then on it holds no stage up; null = still in. */
    leftAt: bigint("left_at", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.organisationSlug] }), index("initiative_partners_org_idx").on(t.organisationSlug)],
);

/** Practices (templates, ways of working) an initiative used. */
export const initiativePractices = pgTable(
  "initiative_practices",
  {
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    practiceSlug: text("practice_slug").notNull().references(() => practices.slug),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.practiceSlug] }), index("initiative_practices_practice_idx").on(t.practiceSlug)],
);

/**
 * The append-only stage-event log: the source of truth every metric is derived from.
 * Triggers (a custom migration) refuse UPDATE and DELETE: a mistake is corrected by a new row of
 * kind RETRACTED naming the event it retracts; the effective log (what cycles and metrics read)
 * leaves out RETRACTED rows and the events they retract.
 */
export const stageEvents = pgTable(
  "stage_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    stage: text("stage").notNull(),
    /** null = initiative-wide. */
    authorityCode: text("authority_code").references(() => authorities.code),
    /** The signer when it is a partner organisation (then authority_code is null); null otherwise. */
    organisationSlug: text("organisation_slug").references(() => organisations.slug),
    /** SUBMITTED, QUERY_RAISED, RESUBMITTED, APPROVED, REJECTED, WITHDRAWN or RETRACTED. */
    kind: text("kind").notNull(),
    /** Epoch milliseconds, UTC. */
    at: bigint("at", { mode: "number" }).notNull(),
    source: text("source").notNull(),
    sourceRef: text("source_ref").notNull(),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
    recordedBy: text("recorded_by").notNull(),
    /** A RETRACTED row: the id of the event it retracts (null on every other row). */
    retracts: bigint("retracts", { mode: "number" }).references((): AnyPgColumn => stageEvents.id),
    /** A RETRACTED row: why. */
    reason: text("reason"),
  },
  (t) => [
    uniqueIndex("stage_events_source_ref_uq").on(t.source, t.sourceRef),
    // Unique: an event is retracted at most once (NULLs, every other row, do not collide).
    uniqueIndex("stage_events_retracts_uq").on(t.retracts),
    index("stage_events_initiative_idx").on(t.initiativeId, t.stage, t.at),
    index("stage_events_at_idx").on(t.at),
    // The DPO reviews (signoff-columns.ts): partial and covering, so that reading them all, or one
    // initiative's, scans only the reviews and never the rest of the log.
    index("stage_events_review_idx").on(t.initiativeId, t.stage, t.at, t.authorityCode, t.organisationSlug).where(sql`kind = 'DPO_REVIEWED'`),
  ],
);

/**
 * Derived per-stage cycles, maintained as events arrive (never edited by hand): one row per
 * initiative and stage that has been submitted. Analytics read this, not the raw log.
 */
export const stageCycles = pgTable(
  "stage_cycles",
  {
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    stage: text("stage").notNull(),
    /** OPEN, APPROVED, REJECTED or WITHDRAWN. */
    outcome: text("outcome").notNull(),
    submittedAt: bigint("submitted_at", { mode: "number" }).notNull(),
    /** When the stage was approved (every participating borough signed) — null unless APPROVED. */
    approvedAt: bigint("approved_at", { mode: "number" }),
    /** When the stage ended REJECTED or WITHDRAWN — null otherwise. */
    endedAt: bigint("ended_at", { mode: "number" }),
    /** 1 + number of QUERY_RAISED. */
    rounds: integer("rounds").notNull(),
    /** Milliseconds the stage spent with the project team (QUERY_RAISED → next RESUBMITTED), up to approval or asOf of derivation. */
    teamMs: bigint("team_ms", { mode: "number" }).notNull(),
    /** Epoch ms of a still-open team interval (QUERY_RAISED without RESUBMITTED yet), else null. */
    openQueryAt: bigint("open_query_at", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.stage] }),
    index("stage_cycles_stage_idx").on(t.stage, t.submittedAt),
  ],
);

/** Derived: each borough's own sign-off of a stage (its APPROVED, or a borough-less APPROVED). */
export const boroughSignoffs = pgTable(
  "borough_signoffs",
  {
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    stage: text("stage").notNull(),
    authorityCode: text("authority_code").notNull().references(() => authorities.code),
    approvedAt: bigint("approved_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.stage, t.authorityCode] }), index("borough_signoffs_authority_idx").on(t.authorityCode)],
);

/** Derived: each signing partner organisation's own sign-off of a stage (its APPROVED, or a signer-less APPROVED). */
export const partnerSignoffs = pgTable(
  "partner_signoffs",
  {
    initiativeId: text("initiative_id").notNull().references(() => initiatives.id),
    stage: text("stage").notNull(),
    organisationSlug: text("organisation_slug").notNull().references(() => organisations.slug),
    approvedAt: bigint("approved_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.stage, t.organisationSlug] }), index("partner_signoffs_org_idx").on(t.organisationSlug)],
);
