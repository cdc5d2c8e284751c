import { normaliseOrganisation, slugify } from "../import/mapping.js";
import { londonDate } from "../../analytics/working-days.js";
import { AUTHORITIES } from "../reference/index.js";
import { FORMAT_EXAMPLES, londonDateOf, readDate } from "./mapping.dates.js";
import { valueKey, type DateSpec, type Mapping, type Template, type TemplateBuiltin, type ValueMap, type ValueSource } from "./mapping.types.js";
import type { EventRecord, InitiativeRecord, RecordPosition, RowError } from "./records.js";
import type { Table } from "./table.js";

/**
 * The applier: a tool's export (a {@link Table}) through a {@link Mapping} into the canonical
 * initiative and event records the write service validates (for the weisf preset, the same records
 * field for field as the TypeScript mapping engine, db/import/mapping.ts: weisf-parity.test.ts). Nothing
 * here touches the database: the caller feeds the records to a WriteSession (initiatives first,
 * then events), or shows them (`hub mapping check`).
 */

export interface ApplyContext {
  /** London authorities (GSS code, name); default: the reference data's 33. */
  authorities?: readonly { code: string; name: string }[];
  /** Partner organisations the hub knows (slug, name): a partner named as the hub names it gets its slug. */
  organisations?: readonly { slug: string; name: string }[];
  /** GSS code of the London borough that leads rows naming no London authority (`--lead-borough`). */
  leadBorough?: string;
  /** The date treated as today (YYYY-MM-DD, London); default today. */
  asOf?: string;
}

export interface MappedInitiative {
  /** Line of the (first) row it came from. */
  line: number;
  record: InitiativeRecord;
  /**
   * Who signs its stages (GSS codes and partner slugs). The domain gains partner signers in issue 13;
   * until then the write service treats every participating borough as a signer.
   */
  signers: string[];
  /** Canonical field → the export column it came from, for messages. */
  columns: Record<string, string>;
}

export interface MappedEvent {
  line: number;
  /** The signer (a GSS code, or a partner slug once the domain has partner signers) is in `borough`. */
  record: EventRecord;
  columns: Record<string, string>;
}

export interface MappingResult {
  file: string;
  initiatives: MappedInitiative[];
  events: MappedEvent[];
  /** Rows the mapping could not turn into records (file:line and column named). */
  errors: RowError[];
  /** Lines of rows left out by the mapping's `only_rows`. */
  skipped: number[];
}

/** The write service's position of a mapped record: errors it raises name the export's columns. */
export function positionOf(file: string, item: { line: number; columns: Record<string, string> }, mapping: Mapping): RecordPosition {
  return { file, line: item.line, column: (field) => item.columns[field] ?? `${field} (set by the ${mapping.tool} mapping)` };
}

type Org = { code: string; name: string } | { slug: string; name: string };

interface RowValues {
  line: number;
  id: string;
  title: string;
  purpose: string;
  status: string;
  created: string;
  practices: string[];
  organisations: string[];
  signerNames: string[] | null;
}

