import { readFileSync, readdirSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ruruHTML } from "ruru/server";
import { getStaticFile } from "ruru/static";
import { pathOf, sendJson, type RouteHandler } from "./route.kit.js";

/** Where the saved example queries live (one operation per `.graphql` file). */
export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../examples");

/** URL path under which Ruru's own assets are served (from node_modules, never a CDN). */
export const RURU_STATIC_PATH = "/ruru-static/";

/**
 * The playground may only talk to the hub: every fetch, script, style, font and worker must come
 * from this origin (inline scripts, `blob:` workers and eval are Ruru's own). A browser refuses
 * anything else, so "no request leaves the machine" is enforced, not just hoped for.
 */
export const PLAYGROUND_CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' blob: data:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

/** A saved example query. */
export interface Example {
  /** File name without `.graphql`, e.g. `boroughs-with-contacts`. */
  name: string;
  /** The document text (comments included). */
  text: string;
}

/** Reads the saved examples, by file name. */
export function loadExamples(dir = EXAMPLES_DIR): Example[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort();
  } catch {
    return [];
  }
  return files.map((f) => ({ name: f.slice(0, -".graphql".length), text: readFileSync(join(dir, f), "utf8").trimEnd() + "\n" }));
}

/** The editor's opening document: one example when `?example=<name>` names one, else all of them. */
function initialQuery(examples: readonly Example[], selected: string | null): string {
  const one = selected ? examples.find((e) => e.name === selected) : undefined;
  if (one) return one.text;
  const index = examples.map((e) => `#   /?example=${e.name}`).join("\n");
  return [
    "# London IG Hub: saved example queries. Put the cursor in one and press Ctrl+Enter (or pick it",
    "# from the run button). The Docs panel (book icon) describes every type and field.",
    "# Open a single example:",
    index,
    "",
    ...examples.map((e) => e.text),
  ].join("\n");
}

/** The playground page: Ruru (GraphiQL) with every asset under RURU_STATIC_PATH. */
export function playgroundHtml(examples: readonly Example[], selected: string | null = null): string {
  return ruruHTML({
    endpoint: "/graphql",
    staticPath: RURU_STATIC_PATH,
    // ruru-types marks every client option required; only these are set, the rest default.
    clientConfig: { initialQuery: initialQuery(examples, selected) } as NonNullable<Parameters<typeof ruruHTML>[0]["clientConfig"]>,
    htmlParts: { titleTag: "<title>London IG Hub — GraphQL playground</title>" },
  });
}

/** True when a browser asks for a page (rather than a GraphQL client asking for JSON). */
export function wantsHtml(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.headers.accept ?? "").includes("text/html") && !(req.url ?? "").includes("query=");
}

/**
 * Routes of the playground: `GET /` (and `GET /graphql` from a browser) serve the page,
 * `/ruru-static/*` its assets, `/examples` the saved example queries as JSON.
 */
export function playgroundRoutes(examples = loadExamples()): RouteHandler[] {
  const page: RouteHandler = (req, res) => {
    const path = pathOf(req);
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path !== "/" && !(path === "/graphql" && wantsHtml(req))) return false;
    const selected = new URL(req.url ?? "/", "http://hub.invalid").searchParams.get("example");
    const html = playgroundHtml(examples, selected);
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-length": Buffer.byteLength(html),
      "content-security-policy": PLAYGROUND_CSP,
      "cache-control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : html);
    return true;
  };
  const assets: RouteHandler = async (req, res) => {
    const path = pathOf(req);
    if (!path.startsWith(RURU_STATIC_PATH) || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const file = await getStaticFile({ staticPath: RURU_STATIC_PATH, urlPath: path, acceptEncoding: req.headers["accept-encoding"], disallowDevAssets: true });
    if (!file) {
      sendJson(res, 404, { error: `no playground asset ${path}` });
      return true;
    }
    res.writeHead(200, { ...file.headers, "cache-control": "public, max-age=86400" });
    res.end(req.method === "HEAD" ? undefined : file.content);
    return true;
  };
  const list: RouteHandler = (req, res) => {
    if (pathOf(req) !== "/examples" || req.method !== "GET") return false;
    sendJson(res, 200, { examples });
    return true;
  };
  return [page, assets, list];
}
