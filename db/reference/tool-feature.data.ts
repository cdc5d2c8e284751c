import { SOURCES } from "./sources.js";
import { TOOL_SOURCES } from "./tool.data.js";

/** How far a tool supports a feature. */
export type SupportLevel = "FULL" | "PARTIAL" | "NONE" | "UNKNOWN";

/** One cell of the tool comparison. */
export interface ToolFeatureRecord {
  toolSlug: string;
  featureSlug: string;
  level: SupportLevel;
  note: string | null;
  source: string;
}

/** A cell as RESEARCH.md writes it: ✔ stated by a source, ~ partly, ✗ not offered, ? not found. */
type Cell = readonly ["✔" | "~" | "✗" | "?", string?];

const LEVEL: Record<Cell[0], SupportLevel> = { "✔": "FULL", "~": "PARTIAL", "✗": "NONE", "?": "UNKNOWN" };

/** RESEARCH.md's table, column by column (feature order as in FEATURES). */
const TABLE: Record<string, Record<string, Cell>> = {
  isg: {
    "organisation-register": ["✔"],
    "dpo-directory": ["~"],
    "isa-registry": ["✔"],
    dpia: ["~", "risk assessment of flows; DPIA module planned 2021"],
    templates: ["✔", "ISA generated"],
    "per-organisation-signoff": ["✔"],
    "data-flow-mapping": ["✔", "data-sharing map"],
    "audit-trail": ["?"],
    "review-reminders": ["?"],
    reporting: ["✔", "licensed orgs; admin dashboard"],
    "api-export": ["~", "ISA PDF export"],
  },
  onelondon: {
    "organisation-register": ["✔", "ODS code, ICO number"],
    "dpo-directory": ["?"],
    "isa-registry": ["✔", "ISA/DSA + processing contracts"],
    dpia: ["✔", "release 1.4, 2017"],
    templates: ["✔"],
    "per-organisation-signoff": ["✔", "electronic"],
    "data-flow-mapping": ["?"],
    "audit-trail": ["✔", "release 1.2"],
    "review-reminders": ["~", "tracks expiry"],
    reporting: ["✔"],
    "api-export": ["?"],
  },
  weisf: {
    "organisation-register": ["✔", "partners sign the framework"],
    "dpo-directory": ["✔", "ISP approvers by role"],
    "isa-registry": ["✔", "public ISP list with lead org, others, review date"],
    dpia: ["✗"],
    templates: ["✔", "ISP + review templates"],
    "per-organisation-signoff": ["~", "signed offline, emailed in"],
    "data-flow-mapping": ["✗"],
    "audit-trail": ["?"],
    "review-reminders": ["✔", "3 months before review"],
    reporting: ["~", "spreadsheet"],
    "api-export": ["✔", "ISP spreadsheet"],
  },
  icase: {
    "organisation-register": ["✗"],
    "dpo-directory": ["✗"],
    "isa-registry": ["?"],
    dpia: ["?"],
    templates: ["✔", "form/workflow designers"],
    "per-organisation-signoff": ["✔", "configurable workflow"],
    "data-flow-mapping": ["✗"],
    "audit-trail": ["✔"],
    "review-reminders": ["✔", "SLA monitoring"],
    reporting: ["✔", "dashboards, report designer"],
    "api-export": ["✔", "integration API"],
  },
  ecins: {
    "organisation-register": ["✔"],
    "dpo-directory": ["~", "single points of contact"],
    "isa-registry": ["✗"],
    dpia: ["✗"],
    templates: ["?"],
    "per-organisation-signoff": ["✗"],
    "data-flow-mapping": ["✗"],
    "audit-trail": ["?"],
    "review-reminders": ["✔", "tasks, notifications"],
    reporting: ["?"],
    "api-export": ["?"],
  },
  flowz: {
    "organisation-register": ["?"],
    "dpo-directory": ["?"],
    "isa-registry": ["?"],
    dpia: ["?"],
    templates: ["?"],
    "per-organisation-signoff": ["?"],
    "data-flow-mapping": ["?"],
    "audit-trail": ["?"],
    "review-reminders": ["?"],
    reporting: ["?"],
    "api-export": ["?"],
  },
  // The baseline by definition: what e-mail and shared documents give without a tool.
  manual: {
    "organisation-register": ["✗", "no register; contacts kept by each team"],
    "dpo-directory": ["✗", "no directory; approvers found by asking around"],
    "isa-registry": ["✗", "agreements kept as documents in each organisation"],
    dpia: ["✗", "DPIA written as a document, no tool support"],
    templates: ["~", "document templates can be circulated, nothing is generated"],
    "per-organisation-signoff": ["~", "each organisation signs off by e-mail; progress tracked by hand"],
    "data-flow-mapping": ["✗"],
    "audit-trail": ["~", "only the e-mail history"],
    "review-reminders": ["✗", "only personal calendar reminders"],
    reporting: ["✗"],
    "api-export": ["✗"],
  },
};

/** Every tool × feature cell, with its level, note and the tool's source. */
export const TOOL_FEATURES: readonly ToolFeatureRecord[] = Object.entries(TABLE).flatMap(([toolSlug, cells]) =>
  Object.entries(cells).map(([featureSlug, [mark, note]]) => ({
    toolSlug,
    featureSlug,
    level: LEVEL[mark],
    note: note ?? (mark === "?" ? "not found in the sources" : null),
    source: toolSlug === "manual" ? SOURCES.baseline : TOOL_SOURCES[toolSlug]!,
  })),
);
