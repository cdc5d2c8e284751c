import { readFileSync } from "node:fs";
import { isSeq } from "yaml";
import { AUTHORITIES, PRACTICES, PROCESSES, TOOLS } from "../reference/index.js";
import {
  DATE_FORMATS,
  MAPPING_EVENT_KINDS,
  MAPPING_STATUSES,
  TEMPLATE_BUILTINS,
  valueKey,
  type DateFormat,
  type DateSpec,
  type EventSpec,
  type Mapping,
  type Template,
  type TemplateBuiltin,
  type ValueMap,
  type ValueSource,
} from "./mapping.types.js";
import { MappingFileError, YamlChecker, describe, join, scalarText, type YamlNode } from "./yaml.checker.js";

/**
 * Mapping files are YAML, not JSON: a council analyst edits them by hand, and YAML lets them write
 * a comment beside each line ("# ISG's report calls this 'Flow Name'"), needs no quotes around
 * most headers and no commas or braces to get wrong, and stays readable in a diff. The loader
 * keeps every node's line so a problem is reported as `file:line: key.path: what was expected`.
 */

const LOGICAL = /^[a-z][a-z0-9_]*$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const GSS = /^E09\d{6}$/;
const DEFAULT_SOURCE_REF = "{initiative}:{stage}:{kind}:{date}";

const STAGES = [...new Set(PROCESSES.flatMap((p) => p.stages.map((s) => s.code)))];
const PRACTICE_SLUGS = PRACTICES.map((p) => p.slug);
const TOOL_SLUGS = TOOLS.map((t) => t.slug);
const AUTHORITY_CODES = new Set(AUTHORITIES.map((a) => a.code));

/** Reads and checks a mapping file; throws {@link MappingFileError} listing every problem. */
export function loadMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new MappingFileError([{ file: path, line: 0, path: "", message: `cannot read the mapping file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); expected a readable YAML file` }]);
  }
  return parseMapping(text, path);
}

