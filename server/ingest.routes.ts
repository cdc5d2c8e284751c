import type { IncomingMessage } from "node:http";
import type { HubDb } from "../db/connection.js";
import { EVENT_COLUMNS, INITIATIVE_COLUMNS, OPTIONAL_INITIATIVE_COLUMNS, eventFromRow, initiativeFromRow } from "../db/import/canonical.js";
import { importMappedTable, importRecords, type ImportResult } from "../db/import/import.service.js";
import { PRESETS, TableFileError, loadPreset, readCsvTable } from "../db/mapping/index.js";
import { trackRun, type RunReport } from "../db/mapping/ingest-run.js";
import type { Mapping } from "../db/mapping/mapping.types.js";
import type { RunWarning } from "../db/queries/ingest-run.queries.js";
import type { PresetName } from "../db/mapping/presets/index.js";
import type { EventRecord, InitiativeRecord, RowError } from "../db/writes/index.js";
import type { Viewer } from "../schema/context.js";
import { pathOf, sendJson, type RouteDeps, type RouteHandler } from "./route.kit.js";
import { IngestRequestError, canonicalRecords, readMultipart } from "./ingest.multipart.js";
import { PayloadTooLargeError, readBodyLimited } from "./security/body-limit.js";
import { SIGNING_KINDS, describeViewer, maySignFor, mayWriteFor, signRefusal, signingInitiative, type SigningInitiative } from "./security/policy.js";
import { resolveViewer } from "./security/viewer.js";

/**
 * The largest body `POST /ingest` reads: 8 MiB, some 40 000 canonical events. Larger pushes are
 * split by the sender (each part is idempotent) or go through `hub import`.
 */
export const INGEST_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The answer of `POST /ingest` (200 committed, 422 refused with nothing written). */
export interface IngestAnswer {
  committed: boolean;
  initiativesAdded: number;
  eventsAdded: number;
  /** Records already stored as sent (initiatives and events), left as they were. */
  skipped: number;
  /** Events the push retracted (corrections it carried). */
  corrections: number;
  /** Warnings that are not errors (the push was written): the first of each code; `moreWarnings` counts the rest. */
  warnings: RunWarning[];
  moreWarnings: number;
  errors: { file: string; line: number; column: string; message: string }[];
}

/** A push the key may not make (another borough's initiative): 403, nothing written. */
class OutOfScopeError extends Error {}

/** A push's write summary and its data-quality report (none when the export could not be read). */
interface Pushed {
  result: ImportResult;
  report: RunReport | null;
}

/** Writes a push and keeps it among the ingest runs (`ingestRuns`). */
function tracked(db: HubDb, viewer: Viewer, label: string, write: () => Promise<ImportResult>, mapping?: Mapping): Promise<Pushed> {
  return trackRun(db, { source: "ingest", label, actor: viewer.keyId!, mapping }, write);
}

/** The answer to a push; a refused one added and skipped nothing (the session's counts are what it would have done). */
function answerOf({ result: r, report }: Pushed): IngestAnswer {
  return {
    committed: r.committed,
    initiativesAdded: r.committed ? r.initiativesCreated : 0,
    eventsAdded: r.committed ? r.eventsAdded : 0,
    skipped: r.committed ? r.initiativesUnchanged + r.eventsUnchanged : 0,
    corrections: report?.corrections ?? 0,
    warnings: report?.warningList ?? [],
    moreWarnings: report ? report.warnings - report.warningList.length : 0,
    errors: r.errors.map((e) => ({ file: e.file, line: e.line, column: e.column, message: e.message })),
  };
}

/**
 * Refuses, for an editor key, any initiative none of whose boroughs is the key's, and any event of
 * such an initiative (stored, or in the push). Events of an unknown initiative pass: the write
 * service refuses them by line.
 */
function checkScope(db: HubDb, viewer: Viewer, initiatives: readonly InitiativeRecord[], events: readonly EventRecord[]): void {
  if (viewer.role === "admin") return;
  const pushed = new Map(initiatives.map((i) => [i.id, [i.lead_borough, ...i.boroughs]]));
  const outside = new Set<string>();
  for (const [id, boroughs] of pushed) if (!mayWriteFor(viewer, boroughs)) outside.add(id);
  const stored = db.sql.prepare("SELECT authority_code AS code FROM initiative_boroughs WHERE initiative_id = ?");
  for (const id of new Set(events.map((e) => e.initiative_id))) {
    if (pushed.has(id) || outside.has(id)) continue;
    const boroughs = (stored.all(id) as { code: string }[]).map((r) => r.code);
    if (boroughs.length > 0 && !mayWriteFor(viewer, boroughs)) outside.add(id);
  }
  if (outside.size === 0) {
    checkSigners(db, viewer, initiatives, events);
    return;
  }
  const ids = [...outside].slice(0, 5).join(", ");
  throw new OutOfScopeError(
    `Your key (${describeViewer(viewer)}) may write only for initiatives in which one of its boroughs takes part; not ${ids}${outside.size > 5 ? ` and ${outside.size - 5} more` : ""}. Nothing was written.`,
  );
}