/** Applies a mapping to every row of a table. */
export function applyMapping(mapping: Mapping, table: Table, ctx: ApplyContext = {}): MappingResult {
  const out: MappingResult = { file: table.file, initiatives: [], events: [], errors: [], skipped: [] };
  const asOf = ctx.asOf ?? londonDate(Date.now());
  const fail = (line: number, column: string, field: string, message: string) => out.errors.push({ file: table.file, line, column, field, message });

  // Columns: exact header first, then ignoring case and spaces (exports drift: "Review Date").
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const [logical, header] of Object.entries(mapping.columns)) {
    let i = table.header.indexOf(header);
    if (i < 0) i = table.header.findIndex((h) => valueKey(h) === valueKey(header));
    if (i >= 0) index[logical] = i;
    else if (!mapping.optional.has(logical)) missing.push(header);
  }
  if (missing.length > 0) {
    const list = (hs: string[]) => hs.map((h) => JSON.stringify(h)).join(", ");
    fail(table.headerLine, "-", "-", `missing column${missing.length > 1 ? "s" : ""} ${list(missing)}; expected the ${mapping.tool} export's columns ${list(Object.values(mapping.columns))}`);
    return out;
  }
  const label = (logical: string | undefined, field: string) =>
    logical === undefined ? `${field} (set by the ${mapping.tool} mapping)` : index[logical] !== undefined ? table.columnLabel(index[logical]!) : `${JSON.stringify(mapping.columns[logical])} (not in the export)`;
  const resolve = organisationResolver(mapping, ctx);
  const p = mapping.participants;
  const split = listSplitter(p.separators);
  const ini = mapping.initiative;
  const initiativeColumns: Record<string, string> = {
    id: label(firstColumn(ini.id), "id"),
    title: label(firstColumn(ini.title), "title"),
    purpose: label(ini.purpose, "purpose"),
    lead_borough: label(p.lead, "lead_borough"),
    boroughs: label(p.others ?? p.lead, "boroughs"),
    partners: label(p.others ?? p.lead, "partners"),
    status: label("column" in ini.status ? ini.status.column : undefined, "status"),
    created_at: label(ini.created?.column, "created_at"),
    practices: label("column" in ini.practices ? ini.practices.column : undefined, "practices"),
  };

  /** The reading of one row: its cells by logical name, value maps and dates, each failure reported against the row. */
  const reader = (row: { line: number; cells: string[] }) => {
    const get = (logical: string | undefined) => (logical !== undefined && index[logical] !== undefined ? (row.cells[index[logical]!] ?? "") : "");
    /** A value source's value; null for an empty cell or a word mapped to ~; undefined after an error. */
    const mapped = (source: ValueSource, path: string, field: string): string | null | undefined => {
      if ("constant" in source) return source.constant;
      const raw = get(source.column);
      if (raw === "" && !source.values?.entries.has("*")) return null;
      if (!source.values) return raw;
      const v = lookup(source.values, raw);
      if (v === undefined) fail(row.line, label(source.column, field), field, unmapped(raw, source.values, path));
      return v;
    };
    const date = (spec: DateSpec, field: string): string | undefined => {
      const raw = get(spec.column);
      const at = raw === "" ? null : readDate(raw, spec.formats);
      if (at === null) fail(row.line, label(spec.column, field), field, `${raw === "" ? "missing date" : `${JSON.stringify(raw)} is not a date`}; expected ${formatsExpected(spec)}`);
      return at ?? undefined;
    };
    const practices = (): string[] => {
      const pr = ini.practices;
      if ("constant" in pr) return [...pr.constant];
      const list: string[] = [];
      for (const word of split(get(pr.column))) {
        const v = pr.values ? lookup(pr.values, word) : word;
        if (v === undefined) fail(row.line, label(pr.column, "practices"), "practices", unmapped(word, pr.values!, "initiative.practices"));
        else if (v !== null && !list.includes(v)) list.push(v);
      }
      return list;
    };
    return { get, mapped, date, practices };
  };
  const unmapped = (word: string, values: ValueMap, path: string) =>
    `${JSON.stringify(word)} is not one of the words ${path}.values maps; expected one of ${values.words.map((w) => JSON.stringify(w)).join(", ")} (or add it to ${path}.values in ${mapping.file})`;

  const groups = new Map<string, RowValues[]>();
  const order: RowValues[][] = [];
  const rowReaders = new Map<RowValues, ReturnType<typeof reader>>();
  for (const row of table.rows) {
    const r = reader(row);
    if (mapping.onlyRows && !mapping.onlyRows.values.has(valueKey(r.get(mapping.onlyRows.column)))) {
      out.skipped.push(row.line);
      continue;
    }
    const errorsBefore = out.errors.length;
    const values: RowValues = {
      line: row.line,
      id: render(ini.id, r.get, {}),
      title: render(ini.title, r.get, {}),
      purpose: r.get(ini.purpose),
      status: r.mapped(ini.status, "initiative.status", "status") ?? "",
      created: ini.created ? (r.date(ini.created, "created_at") ?? "") : asOf,
      practices: r.practices(),
      organisations: [r.get(p.lead), ...split(r.get(p.others))].filter((o) => o !== ""),
      signerNames: typeof p.signers === "object" ? split(r.get(p.signers.column)) : null,
    };
    if (out.errors.length > errorsBefore) continue;
    let group = ini.rows === "many" ? groups.get(values.id) : undefined;
    if (!group) {
      group = [];
      if (ini.rows === "many") groups.set(values.id, group);
      order.push(group);
    }
    group.push(values);
    rowReaders.set(values, r);
  }

  const participantsOf = new Map<RowValues, { record: InitiativeRecord; signers: string[] } | null>();
  for (const group of order) {
    const first = group[0]!;
    for (const later of group.slice(1))
      for (const [field, a, b] of [["title", first.title, later.title], ["purpose", first.purpose, later.purpose], ["status", first.status, later.status], ["created_at", first.created, later.created], ["practices", first.practices.join(";"), later.practices.join(";")]] as const)
        if (a !== b)
          fail(later.line, initiativeColumns[field]!, field, `initiative ${first.id} has ${field} ${JSON.stringify(a)} on line ${first.line} and ${JSON.stringify(b)} here; expected the same ${field} on every row of an initiative (initiative.rows: many)`);
    const names = group.flatMap((r) => r.organisations);
    const boroughs: string[] = [];
    const partners: string[] = [];
    const partnerNames: Record<string, string> = {};
    for (const name of names) {
      const org = resolve(name);
      if ("code" in org) {
        if (!boroughs.includes(org.code)) boroughs.push(org.code);
      } else {
        if (!partners.includes(org.slug)) partners.push(org.slug);
        partnerNames[org.slug] = org.name;
      }
    }
    // The lead organisation comes first, so it leads when it is a London authority.
    const lead = boroughs[0] ?? ctx.leadBorough ?? "";
    if (!lead) {
      fail(first.line, initiativeColumns.lead_borough!, "lead_borough", `no London borough among the organisations (${names.map((o) => JSON.stringify(o)).join(", ") || "none"}); expected a London authority's name or GSS code, or pass --lead-borough CODE to name the London borough that leads this initiative in the hub`);
      for (const r of group) participantsOf.set(r, null);
      continue;
    }
    if (!boroughs.includes(lead)) boroughs.unshift(lead);
    let signers: string[];
    if (p.signers === "boroughs") signers = [...boroughs];
    else if (p.signers === "all") signers = [...boroughs, ...partners];
    else {
      signers = [];
      for (const r of group)
        for (const name of r.signerNames ?? []) {
          const org = resolve(name);
          const key = "code" in org ? org.code : org.slug;
          if (!boroughs.includes(key) && !partners.includes(key))
            fail(r.line, label(p.signers.column, "signers"), "signers", `signer ${JSON.stringify(name)} (${key}) does not take part in initiative ${first.id}; expected one of its participants (${[...boroughs, ...partners].join(", ")})`);
          else if (!signers.includes(key)) signers.push(key);
        }
    }
    const record: InitiativeRecord = {
      id: first.id,
      title: first.title,
      ...(ini.purpose ? { purpose: first.purpose || null } : {}),
      lead_borough: lead,
      boroughs,
      partners,
      partnerNames,
      tool: mapping.tool,
      practices: first.practices,
      status: first.status,
      created_at: first.created,
      compareCreatedAt: ini.created !== undefined,
    };
    out.initiatives.push({ line: first.line, record, signers, columns: initiativeColumns });
    for (const r of group) participantsOf.set(r, { record, signers });
  }

  const seen = new Map<string, { line: number; record: EventRecord }>();
  // Events initiative by initiative (its rows in file order, each row's in the mapping's order), now
  // that every initiative's participants are known.
  for (const group of order)
    for (const row of group) {
      const owner = participantsOf.get(row);
      if (!owner) continue;
      const r = rowReaders.get(row)!;
      for (let s = 0; s < mapping.events.length; s++) addEvent(row, r, owner.record, s);
    }
  return out;

  function addEvent(row: RowValues, r: ReturnType<typeof reader>, owner: InitiativeRecord, s: number): void {
    const spec = mapping.events[s]!;
    const path = `events[${s}]`;
    if (r.get(spec.date.column) === "") return;
    const stage = r.mapped(spec.stage, `${path}.stage`, "stage");
    const kind = r.mapped(spec.kind, `${path}.kind`, "kind");
    const at = r.date(spec.date, "at");
    if (stage === undefined || kind === undefined || at === undefined || stage === null || kind === null) return;
    if (spec.skipFuture && londonDateOf(at) > asOf) return;
    let signer = "";
    const signerName = spec.signer ? r.get(spec.signer) : "";
    if (signerName) {
      const org = resolve(signerName);
      signer = "code" in org ? org.code : org.slug;
      if (!owner.boroughs.includes(signer) && !owner.partners.includes(signer)) {
        fail(row.line, label(spec.signer, "borough"), "borough", `signer ${JSON.stringify(signerName)} (${signer}) does not take part in initiative ${owner.id}; expected one of its participants (${[...owner.boroughs, ...owner.partners].join(", ")})`);
        return;
      }
    }
    const builtins: Partial<Record<TemplateBuiltin, string>> = { initiative: owner.id, stage, kind, date: at, signer };
    const record: EventRecord = { initiative_id: owner.id, stage, borough: signer, kind, at, source: spec.source, source_ref: render(spec.sourceRef, r.get, builtins) };
    if (ini.rows === "many") {
      // An initiative's rows repeat its initiative-wide columns: the same event from each is one event.
      const key = `${record.source}\u0000${record.source_ref}`;
      const earlier = seen.get(key);
      if (earlier) {
        const field = (["initiative_id", "stage", "borough", "kind", "at"] as const).find((f) => earlier.record[f] !== record[f]);
        if (field)
          fail(row.line, label(spec.date.column, field), field, `event ${record.source_ref} has ${field} ${JSON.stringify(earlier.record[field])} on line ${earlier.line} and ${JSON.stringify(record[field])} here; expected the rows of initiative ${owner.id} to agree (initiative.rows: many)`);
        return;
      }
      seen.set(key, { line: row.line, record });
    }
    out.events.push({
      line: row.line,
      record,
      columns: {
        initiative_id: initiativeColumns.id!,
        stage: label("column" in spec.stage ? spec.stage.column : undefined, "stage"),
        kind: label("column" in spec.kind ? spec.kind.column : undefined, "kind"),
        at: label(spec.date.column, "at"),
        borough: label(spec.signer, "borough"),
        source_ref: label(firstColumn(spec.sourceRef), "source_ref"),
      },
    });
  }
}

