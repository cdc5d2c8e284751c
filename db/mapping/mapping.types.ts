/**
 * A tool mapping once loaded and checked (db/mapping/mapping.loader.ts reads it from YAML): what
 * the applier (mapping.apply.ts) needs, with every column a logical name of `columns` and every
 * value map normalised. The YAML layout is documented in the README (Tools' data: mapping files, presets, iCasework, HTTP push).
 */

/**
 * How a date cell is written: `iso` (2024-03-31, 2024-03-31T14:05:00Z; a time without a zone is
 * London time), `uk` (31/03/2024, 31-03-2024, 31.03.2024, 31 March 2024, each with an optional
 * HH:MM[:SS] London time), `excel-serial` (days since 1899-12-30 in Excel's 1900 date system, the
 * fraction being the London time of day: 45382 = 2024-03-31).
 */
export const DATE_FORMATS = ["iso", "uk", "excel-serial"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/**
 * Event kinds a mapping may name: those of the domain (analytics/cycle.ts EVENT_KINDS), with
 * DPO_REVIEWED (the DPO's advice is given; ISG's "DPO Review") among them.
 */
export const MAPPING_EVENT_KINDS = ["SUBMITTED", "QUERY_RAISED", "RESUBMITTED", "DPO_REVIEWED", "APPROVED", "REJECTED", "WITHDRAWN"] as const;

/** Initiative statuses a mapping may set ("" = derived from the events by the write service). */
export const MAPPING_STATUSES = ["", "ACTIVE", "LIVE", "WITHDRAWN", "REJECTED"] as const;

/** Names a source_ref template may use besides the logical columns. */
export const TEMPLATE_BUILTINS = ["initiative", "stage", "kind", "date", "signer"] as const;
export type TemplateBuiltin = (typeof TEMPLATE_BUILTINS)[number];

/**
 * A tool's words → the hub's values; `null` means "no value" (e.g. a status word that records no
 * event). The word `*` stands for every word not listed, an empty cell included.
 */
export interface ValueMap {
  /** By {@link valueKey} of the tool's word. */
  entries: Map<string, string | null>;
  /** The words as the mapping spells them, for messages. */
  words: string[];
}

/** How value-map keys and headers are compared: case, surrounding and repeated blanks ignored. */
export function valueKey(word: string): string {
  return word.trim().replace(/\s+/g, " ").toLowerCase();
}

/** A value that is fixed by the mapping, or read from a column (through an optional value map). */
export type ValueSource = { constant: string } | { column: string; values: ValueMap | null };

/** A date read from a column, trying each format in turn. */
export interface DateSpec {
  column: string;
  formats: DateFormat[];
}

/** A text built from literal parts, columns (`{title}`, `{title|slug}`) and builtins (`{date}`). */
export interface Template {
  /** As written in the mapping. */
  text: string;
  parts: ({ text: string } | { column: string; slug: boolean } | { builtin: TemplateBuiltin; slug: boolean })[];
}

export interface EventSpec {
  stage: ValueSource;
  kind: ValueSource;
  date: DateSpec;
  /** Logical column naming the organisation that signs (a borough or a partner); absent = initiative-wide. */
  signer?: string;
  /** Dates after the as-of date are plans (a review due), not events: skipped. */
  skipFuture: boolean;
  source: string;
  sourceRef: Template;
}

export interface Mapping {
  /** The file the mapping was read from (messages). */
  file: string;
  tool: string;
  source: string;
  description: string;
  /** Logical name → the export's header. */
  columns: Record<string, string>;
  /** Logical columns the export may lack (then read as empty). */
  optional: Set<string>;
  /** Only rows whose cell in `column` is one of `values` (compared as value-map words) are read; the rest are skipped. */
  onlyRows?: { column: string; values: Set<string> };
  initiative: {
    id: Template;
    /** A column (`title: flow_name`) is the template `{flow_name}`. */
    title: Template;
    purpose?: string;
    status: ValueSource;
    /** Absent: the import's as-of date, not compared on re-import (the export has no creation date). */
    created?: DateSpec;
    practices: { constant: string[] } | { column: string; values: ValueMap | null };
    /** `many`: rows with the same id are one initiative, its participants gathered from all of them. */
    rows: "one" | "many";
  };
  participants: {
    lead?: string;
    others?: string;
    /** Characters that separate names in a list cell (a newline always does). */
    separators: string;
    /** The tool's organisation names → a London GSS code or a partner slug. */
    organisations: ValueMap;
    /** Who signs a stage: every participating borough (today's model), every participant, or the ones a column lists. */
    signers: "boroughs" | "all" | { column: string };
  };
  events: EventSpec[];
}
