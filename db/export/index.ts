export { exportInitiativesCsv, exportEventsCsv, exportEventsXes, neutraliseCell, xmlEscape, EXPORTED_INITIATIVE_COLUMNS, type CsvOptions } from "./export.service.js";
export { exportFilterFromQuery, validateExportFilter, EXPORT_FILTER_KEYS, type ExportFilter, type ExportFilterKey } from "./export.filter.js";
