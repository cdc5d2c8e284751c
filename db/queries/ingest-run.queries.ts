import { londonDate, londonDayNumber, londonMidnightMs } from "../../analytics/working-days.js";
import type { HubDb } from "../connection.js";

/**
 * The data-quality view of what came in (issue 14, point 5): every import, sync and HTTP push
 * (table ingest_runs) with its counts — records added, records skipped as already stored,
 * corrections applied, errors — and warnings that are not errors, read from the events the run
 * added once it committed. Counts and warnings only: no record, no personal data.
 */

/**
 * The event kind of a DPO's review (analytics/cycle.ts EVENT_KINDS; the ISG preset maps it).
 */
export const DPO_REVIEW_KIND = "DPO_REVIEWED";

/** Warnings a run can raise (stable codes). */
export const WARNING_CODES = {
  /** An event dated after the run. */
  futureDate: "FUTURE_DATE",
  /** An APPROVED with no DPO review at its stage, where the tool's mapping records one. */
  approvedWithoutDpoReview: "APPROVED_WITHOUT_DPO_REVIEW",
  /** A review that fell due (REVIEW SUBMITTED, e.g. ISG's "Review by") before the run, with no REVIEW APPROVED. */
  reviewDatePassed: "REVIEW_DATE_PASSED",
} as const;

/** How many warnings of each code a run keeps listed (all are counted). */
export const WARNINGS_KEPT_PER_CODE = 50;

export interface RunWarning {
  code: string;
  initiativeId: string;
  stage: string;
  message: string;
}

/** What a run did beyond the write summary: the data-quality counts. */
export interface RunQuality {
  /** Events the run retracted (each correction is a retraction and, usually, its replacement). */
  corrections: number;
  /** Warnings in all. */
  warnings: number;
  /** The first {@link WARNINGS_KEPT_PER_CODE} of each code, by initiative, stage and date. */
  warningList: RunWarning[];
}

export interface IngestRunRow {
  id: number;
  at: number;
  source: string;
  label: string;
  actor: string;
  committed: boolean;
  initiativesAdded: number;
  eventsAdded: number;
  skipped: number;
  corrections: number;
  errors: number;
  warnings: number;
  warningList: RunWarning[];
}

export type NewIngestRun = Omit<IngestRunRow, "id">;

/** Which stages of which tools' initiatives normally carry a DPO review ("*": any stage), from the tools' mappings. */
export type DpoReviewStages = ReadonlyMap<string, ReadonlySet<string>>;

const day = londonDate;

/** The run's events that stand (not retractions, not since retracted): id after `afterId`, written by `actor`. */
const RUN_EVENT = `e.id > ? AND e.recorded_by = ? AND e.kind <> 'RETRACTED' AND NOT EXISTS (SELECT 1 FROM stage_events x WHERE x.retracts = e.id)`;
/** An event `alias` that stands (not retracted). */
const standing = (alias: string) => `NOT EXISTS (SELECT 1 FROM stage_events x WHERE x.retracts = ${alias}.id)`;

interface WarningEventRow {
  initiativeId: string;
  stage: string;
  borough: string | null;
  at: number;
  tool: string;
}

export class IngestRunQueries {
  constructor(private readonly db: HubDb) {}

  /** The largest event id stored (0 when none): a run's events are the ones after it. */
  lastEventId(): number {
    return Number(this.db.sql.prepare("SELECT COALESCE(MAX(id), 0) FROM stage_events").pluck().get());
  }