/** The first column a template reads (the one an error about its value names). */
function firstColumn(t: Template): string | undefined {
  return t.parts.find((x): x is { column: string; slug: boolean } => "column" in x)?.column;
}

function formatsExpected(spec: DateSpec): string {
  return spec.formats.map((f) => `${f} (${FORMAT_EXAMPLES[f]})`).join(" or ");
}

function lookup(map: ValueMap, word: string): string | null | undefined {
  const key = valueKey(word);
  if (map.entries.has(key)) return map.entries.get(key)!;
  return map.entries.has("*") ? map.entries.get("*")! : undefined;
}

function render(t: Template, cells: (logical: string) => string, builtins: Partial<Record<TemplateBuiltin, string>>): string {
  let out = "";
  for (const part of t.parts) {
    if ("text" in part) out += part.text;
    else {
      const v = "column" in part ? cells(part.column) : (builtins[part.builtin] ?? "");
      out += part.slug ? slugify(v) : v;
    }
  }
  return out;
}

/** Splits a list cell on any of the separator characters (and newlines), trimming blanks. */
function listSplitter(separators: string): (cell: string) => string[] {
  const chars = [...new Set([...separators, "\n"])].map((ch) => ch.replace(/[\\\]^-]/g, "\\$&")).join("");
  const re = new RegExp(`\\s*[${chars}]\\s*`);
  return (cell) =>
    cell
      .split(re)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
}

