/**
 * What a write session takes and what it reports: initiatives and stage events in canonical form
 * (the columns of the canonical files, strings as read), where each came from, and the problems
 * found with them.
 */

export const INITIATIVE_STATUSES = ["ACTIVE", "LIVE", "WITHDRAWN", "REJECTED"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** An initiative in canonical form (the columns of `initiatives.csv`); strings as read. */
export interface InitiativeRecord {
  id: string;
  title: string;
  /** Undefined when the source has no purpose column (it is then neither written nor compared). */
  purpose?: string | null;
  lead_borough: string;
  /** GSS codes of every participating borough, the lead included. */
  boroughs: string[];
  /** Partner organisation slugs; unknown slugs are created as partners. */
  partners: string[];
  /** Participants (GSS codes or partner slugs, among those above) that do not sign: observers, processors. */
  nonSigning?: string[];
  /** Participants that joined late: `code@ISO-date-or-datetime` entries (the initiatives file's `joined` column). */
  joined?: string[];
  /** Participants that left: `code@ISO-date-or-datetime` entries (the `left` column); from then on they hold no stage up. */
  left?: string[];
  /** Display names for partners created by this record (mappings know them); default: the slug. */
  partnerNames?: Record<string, string>;
  tool: string;
  practices: string[];
  /** "" = derive from the events once they are in. */
  status: string;
  created_at: string;
  /**
   * false when the source has no creation date and `created_at` is only the day it was first
   * imported (tool mappings): a later re-import then does not count a different date as a conflict.
   */
  compareCreatedAt?: boolean;
}

/** A stage event in canonical form (the columns of `events.csv`); strings as read. */
export interface EventRecord {
  initiative_id: string;
  stage: string;
  /** The signer: a borough's GSS code or a partner organisation's slug; "" = initiative-wide. */
  borough: string;
  kind: string;
  at: string;
  source: string;
  source_ref: string;
  /** A RETRACTED row: the source_ref (same source) of the event it retracts. */
  retracts?: string;
  /** A RETRACTED row: why. */
  reason?: string;
}

/** Where a record came from, so an error can name file, line and column. */
export interface RecordPosition {
  file: string;
  /** 1-based line of the record (0 for a record that has no line, such as a mutation's input). */
  line: number;
  /** How to name the column that holds a canonical field (e.g. `4 (kind)`); defaults to the field name. */
  column?: (field: string) => string;
}

/** One problem with one record. `field` is the canonical field at fault. */
export interface RowError {
  file: string;
  line: number;
  column: string;
  field: string;
  message: string;
}

/** `file:line: column C: message` — the one-line form the CLI prints. */
export function formatRowError(e: RowError): string {
  return `${e.file}:${e.line}: column ${e.column}: ${e.message}`;
}

/** What a session did (or, for a dry run or a failed one, would have done). */
export interface WriteSummary {
  committed: boolean;
  dryRun: boolean;
  initiativesCreated: number;
  initiativesUnchanged: number;
  participantsAdded: number;
  eventsAdded: number;
  eventsUnchanged: number;
  errors: RowError[];
  /** Errors beyond the ones kept in `errors`. */
  moreErrors: number;
}

/** Splits a `;`-separated list, trimming blanks and dropping empty items. */
export function splitList(value: string | undefined | null): string[] {
  if (!value) return [];
  return value
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
