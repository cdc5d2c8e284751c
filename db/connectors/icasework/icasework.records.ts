import { formatEventTime, parseEventTime } from "../../import/timestamp.js";
import { readDate } from "../../mapping/mapping.dates.js";
import { valueKey } from "../../mapping/mapping.types.js";
import type { EventRecord, InitiativeRecord } from "../../mapping/records.js";
import { AUTHORITIES, PROCESSES } from "../../reference/index.js";
import { ICaseworkError } from "./icasework.errors.js";
import type { ICaseworkCase } from "./icasework.parse.js";

/**
 * iCasework cases → the hub's canonical records. The same ids and source references as the
 * `icasework` mapping preset (a getreport CSV), so a CSV import and an API sync of the same cases
 * agree:
 * - a case of an IG case type is an initiative `icase-<CaseId>` on tool `icase`, titled
 *   "<case type> <case id>" (the case label is left out: it often holds a name), led by the council
 *   whose iCasework it is, created on its receipt date;
 * - each iCasework stage the stage map names gives its hub stage a SUBMITTED at the stage's
 *   DateReceived (stage 1: the case's receipt date) — source_ref `<caseId>:stage<n>:received` — and,
 *   once DateCompleted is set, the kind its Outcome is listed under (any other outcome: APPROVED) —
 *   `<caseId>:stage<n>:completed`; DateDue is a target, not an event;
 * - DateWithdrawn is a WITHDRAWN in the stage the case was in (the last mapped stage received and
 *   not completed, else the last received, else the first mapped) — `<caseId>:withdrawn`.
 * A re-sync yields the same references, so it adds nothing; a date iCasework changed comes back
 * under the same reference with another date, which {@link compareWithStored} lists and
 * {@link syncEvents} records as a correction (the stored event retracted, the new one under a
 * revision of the reference).
 */

export const ICASEWORK_SOURCE = "icasework";
export const ICASEWORK_TOOL = "icase";

export interface ICaseworkSyncSettings {
  /** iCasework case types that are IG cases (case and spaces ignored); other cases are left out. */
  caseTypes: string[];
  /** iCasework stage number → hub stage; stages not named are left out. */
  stages: Partial<Record<1 | 2 | 3 | 4, string>>;
  /** GSS code of the council whose iCasework this is: the lead borough of every case. */
  leadBorough: string;
  /** Outcome words → the kind of a completed stage (REJECTED, WITHDRAWN, APPROVED); any other outcome is APPROVED. */
  outcomes?: Record<string, string>;
  /** OutcomeBy names → the signer of a completion (a GSS code, or a partner slug once the domain has partner signers); others: initiative-wide. */
  signers?: Record<string, string>;
}

const STAGES = new Set(PROCESSES.flatMap((p) => p.stages.map((s) => s.code)));
const COMPLETION_KINDS = ["APPROVED", "REJECTED", "WITHDRAWN"];

/** Refuses settings that could not map a case, before anything is asked of iCasework. */
export function checkSyncSettings(s: ICaseworkSyncSettings): void {
  const problems: string[] = [];
  if (!AUTHORITIES.some((a) => a.code === s.leadBorough)) problems.push(`lead borough ${JSON.stringify(s.leadBorough)} is not a London GSS code; expected E09000001..E09000033 (the council whose iCasework this is)`);
  if (s.caseTypes.length === 0) problems.push("no case types; expected the iCasework case types that are IG cases");
  const stages = Object.entries(s.stages);
  if (stages.length === 0) problems.push("an empty stage map; expected iCasework stages 1..4 mapped to hub stages, e.g. 1: DPIA");
  for (const [n, stage] of stages) {
    if (!["1", "2", "3", "4"].includes(n)) problems.push(`stage map key ${n}; expected an iCasework stage 1, 2, 3 or 4`);
    if (!STAGES.has(stage!)) problems.push(`stage ${n} maps to ${JSON.stringify(stage)}; expected one of ${[...STAGES].join(", ")}`);
  }
  for (const [word, kind] of Object.entries(s.outcomes ?? {}))
    if (!COMPLETION_KINDS.includes(kind)) problems.push(`outcome ${JSON.stringify(word)} maps to ${JSON.stringify(kind)}; expected one of ${COMPLETION_KINDS.join(", ")}`);
  if (problems.length > 0) throw new ICaseworkError("settings", `iCasework sync settings: ${problems.join("; ")}`);
}

/** True when a case's type is one of the settings' IG case types. */
export function isIgCase(caseType: string, s: ICaseworkSyncSettings): boolean {
  return s.caseTypes.some((t) => valueKey(t) === valueKey(caseType));
}

