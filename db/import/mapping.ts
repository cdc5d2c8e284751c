import { londonDate } from "../../analytics/working-days.js";
import type { RecordPosition, WriteSession } from "../writes/index.js";
import { text } from "./canonical.js";
import { SourceFileError, readSource, type ImportFormat } from "./source.reader.js";

/**
 * Tool mappings: a declarative description of one IG tool's export (its column names and how they
 * become the canonical initiative and events), so supporting a tool is a file in
 * db/import/mappings/, not a new importer. The engine below reads the file, applies the mapping
 * and hands canonical records to the same write session as a canonical import.
 */

/** One stage event a row of the tool's export yields. */
export interface MappedEvent {
  /** Stage of the process definition, e.g. REVIEW. */
  stage: string;
  /** Event kind, e.g. SUBMITTED. */
  kind: string;
  /** The column (a key of `columns`) holding the event's date or date-time. Empty cell: no event. */
  at: string;
  /**
   * Dates after the import's as-of date are plans (a review due), not events that happened: skip
   * them rather than record the future.
   */
  skipFuture?: boolean;
}

export interface ToolMapping {
  /** Tool slug the initiatives ran on (tools table). */
  tool: string;
  /** `source` of the events (with a per-row `source_ref` built from the initiative id, stage, kind and date). */
  source: string;
  /** One sentence for `hub import --help`. */
  description: string;
  /** The export's column names, by the logical names the rest of the mapping uses. */
  columns: Record<string, string>;
  /** Logical columns that must be in the export's header. */
  required: string[];
  initiative: {
    /** Logical column holding the tool's own id for the row; absent → an id made from the title. */
    id?: string;
    /** Prefix of initiative ids from this tool (keeps them apart from other tools' ids). */
    idPrefix: string;
    title: string;
    purpose?: string;
    /** Logical column naming the lead organisation (a London authority's name or GSS code, or a partner). */
    leadOrganisation: string;
    /** Logical column listing the other organisations involved. */
    otherOrganisations?: string;
    /** How that list is separated in the export. */
    listSeparator?: RegExp;
    /** Logical column holding the creation date; absent → the import's as-of date (then not compared on re-import). */
    createdAt?: string;
    /** Status of every initiative from this export; empty = derive from the events. */
    status?: string;
  };
  events: MappedEvent[];
}

export interface MappingOptions {
  /**
   * GSS code of the London borough that leads the initiatives in the hub, for rows whose
   * organisations include no London authority (e.g. WEISF's Essex-led protocols).
   */
  leadBorough?: string;
  /** The date the import treats as today (YYYY-MM-DD, London); default today. */
  asOf?: string;
}

/** Lower-case, `&` as `and`, no punctuation, without "London Borough of", "Council" and the like. */
export function normaliseOrganisation(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\b(the|london borough of|royal borough of|city of|borough council|council|corporation of)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A slug for a partner organisation from its name. */
export function slugify(name: string, max = 60): string {
  return (
    name
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, max)
      .replace(/-+$/g, "") || "unnamed"
  );
}

const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const LONG_DATE = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})$/;
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/**
 * A date from a tool export as ISO `YYYY-MM-DD`: ISO dates and date-times pass through; UK
 * day-first forms (`31/03/2025`, `31 March 2025`) are converted. Anything else is returned as is,
 * for the write session to refuse with its usual message.
 */