/** Checks a mapping given as YAML text (`file` names it in messages). */
export function parseMapping(text: string, file: string): Mapping {
  const c = new YamlChecker(file, text);
  if (c.problems.length > 0) throw new MappingFileError(c.problems);
  const top = c.entries(c.root, "", ["tool", "source", "description", "columns", "optional", "only_rows", "dates", "initiative", "participants", "events"], ["tool", "columns", "initiative"]);
  if (!top) throw new MappingFileError(c.problems);

  const tool = top.has("tool") ? c.oneOf(top.get("tool"), "tool", TOOL_SLUGS) : undefined;
  const source = top.has("source") ? slug(c, top.get("source"), "source") : tool;
  const description = top.has("description") ? (c.text(top.get("description"), "description", "one sentence describing the export") ?? "") : "";

  const columns: Record<string, string> = {};
  for (const [name, value, keyNode] of c.pairs(top.get("columns"), "columns", "a mapping of logical names to the export's headers (title: Flow Name)") ?? []) {
    const path = join("columns", name);
    const header = c.text(value, path, "the export's column header");
    if (!LOGICAL.test(name)) c.fail(path, keyNode, "expected a logical name in lower case (letters, digits, _), starting with a letter");
    else if ((TEMPLATE_BUILTINS as readonly string[]).includes(name)) c.fail(path, keyNode, `the name is reserved for source_ref templates; expected another name than ${TEMPLATE_BUILTINS.join(", ")}`);
    else if (header !== undefined) columns[name] = header;
  }
  const column = (node: YamlNode, path: string): string | undefined => {
    const name = scalarText(node);
    if (typeof name === "string" && Object.hasOwn(columns, name.trim())) return name.trim();
    c.fail(path, node, `expected a logical column name from columns${namesOf(columns)}, got ${describe(node)}`);
    return undefined;
  };

  const optional = new Set<string>();
  if (top.has("optional")) for (const item of c.list(top.get("optional"), "optional", "a list of logical column names") ?? []) {
    const name = column(item.node, item.path);
    if (name) optional.add(name);
  }

  let onlyRows: Mapping["onlyRows"];
  if (top.has("only_rows")) {
    const e = c.entries(top.get("only_rows"), "only_rows", ["column", "values"], ["column", "values"]);
    const col = e?.has("column") ? column(e.get("column"), "only_rows.column") : undefined;
    const values = e?.has("values") ? (c.list(e.get("values"), "only_rows.values", "a list of the words of the rows to read", true) ?? []).map((i) => c.text(i.node, i.path, "a word")) : [];
    if (col && values.length > 0 && values.every((v) => v !== undefined)) onlyRows = { column: col, values: new Set(values.map((v) => valueKey(v!))) };
  }

  const dates: DateFormat[] = top.has("dates") ? formats(c, top.get("dates"), "dates") : ["iso"];
  const dateSpec = (node: YamlNode, path: string): DateSpec | undefined => {
    if (scalarText(node) !== undefined) {
      const col = column(node, path);
      return col ? { column: col, formats: dates } : undefined;
    }
    const e = c.entries(node, path, ["column", "format"], ["column"]);
    if (!e) return undefined;
    const col = column(e.get("column"), join(path, "column"));
    const f = e.has("format") ? formats(c, e.get("format"), join(path, "format")) : dates;
    return col ? { column: col, formats: f } : undefined;
  };

  // initiative
  const ini = c.entries(top.get("initiative"), "initiative", ["id", "title", "purpose", "status", "created", "practices", "rows"], ["id", "title"]);
  const id = ini?.has("id") ? template(c, ini.get("id"), "initiative.id", columns, []) : undefined;
  const titleText = scalarText(ini?.get("title"));
  const title = !ini?.has("title")
    ? undefined
    : typeof titleText === "string" && titleText.includes("{")
      ? template(c, ini.get("title"), "initiative.title", columns, [])
      : (() => {
          const col = column(ini.get("title"), "initiative.title");
          return col ? { text: `{${col}}`, parts: [{ column: col, slug: false }] } : undefined;
        })();
  const purpose = ini?.has("purpose") ? column(ini.get("purpose"), "initiative.purpose") : undefined;
  const status = ini?.has("status") ? valueSource(c, ini.get("status"), "initiative.status", MAPPING_STATUSES, column) : { constant: "" };
  const created = ini?.has("created") ? dateSpec(ini.get("created"), "initiative.created") : undefined;
  let practices: Mapping["initiative"]["practices"] = { constant: [] };
  if (ini?.has("practices")) {
    const node = ini.get("practices");
    if (isSeq(node)) {
      const seq = c.list(node, "initiative.practices", "a list of practice slugs") ?? [];
      practices = { constant: seq.map((i) => c.oneOf(i.node, i.path, PRACTICE_SLUGS)).filter((p): p is string => p !== undefined) };
    } else practices = fromColumn(c, node, "initiative.practices", PRACTICE_SLUGS, column) ?? practices;
  }
  const rows = ini?.has("rows") ? c.oneOf(ini.get("rows"), "initiative.rows", ["one", "many"] as const) : "one";

  // participants
  const part = top.has("participants") ? c.entries(top.get("participants"), "participants", ["lead", "others", "separators", "organisations", "signers"]) : new Map<string, YamlNode>();
  const lead = part?.has("lead") ? column(part.get("lead"), "participants.lead") : undefined;
  const others = part?.has("others") ? column(part.get("others"), "participants.others") : undefined;
  const separators = part?.has("separators") ? (c.text(part.get("separators"), "participants.separators", 'the characters that separate names in a list cell, e.g. ";,"') ?? ";") : ";";
  const organisations: ValueMap = { entries: new Map(), words: [] };
  if (part?.has("organisations"))
    for (const [word, value, keyNode] of c.pairs(part.get("organisations"), "participants.organisations", "a mapping of the tool's organisation names to a GSS code or a partner slug") ?? []) {
      const path = join("participants.organisations", word);
      const target = scalarText(value);
      if (typeof target !== "string" || !(GSS.test(target.trim()) ? AUTHORITY_CODES.has(target.trim()) : SLUG.test(target.trim())))
        c.fail(path, value ?? keyNode, `expected a London GSS code (E09000001..E09000033) or a partner slug (lower-case letters, digits, hyphens, e.g. met-police), got ${describe(value)}`);
      else addWord(c, organisations, word, target.trim(), path, keyNode);
    }
  let signers: Mapping["participants"]["signers"] = "boroughs";
  if (part?.has("signers")) {
    const node = part.get("signers");
    if (scalarText(node) !== undefined) signers = c.oneOf(node, "participants.signers", ["boroughs", "all"] as const) ?? "boroughs";
    else {
      const e = c.entries(node, "participants.signers", ["column"], ["column"]);
      const col = e ? column(e.get("column"), "participants.signers.column") : undefined;
      if (col) signers = { column: col };
    }
  }

  // events
  const events: EventSpec[] = [];
  for (const item of top.has("events") ? (c.list(top.get("events"), "events", "a list of events, each with stage, kind and date") ?? []) : []) {
    const e = c.entries(item.node, item.path, ["stage", "kind", "date", "signer", "skip_future", "source", "source_ref"], ["stage", "kind", "date"]);
    if (!e) continue;
    const stage = e.has("stage") ? valueSource(c, e.get("stage"), join(item.path, "stage"), STAGES, column) : undefined;
    const kind = e.has("kind") ? valueSource(c, e.get("kind"), join(item.path, "kind"), MAPPING_EVENT_KINDS, column) : undefined;
    const date = e.has("date") ? dateSpec(e.get("date"), join(item.path, "date")) : undefined;
    const signer = e.has("signer") ? column(e.get("signer"), join(item.path, "signer")) : undefined;
    const skipFuture = e.has("skip_future") ? c.flag(e.get("skip_future"), join(item.path, "skip_future")) : false;
    const eventSource = e.has("source") ? slug(c, e.get("source"), join(item.path, "source")) : source;
    const sourceRef = template(c, e.get("source_ref") ?? null, join(item.path, "source_ref"), columns, TEMPLATE_BUILTINS, e.has("source_ref") ? undefined : DEFAULT_SOURCE_REF);
    if (stage && kind && date && eventSource && sourceRef && skipFuture !== undefined)
      events.push({ stage, kind, date, ...(signer ? { signer } : {}), skipFuture, source: eventSource, sourceRef });
  }

  // In file order (the checks run section by section).
  c.problems.sort((a, b) => a.line - b.line);
  if (c.problems.length > 0 || !tool || !source || !id || !title || !status || !rows) throw new MappingFileError(c.problems);
  return {
    file,
    tool,
    source,
    description,
    columns,
    optional,
    ...(onlyRows ? { onlyRows } : {}),
    initiative: { id, title, ...(purpose ? { purpose } : {}), status, ...(created ? { created } : {}), practices, rows },
    participants: { ...(lead ? { lead } : {}), ...(others ? { others } : {}), separators, organisations, signers },
    events,
  };
}

