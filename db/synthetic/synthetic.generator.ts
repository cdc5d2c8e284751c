import { deriveStageCycle, isBoroughSigner, type CycleEvent } from "../../analytics/cycle.js";
import type { HubDb } from "../connection.js";
import { bumpDataVersion } from "../cycles/change-log.js";
import { getDatasetKind, setMeta } from "../meta.js";
import { loadReferenceData } from "../reference/index.js";
import { BatchInsert } from "./batch.writer.js";
import { WorkClock } from "./calendar.js";
import { CONTACT_ROLES, PARTNERS } from "./catalogue.data.js";
import { drawCreationPositions, generateInitiative, type GenerationContext } from "./initiative.generator.js";
import { addLeavers } from "./leavers.js";
import { Rng } from "./random.js";
import { drawBoroughs, drawPartners } from "./world.js";

/** Named sizes: the demo loaded on first start, and the large benchmark set. */
export const SYNTHETIC_SIZES = { demo: 400, large: 100_000 } as const;
export type SyntheticSize = keyof typeof SYNTHETIC_SIZES | number;

/** The largest numeric size accepted. */
export const MAX_SYNTHETIC_SIZE = 1_000_000;

export interface SyntheticOptions {
  size: SyntheticSize;
  seed: number;
  /** Called every 1,000 initiatives (and at the end) with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The synthetic "now" as an ISO date: nothing is generated on or after it. Fixed (not today's
   * date) so that a seed gives the same data whenever it runs.
   */
  endDate?: string;
}

/** Why synthetic data was not written, in words a user can act on. */
export class SyntheticRefusedError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "SyntheticRefusedError";
  }
}

export const DEFAULT_END_DATE = "2026-11-01";
const START_DATE = "2019-06-01";
const SOURCE = "synthetic";
const RECORDED_BY = "seed";

/** Number of initiatives a size stands for; throws RangeError for a size that is not allowed. */
export function resolveSize(size: SyntheticSize): number {
  if (typeof size === "number") {
    if (!Number.isInteger(size) || size < 1 || size > MAX_SYNTHETIC_SIZE) throw new RangeError(`size must be a whole number from 1 to ${MAX_SYNTHETIC_SIZE}`);
    return size;
  }
  const n = SYNTHETIC_SIZES[size];
  if (n === undefined) throw new RangeError(`size must be demo, large or a whole number`);
  return n;
}

/** Where a refused seed should go instead: a new SQLite file, or a new schema of the PostgreSQL database. */
function elsewhere(db: HubDb): string {
  return db.dialect === "postgres" ? "a new schema (--db postgres://...?schema=NEW)" : "a new database file (--db PATH)";
}

/**
 * Generates a deterministic synthetic data set from `seed` and loads it into `db` in one
 * transaction: synthetic partner organisations, IG contacts (example.invalid addresses), tool
 * adoptions, initiatives with participants (boroughs, and partner organisations that mostly sign —
 * some only observe — the police and NHS trusts slowest), tools and practices, their stage events
 * (with DPO reviews before sign-offs, mostly on ISG, and a few sign-offs keyed in with a wrong date
 * and corrected: a RETRACTED row and the right event), and the stage cycles and borough and partner
 * sign-offs derived from the effective log. Everything is labelled synthetic. Loads the reference
 * data first (idempotent). Refuses (SyntheticRefusedError) a database that holds imported data or
 * any initiatives already: synthetic rows must never mix with real ones, and the event log is
 * append-only so a second set could not be taken back out. Sets meta `dataset` (`demo` for the
 * demo size or up to 1,000 initiatives, else `large`), `synthetic` = 'true', `synthetic_seed`,
 * `synthetic_size` and `synthetic_end_date`, and bumps the data version.
 */
