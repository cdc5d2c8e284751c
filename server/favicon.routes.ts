import { readFileSync } from "node:fs";
import { pathOf, type RouteHandler } from "./route.kit.js";

/** The hub's icon (a clock: where the time goes), 32×32, shipped in the repository. */
export const FAVICON_FILE = new URL("./static/favicon.ico", import.meta.url);

/**
 * `GET /favicon.ico`: the icon a browser asks for on every page of the hub (playground,
 * dashboard), instead of a 404 in its console. Cached for a year: it changes with a release, if ever.
 */
export function faviconRoutes(): RouteHandler[] {
  const icon = readFileSync(FAVICON_FILE);
  return [
    (req, res) => {
      if (pathOf(req) !== "/favicon.ico" || (req.method !== "GET" && req.method !== "HEAD")) return false;
      res.writeHead(200, { "content-type": "image/x-icon", "content-length": icon.length, "cache-control": "public, max-age=31536000" });
      res.end(req.method === "HEAD" ? undefined : icon);
      return true;
    },
  ];
}
