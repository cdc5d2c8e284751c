import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pathOf, type RouteHandler } from "./route.kit.js";

/** The dashboard's folder: the page, its scripts and styles, and its GraphQL documents. */
export const DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../dashboard");

/** The page's scripts and styles, served under /dashboard/static/ (paths in dashboard/static). */
export const STATIC_FILES = [
  "dashboard.css",
  "app.js",
  "state.js",
  "cohorts.js",
  "filters.js",
  "panel.js",
  "graphql.js",
  "render.js",
  "panels/cycle-times.js",
  "panels/sign-off.js",
  "panels/compare.js",
  "panels/flow.js",
  "panels/time-saved.js",
  "panels/now.js",
  "initiative.js",
] as const;

/**
 * The hub's one cohort grammar (`tool=isg`), the very module the CLI reads, served to the page as
 * /dashboard/static/cohort-spec.js so that the dashboard and `report --cohort` read the same text.
 */
export const COHORT_SPEC_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../report/cohort-spec.mjs");

const require = createRequire(import.meta.url);

/**
 * The chart library's browser build, served from the hub's own node_modules (no CDN: the page
 * must work offline and no request may leave the machine). `chart.js` resolves to dist/chart.cjs.
 */
export const CHART_JS_FILE = join(dirname(require.resolve("chart.js")), "chart.umd.min.js");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".graphql": "application/graphql; charset=utf-8",
};

/**
 * Only this origin: scripts, styles, fetches. A browser then refuses any request off the hub, so
 * "no request leaves the machine" is enforced, not just hoped for. No inline scripts or style
 * attributes either: Chart.js and the heat map set styles through the CSSOM, which CSP allows.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** The file at `file`, typed by the name it is served as (cohort-spec.mjs is served as a .js). */
function asset(file: string, servedAs = file): Asset {
  const body = readFileSync(file);
  return { body, type: TYPES[extname(servedAs)] ?? "application/octet-stream", etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
}

/** Every file the dashboard serves, keyed by URL path; read once (a fixed list: no path from a URL touches the disk). */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const index = asset(join(DASHBOARD_DIR, "index.html"));
  assets.set("/dashboard", index);
  assets.set("/dashboard/", index);
  for (const name of STATIC_FILES) assets.set(`/dashboard/static/${name}`, asset(join(DASHBOARD_DIR, "static", name)));
  assets.set("/dashboard/static/cohort-spec.js", asset(COHORT_SPEC_FILE, "cohort-spec.js"));
  for (const name of readdirSync(join(DASHBOARD_DIR, "queries"))) {
    if (name.endsWith(".graphql")) assets.set(`/dashboard/queries/${name}`, asset(join(DASHBOARD_DIR, "queries", name)));
  }
  assets.set("/dashboard/vendor/chart.umd.min.js", asset(CHART_JS_FILE));
  assets.set(INITIATIVE_PAGE, asset(join(DASHBOARD_DIR, "initiative.html")));
  return assets;
}

/** The key of the initiative page's asset (one page for every id: its script reads the id from the address). */
const INITIATIVE_PAGE = "/dashboard/initiative/*";
/** `/dashboard/initiative/<id>`: one path segment, any id (the page asks the graph, which says when it is unknown). */
const INITIATIVE_PATH = /^\/dashboard\/initiative\/[^/]+$/;

/**
 * The routes of the built-in dashboard: `GET /dashboard` (the page), `/dashboard/static/*` (its
 * scripts and styles: STATIC_FILES and cohort-spec.js), `/dashboard/queries/*.graphql` (its
 * GraphQL documents, the same files that graphql-codegen types) and
 * `/dashboard/vendor/chart.umd.min.js` (Chart.js from node_modules), and `/dashboard/initiative/<id>`
 * (an initiative's page: dashboard/initiative.html for every id).
 * Anything else under /dashboard is a 404; other paths are left to the next handler.
 */
export function dashboardRoutes(): RouteHandler[] {
  const assets = loadAssets();
  const handler: RouteHandler = (req, res) => {
    const path = pathOf(req);
    if (path !== "/dashboard" && !path.startsWith("/dashboard/")) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      res.end("The dashboard is read with GET.\n");
      return true;
    }
    const found = assets.get(INITIATIVE_PATH.test(path) ? INITIATIVE_PAGE : path);
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(`No dashboard file at ${path}. Open /dashboard.\n`);
      return true;
    }
    const headers: Record<string, string> = {
      "content-type": found.type,
      etag: found.etag,
      // The page itself revalidates (cheap, ETag) so a new hub version shows at once.
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    };
    if (found.type.startsWith("text/html")) headers["content-security-policy"] = CSP;
    if (req.headers["if-none-match"] === found.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    headers["content-length"] = String(found.body.length);
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : found.body);
    return true;
  };
  return [handler];
}
