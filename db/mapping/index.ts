export { loadMapping, parseMapping } from "./mapping.loader.js";
export { applyMapping, positionOf, type ApplyContext, type MappedEvent, type MappedInitiative, type MappingResult } from "./mapping.apply.js";
export { previewMapping, type MappingPreview, type PreviewRow } from "./mapping.preview.js";
export { readDate } from "./mapping.dates.js";
export { DATE_FORMATS, MAPPING_EVENT_KINDS, type DateFormat, type Mapping } from "./mapping.types.js";
export { MappingFileError, formatMappingProblem, type MappingProblem } from "./yaml.checker.js";
export { TableFileError, readCsvTable, readTable, type Table, type TableRow } from "./table.js";
export { PRESETS, presetPath, loadPreset } from "./presets/index.js";
export { feedMappingResult, type RecordSink } from "./mapping.session.js";
