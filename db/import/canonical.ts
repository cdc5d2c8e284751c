import type { EventRecord, InitiativeRecord } from "../writes/index.js";
import { SHOWN_CHARS, shown, splitList } from "../writes/index.js";
import type { SourceRow } from "./source.row.js";

/**
 * The canonical file formats (issue 3, "Canonical formats"): column order is the contract that
 * exports write and imports read.
 */
export const INITIATIVE_COLUMNS = ["id", "title", "lead_borough", "boroughs", "partners", "tool", "practices", "status", "created_at"] as const;
export const EVENT_COLUMNS = ["initiative_id", "stage", "borough", "kind", "at", "source", "source_ref"] as const;
/** Columns an events file may add: a RETRACTED row names the event it retracts (its source_ref, same source) and why. */
export const OPTIONAL_EVENT_COLUMNS = ["retracts", "reason"] as const;
/** Columns an initiatives file may add to the contract (read when present, never required). */
export const OPTIONAL_INITIATIVE_COLUMNS = ["purpose", "non_signing", "joined", "left"] as const;
/**
 * The events file's signer column is `borough` (a GSS code or, since partners sign, a partner
 * organisation's slug); a file may call it `organisation` instead (read as `borough`).
 */
export const SIGNER_SYNONYM = "organisation";

/** An events header with `organisation` read as `borough` (when the file has no `borough` column). */
export function canonicalEventHeader(fields: readonly string[]): string[] {
  return fields.includes("borough") ? [...fields] : fields.map((f) => (f === SIGNER_SYNONYM ? "borough" : f));
}

/** A field value as text: absent and null are empty; surrounding blanks are dropped; a neutralised formula is restored. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  return restoreFormulaCell((typeof value === "string" ? value : String(value)).trim());
}

/**
 * CSV injection (OWASP): a spreadsheet evaluates a cell beginning with `=`, `+`, `-`, `@`, tab or
 * CR as a formula, so exports prefix such a cell with a single quote. A cell that itself begins
 * with a quote is prefixed too, which makes the rule reversible: a cell is restored (one quote
 * dropped) exactly when it begins with a quote followed by one of those characters or a quote.
 * `'quoted` (written by hand or by a spreadsheet) stays as it is; `''quoted` is `'quoted`.
 */
export const FORMULA_START = /^[=+\-@\t\r']/;
const NEUTRALISED = /^'[=+\-@\t\r']/;

/** The value an exported cell stood for: the inverse of db/export's neutraliseCell. */
export function restoreFormulaCell(cell: string): string {
  // The quote test first: this runs on every field of every imported row.
  return cell.charCodeAt(0) === 39 && NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** A name as a message shows it unquoted: at most SHOWN_CHARS characters and then "…". */
export function clipped(name: string): string {
  return name.length > SHOWN_CHARS ? `${name.slice(0, SHOWN_CHARS)}…` : name;
}

/** Columns that hold lists (a JSON array of strings, or `;`-separated text). */
const LIST_COLUMNS: ReadonlySet<string> = new Set(["boroughs", "partners", "practices", "non_signing", "joined", "left"]);

/** A JSON value's type as a message names it, with a short prefix of a number or a boolean. */
function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return `a number (${Number.isFinite(value) ? clipped(String(value)) : "out of range"})`;
  return `${typeof value === "boolean" ? "a boolean" : `a ${typeof value}`} (${String(value)})`;
}

/**
 * The fields of a JSON record whose values have the wrong type, each with its problem: every field
 * is a string (or null: empty), a list field an array of strings or a `;`-separated string. JSON
 * is read as strictly as CSV, whose fields are all text: `"id": 123` or an object for `partners`
 * is an error, not a value converted to "123" or "[object Object]".
 */
export function jsonTypeProblems(row: SourceRow, keys: readonly string[]): [field: string, message: string][] {
  const out: [string, string][] = [];
  for (const key of keys) {
    const value = row.get(key);
    if (value === null || typeof value === "string") continue;
    if (LIST_COLUMNS.has(key)) {
      if (Array.isArray(value)) {
        const bad = value.find((item) => typeof item !== "string");
        if (bad !== undefined) out.push([key, `${key} holds ${jsonType(bad)}; expected an array of strings`]);
        continue;
      }
      out.push([key, `${key} is ${jsonType(value)}; expected an array of strings or a ;-separated string`]);
    } else out.push([key, `${key} is ${jsonType(value)}; expected a string`]);
  }
  return out;
}

