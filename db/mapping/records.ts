/**
 * The canonical record shapes a mapping produces, from the write service that validates them.
 * One import site, so the mapping code depends on the write service in one place.
 */
export type { EventRecord, InitiativeRecord, RecordPosition, RowError } from "../writes/index.js";
export { formatRowError } from "../writes/index.js";