/** ` (a, b)`: the logical names a message offers; nothing when there are none. */
function namesOf(columns: Record<string, string>): string {
  const names = Object.keys(columns);
  return names.length > 0 ? ` (${names.join(", ")})` : "";
}

function slug(c: YamlChecker, node: YamlNode, path: string): string | undefined {
  const t = scalarText(node);
  if (typeof t === "string" && SLUG.test(t.trim())) return t.trim();
  c.fail(path, node, `expected a slug (lower-case letters, digits, hyphens), got ${describe(node)}`);
  return undefined;
}

function formats(c: YamlChecker, node: YamlNode, path: string): DateFormat[] {
  const out: DateFormat[] = [];
  for (const item of c.list(node, path, `one of ${DATE_FORMATS.join(", ")}, or a list of them`, true) ?? []) {
    const f = c.oneOf(item.node, item.path, DATE_FORMATS);
    if (f) out.push(f);
  }
  return out.length > 0 ? out : ["iso"];
}

function addWord(c: YamlChecker, map: ValueMap, word: string, value: string | null, path: string, keyNode: YamlNode): void {
  const key = valueKey(word);
  const earlier = map.words.find((w) => valueKey(w) === key);
  if (earlier !== undefined) {
    c.fail(path, keyNode, `${JSON.stringify(word)} is the same word as ${JSON.stringify(earlier)} (case and spaces are ignored); expected each word once`);
    return;
  }
  map.entries.set(key, value);
  map.words.push(word);
}