export function toIsoDate(value: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(value);
  if (iso) return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  let m = UK_DATE.exec(value);
  if (m) return `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  m = LONG_DATE.exec(value);
  if (m) {
    const month = MONTHS.findIndex((x) => x.startsWith(m![2]!.toLowerCase()) && m![2]!.length >= 3);
    if (month >= 0) return `${m[3]}-${pad(month + 1)}-${pad(Number(m[1]))}`;
  }
  return value;
}

/**
 * Reads a tool export through its mapping into the write session. Each organisation named in a
 * row is matched to a London authority (by GSS code or name); the ones that match are the
 * participating boroughs, the rest become partners. The lead borough is the lead organisation
 * when it is a London authority, else the first London authority involved, else
 * `options.leadBorough`; a row with none of these is refused (the hub counts time per London
 * borough, and inventing one would be dishonest).
 */
export async function applyMapping(
  mapping: ToolMapping,
  file: string,
  format: ImportFormat,
  authorities: { code: string; name: string }[],
  options: MappingOptions,
  session: WriteSession,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const byName = new Map(authorities.map((a) => [normaliseOrganisation(a.name), a.code]));
  const codes = new Set(authorities.map((a) => a.code));
  const asOf = options.asOf ?? londonDate(Date.now());
  const col = mapping.columns;
  const canonicalToLogical: Record<string, string> = {
    id: mapping.initiative.id ?? mapping.initiative.title,
    title: mapping.initiative.title,
    purpose: mapping.initiative.purpose ?? "",
    lead_borough: mapping.initiative.leadOrganisation,
    boroughs: mapping.initiative.otherOrganisations ?? mapping.initiative.leadOrganisation,
    partners: mapping.initiative.otherOrganisations ?? mapping.initiative.leadOrganisation,
    created_at: mapping.initiative.createdAt ?? "",
  };
  let namer: (field: string) => string = (f) => f;
  const columnOf = (field: string): string => {
    const logical = canonicalToLogical[field] ?? field;
    return col[logical] ? namer(col[logical]!) : `${field} (set by the ${mapping.tool} mapping)`;
  };
  const eventColumns = new Map<string, string>();
  const namerOf = (field: string) => eventColumns.get(field) ?? columnOf(field);
  const pos: RecordPosition = { file, line: 0, column: namerOf };
  session.setColumnNamer(file, namerOf);
  const separator = mapping.initiative.listSeparator ?? /\s*[;\n]\s*/;

  await readSource(file, format, {
    onColumnNamer: (n) => {
      namer = n;
    },
    onHeader: (fields) => {
      const missing = mapping.required.filter((logical) => !fields.includes(col[logical]!));
      if (missing.length > 0)
        throw new SourceFileError(file, 1, "-", `missing column${missing.length > 1 ? "s" : ""} ${missing.map((l) => JSON.stringify(col[l])).join(", ")}; expected the ${mapping.tool} export's columns ${Object.values(col).map((c) => JSON.stringify(c)).join(", ")}`);
    },
    onRow: (row) => {
      pos.line = row.line;
      const get = (logical: string | undefined) => (logical && col[logical] ? text(row.get(col[logical]!)) : "");
      const title = get(mapping.initiative.title);
      const ownId = get(mapping.initiative.id);
      const id = `${mapping.initiative.idPrefix}${slugify(ownId || title)}`;
      const lead = get(mapping.initiative.leadOrganisation);
      const others = get(mapping.initiative.otherOrganisations)
        .split(separator)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      const boroughs: string[] = [];
      const partners: string[] = [];
      const partnerNames: Record<string, string> = {};
      let leadBorough = "";
      for (const org of [lead, ...others]) {
        if (!org) continue;
        const code = codes.has(org.toUpperCase()) ? org.toUpperCase() : byName.get(normaliseOrganisation(org));
        if (code) {
          if (!boroughs.includes(code)) boroughs.push(code);
          // The lead organisation comes first, so it leads when it is a London authority.
          if (!leadBorough) leadBorough = code;
        } else {
          const slug = slugify(org);
          if (!partners.includes(slug)) partners.push(slug);
          partnerNames[slug] = org;
        }
      }
      if (!leadBorough && options.leadBorough) leadBorough = options.leadBorough;
      if (!leadBorough) {
        session.fail(pos, "lead_borough", `no London borough among the organisations (${[lead, ...others].filter(Boolean).map((o) => JSON.stringify(o)).join(", ") || "none"}); expected a London authority's name or GSS code, or pass --lead-borough CODE to name the London borough that leads this initiative in the hub`);
        return;
      }
      if (!boroughs.includes(leadBorough)) boroughs.unshift(leadBorough);
      const createdAt = mapping.initiative.createdAt ? toIsoDate(get(mapping.initiative.createdAt)) : asOf;
      session.addInitiative(
        {
          id,
          title,
          ...(mapping.initiative.purpose ? { purpose: get(mapping.initiative.purpose) || null } : {}),
          lead_borough: leadBorough,
          boroughs,
          partners,
          partnerNames,
          tool: mapping.tool,
          practices: [],
          status: mapping.initiative.status ?? "",
          created_at: createdAt,
          compareCreatedAt: mapping.initiative.createdAt !== undefined,
        },
        pos,
      );
      for (const ev of mapping.events) {
        const raw = get(ev.at);
        if (!raw) continue;
        const at = toIsoDate(raw);
        if (ev.skipFuture && /^\d{4}-\d{2}-\d{2}$/.test(at) && at > asOf) continue;
        eventColumns.set("at", namer(col[ev.at]!));
        session.addEvent(
          { initiative_id: id, stage: ev.stage, borough: "", kind: ev.kind, at, source: mapping.source, source_ref: `${id}:${ev.stage}:${ev.kind}:${at}` },
          pos,
        );
      }
    },
    onProgress,
  });
}