/**
 * An organisation name → a London borough or a partner: the mapping's own names first, then a GSS
 * code, a London authority's name, a partner the hub knows (by slug or name), else a new partner
 * whose slug is made from the name.
 */
function organisationResolver(mapping: Mapping, ctx: ApplyContext): (name: string) => Org {
  const authorities = ctx.authorities ?? AUTHORITIES;
  const codes = new Set(authorities.map((a) => a.code));
  const byName = new Map(authorities.map((a) => [normaliseOrganisation(a.name), a.code]));
  const partnerSlugs = new Set((ctx.organisations ?? []).map((o) => o.slug));
  const partnerByName = new Map((ctx.organisations ?? []).map((o) => [normaliseOrganisation(o.name), o.slug]));
  return (name) => {
    const mapped = lookup(mapping.participants.organisations, name);
    if (mapped) return /^E09\d{6}$/.test(mapped) ? { code: mapped, name } : { slug: mapped, name };
    const upper = name.toUpperCase();
    if (codes.has(upper)) return { code: upper, name };
    const norm = normaliseOrganisation(name);
    const code = byName.get(norm);
    if (code) return { code, name };
    if (partnerSlugs.has(name)) return { slug: name, name };
    return { slug: partnerByName.get(norm) ?? slugify(name), name };
  };
}
