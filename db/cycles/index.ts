/**
 * The cached cycle table the metrics read: built from the derived cycles (stage_cycles,
 * borough_signoffs) with the SQL in cycles.queries.ts, kept current from the change log, one per
 * connection and data version.
 */
export { dropCycleTable, getCycleTable, getCycleTableSync, getCycleTableWith, onCycleTableRefresh, warmCycleCache, warmSignoffs, type WarmUpResult } from "./cycle-table.cache.js";
export { signoffColumns } from "./signoff-columns.js";
export { loadCycleSnapshot, saveCycleSnapshot, saveCycleSnapshotInBackground, type SnapshotSave } from "./snapshot.store.js";
export { overwritesOf } from "./cycle-table.columns.js";
export type { CycleTable, SignoffColumns } from "../../analytics/metrics/index.js";
