import { applyMapping, type ApplyContext } from "./mapping.apply.js";
import type { Mapping } from "./mapping.types.js";
import { formatRowError, type EventRecord, type InitiativeRecord } from "./records.js";
import type { Table } from "./table.js";

/** What one row of an export becomes (`hub mapping check`). */
export interface PreviewRow {
  line: number;
  /** The row's cells by header. */
  cells: Record<string, string>;
  /** The initiative this row starts (null when an earlier row started it, or the row was refused). */
  initiative: InitiativeRecord | null;
  /** Who signs that initiative's stages (see MappedInitiative.signers). */
  signers: string[];
  events: EventRecord[];
  /** `file:line: column C: message`, as the import would print them. */
  errors: string[];
  /** Left out by the mapping's `only_rows`. */
  skipped: boolean;
}

export interface MappingPreview {
  header: string[];
  rows: PreviewRow[];
  /** Problems that belong to no row (a missing column). */
  errors: string[];
  /** Rows of the export after the first n. */
  more: number;
}

/**
 * What the first `n` rows of an export become through a mapping: per row its cells, the
 * initiative and events it yields and its errors. Rows after the first n are not read, so with
 * `initiative.rows: many` an initiative shows the participants of its rows among the first n only.
 */
export function previewMapping(mapping: Mapping, table: Table, n: number, ctx: ApplyContext = {}): MappingPreview {
  const head: Table = { ...table, rows: table.rows.slice(0, Math.max(0, n)) };
  const result = applyMapping(mapping, head, ctx);
  const rows: PreviewRow[] = head.rows.map((row) => {
    const started = result.initiatives.find((i) => i.line === row.line);
    return {
      line: row.line,
      cells: Object.fromEntries(table.header.map((h, i) => [h, row.cells[i] ?? ""])),
      initiative: started?.record ?? null,
      signers: started?.signers ?? [],
      events: result.events.filter((e) => e.line === row.line).map((e) => e.record),
      errors: result.errors.filter((e) => e.line === row.line).map(formatRowError),
      skipped: result.skipped.includes(row.line),
    };
  });
  const lines = new Set(head.rows.map((r) => r.line));
  return {
    header: table.header,
    rows,
    errors: result.errors.filter((e) => !lines.has(e.line)).map(formatRowError),
    more: table.rows.length - head.rows.length,
  };
}
