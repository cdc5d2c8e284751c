import type { ServerResponse } from "node:http";
import { MetricArgumentError } from "../analytics/metrics/index.js";
import { exportEventsCsv, exportEventsXes, exportFilterFromQuery, exportInitiativesCsv, type CsvOptions, type ExportFilter } from "../db/export/index.js";
import type { HubDb } from "../db/connection.js";
import { exportAgreementsCsv } from "../db/export/agreements.export.js";
import { pathOf, sendJson, type RouteDeps, type RouteHandler } from "./route.kit.js";
import { busyAnswer } from "./security/heavy-work.js";
import { LIMIT_CODES } from "./security/limits.js";
import { resolveViewer } from "./security/viewer.js";

type Exporter = (db: HubDb, filter: ExportFilter, out: ServerResponse, options: CsvOptions) => Promise<number>;

const EXPORTS: Record<string, { type: string; run: Exporter; filename: string; csv: boolean }> = {
  "/export/initiatives.csv": { type: "text/csv; charset=utf-8", run: exportInitiativesCsv, filename: "initiatives.csv", csv: true },
  "/export/events.csv": { type: "text/csv; charset=utf-8", run: exportEventsCsv, filename: "events.csv", csv: true },
  "/export/events.xes": { type: "application/xml; charset=utf-8", run: (db, filter, out) => exportEventsXes(db, filter, out), filename: "events.xes", csv: false },
  "/export/agreements.csv": { type: "text/csv; charset=utf-8", run: exportAgreementsCsv, filename: "agreements.csv", csv: true },
};

const headersOf = (spec: { type: string; filename: string }) => ({ "content-type": spec.type, "content-disposition": `attachment; filename="${spec.filename}"`, "cache-control": "no-store" });

/** `excel=true` (or `1`, or bare `excel`) asks a CSV export for Excel's BOM and CRLF; anything but true/false is refused. */
function excelOption(query: URLSearchParams, csv: boolean): boolean {
  const value = query.get("excel");
  if (value === null) return false;
  if (!csv) throw new MetricArgumentError("excel", "applies to the CSV exports only; the XES log is read by process-mining tools, not Excel");
  if (["", "true", "1"].includes(value)) return true;
  if (["false", "0"].includes(value)) return false;
  throw new MetricArgumentError("excel", `expected true or false, got ${JSON.stringify(value)}`, ["true", "false"]);
}

/**
 * GET `/export/initiatives.csv`, `/export/events.csv`, `/export/events.xes`: the canonical CSVs
 * and the XES log (and `/export/agreements.csv`, the agreement register as of now) streamed for Power BI, Excel, Grafana or process-mining tools, filtered by the
 * query string with the graph's InitiativeFilter conditions
 * (`?boroughs=E09000001,E09000002&tools=isg&statuses=LIVE&createdFrom=2024-01-01`); an unknown
 * parameter or value (a tool, borough, practice, stage or status the hub does not know, wrong case
 * included) is refused with 400 BAD_USER_INPUT in the graph's words, naming the allowed values,
 * rather than answered with an empty file. `excel=true` writes a CSV for Excel. The viewer is
 * resolved as for /graphql (an API key, or anonymous when allowed); exports hold no personal data.
 */
export function exportRoutes(deps: RouteDeps): RouteHandler[] {
  const handler: RouteHandler = async (req, res) => {
    const path = pathOf(req);
    const spec = EXPORTS[path];
    if (!spec) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: `${path} answers GET only` } }, { allow: "GET, HEAD" });
      return true;
    }
    let keyId: string | null | undefined;
    try {
      keyId = (await resolveViewer(deps.db, deps.config, req.headers)).keyId;
    } catch (err) {
      sendJson(res, 401, { error: { code: "UNAUTHENTICATED", message: (err as Error).message } });
      return true;
    }
    let filter: ExportFilter;
    let options: CsvOptions;
    try {
      const query = new URL(req.url ?? "/", "http://hub").searchParams;
      options = { excel: excelOption(query, spec.csv) };
      filter = exportFilterFromQuery(deps.db.sql, query, ["excel"]);
    } catch (err) {
      if (!(err instanceof MetricArgumentError)) throw err;
      sendJson(res, 400, { error: { code: "BAD_USER_INPUT", field: err.argument, message: err.message, ...(err.allowed ? { allowed: err.allowed } : {}) } });
      return true;
    }
    if (req.method === "HEAD") {
      res.writeHead(200, headersOf(spec));
      res.end();
      return true;
    }
    // An export counts against the caller's rate limit like a GraphQL query costing `exportCost`,
    // and runs in a heavy-work slot (server/security/heavy-work.ts), queued when all are taken.
    const { limits, rateLimiter, heavyWork } = deps.security;
    const wait = rateLimiter.take(keyId ?? "anonymous", limits.exportCost);
    if (wait > 0) {
      const message = `Rate limit of ${limits.costPerMinute} cost units per minute for ${keyId ? `key ${keyId}` : "anonymous requests"} reached (this export costs ${limits.exportCost}): retry in ${wait} s.`;
      sendJson(res, 429, { errors: [{ message, extensions: { code: LIMIT_CODES.costPerMinute, limit: limits.costPerMinute, retryAfterSeconds: wait, cost: limits.exportCost } }] }, { "retry-after": String(wait) });
      return true;
    }
    const slot = heavyWork.acquire();
    if (!slot) {
      const busy = busyAnswer(heavyWork);
      sendJson(res, busy.status, busy.body, busy.headers);
      return true;
    }
    // The headers go out at once, also while the export waits for its turn: the client sees its
    // download start, and node's request timeout (408 after 5 minutes without an answer) does not
    // cut an export that queued behind long ones.
    res.writeHead(200, headersOf(spec));
    res.flushHeaders();
    const release = await slot;
    try {
      // A client that left while the export waited for its turn gets nothing run for it.
      if (res.destroyed) return true;
      await spec.run(deps.db, filter, res, options);
      res.end();
    } catch (err) {
      // Headers are gone: cut the stream so the client sees a truncated download, not a whole-looking file.
      if (!res.destroyed) deps.logger.error({ err, path }, "export failed");
      res.destroy(err as Error);
    } finally {
      release();
    }
    return true;
  };
  return [handler];
}
