/**
 * The canonical record shapes a mapping produces, from the write service that validates them.
 * One import site on purpose: when db/writes.ts moves (db/writes/), only this line changes.
 */
export type { EventRecord, InitiativeRecord, RecordPosition, RowError } from "../writes/index.js";
export { formatRowError } from "../writes/index.js";
