import type { ToolMapping } from "../mapping.js";
import { weisfMapping } from "./weisf.mapping.js";

/** Every tool mapping `hub import --from <tool>` knows, by tool slug. Add a tool by adding its file here. */
export const mappings: Record<string, ToolMapping> = {
  weisf: weisfMapping,
};