/** `{ column, values }`: a column read through an optional value map whose targets are `allowed` (or ~ for none). */
function fromColumn(
  c: YamlChecker,
  node: YamlNode,
  path: string,
  allowed: readonly string[],
  column: (node: YamlNode, path: string) => string | undefined,
): { column: string; values: ValueMap | null } | undefined {
  const e = c.entries(node, path, ["column", "values"], ["column"]);
  if (!e) return undefined;
  const col = column(e.get("column"), join(path, "column"));
  let values: ValueMap | null = null;
  if (e.has("values")) {
    values = { entries: new Map(), words: [] };
    for (const [word, value, keyNode] of c.pairs(e.get("values"), join(path, "values"), "a mapping of the tool's words to the hub's values") ?? []) {
      const at = join(join(path, "values"), word);
      const target = scalarText(value);
      if (target === null) addWord(c, values, word, null, at, keyNode);
      else if (typeof target === "string" && allowed.includes(target.trim())) addWord(c, values, word, target.trim(), at, keyNode);
      else c.fail(at, value, `expected one of ${allowed.filter((a) => a !== "").join(", ")}, or ~ for none, got ${describe(value)}`);
    }
  }
  return col ? { column: col, values } : undefined;
}

/** A constant from `allowed`, or `{ column, values }`. */
function valueSource(c: YamlChecker, node: YamlNode, path: string, allowed: readonly string[], column: (node: YamlNode, path: string) => string | undefined): ValueSource | undefined {
  if (scalarText(node) !== undefined) {
    const v = c.oneOf(node, path, allowed);
    return v === undefined ? undefined : { constant: v };
  }
  return fromColumn(c, node, path, allowed, column);
}

const PLACEHOLDER = /\{([^{}|]*)(?:\|([^{}]*))?\}/g;

/** A template: `{name}` or `{name|slug}`, names from `columns` or `builtins`. */
function template(c: YamlChecker, node: YamlNode, path: string, columns: Record<string, string>, builtins: readonly TemplateBuiltin[], fallback?: string): Template | undefined {
  const text = fallback ?? c.text(node, path, "a template such as weisf-{title|slug}");
  if (text === undefined) return undefined;
  const parts: Template["parts"] = [];
  let last = 0;
  let ok = true;
  let placeholders = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    placeholders++;
    if (m.index! > last) parts.push({ text: text.slice(last, m.index) });
    last = m.index! + m[0].length;
    const name = m[1]!.trim();
    const filter = m[2]?.trim();
    if (filter !== undefined && filter !== "slug") {
      c.fail(path, node, `unknown filter |${filter} in {${m[1]}|${m[2]}}; expected {name} or {name|slug}`);
      ok = false;
    } else if (Object.hasOwn(columns, name)) parts.push({ column: name, slug: filter === "slug" });
    else if ((builtins as readonly string[]).includes(name)) parts.push({ builtin: name as TemplateBuiltin, slug: filter === "slug" });
    else {
      c.fail(path, node, `unknown name {${name}}; expected a logical column${namesOf(columns)}${builtins.length ? ` or one of ${builtins.join(", ")}` : ""}`);
      ok = false;
    }
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  if (parts.some((p) => "text" in p && /[{}]/.test(p.text))) {
    c.fail(path, node, `unbalanced { } in ${JSON.stringify(text)}; expected placeholders such as {title}`);
    ok = false;
  }
  if (placeholders === 0) {
    c.fail(path, node, `${JSON.stringify(text)} has no placeholder, so every row would get the same value; expected at least one {column}`);
    ok = false;
  }
  return ok ? { text, parts } : undefined;
}