/** The records of IG cases (other cases are left out). Throws ICaseworkError on a date that is not ISO. */
export function casesToRecords(cases: readonly ICaseworkCase[], s: ICaseworkSyncSettings): { initiatives: InitiativeRecord[]; events: EventRecord[] } {
  const initiatives: InitiativeRecord[] = [];
  const events: EventRecord[] = [];
  const outcomes = new Map(Object.entries(s.outcomes ?? {}).map(([w, k]) => [valueKey(w), k]));
  const signers = new Map(Object.entries(s.signers ?? {}).map(([w, code]) => [valueKey(w), code]));
  const mapped = ([1, 2, 3, 4] as const).filter((n) => s.stages[n] !== undefined);
  for (const c of cases) {
    if (!isIgCase(c.caseType, s)) continue;
    const date = (value: string, field: string): string => {
      if (value === "") return "";
      const at = readDate(value, ["iso"]);
      if (at === null) throw new ICaseworkError("malformed", `iCasework case ${c.caseId}: ${field} ${JSON.stringify(value)} is not an ISO date; expected 2024-03-31 or 2024-03-31T14:05:00`);
      return at;
    };
    const id = `icase-${c.caseId}`;
    const created = date(c.dateReceived, "CaseStatusReceipt.DateReceived");
    initiatives.push({
      id,
      title: `${c.caseType} ${c.caseId}`,
      lead_borough: s.leadBorough,
      boroughs: [s.leadBorough],
      partners: [],
      partnerNames: {},
      tool: ICASEWORK_TOOL,
      practices: [],
      status: "",
      created_at: created,
      compareCreatedAt: true,
    });
    const event = (stage: string, kind: string, at: string, ref: string, borough = "") =>
      events.push({ initiative_id: id, stage, borough, kind, at, source: ICASEWORK_SOURCE, source_ref: `${c.caseId}:${ref}` });
    let current: number | undefined;
    let lastReceived: number | undefined;
    for (const n of mapped) {
      const st = c.stages[n - 1];
      const stage = s.stages[n]!;
      const received = date(st.dateReceived || (n === 1 ? c.dateReceived : ""), `CaseStageStage${n}.DateReceived`);
      const completed = date(st.dateCompleted, `CaseStageStage${n}.DateCompleted`);
      if (received) {
        event(stage, "SUBMITTED", received, `stage${n}:received`);
        lastReceived = n;
        if (!completed) current = n;
      }
      if (completed) event(stage, outcomes.get(valueKey(st.outcome)) ?? "APPROVED", completed, `stage${n}:completed`, signers.get(valueKey(st.outcomeBy)) ?? "");
    }
    const withdrawn = date(c.dateWithdrawn, "CaseStatusWithdrawal.DateWithdrawn");
    if (withdrawn) event(s.stages[(current ?? lastReceived ?? mapped[0]!) as 1 | 2 | 3 | 4]!, "WITHDRAWN", withdrawn, "withdrawn");
  }
  return { initiatives, events };
}

/** An event of this source as stored (`at` in epoch ms, as the database holds it, or as text). */
export interface StoredSyncEvent {
  initiative_id: string;
  stage: string;
  borough: string | null;
  kind: string;
  at: number | string;
  source_ref: string;
  /** True (or 1) when a RETRACTED row retracts it: it is no longer in the effective log. */
  retracted?: boolean | number;
}

/** One reference whose event iCasework now reports differently: recorded as a correction. */
export interface SyncChange {
  /** The reference the sync reads (`<caseId>:stage<n>:completed`). */
  sourceRef: string;
  /** The fields that differ: at, kind, stage, borough. */
  fields: string[];
  /** The live stored event of that reference (its source_ref may carry a revision, see {@link revisedRef}). */
  stored: StoredSyncEvent;
  now: EventRecord;
  /** The reference the corrected event is stored under: a revision no stored event of the source has. */
  revisedRef: string;
}

export interface SyncComparison {
  /** References not stored yet. */
  added: EventRecord[];
  /** Unchanged events, under the reference they are stored under (a corrected one: its revision). */
  unchanged: EventRecord[];
  changed: SyncChange[];
  /**
   * Stored events of the synced cases that iCasework no longer reports (a completion date cleared):
   * candidates for a retraction. Cases this sync did not read (older than --since) are not judged.
   */
  vanished: StoredSyncEvent[];
}

const instant = (at: number | string): number | null => (typeof at === "number" ? at : parseEventTime(at));

/**
 * A corrected event keeps the reference the sync reads plus a revision: `<ref>@r2`, `@r3`, … The
 * retracted event keeps its reference, so a correction never reuses one (a date changed back to an
 * earlier value is a new revision too), and the next sync finds the live event by its base.
 */
const REVISION = /^(.*)@r(\d+)$/;
export function baseRef(sourceRef: string): string {
  return REVISION.exec(sourceRef)?.[1] ?? sourceRef;
}
function revision(sourceRef: string): number {
  const m = REVISION.exec(sourceRef);
  return m ? Number(m[2]) : 1;
}

/**
 * What a sync's events change against the events of the same source already stored: new
 * references, unchanged ones, changed ones (same reference, another date, kind, stage or signer)
 * and vanished ones. A stored event is matched by its base reference ({@link baseRef}); retracted
 * events and RETRACTED rows are not the stored history any more and are left out (they only keep
 * revision numbers from being reused). Dates compare as instants, so `2024-03-01` equals the
 * stored London midnight.
 */