export function generateSynthetic(db: HubDb, opts: SyntheticOptions): { initiatives: number; events: number } {
  const total = resolveSize(opts.size);
  const endDate = opts.endDate ?? DEFAULT_END_DATE;
  const conn = db.sql;

  const refuseUnlessEmpty = () => {
    const kind = getDatasetKind(conn);
    if (kind === "imported") {
      throw new SyntheticRefusedError(`database ${db.path} holds imported data; synthetic data is never added to it. Seed ${elsewhere(db)} instead.`);
    }
    const existing = (conn.prepare("SELECT count(*) AS n FROM initiatives").get() as { n: number }).n;
    if (existing > 0) {
      throw new SyntheticRefusedError(
        `database ${db.path} already holds ${existing} initiatives (dataset: ${kind}); the event log is append-only, so seed ${elsewhere(db)} instead.`,
      );
    }
  };
  refuseUnlessEmpty();
  loadReferenceData(db);

  const rng = new Rng(opts.seed);
  const clock = new WorkClock("2019-01-01", `${Number(endDate.slice(0, 4)) + 2}-12-31`);
  const ctx: GenerationContext = {
    rng,
    clock,
    boroughs: drawBoroughs(rng, endDate),
    partners: drawPartners(rng, PARTNERS),
    startPos: clock.positionOf(START_DATE),
    nowPos: clock.positionOf(endDate),
  };

  // Connection settings for the load only, restored afterwards (they affect no other connection):
  // - a bigger page cache (1 GB at most): the secondary indexes of 2 million events do not fit the
  //   default 2 MB, and every miss is a page read or a spill to the WAL;
  // - statement journals in memory: each multi-row INSERT keeps one so that it can be undone alone,
  //   and on disk that was over a million small writes for the large set;
  // - foreign keys unchecked: every key written is either reference data loaded above or a row this
  //   load inserted itself, and checking them per row cost about a fifth of the load (the tests run
  //   PRAGMA foreign_key_check over a generated set). PRAGMA foreign_keys is a no-op inside a
  //   transaction, so it is set before BEGIN.
  const native = db.sqlite; // SQLite only; PostgreSQL keeps its settings and checks every key
  const saved = native && {
    cache_size: native.pragma("cache_size", { simple: true }) as number,
    temp_store: native.pragma("temp_store", { simple: true }) as number,
    foreign_keys: native.pragma("foreign_keys", { simple: true }) as number,
  };
  native?.pragma("cache_size = -1048576");
  native?.pragma("temp_store = MEMORY");
  if (native && !native.inTransaction) native.pragma("foreign_keys = OFF");
  let events = 0;
  try {
    const load = conn.transaction(() => {
      // Again inside the write transaction: another hub instance starting on the same empty
      // database may have seeded it since (the write lock, taken at BEGIN, serialises them).
      refuseUnlessEmpty();
      const organisation = conn.prepare(
        "INSERT INTO organisations (slug, name, kind, synthetic) VALUES (?, ?, ?, 1) ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind, synthetic = 1",
      );
      for (const p of PARTNERS) organisation.run(p.slug, p.name, p.kind);

      const contact = conn.prepare(
        "INSERT INTO ig_contacts (authority_code, role, name, email, synthetic) SELECT ?, ?, ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM ig_contacts WHERE authority_code = ? AND role = ? AND synthetic = 1)",
      );
      const adoption = conn.prepare("INSERT INTO tool_adoptions (tool_slug, authority_code, from_date, to_date, source, synthetic) VALUES (?, ?, ?, ?, ?, 1)");
      for (const b of ctx.boroughs) {
        for (const r of CONTACT_ROLES) {
          const email = `${r.mailbox}.${b.code.toLowerCase()}@example.invalid`;
          contact.run(b.code, r.role, `Synthetic ${r.label} (${b.name})`, email, b.code, r.role);
        }
        for (const a of b.adoptions) adoption.run(a.tool, b.code, a.from, a.to, SOURCE);
      }

      const initiatives = new BatchInsert(
        conn,
        "initiatives",
        ["id", "title", "purpose", "lead_borough", "tool_slug", "status", "created_at", "recorded_at"],
        { constants: { process_slug: "loti-2019", synthetic: 1, recorded_by: RECORDED_BY } },
      );
      const child = { parent: initiatives };
      const boroughs = new BatchInsert(conn, "initiative_boroughs", ["initiative_id", "authority_code", "role"], child);
      const partners = new BatchInsert(conn, "initiative_partners", ["initiative_id", "organisation_slug", "signs"], { ...child, constants: { role: "PARTNER" } });
      const practices = new BatchInsert(conn, "initiative_practices", ["initiative_id", "practice_slug"], child);
      const stageEvents = new BatchInsert(conn, "stage_events", ["initiative_id", "stage", "authority_code", "organisation_slug", "kind", "at", "source_ref", "recorded_at"], {
        ...child,
        constants: { source: SOURCE, recorded_by: RECORDED_BY },
      });
      const cycles = new BatchInsert(
        conn,
        "stage_cycles",
        ["initiative_id", "stage", "outcome", "submitted_at", "approved_at", "ended_at", "rounds", "team_ms", "open_query_at"],
        child,
      );
      const signoffs = new BatchInsert(conn, "borough_signoffs", ["initiative_id", "stage", "authority_code", "approved_at"], child);
      const partnerSignoffs = new BatchInsert(conn, "partner_signoffs", ["initiative_id", "stage", "organisation_slug", "approved_at"], child);
      const all = [initiatives, boroughs, partners, practices, stageEvents, cycles, signoffs, partnerSignoffs];
      // Corrections: each mistaken event is retracted once every event is in (by its source_ref).
      const retractions: { initiativeId: string; stage: string; at: number; ref: string; recordedAt: number; target: string; reason: string }[] = [];

      const created = drawCreationPositions(ctx, total);
      for (let n = 1; n <= total; n++) {
        const it = generateInitiative(ctx, n, created[n - 1]!);
        initiatives.add(it.id, it.title, it.purpose, it.leadBorough, it.toolSlug, it.status, it.createdAt, it.recordedAt);
        it.boroughs.forEach((code, i) => boroughs.add(it.id, code, i === 0 ? "LEAD" : "PARTICIPANT"));
        for (const p of it.partners) partners.add(it.id, p.slug, p.signs ? 1 : 0);
        for (const slug of it.practices) practices.add(it.id, slug);
        let seq = 0;
        const signers = it.partners.length === 0 ? it.boroughs : [...it.boroughs, ...it.partners.filter((p) => p.signs).map((p) => p.slug)];
        for (const { stage, events: stageEventsInHand, mistakes } of it.stages) {
          // The signer: a borough in authority_code, a partner organisation in organisation_slug.
          for (const e of stageEventsInHand) {
            const borough = e.borough !== null && isBoroughSigner(e.borough);
            stageEvents.add(it.id, stage, borough ? e.borough : null, borough ? null : e.borough, e.kind, e.at, `${it.id}/${++seq}`, e.recordedAt);
          }
          for (const m of mistakes) {
            const target = `${it.id}/${++seq}`;
            const borough = m.event.borough !== null && isBoroughSigner(m.event.borough);
            stageEvents.add(it.id, stage, borough ? m.event.borough : null, borough ? null : m.event.borough, m.event.kind, m.event.at, target, m.event.recordedAt);
            retractions.push({ initiativeId: it.id, stage, at: m.retractedAt, ref: `${it.id}/${++seq}`, recordedAt: m.recordedAt, target, reason: m.reason });
          }
          // The bulk path of CycleMaintainer.write: same derivation (of the effective log), no delete of rows that cannot exist yet.
          const c = deriveStageCycle(stageEventsInHand as readonly CycleEvent[], signers);
          if (!c) continue;
          cycles.add(it.id, stage, c.outcome, c.submittedAt, c.approvedAt, c.endedAt, c.rounds, c.teamMs, c.openQueryAt);
          for (const [code, at] of c.signoffs) (isBoroughSigner(code) ? signoffs : partnerSignoffs).add(it.id, stage, code, at);
        }
        events += seq;
        if (opts.onProgress && (n % 1000 === 0 || n === total)) opts.onProgress(n, total);
      }
      // Parents before children: the foreign keys are checked per statement.
      for (const b of all) b.flush();
      // A RETRACTED row names its target by id (the same row retractStageEvent writes; no audit
      // row, as for every other seeded event).
      const targetId = conn.prepare<{ id: number }>("SELECT id FROM stage_events WHERE source = ? AND source_ref = ?");
      const retract = conn.prepare(
        "INSERT INTO stage_events (initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by, retracts, reason) VALUES (?, ?, NULL, 'RETRACTED', ?, ?, ?, ?, ?, ?, ?)",
      );
      for (const r of retractions) {
        const { id } = targetId.get(SOURCE, r.target)!;
        retract.run(r.initiativeId, r.stage, r.at, SOURCE, r.ref, r.recordedAt, RECORDED_BY, Number(id), r.reason);
      }
      // A few leavers, on the stored (effective) rows: after the corrections.
      addLeavers(conn, opts.seed, endDate);

      setMeta(conn, "dataset", total === SYNTHETIC_SIZES.large || (typeof opts.size === "number" && total > 1000) ? "large" : "demo");
      setMeta(conn, "synthetic", "true");
      setMeta(conn, "synthetic_seed", String(opts.seed));
      setMeta(conn, "synthetic_size", String(total));
      setMeta(conn, "synthetic_end_date", endDate);
      bumpDataVersion(conn);
    });
    // SQLite: BEGIN IMMEDIATE, so a second instance waits here (busy_timeout) instead of failing
    // when its read snapshot turns stale; PostgreSQL's transaction() takes the write lock itself.
    (native && !native.inTransaction ? (load as typeof load & { immediate: () => void }).immediate : load)();
  } finally {
    if (native && saved) {
      native.pragma(`cache_size = ${saved.cache_size}`);
      native.pragma(`temp_store = ${saved.temp_store}`);
      if (!native.inTransaction) native.pragma(`foreign_keys = ${saved.foreign_keys}`);
    }
  }
  return { initiatives: total, events };
}
