import { positionOf, type MappingResult } from "./mapping.apply.js";
import type { Mapping } from "./mapping.types.js";
import type { EventRecord, InitiativeRecord, RecordPosition } from "./records.js";

/** The part of the write service a mapped export is fed to (WriteSession has these methods). */
export interface RecordSink {
  setColumnNamer(file: string, namer: (field: string) => string): void;
  fail(pos: RecordPosition, field: string, message: string): void;
  addInitiative(rec: InitiativeRecord, pos: RecordPosition): void;
  addEvent(rec: EventRecord, pos: RecordPosition): void;
}

/**
 * Hands a mapped export to an open write session: the applier's row errors first (so the session
 * refuses the whole import), then every initiative, then every event — initiatives before events
 * because the session looks an event's initiative up once and remembers a miss. Errors the session
 * raises itself (an unknown stage, a stored duplicate) name the export's own columns. The caller
 * opens the session (bulk, import label) and finishes it: same validation, single transaction
 * and idempotence as a canonical import.
 */
export function feedMappingResult(session: RecordSink, result: MappingResult, mapping: Mapping): void {
  // Errors the session raises after the rows (an APPROVED before its SUBMITTED) know the line, not
  // which of the mapping's events: they name every column the events' field comes from.
  const columnsOf = new Map<string, Set<string>>();
  for (const e of result.events)
    for (const [field, label] of Object.entries(e.columns)) {
      if (!columnsOf.has(field)) columnsOf.set(field, new Set());
      columnsOf.get(field)!.add(label);
    }
  session.setColumnNamer(result.file, (field) => [...(columnsOf.get(field) ?? [])].join(" or ") || `${field} (set by the ${mapping.tool} mapping)`);
  for (const e of result.errors) session.fail({ file: e.file, line: e.line, column: () => e.column }, e.field, e.message);
  for (const i of result.initiatives) session.addInitiative(i.record, positionOf(result.file, i, mapping));
  for (const e of result.events) session.addEvent(e.record, positionOf(result.file, e, mapping));
}
