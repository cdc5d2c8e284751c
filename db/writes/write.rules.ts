import { isBoroughSigner } from "../../analytics/cycle.js";
import { EVENT_KINDS } from "../../analytics/cycle.js";
import { formatEventTime, isIsoDate } from "../import/timestamp.js";
import { INITIATIVE_STATUSES, type EventRecord, type InitiativeRecord, type RecordPosition } from "./write.records.js";

/**
 * The rules one record must meet, field by field, and the messages that name what was wrong and
 * what would be right. They report to a {@link ProblemSink} (the write session) rather than return
 * a list: an import checks a million events, and an array per event would be garbage for nothing.
 */

/** Where a rule reports a problem with a record. */
export interface ProblemSink {
  fail(pos: RecordPosition, field: string, message: string): void;
}

/** The reference data records are checked against, read once when a session begins. */
export interface ReferenceSets {
  authorities: Set<string>;
  tools: Set<string>;
  practices: Set<string>;
  /** Stage codes by process slug, in process order. */
  stagesByProcess: Map<string, Set<string>>;
  /** The process new initiatives follow. */
  defaultProcess: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
/** Event kinds by their index in EVENT_KINDS (a session keeps kinds as small integers). */
export const KIND_INDEX = new Map<string, number>(EVENT_KINDS.map((k, i) => [k, i]));

/** The longest value of a field, in characters (README "Input limits"); every other field: DEFAULT_MAX_LENGTH. */
export const MAX_LENGTH: Readonly<Record<string, number>> = { title: 500, purpose: 5000, reason: 2000 };
/** Ids, codes, slugs, source references, dates: each value (each item of a list) at most this long. */
export const DEFAULT_MAX_LENGTH = 200;
/** How much of a bad value a message quotes: a 50 MB value is not echoed whole. */
export const SHOWN_CHARS = 80;

/** A value as a message quotes it: JSON-quoted, at most SHOWN_CHARS characters of it and then "…". */
export function shown(value: string): string {
  return JSON.stringify(value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value);
}

/**
 * Refuses a record that cannot be stored as it is: U+0000 in any field (PostgreSQL cannot store it
 * in text, and no id, code or name needs it, so both databases refuse it alike), or a value longer
 * than its field's maximum (MAX_LENGTH). True when refused.
 */
export function refuseUnstorable(sink: ProblemSink, pos: RecordPosition, fields: Record<string, string | readonly string[] | null | undefined>): boolean {
  for (const [field, value] of Object.entries(fields)) {
    const values = typeof value === "string" ? [value] : (value ?? []);
    const max = MAX_LENGTH[field] ?? DEFAULT_MAX_LENGTH;
    for (const v of values) {
      if (v.length > max) {
        sink.fail(pos, field, `${field} ${shown(v)} is ${v.length} characters long; expected at most ${max}${typeof value === "string" ? "" : " per item"}`);
        return true;
      }
      if (v.includes("\u0000")) {
        sink.fail(pos, field, `${field} contains the NUL character (U+0000); expected text without control character U+0000`);
        return true;
      }
    }
  }
  return false;
}

/** Checks every field of an initiative record on its own (`id` is the record's id, trimmed). */
export function checkInitiative(sink: ProblemSink, pos: RecordPosition, rec: InitiativeRecord, id: string, refs: ReferenceSets): void {
  if (!id) sink.fail(pos, "id", "missing initiative id; expected a non-empty identifier");
  if (!rec.title.trim()) sink.fail(pos, "title", "missing title; expected the initiative's name");
  const boroughs = rec.boroughs;
  if (!rec.lead_borough) sink.fail(pos, "lead_borough", "missing lead borough; expected a GSS code such as E09000001");
  else if (!refs.authorities.has(rec.lead_borough))
    sink.fail(pos, "lead_borough", `unknown borough code ${shown(rec.lead_borough)}; expected a London GSS code E09000001..E09000033`);
  else if (!boroughs.includes(rec.lead_borough))
    sink.fail(pos, "boroughs", `the lead borough ${rec.lead_borough} is not listed in boroughs; expected every participating borough, the lead included`);
  const seen = new Set<string>();
  for (const b of boroughs) {
    if (b === rec.lead_borough && !refs.authorities.has(b)) continue; // reported once, as the lead
    if (!refs.authorities.has(b)) sink.fail(pos, "boroughs", `unknown borough code ${shown(b)}; expected ;-separated London GSS codes E09000001..E09000033`);
    else if (seen.has(b)) sink.fail(pos, "boroughs", `borough ${b} is listed twice; expected each borough once`);
    seen.add(b);
  }
  const partnerSeen = new Set<string>();
  for (const p of rec.partners) {
    if (!SLUG.test(p)) sink.fail(pos, "partners", `partner ${shown(p)} is not a slug; expected lower-case letters, digits and hyphens, e.g. met-police`);
    else if (partnerSeen.has(p)) sink.fail(pos, "partners", `partner ${p} is listed twice; expected each partner once`);
    partnerSeen.add(p);
  }
  if (rec.nonSigning) checkNonSigning(sink, pos, rec.nonSigning, boroughs, rec.partners);
  if (!refs.tools.has(rec.tool))
    sink.fail(pos, "tool", `unknown tool ${shown(rec.tool)}; expected one of ${[...refs.tools].sort().join(", ")}`);
  const practiceSeen = new Set<string>();
  for (const p of rec.practices) {
    if (!refs.practices.has(p)) sink.fail(pos, "practices", `unknown practice ${shown(p)}; expected ;-separated slugs from ${[...refs.practices].sort().join(", ")}`);
    else if (practiceSeen.has(p)) sink.fail(pos, "practices", `practice ${p} is listed twice; expected each practice once`);
    practiceSeen.add(p);
  }
  if (rec.status && !(INITIATIVE_STATUSES as readonly string[]).includes(rec.status))
    sink.fail(pos, "status", `unknown status ${shown(rec.status)}; expected empty (derived from the events) or one of ${INITIATIVE_STATUSES.join(", ")}`);
  if (!isIsoDate(rec.created_at)) sink.fail(pos, "created_at", `${shown(rec.created_at)} is not a date; expected an ISO 8601 date YYYY-MM-DD`);
  if (!refs.stagesByProcess.has(refs.defaultProcess))
    sink.fail(pos, "id", `the database has no process definition ${refs.defaultProcess}; expected the reference data to be loaded (npm run hub -- seed)`);
}

/** An initiative id given a second time in one session. */
export function initiativeRepeated(sink: ProblemSink, pos: RecordPosition, id: string, earlierLine: number): void {
  sink.fail(pos, "id", `initiative ${id} appears twice; it was already given on line ${earlierLine} (expected each initiative once per file)`);
}

/** An initiative as stored, with its participant and practice lists. */
export interface StoredInitiative {
  id: string;
  title: string;
  purpose: string | null;
  lead_borough: string;
  tool_slug: string;
  status: string;
  created_at: string;
  boroughs: string[];
  partners: string[];
  practices: string[];
}

/**
 * Compares a record with the initiative stored under its id: reports the first field that differs
 * (a re-import must bring the same content) and returns whether one did.
 */
export function checkSameInitiative(sink: ProblemSink, pos: RecordPosition, stored: StoredInitiative, rec: InitiativeRecord): boolean {
  const diff = initiativeDifferences(stored, rec);
  if (diff.length === 0) return false;
  const [field, was, given] = diff[0]!;
  sink.fail(pos, field, `initiative ${stored.id} is already stored with a different ${field} (stored ${shown(was)}, here ${shown(given)}); expected the same content, or a new id`);
  return true;
}

function initiativeDifferences(row: StoredInitiative, rec: InitiativeRecord): [string, string, string][] {
  const out: [string, string, string][] = [];
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(";") === [...b].sort().join(";");
  if (row.title !== rec.title) out.push(["title", row.title, rec.title]);
  if (rec.purpose !== undefined && (row.purpose ?? "") !== (rec.purpose ?? "")) out.push(["purpose", row.purpose ?? "", rec.purpose ?? ""]);
  if (row.lead_borough !== rec.lead_borough) out.push(["lead_borough", row.lead_borough, rec.lead_borough]);
  if (!same(row.boroughs, rec.boroughs)) out.push(["boroughs", row.boroughs.sort().join(";"), [...rec.boroughs].sort().join(";")]);
  if (!same(row.partners, rec.partners)) out.push(["partners", row.partners.sort().join(";"), [...rec.partners].sort().join(";")]);
  if (row.tool_slug !== rec.tool) out.push(["tool", row.tool_slug, rec.tool]);
  if (!same(row.practices, rec.practices)) out.push(["practices", row.practices.sort().join(";"), [...rec.practices].sort().join(";")]);
  if (rec.status && row.status !== rec.status) out.push(["status", row.status, rec.status]);
  if (rec.compareCreatedAt !== false && row.created_at !== rec.created_at) out.push(["created_at", row.created_at, rec.created_at]);
  return out;
}

/** Checks the participants to add to an initiative (`found`: whether the initiative is stored). */
export function checkParticipants(sink: ProblemSink, pos: RecordPosition, initiativeId: string, found: boolean, boroughs: string[], partners: string[], refs: ReferenceSets, nonSigning: string[] = []): void {
  if (!found) {
    sink.fail(pos, "initiative_id", `unknown initiative ${shown(initiativeId)}; expected the id of a stored initiative`);
    return;
  }
  for (const b of boroughs)
    if (!refs.authorities.has(b)) sink.fail(pos, "boroughs", `unknown borough code ${shown(b)}; expected London GSS codes E09000001..E09000033`);
  for (const p of partners)
    if (!SLUG.test(p)) sink.fail(pos, "partners", `partner ${shown(p)} is not a slug; expected lower-case letters, digits and hyphens, e.g. met-police`);
  checkNonSigning(sink, pos, nonSigning, boroughs, partners);
}

/** Checks that every participant listed as not signing is among the participants given with it. */
export function checkNonSigning(sink: ProblemSink, pos: RecordPosition, nonSigning: readonly string[], boroughs: readonly string[], partners: readonly string[]): void {
  for (const c of nonSigning)
    if (!boroughs.includes(c) && !partners.includes(c))
      sink.fail(pos, "non_signing", `${shown(c)} is listed as not signing but is not among the participants given here; expected GSS codes from boroughs or slugs from partners`);
}

/** Checks an event's kind; returns its index in EVENT_KINDS, or undefined (reported) when unknown. */
export function checkEventKind(sink: ProblemSink, pos: RecordPosition, kind: string): number | undefined {
  const kindIndex = KIND_INDEX.get(kind);
  if (kindIndex === undefined) sink.fail(pos, "kind", `unknown event kind ${shown(kind)}; expected one of ${EVENT_KINDS.join(", ")}`);
  return kindIndex;
}

/** What an event's checks need of its initiative (null: not found). */
export interface EventInitiative {
  processSlug: string;
  boroughs: Set<string>;
  partners: Set<string>;
}

/**
 * Checks an event's other fields against its initiative (null when `initiative_id` names none)
 * and its timestamp as parsed (null when it is not one).
 */
export function checkEvent(sink: ProblemSink, pos: RecordPosition, rec: EventRecord, st: EventInitiative | null, at: number | null, refs: ReferenceSets): void {
  if (!rec.initiative_id) sink.fail(pos, "initiative_id", "missing initiative id; expected the id of an initiative in the initiatives file or the database");
  else if (!st) sink.fail(pos, "initiative_id", `unknown initiative ${shown(rec.initiative_id)}; expected the id of an initiative in the initiatives file or the database`);
  if (st) {
    const stages = refs.stagesByProcess.get(st.processSlug);
    if (!stages?.has(rec.stage))
      sink.fail(pos, "stage", `unknown stage ${shown(rec.stage)} for process ${st.processSlug}; expected one of ${[...(stages ?? [])].join(", ")}`);
  } else if (rec.stage === "") sink.fail(pos, "stage", "missing stage; expected a stage of the process definition, e.g. DPIA");
  if (rec.borough !== "") {
    const participants = () => `expected one of ${[...(st?.boroughs ?? []), ...[...(st?.partners ?? [])].sort()].sort().join(", ")}, or empty for an initiative-wide event`;
    if (refs.authorities.has(rec.borough)) {
      if (st && !st.boroughs.has(rec.borough)) sink.fail(pos, "borough", `borough ${rec.borough} does not take part in initiative ${rec.initiative_id}; ${participants()}`);
    } else if (isBoroughSigner(rec.borough)) {
      sink.fail(pos, "borough", `unknown borough code ${shown(rec.borough)}; expected a London GSS code E09000001..E09000033, a partner organisation's slug, or empty for an initiative-wide event`);
    } else if (SLUG.test(rec.borough)) {
      if (st && !st.partners.has(rec.borough)) sink.fail(pos, "borough", `organisation ${rec.borough} does not take part in initiative ${rec.initiative_id}; ${participants()}`);
    } else
      sink.fail(pos, "borough", `unknown signer ${shown(rec.borough)}; expected a London GSS code E09000001..E09000033, a partner organisation's slug (e.g. met-police), or empty for an initiative-wide event`);
  }
  if (at === null)
    sink.fail(pos, "at", `${shown(rec.at)} is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)`);
  if (!rec.source) sink.fail(pos, "source", "missing source; expected the system the event came from, e.g. isg");
  if (!rec.source_ref) sink.fail(pos, "source_ref", "missing source_ref; expected the event's id in its source system");
}

/** An event whose (source, source_ref) this session was given before, `where` (e.g. `line 12`). */
export function eventRepeated(sink: ProblemSink, pos: RecordPosition, rec: EventRecord, where: string): void {
  sink.fail(pos, "source_ref", `duplicate event (source ${rec.source}, source_ref ${rec.source_ref}): already given on ${where}; expected each (source, source_ref) once`);
}

/** A stored event, as compared with a record of the same (source, source_ref). */
export interface StoredEvent {
  id: number;
  initiative_id: string;
  stage: string;
  authority_code: string | null;
  /** The signer when it is a partner organisation. */
  organisation_slug?: string | null;
  kind: string;
  at: number;
}

/**
 * Compares an event record (its borough and instant as validated) with the event stored under the
 * same (source, source_ref): reports the first field that differs and returns whether one did.
 */
export function checkSameEvent(sink: ProblemSink, pos: RecordPosition, old: StoredEvent, rec: EventRecord, borough: string | null, at: number): boolean {
  const diff: [string, string, string][] = [];
  if (old.initiative_id !== rec.initiative_id) diff.push(["initiative_id", old.initiative_id, rec.initiative_id]);
  if (old.stage !== rec.stage) diff.push(["stage", old.stage, rec.stage]);
  const oldSigner = old.authority_code ?? old.organisation_slug ?? "";
  if (oldSigner !== (borough ?? "")) diff.push(["borough", oldSigner, borough ?? ""]);
  if (old.kind !== rec.kind) diff.push(["kind", old.kind, rec.kind]);
  if (old.at !== at) diff.push(["at", formatEventTime(old.at), formatEventTime(at)]);
  if (diff.length === 0) return false;
  const [field, stored, given] = diff[0]!;
  sink.fail(pos, field, `event (source ${rec.source}, source_ref ${rec.source_ref}) is already stored with a different ${field} (stored ${shown(stored)}, here ${shown(given)}); expected the same content, or a new source_ref`);
  return true;
}

/** An APPROVED whose stage has no SUBMITTED in the database or the session. */
export function approvalWithoutSubmission(sink: ProblemSink, pos: RecordPosition, stage: string, initiativeId: string): void {
  sink.fail(pos, "kind", `APPROVED for stage ${stage} of initiative ${initiativeId}, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)`);
}

/** An APPROVED at `at`, before its stage's first SUBMITTED at `submitted`. */
export function approvalBeforeSubmission(sink: ProblemSink, pos: RecordPosition, stage: string, initiativeId: string, at: number, submitted: number): void {
  sink.fail(pos, "at", `APPROVED at ${formatEventTime(at)} is before stage ${stage}'s first SUBMITTED (${formatEventTime(submitted)}) of initiative ${initiativeId}; expected an approval at or after the submission`);
}
