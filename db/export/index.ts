export { exportInitiativesCsv, exportEventsCsv, exportEventsXes, xmlEscape } from "./export.service.js";
export { exportFilterFromQuery, validateExportFilter, ExportFilterError, type ExportFilter } from "./export.filter.js";