  /** The corrections and warnings of a committed run: the events `actor` wrote after `afterId`, checked against what is stored now. */
  quality(afterId: number, actor: string, now: number, dpoStages: DpoReviewStages): RunQuality {
    const sql = this.db.sql;
    const corrections = Number(sql.prepare("SELECT COUNT(*) FROM stage_events WHERE id > ? AND recorded_by = ? AND kind = 'RETRACTED'").pluck().get(afterId, actor));
    const found: {
      code: string;
      rows: WarningEventRow[];
      message: (r: WarningEventRow) => string;
    }[] = [];
    // Each rule's own test first, the run's (with its NOT EXISTS) last: SQLite checks the terms in
    // that order, which took a third of the time (bench/ingest-run.bench.ts).
    const select = (rule: string) =>
      `SELECT e.initiative_id AS "initiativeId", e.stage, COALESCE(e.authority_code, e.organisation_slug) AS borough, e.at, i.tool_slug AS tool FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id WHERE ${rule} AND ${RUN_EVENT} ORDER BY e.initiative_id, e.stage, e.at, e.id`;
    // Days are London days: an event dated today is not in the future, a review due today has not passed.
    const today = londonDayNumber(now);
    const todayStarts = londonMidnightMs(today);
    const tomorrowStarts = londonMidnightMs(today + 1);

    found.push({
      code: WARNING_CODES.futureDate,
      rows: sql.prepare(select("e.at >= ?")).all(tomorrowStarts, afterId, actor) as WarningEventRow[],
      message: (r) => `an event at ${r.stage} is dated ${day(r.at)}, after the day it came in (${day(now)}); expected a date that has happened (a planned date is not an event)`,
    });

    const tools = [...dpoStages.keys()];
    const approvals =
      tools.length === 0
        ? []
        : (sql
            .prepare(
              select(
                `e.kind = 'APPROVED' AND i.tool_slug IN (${tools.map(() => "?").join(", ")}) AND NOT EXISTS (SELECT 1 FROM stage_events d WHERE d.initiative_id = e.initiative_id AND d.stage = e.stage AND d.kind = ? AND ((e.authority_code IS NULL AND e.organisation_slug IS NULL) OR d.authority_code = e.authority_code OR d.organisation_slug = e.organisation_slug) AND ${standing("d")})`,
              ),
            )
            .all(...tools, DPO_REVIEW_KIND, afterId, actor) as WarningEventRow[]);
    found.push({
      code: WARNING_CODES.approvedWithoutDpoReview,
      rows: approvals.filter((r) => dpoStages.get(r.tool)?.has(r.stage) || dpoStages.get(r.tool)?.has("*")),
      message: (r) =>
        `APPROVED at ${r.stage}${r.borough ? ` by ${r.borough}` : ""} on ${day(r.at)} with no DPO review (${DPO_REVIEW_KIND}) recorded there, though ${r.tool}'s mapping records one; check the export's DPO review column`,
    });

    found.push({
      code: WARNING_CODES.reviewDatePassed,
      rows: sql
        .prepare(
          select(
            `e.stage = 'REVIEW' AND e.kind = 'SUBMITTED' AND e.at < ? AND NOT EXISTS (SELECT 1 FROM stage_events a WHERE a.initiative_id = e.initiative_id AND a.stage = 'REVIEW' AND a.kind = 'APPROVED' AND a.at >= e.at AND ${standing("a")})`,
          ),
        )
        .all(todayStarts, afterId, actor) as WarningEventRow[],
      message: (r) => `the review fell due on ${day(r.at)}, before the day it came in (${day(now)}), and no REVIEW approval is recorded since; expected the review to be done or its date moved`,
    });

    const warningList: RunWarning[] = [];
    let warnings = 0;
    for (const f of found) {
      warnings += f.rows.length;
      for (const r of f.rows.slice(0, WARNINGS_KEPT_PER_CODE))
        warningList.push({
          code: f.code,
          initiativeId: r.initiativeId,
          stage: r.stage,
          message: f.message(r),
        });
    }
    return { corrections, warnings, warningList };
  }

  /** Keeps one run; returns its id. */
  record(run: NewIngestRun): number {
    const row = this.db.sql
      .prepare(
        "INSERT INTO ingest_runs (at, source, label, actor, committed, initiatives_added, events_added, skipped, corrections, errors, warnings, warning_list) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      )
      .get(
        run.at,
        run.source,
        run.label,
        run.actor,
        run.committed ? 1 : 0,
        run.initiativesAdded,
        run.eventsAdded,
        run.skipped,
        run.corrections,
        run.errors,
        run.warnings,
        JSON.stringify(run.warningList),
      ) as { id: number };
    return Number(row.id);
  }

  /** The `limit` most recent runs, newest first; only those of `source` when given. */
  recent(limit: number, source?: string): IngestRunRow[] {
    const rows = this.db.sql
      .prepare(
        `SELECT id, at, source, label, actor, committed, initiatives_added AS "initiativesAdded", events_added AS "eventsAdded", skipped, corrections, errors, warnings, warning_list AS "warningList" FROM ingest_runs${source === undefined ? "" : " WHERE source = ?"} ORDER BY id DESC LIMIT ?`,
      )
      .all(...(source === undefined ? [limit] : [source, limit])) as (Omit<IngestRunRow, "committed" | "warningList"> & { committed: number; warningList: string })[];
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      at: Number(r.at),
      committed: Number(r.committed) === 1,
      warningList: JSON.parse(r.warningList) as RunWarning[],
    }));
  }
}
