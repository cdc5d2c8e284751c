import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { HubDb } from "../connection.js";
import { EVENT_COLUMNS, FORMULA_START, INITIATIVE_COLUMNS, OPTIONAL_EVENT_COLUMNS } from "../import/canonical.js";
import { formatEventTime } from "../import/timestamp.js";
import { initiativeFilterSql } from "../initiative.filter.js";
import { hasPeriods, periodCells } from "./periods.export.js";
import { allOf, placeholders } from "../sql.js";
import type { ExportFilter } from "./export.filter.js";

/**
 * Exports in the canonical formats (and XES), streamed a page of initiatives at a time so memory
 * stays flat and the database is never held by an open cursor across an await (an HTTP export
 * shares its connection with other requests). The order is fixed — initiatives by id; events by
 * initiative, time, source, source_ref; list cells sorted — so export → import into an empty
 * database → export gives the same bytes.
 */

/**
 * Initiatives per page (about 20 events each): small enough that one page is a short step of
 * work between the export's turns of the event loop (an HTTP export shares it with other requests).
 */
export const EXPORT_PAGE = 50;
const PAGE = EXPORT_PAGE;

/** The initiatives file's header: the contract's columns, then every optional column the import reads. */
export const EXPORTED_INITIATIVE_COLUMNS = [...INITIATIVE_COLUMNS, "purpose"] as const;

/** How a CSV export is written. */
export interface CsvOptions {
  /** For Excel: a UTF-8 byte-order mark (else non-ASCII text shows garbled) and CRLF line ends. */
  excel?: boolean;
}

/**
 * A cell a spreadsheet would evaluate as a formula, prefixed with a single quote as OWASP
 * recommends for CSV injection (a cell beginning with a quote is prefixed too, so the import's
 * restoreFormulaCell reverses it exactly).
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV text of records, every cell neutralised; the header is written as it is. */
export function csv(records: string[][], options: CsvOptions, header = false): string {
  const rows = header ? records : records.map((r) => r.map(neutraliseCell));
  return stringify(rows, { record_delimiter: options.excel ? "windows" : "unix", bom: header && options.excel === true });
}

interface InitiativeExportRow {
  id: string;
  title: string;
  purpose: string | null;
  lead_borough: string;
  boroughs: string | null;
  partners: string | null;
  tool: string;
  practices: string | null;
  /** Participants that do not sign, `;`-separated. */
  non_signing: string | null;
  status: string;
  created_at: string;
}

interface EventExportRow {
  initiative_id: string;
  stage: string;
  borough: string | null;
  kind: string;
  at: number;
  source: string;
  source_ref: string;
  /** A RETRACTED row: the source_ref of the event it retracts (same source), and why. */
  retracts: string | null;
  reason: string | null;
  /** 1 when a RETRACTED row takes this event back. */
  retracted: number;
}

/** Thrown when the stream an export writes to was closed (an HTTP client that went away). */
export class ExportClosedError extends Error {
  constructor() {
    super("the export's stream was closed before the export ended");
    this.name = "ExportClosedError";
  }
}

/** Resolves when `out` drains; rejects when it closes or fails first (else a gone client would hold the export forever). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ExportClosedError());
    out.on("drain", onDrain);
    out.on("close", onClose);
    out.on("error", done);
  });
}

/**
 * Writes text to a stream, waiting when its buffer is full, then gives the event loop a turn
 * (setImmediate) before the next page, so an export sharing the process with an HTTP server lets
 * other requests run between its pages instead of holding the loop until it ends. Waiting for
 * `drain` alone is not enough: when a fast client's socket takes the bytes at once, `drain` comes
 * on process.nextTick, before any I/O, and the export would hold the loop to its end.
 */