export function compareWithStored(synced: { initiatives: readonly InitiativeRecord[]; events: readonly EventRecord[] }, stored: readonly StoredSyncEvent[]): SyncComparison {
  const { events } = synced;
  const live = new Map<string, StoredSyncEvent>();
  const lastRevision = new Map<string, number>();
  for (const e of stored) {
    if (e.kind === "RETRACTED") continue;
    const base = baseRef(e.source_ref);
    lastRevision.set(base, Math.max(lastRevision.get(base) ?? 0, revision(e.source_ref)));
    if (!e.retracted) live.set(base, e);
  }
  const out: SyncComparison = { added: [], unchanged: [], changed: [], vanished: [] };
  const seen = new Set<string>();
  const read = new Set(synced.initiatives.map((i) => i.id));
  for (const e of events) {
    seen.add(e.source_ref);
    const old = live.get(e.source_ref);
    if (!old) {
      // Every stored event of the reference retracted (by hand): the event comes back as a new revision.
      const last = lastRevision.get(e.source_ref);
      out.added.push(last === undefined ? e : { ...e, source_ref: `${e.source_ref}@r${last + 1}` });
      continue;
    }
    const fields: string[] = [];
    if (instant(old.at) !== instant(e.at)) fields.push("at");
    if (old.kind !== e.kind) fields.push("kind");
    if (old.stage !== e.stage) fields.push("stage");
    if ((old.borough ?? "") !== e.borough) fields.push("borough");
    if (fields.length > 0) out.changed.push({ sourceRef: e.source_ref, fields, stored: old, now: e, revisedRef: `${e.source_ref}@r${lastRevision.get(e.source_ref)! + 1}` });
    else out.unchanged.push({ ...e, source_ref: old.source_ref });
  }
  for (const [base, old] of live) if (!seen.has(base) && read.has(old.initiative_id)) out.vanished.push(old);
  return out;
}

/** The iCasework field a reference's date comes from. */
function dateField(sourceRef: string): string {
  if (sourceRef.endsWith(":received")) return "DateReceived";
  if (sourceRef.endsWith(":withdrawn")) return "DateWithdrawn";
  return "DateCompleted";
}

/** `iCasework: DateCompleted changed from 2024-03-15T00:00:00.000Z to 2024-03-18T00:00:00.000Z` (and the other fields that changed). */
export function correctionReason(c: SyncChange): string {
  const parts = c.fields.map((f) => {
    if (f === "at") {
      // Both as instants in the hub's export form: unambiguous whatever form iCasework gave.
      const [was, now] = [instant(c.stored.at), instant(c.now.at)].map((t) => (t === null ? "(none)" : formatEventTime(t)));
      return `${dateField(c.sourceRef)} changed from ${was} to ${now}`;
    }
    const name = f === "kind" ? "outcome" : f === "borough" ? "signer" : "stage";
    const field = f as "kind" | "borough" | "stage";
    return `${name} changed from ${c.stored[field] || "(none)"} to ${c.now[field] || "(none)"}`;
  });
  return `iCasework: ${parts.join("; ")}`;
}

/**
 * `iCasework: DateCompleted was 2024-03-15T00:00:00.000Z and is now empty`: why a stored event
 * iCasework no longer reports is retracted (a completion date cleared upstream, a withdrawal undone).
 */
export function vanishedReason(e: StoredSyncEvent): string {
  const t = instant(e.at);
  return `iCasework: ${dateField(baseRef(e.source_ref))} was ${t === null ? String(e.at) : formatEventTime(t)} and is now empty`;
}

/** The RETRACTED row of a stored event (source_ref `<stored ref>:retracted`, unique as an event is retracted once). */
function retraction(stored: StoredSyncEvent, at: string, reason: string): EventRecord {
  return { initiative_id: stored.initiative_id, stage: stored.stage, borough: "", kind: "RETRACTED", at, source: ICASEWORK_SOURCE, source_ref: `${stored.source_ref}:retracted`, retracts: stored.source_ref, reason };
}

/**
 * The events a sync writes: new ones, unchanged ones (skipped by the write path, counted); for each
 * changed one, a RETRACTED row for the stored event and the event as iCasework now reports it under
 * its revised reference; and for each vanished one (a stage date set before and empty now), a
 * RETRACTED row saying so — the stage is no longer completed, as upstream. Should the date come
 * back, the next sync adds it as a new revision. Written in one session, so a sync is all
 * corrections and additions or none.
 */
export function syncEvents(cmp: SyncComparison, retractedAt: string): EventRecord[] {
  const corrections = cmp.changed.flatMap((c): EventRecord[] => [retraction(c.stored, retractedAt, correctionReason(c)), { ...c.now, source_ref: c.revisedRef }]);
  const removals = cmp.vanished.map((v) => retraction(v, retractedAt, vanishedReason(v)));
  return [...cmp.added, ...cmp.unchanged, ...corrections, ...removals];
}
