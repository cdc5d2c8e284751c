export { AuditQueries, type AuditEntryRow } from "./audit.queries.js";
export { BoroughQueries, type BoroughRow, type IgContactRow } from "./borough.queries.js";
export {
  InitiativeQueries,
  type CycleRow,
  type InitiativeBoroughRow,
  type InitiativePartnerRow,
  type InitiativeRow,
  type InitiativeScope,
  type ProcessRow,
  type SignoffRow,
  type StageEventRow,
  type StageRow,
} from "./initiative.queries.js";
export { OrganisationQueries, type OrganisationRow } from "./organisation.queries.js";
export { ToolQueries, type FeatureRow, type PracticeRow, type ToolAdoptionRow, type ToolFeatureSupportRow, type ToolRow } from "./tool.queries.js";