/**
 * Signers sign for themselves in a push too (the rule of recordStageEvent, server/security/policy.ts
 * maySignFor): each APPROVED or REJECTED must name a signer the key speaks for. The first one it
 * may not record refuses the push (FORBIDDEN, nothing written).
 */
function checkSigners(db: HubDb, viewer: Viewer, initiatives: readonly InitiativeRecord[], events: readonly EventRecord[]): void {
  const pushed = new Map<string, SigningInitiative>(initiatives.map((i) => [i.id, { lead: i.lead_borough, signers: [...i.boroughs, ...i.partners].filter((c) => !(i.nonSigning ?? []).includes(c)) }]));
  const known = new Map<string, SigningInitiative | undefined>();
  for (const e of events) {
    if (!SIGNING_KINDS.has(e.kind)) continue;
    let initiative = pushed.get(e.initiative_id);
    if (!initiative) {
      if (!known.has(e.initiative_id)) known.set(e.initiative_id, signingInitiative({ db }, e.initiative_id));
      initiative = known.get(e.initiative_id);
    }
    if (!initiative) continue; // an unknown initiative: the write rules refuse the event
    if (!maySignFor(viewer, e.kind, e.borough, initiative)) {
      const err = signRefusal(viewer, e.initiative_id, e.kind, e.borough);
      throw new OutOfScopeError(`${err.message} Nothing was written.`);
    }
  }
}

/** Canonical records from a JSON array of objects, with a problem for each unknown key or non-object item. */
function recordsOf<T>(list: unknown, file: string, known: readonly string[], read: (obj: Record<string, unknown>, line: number) => T, problems: RowError[]): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new IngestRequestError(400, "BAD_USER_INPUT", `"${file}" must be an array of records (got ${typeof list})`);
  const out: T[] = [];
  list.forEach((item, i) => {
    const line = i + 1;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      problems.push({ file, line, column: "-", field: "-", message: `expected an object with keys from ${known.join(", ")}` });
      return;
    }
    const obj = item as Record<string, unknown>;
    for (const key of Object.keys(obj))
      if (!known.includes(key)) problems.push({ file, line, column: key, field: key, message: `unknown key ${JSON.stringify(key)}; expected keys from ${known.join(", ")}` });
    out.push(read(obj, line));
  });
  return out;
}

const rowOf = (obj: Record<string, unknown>, line: number) => ({ line, get: (field: string) => obj[field] });

/** Reads the JSON push `{ "initiatives": [...], "events": [...] }` (canonical keys) and writes it. */
async function ingestJson(db: HubDb, viewer: Viewer, text: string): Promise<Pushed> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new IngestRequestError(400, "BAD_USER_INPUT", `the body is not valid JSON (${(err as Error).message}); expected { "initiatives": [...], "events": [...] }`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new IngestRequestError(400, "BAD_USER_INPUT", 'expected a JSON object { "initiatives": [...], "events": [...] }');
  const unknown = Object.keys(body).filter((k) => k !== "initiatives" && k !== "events");
  if (unknown.length > 0) throw new IngestRequestError(400, "BAD_USER_INPUT", `unknown key ${unknown.map((k) => JSON.stringify(k)).join(", ")}; expected "initiatives" and "events"`);
  const { initiatives: rawInitiatives, events: rawEvents } = body as { initiatives?: unknown; events?: unknown };
  if (rawInitiatives === undefined && rawEvents === undefined) throw new IngestRequestError(400, "BAD_USER_INPUT", 'nothing to ingest: expected "initiatives" and/or "events"');
  const problems: RowError[] = [];
  const initiatives = recordsOf(rawInitiatives, "initiatives", [...INITIATIVE_COLUMNS, ...OPTIONAL_INITIATIVE_COLUMNS], (obj, line) => initiativeFromRow(rowOf(obj, line), true), problems);
  const events = recordsOf(rawEvents, "events", EVENT_COLUMNS, (obj, line) => eventFromRow(rowOf(obj, line)), problems);
  checkScope(db, viewer, initiatives, events);
  return tracked(db, viewer, "json", () =>
    importRecords(db, { initiativesFile: "initiatives", eventsFile: "events", initiatives, events, problems }, `ingest:${viewer.keyId}`, { actor: viewer.keyId!, bulk: false }),
  );
}

