export { ICaseworkClient, DEFAULT_TIMEOUT_MS, type ICaseworkClientOptions } from "./icasework.client.js";
export { ICaseworkError, type ICaseworkErrorKind } from "./icasework.errors.js";
export { parseCaseDetails, parseCaseList, type ICaseworkCase, type ICaseworkListedCase, type ICaseworkStage } from "./icasework.parse.js";
export {
  ICASEWORK_SOURCE,
  ICASEWORK_TOOL,
  casesToRecords,
  checkSyncSettings,
  baseRef,
  compareWithStored,
  correctionReason,
  syncEvents,
  vanishedReason,
  type ICaseworkSyncSettings,
  type StoredSyncEvent,
  type SyncChange,
  type SyncComparison,
} from "./icasework.records.js";
export { loadSyncSettings, parseSyncSettings } from "./icasework.settings.js";
export { syncICasework, type ICaseworkSyncOptions, type ICaseworkSyncResult } from "./icasework.sync.js";
