/**
 * The metrics engine's kernels: each takes a cycle table, compiled filters and resolved options
 * and returns plain data. Pure: no database, no GraphQL (db/cycles supplies the table).
 */
export { MetricArgumentError, UnknownValueError } from "./argument.error.js";
export {
  OUTCOME_APPROVED,
  OUTCOME_OPEN,
  OUTCOME_REJECTED,
  OUTCOME_WITHDRAWN,
  ROW_COLUMNS,
  allocateRows,
  approvedByWorkingDays,
  appendParticipants,
  boroughCodesOf,
  partnerSlugsOf,
  MAX_PARTICIPANTS,
  cycleTable,
  setCycleRow,
  signoffColumnsOf,
  type CycleRows,
  type CycleTable,
  NOT_A_BOROUGH,
  internSigner,
  type SignerDictionary,
  type SignoffColumns,
  type Unit,
} from "./cycle-table.js";
export { compileFilter, dayOf, passes, stageIndexOf, type CompiledFilter, type MetricFilterValue } from "./filter.js";
export * from "./options.js";
export { MAX_GROUP_COMBINATIONS } from "./grouping.js";
export { cycleTimeSteps, cycleTimes, type CycleTimeGroupData, type GroupExtras } from "./cycle-times.js";
export { signOffSteps, signOffTimes, type SignOffData } from "./sign-offs.js";
export { compareCohortSteps, compareCohorts, timeSaved, timeSavedSteps, type CohortSummaryData, type ComparisonData, type TimeSavedData } from "./cohorts.js";
export { flowSeries, flowSteps, type FlowData } from "./flow-series.js";
export { MAX_RESTARTS, ROW_CHUNK, runSliced, runToEnd, type SliceOptions, type Steps } from "./slicing.js";
export { agreementRegister, type AgreementData } from "./agreement-register.js";
export {
  historyStartDay,
  initiativeForecast,
  openItems,
  pendingSigners,
  serviceLevelsOf,
  signerHistories,
  stageHistories,
  type HeldBy,
  type HistoryScope,
  type InitiativeForecastData,
  type OpenItemData,
  type OpenItemForecastData,
  type OpenItemsOptions,
  type ServiceLevelSource,
} from "./open-items.js";