/** Reads one tool export (CSV) through a preset (`?mapping=isg`) and writes it. */
async function ingestExport(db: HubDb, viewer: Viewer, text: string, query: URLSearchParams): Promise<Pushed> {
  const name = query.get("mapping") ?? "";
  if (!(PRESETS as readonly string[]).includes(name))
    throw new IngestRequestError(400, "BAD_USER_INPUT", `?mapping=${name || "(missing)"}: a CSV export is read through a preset; expected one of ${PRESETS.join(", ")}`);
  const file = query.get("file") || `${name}.csv`;
  let table;
  try {
    table = readCsvTable(file, text);
  } catch (err) {
    if (!(err instanceof TableFileError)) throw err;
    const result = { committed: false, dryRun: false, initiativesCreated: 0, initiativesUnchanged: 0, participantsAdded: 0, eventsAdded: 0, eventsUnchanged: 0, errors: [{ file, line: err.line, column: "-", field: "-", message: err.detail }], moreErrors: 0, files: [file] };
    return { result, report: null };
  }
  const asOf = query.get("asOf") ?? undefined;
  const leadBorough = query.get("leadBorough") ?? undefined;
  const mapping = loadPreset(name as PresetName);
  return tracked(db, viewer, `${name}:${file}`, () => importMappedTable(db, mapping, table, { actor: viewer.keyId!, asOf, leadBorough, bulk: false, check: (i, e) => checkScope(db, viewer, i, e) }), mapping);
}

/** Reads the multipart push (files `initiatives` and `events`, canonical CSV) and writes it. */
async function ingestMultipart(db: HubDb, viewer: Viewer, req: IncomingMessage): Promise<Pushed> {
  const batch = canonicalRecords(await readMultipart(req, INGEST_MAX_BODY_BYTES));
  checkScope(db, viewer, batch.initiatives, batch.events);
  return tracked(db, viewer, batch.uploaded.join(" + "), () => importRecords(db, batch, `ingest:${viewer.keyId}`, { actor: viewer.keyId!, bulk: false }));
}

function mediaType(req: IncomingMessage): string {
  return String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * `POST /ingest`: initiatives and stage events pushed by a council's scripts or Power Automate
 * flows, under an editor or admin key and its borough scope. Two bodies:
 * - `application/json` `{ "initiatives": [...], "events": [...] }` with the canonical keys (an
 *   error's `line` is the record's 1-based position in its array, `file` the array's name);
 * - `text/csv` with `?mapping=<preset>` (and optional `file`, `asOf`, `leadBorough`): one export.
 * - `multipart/form-data` with the file parts `initiatives` and `events` (canonical CSV, the
 *   columns of `hub import`; an error's `file` is the upload's file name, `line` its CSV line).
 * Every record is validated as an import is; all or nothing; a second push
 * of the same records adds nothing; audited with the key. 200 committed, 422 refused, 401/403 as
 * for /graphql, 413 over {@link INGEST_MAX_BODY_BYTES}. Not a bulk session: the hub is serving
 * while the push is written, as for a GraphQL mutation.
 */
export function ingestRoutes(deps: RouteDeps): RouteHandler[] {
  const handler: RouteHandler = async (req, res) => {
    if (pathOf(req) !== "/ingest") return false;
    if (req.method !== "POST") {
      sendJson(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "/ingest answers POST only" } }, { allow: "POST" });
      return true;
    }
    let viewer: Viewer;
    try {
      viewer = await resolveViewer(deps.db, deps.config, req.headers);
    } catch (err) {
      sendJson(res, 401, { error: { code: "UNAUTHENTICATED", message: (err as Error).message } });
      return true;
    }
    if (viewer.role !== "editor" && viewer.role !== "admin") {
      sendJson(res, 403, { error: { code: "FORBIDDEN", requiredRole: "editor", message: `/ingest writes data: it needs an editor or admin API key (your access: ${describeViewer(viewer)}).` } });
      return true;
    }
    try {
      const type = mediaType(req);
      if (type === "multipart/form-data") {
        const pushed = await ingestMultipart(deps.db, viewer, req);
        sendJson(res, pushed.result.committed ? 200 : 422, answerOf(pushed));
        return true;
      }
      if (type !== "application/json" && type !== "text/csv")
        throw new IngestRequestError(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          `Content-Type ${type || "(none)"} is not read; send application/json { "initiatives": [...], "events": [...] }, multipart/form-data with files "initiatives" and "events" (canonical CSV), or text/csv with ?mapping=<preset>`,
        );
      const text = await readBodyLimited(req as IncomingMessage & { headers: Record<string, string | string[] | undefined> }, INGEST_MAX_BODY_BYTES);
      const query = new URL(req.url ?? "/", "http://hub").searchParams;
      const pushed = type === "application/json" ? await ingestJson(deps.db, viewer, text) : await ingestExport(deps.db, viewer, text, query);
      sendJson(res, pushed.result.committed ? 200 : 422, answerOf(pushed));
    } catch (err) {
      if (err instanceof PayloadTooLargeError)
        sendJson(res, 413, { error: { code: "PAYLOAD_TOO_LARGE", limit: err.limit, message: `The body is larger than the /ingest limit of ${err.limit} bytes: split the push (each part is idempotent) or use hub import.` } });
      else if (err instanceof OutOfScopeError) sendJson(res, 403, { error: { code: "FORBIDDEN", message: err.message } });
      else if (err instanceof IngestRequestError) sendJson(res, err.status, { error: { code: err.code, message: err.message } });
      else throw err;
    }
    return true;
  };
  return [handler];
}
