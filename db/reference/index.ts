export { loadReferenceData } from "./reference.loader.js";
export { AUTHORITIES, type AuthorityRecord, type LondonZone } from "./authority.data.js";
export { TOOLS, TOOL_SOURCES, type ToolRecord } from "./tool.data.js";
export { FEATURES, type FeatureRecord } from "./feature.data.js";
export { TOOL_FEATURES, type SupportLevel, type ToolFeatureRecord } from "./tool-feature.data.js";
export { PRACTICES, type PracticeRecord } from "./practice.data.js";
export { PROCESSES, LOTI_2019, type ProcessRecord, type ProcessStageRecord } from "./process.data.js";
export { SOURCES } from "./sources.js";
