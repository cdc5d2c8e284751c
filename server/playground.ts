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

/** The editor's opening document: every example, after an index of their single-example links. */
function initialQuery(examples: readonly Example[]): string {
  const index = examples.map((e) => `#   /?example=${e.name}`).join("\n");
  return [
    "# London IG Hub: saved example queries, the analytics first. Put the cursor in one and press",
    "# Ctrl+Enter (or pick it from the run button). The Docs panel (book icon) describes every type and field.",
    "# Open a single example:",
    index,
    "",
    ...examples.map((e) => e.text),
  ].join("\n");
}

/** The hub's name where Ruru shows its own. */
export const PLAYGROUND_NAME = "London IG Hub";

/**
 * Ruru's page made the hub's: Ruru offers no option for its logo or footer, so a style hides the
 * footer (a sponsor request with an outside link, and emoji that show as empty boxes where no
 * emoji font is installed) and a script, watching for Ruru's React render, replaces the logo's
 * outside link ("Ruru", to grafast.org) with the hub's name linking to the playground itself.
 */
const BRAND_STYLE = `<style>
.ruru-footer { display: none !important; }
.graphiql-logo a { color: inherit; text-decoration: none; }
</style>`;
const BRAND_SCRIPT = `<script>
(() => {
  const brand = () => {
    for (const a of document.querySelectorAll(".graphiql-logo a")) {
      if (a.textContent !== ${JSON.stringify(PLAYGROUND_NAME)}) a.textContent = ${JSON.stringify(PLAYGROUND_NAME)};
      if (a.getAttribute("href") !== "/") { a.setAttribute("href", "/"); a.removeAttribute("target"); a.removeAttribute("rel"); }
    }
    for (const a of document.querySelectorAll(".ruru-footer a[href]")) a.removeAttribute("href");
  };
  new MutationObserver(brand).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
</script>`;

/** The playground page: Ruru (GraphiQL) with every asset under RURU_STATIC_PATH, opening with every example. */
export function playgroundHtml(examples: readonly Example[], selected: Example | null = null): string {
  return ruruHTML({
    endpoint: "/graphql",
    staticPath: RURU_STATIC_PATH,
    // ruru-types marks every client option required; only these are set, the rest default.
    clientConfig: { initialQuery: selected ? selected.text : initialQuery(examples) } as NonNullable<Parameters<typeof ruruHTML>[0]["clientConfig"]>,
    htmlParts: {
      titleTag: `<title>${PLAYGROUND_NAME} — GraphQL playground</title>`,
      styleTags: (original) => `${original}\n${BRAND_STYLE}`,
      bodyInitScript: (original) => `${BRAND_SCRIPT}\n${original}`,
    },
  });
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** The 404 page for `?example=<name>` naming no saved example: says so and links the known ones. */
export function unknownExampleHtml(examples: readonly Example[], name: string): string {
  const items = examples.map((e) => `<li><a href="/?example=${encodeURIComponent(e.name)}">${escapeHtml(e.name)}</a></li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>No example ${escapeHtml(JSON.stringify(name))} — ${PLAYGROUND_NAME}</title>
<style>body { font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.5; }</style>
</head>
<body>
<h1>No saved example named ${escapeHtml(JSON.stringify(name))}</h1>
<p>The known examples are:</p>
<ul>
${items}
</ul>
<p><a href="/">Open the playground with all of them</a></p>
</body>
</html>
`;
}

/** True when a browser asks for a page (rather than a GraphQL client asking for JSON). */
export function wantsHtml(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.headers.accept ?? "").includes("text/html") && !(req.url ?? "").includes("query=");
}

/**
 * Routes of the playground: `GET /` (and `GET /graphql` from a browser) serve the page (404 naming
 * the known examples when `?example=` names none),
 * `/ruru-static/*` its assets, `/examples` the saved example queries as JSON.
 */
export function playgroundRoutes(examples = loadExamples()): RouteHandler[] {
  const page: RouteHandler = (req, res) => {
    const path = pathOf(req);
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path !== "/" && !(path === "/graphql" && wantsHtml(req))) return false;
    const name = new URL(req.url ?? "/", "http://hub.invalid").searchParams.get("example");
    const selected = name === null ? null : (examples.find((e) => e.name === name) ?? null);
    const found = name === null || selected !== null;
    const html = found ? playgroundHtml(examples, selected) : unknownExampleHtml(examples, name);
    res.writeHead(found ? 200 : 404, {
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