/** A list field: a JSON array, or `;`-separated text. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((s) => s.length > 0);
  return splitList(text(value));
}

/**
 * Checks a CSV header against the contract: every column present, none unknown (a misspelt
 * column would otherwise be read as empty). Returns the problem, or null.
 */
export function headerProblem(fields: readonly string[], required: readonly string[], optional: readonly string[] = []): string | null {
  // A column named twice: which one holds the value would be a guess (the last one won before).
  const twice = fields.findIndex((c, i) => fields.indexOf(c) !== i);
  if (twice >= 0) return `column ${shown(fields[twice]!)} appears twice in the header (columns ${fields.indexOf(fields[twice]!) + 1} and ${twice + 1}); expected each column once`;
  const missing = required.filter((c) => !fields.includes(c));
  const unknown = fields.filter((c) => !required.includes(c) && !optional.includes(c));
  if (missing.length === 0 && unknown.length === 0) return null;
  const parts = [];
  if (missing.length) parts.push(`missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  if (unknown.length) parts.push(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map(clipped).join(", ")}`);
  return `${parts.join("; ")}; expected the header ${required.join(",")}`;
}

/** Reads a row of an initiatives file as a canonical record. */
export function initiativeFromRow(row: SourceRow, hasPurpose: boolean): InitiativeRecord {
  return {
    id: text(row.get("id")),
    title: text(row.get("title")),
    ...(hasPurpose ? { purpose: text(row.get("purpose")) || null } : {}),
    lead_borough: text(row.get("lead_borough")),
    boroughs: list(row.get("boroughs")),
    partners: list(row.get("partners")),
    tool: text(row.get("tool")),
    practices: list(row.get("practices")),
    status: text(row.get("status")),
    created_at: text(row.get("created_at")),
    ...nonSigning(list(row.get("non_signing"))),
    ...periodLists(list(row.get("joined")), list(row.get("left"))),
  };
}

/** The optional joined and left lists (`code@time` entries; each absent when empty). */
function periodLists(joined: string[], left: string[]): Pick<InitiativeRecord, "joined" | "left"> {
  return { ...(joined.length > 0 ? { joined } : {}), ...(left.length > 0 ? { left } : {}) };
}

/** The optional non_signing list (absent when empty, so records without it compare as before). */
function nonSigning(codes: string[]): Pick<InitiativeRecord, "nonSigning"> {
  return codes.length > 0 ? { nonSigning: codes } : {};
}

/** Reads a row of an events file as a canonical record. */
export function eventFromRow(row: SourceRow): EventRecord {
  return {
    initiative_id: text(row.get("initiative_id")),
    stage: text(row.get("stage")),
    borough: text(row.get("borough") ?? row.get(SIGNER_SYNONYM)),
    kind: text(row.get("kind")),
    at: text(row.get("at")),
    source: text(row.get("source")),
    source_ref: text(row.get("source_ref")),
    ...withRetraction(row.get("retracts"), row.get("reason")),
  };
}

/** The optional retraction columns of an events row (absent when the file has neither). */
function withRetraction(retracts: unknown, reason: unknown): Pick<EventRecord, "retracts" | "reason"> {
  if (retracts === undefined && reason === undefined) return {};
  return { retracts: text(retracts), reason: text(reason) };
}

/**
 * The reader of one events file: for CSV (`header` given, already checked by {@link headerProblem})
 * the columns are looked up once and each row is read by position — the same values as
 * {@link eventFromRow}, without seven name lookups per row; for JSON, {@link eventFromRow}.
 */
export function eventReader(header: readonly string[] | null): (row: SourceRow) => EventRecord {
  if (header === null) return eventFromRow;
  const [a, b, c, d, e, f, g] = EVENT_COLUMNS.map((name) => header.lastIndexOf(name));
  if ([a, b, c, d, e, f, g].some((i) => i === undefined || i < 0)) return eventFromRow;
  const [r, w] = OPTIONAL_EVENT_COLUMNS.map((name) => header.lastIndexOf(name));
  const retraction = r! >= 0 || w! >= 0;
  return (row) => {
    const v = row.values;
    if (!v) return eventFromRow(row);
    const rec: EventRecord = { initiative_id: text(v[a!]), stage: text(v[b!]), borough: text(v[c!]), kind: text(v[d!]), at: text(v[e!]), source: text(v[f!]), source_ref: text(v[g!]) };
    if (retraction) {
      rec.retracts = r! >= 0 ? text(v[r!]) : "";
      rec.reason = w! >= 0 ? text(v[w!]) : "";
    }
    return rec;
  };
}
