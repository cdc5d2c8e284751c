import type { ServerResponse } from "node:http";
import { exportEventsCsv, exportEventsXes, exportFilterFromQuery, exportInitiativesCsv, ExportFilterError, type ExportFilter } from "../db/export/index.js";
import type { HubDb } from "../db/connection.js";
import { exportAgreementsCsv } from "../db/export/agreements.export.js";
import { pathOf, sendJson, type RouteDeps, type RouteHandler } from "./route.kit.js";
import { resolveViewer } from "./security/viewer.js";

type Exporter = (db: HubDb, filter: ExportFilter, out: ServerResponse) => Promise<number>;

const EXPORTS: Record<string, { type: string; run: Exporter; filename: string }> = {
  "/export/initiatives.csv": { type: "text/csv; charset=utf-8", run: exportInitiativesCsv, filename: "initiatives.csv" },
  "/export/events.csv": { type: "text/csv; charset=utf-8", run: exportEventsCsv, filename: "events.csv" },
  "/export/events.xes": { type: "application/xml; charset=utf-8", run: exportEventsXes, filename: "events.xes" },
  "/export/agreements.csv": { type: "text/csv; charset=utf-8", run: exportAgreementsCsv, filename: "agreements.csv" },
};

/**
 * GET `/export/initiatives.csv`, `/export/events.csv`, `/export/events.xes`: the canonical CSVs
 * and the XES log (and `/export/agreements.csv`, the agreement register as of now) streamed for Power BI, Excel, Grafana or process-mining tools, filtered by the
 * query string with the graph's InitiativeFilter conditions
 * (`?boroughs=E09000001,E09000002&tools=isg&statuses=LIVE&createdFrom=2024-01-01`). The viewer is
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
    try {
      await resolveViewer(deps.db, deps.config, req.headers);
    } catch (err) {
      sendJson(res, 401, { error: { code: "UNAUTHENTICATED", message: (err as Error).message } });
      return true;
    }
    let filter: ExportFilter;
    try {
      filter = exportFilterFromQuery(new URL(req.url ?? "/", "http://hub").searchParams);
    } catch (err) {
      if (!(err instanceof ExportFilterError)) throw err;
      sendJson(res, 400, { error: { code: "BAD_USER_INPUT", field: err.field, message: err.message } });
      return true;
    }
    res.writeHead(200, { "content-type": spec.type, "content-disposition": `attachment; filename="${spec.filename}"`, "cache-control": "no-store" });
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    try {
      await spec.run(deps.db, filter, res);
      res.end();
    } catch (err) {
      // Headers are gone: cut the stream so the client sees a truncated download, not a whole-looking file.
      deps.logger.error({ err, path }, "export failed");
      res.destroy(err as Error);
    }
    return true;
  };
  return [handler];
}