async function write(out: Writable, text: string): Promise<void> {
  if (text.length === 0) return;
  if (out.destroyed) throw new ExportClosedError();
  if (!out.write(text)) await drained(out);
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Pages of matching initiatives (by id), each with its event rows when asked for. */
async function* pages(db: HubDb, filter: ExportFilter, withEvents: boolean): AsyncGenerator<{ initiatives: InitiativeExportRow[]; events: EventExportRow[] }> {
  // Paged by id: walk the primary key in order (see initiativeFilterSql's walkIds).
  const { where, params } = initiativeFilterSql(filter, { walkIds: db.dialect === "sqlite" });
  // A `;`-list sorted by code point (the columns collate "C" on PostgreSQL, BINARY on SQLite): same bytes on both.
  const list = db.dialect === "postgres" ? (col: string) => `string_agg(${col}, ';' ORDER BY ${col})` : (col: string) => `group_concat(${col}, ';' ORDER BY ${col})`;
  const initiatives = db.sql.prepare(
    `SELECT i.id, i.title, i.purpose, i.lead_borough, i.tool_slug AS tool, i.status, i.created_at,
       (SELECT ${list("authority_code")} FROM initiative_boroughs WHERE initiative_id = i.id) AS boroughs,
       (SELECT ${list("organisation_slug")} FROM initiative_partners WHERE initiative_id = i.id) AS partners,
       (SELECT ${list("practice_slug")} FROM initiative_practices WHERE initiative_id = i.id) AS practices,
       (SELECT ${list("code")} FROM (SELECT authority_code AS code FROM initiative_boroughs WHERE initiative_id = i.id AND signs = 0
          UNION ALL SELECT organisation_slug FROM initiative_partners WHERE initiative_id = i.id AND signs = 0) ns) AS non_signing
     FROM initiatives i WHERE ${allOf([...where, "i.id > ?"])} ORDER BY i.id LIMIT ${PAGE}`,
  );
  let after = "";
  for (;;) {
    const rows = initiatives.all(...params, after) as InitiativeExportRow[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    let events: EventExportRow[] = [];
    if (withEvents) {
      events = db.sql
        .prepare(
          `SELECT e.initiative_id, e.stage, COALESCE(e.authority_code, e.organisation_slug) AS borough, e.kind, e.at, e.source, e.source_ref, t.source_ref AS retracts, e.reason,
             CASE WHEN EXISTS (SELECT 1 FROM stage_events r WHERE r.retracts = e.id) THEN 1 ELSE 0 END AS retracted
           FROM stage_events e LEFT JOIN stage_events t ON t.id = e.retracts
           WHERE e.initiative_id IN (${placeholders(rows.length)}) ORDER BY e.initiative_id, e.at, e.source, e.source_ref`,
        )
        .all(...rows.map((r) => r.id)) as EventExportRow[];
    }
    yield { initiatives: rows, events };
    if (rows.length < PAGE) return;
  }
}

/** Streams `initiatives.csv` (header + one row per matching initiative). Returns the row count. */
export async function exportInitiativesCsv(db: HubDb, filter: ExportFilter, out: Writable, options: CsvOptions = {}): Promise<number> {
  // The non_signing column only when some participant does not sign (a database without one exports as before).
  const quiet = db.sql.prepare("SELECT 1 FROM initiative_boroughs WHERE signs = 0 UNION ALL SELECT 1 FROM initiative_partners WHERE signs = 0 LIMIT 1").get() !== undefined;
  // The joined and left columns likewise only when some participant joined late or left.
  const dated = hasPeriods(db);
  const header: string[] = [...EXPORTED_INITIATIVE_COLUMNS];
  if (quiet) header.push("non_signing");
  if (dated) header.push("joined", "left");
  await write(out, csv([header], options, true));
  let n = 0;
  for await (const page of pages(db, filter, false)) {
    const periods = dated ? periodCells(db, page.initiatives.map((r) => r.id)) : null;
    const records = page.initiatives.map((r) => {
      const row = [r.id, r.title, r.lead_borough, r.boroughs ?? "", r.partners ?? "", r.tool, r.practices ?? "", r.status, r.created_at, r.purpose ?? ""];
      if (quiet) row.push(r.non_signing ?? "");
      if (periods) {
        const p = periods.get(r.id);
        row.push(p?.joined ?? "", p?.left ?? "");
      }
      return row;
    });
    await write(out, csv(records, options));
    n += records.length;
  }
  return n;
}

/**
 * Streams `events.csv` for the matching initiatives: every row of the log, retracted events and
 * RETRACTED rows included. The columns `retracts` and `reason` are written when the database holds
 * a retraction (so a log without corrections exports as before). Returns the row count.
 */
export async function exportEventsCsv(db: HubDb, filter: ExportFilter, out: Writable, options: CsvOptions = {}): Promise<number> {
  const corrections = db.sql.prepare("SELECT 1 FROM stage_events WHERE retracts IS NOT NULL LIMIT 1").get() !== undefined;
  await write(out, csv([corrections ? [...EVENT_COLUMNS, ...OPTIONAL_EVENT_COLUMNS] : [...EVENT_COLUMNS]], options, true));
  let n = 0;
  for await (const page of pages(db, filter, true)) {
    const records = page.events.map((e) => {
      const row = [e.initiative_id, e.stage, e.borough ?? "", e.kind, formatEventTime(e.at), e.source, e.source_ref];
      if (corrections) row.push(e.retracts ?? "", e.reason ?? "");
      return row;
    });
    await write(out, csv(records, options));
    n += records.length;
  }
  return n;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
/** Escapes text for an XML attribute value (and drops characters XML 1.0 cannot carry). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

const attr = (type: "string" | "date", key: string, value: string) => `<${type} key="${key}" value="${xmlEscape(value)}"/>`;

/**
 * Streams an XES log (IEEE 1849-2016) of the matching initiatives, for process-mining tools
 * (PM4Py, ProM, Disco): one trace per initiative (`concept:name` = its id), one event per stage
 * event with activity `concept:name` = "<STAGE> <KIND>", `time:timestamp`, the borough as
 * `org:group` (absent for initiative-wide events), and stage, kind, source and source_ref as
 * string attributes. The effective log: RETRACTED rows and the events they retract are left out
 * (a process-mining tool would read them as steps). Returns the number of events.
 */
export async function exportEventsXes(db: HubDb, filter: ExportFilter, out: Writable): Promise<number> {
  await write(
    out,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">',
      '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
      '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
      '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
      '  <global scope="trace">',
      '    <string key="concept:name" value="__INVALID__"/>',
      "  </global>",
      '  <global scope="event">',
      '    <string key="concept:name" value="__INVALID__"/>',
      '    <date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/>',
      "  </global>",
      '  <classifier name="Activity" keys="concept:name"/>',
      '  <string key="concept:name" value="London IG Hub stage events"/>',
      "",
    ].join("\n"),
  );
  let n = 0;
  for await (const page of pages(db, filter, true)) {
    let text = "";
    let e = 0;
    for (const i of page.initiatives) {
      text += `  <trace>\n    ${attr("string", "concept:name", i.id)}\n    ${attr("string", "title", i.title)}\n    ${attr("string", "lead_borough", i.lead_borough)}\n    ${attr("string", "boroughs", i.boroughs ?? "")}\n    ${attr("string", "tool", i.tool)}\n    ${attr("string", "status", i.status)}\n`;
      for (; e < page.events.length && page.events[e]!.initiative_id === i.id; e++) {
        const ev = page.events[e]!;
        if (ev.kind === "RETRACTED" || ev.retracted) continue;
        text += `    <event>\n      ${attr("string", "concept:name", `${ev.stage} ${ev.kind}`)}\n      ${attr("date", "time:timestamp", formatEventTime(ev.at))}\n`;
        if (ev.borough) text += `      ${attr("string", "org:group", ev.borough)}\n`;
        text += `      ${attr("string", "stage", ev.stage)}\n      ${attr("string", "kind", ev.kind)}\n      ${attr("string", "source", ev.source)}\n      ${attr("string", "source_ref", ev.source_ref)}\n    </event>\n`;
        n++;
      }
      text += "  </trace>\n";
    }
    await write(out, text);
  }
  await write(out, "</log>\n");
  return n;
}
