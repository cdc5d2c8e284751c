export { WriteSession, type WriteSessionOptions } from "./write.session.js";
export {
  INITIATIVE_STATUSES,
  formatRowError,
  splitList,
  type EventRecord,
  type InitiativeRecord,
  type InitiativeStatus,
  type RecordPosition,
  type RowError,
  type WriteSummary,
} from "./write.records.js";
export { DEFAULT_MAX_LENGTH, MAX_LENGTH, SHOWN_CHARS, shown } from "./write.rules.js";
