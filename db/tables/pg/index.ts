export * from "./reference.table.js";
export * from "./initiative.table.js";
export * from "./ops.table.js";
export * from "./security.table.js";
